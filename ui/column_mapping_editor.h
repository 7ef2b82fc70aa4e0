// Which column holds what, one combo box per role. Starts from the engine's
// detection; once the user picks a column, it builds the explicit spec the engine
// takes ("user=COL,item=COL,..." or "id=COL,title=COL,...").
#pragma once

#include <QMap>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace il {

class ColumnMappingEditor : public QWidget {
  Q_OBJECT
 public:
  enum class Kind { Interactions, Items };

  explicit ColumnMappingEditor(Kind kind, QWidget* parent = nullptr);

  // Shows the mapping for `header`. Edits survive when they still fit the new header.
  void setHeader(const QStringList& header);
  QStringList header() const { return header_; }

  // Empty while the user has not changed the detection (so every file is detected
  // on its own); otherwise every role that has a column.
  QString spec() const { return spec_; }
  QString flavour() const { return flavour_; }  // "MovieLens ratings", "mapped", ...
  QString error() const { return error_; }      // e.g. no user column
  QStringList roles() const { return roles_; }
  QComboBox* combo(const QString& role) const { return combos_.value(role); }

 signals:
  void changed();

 private:
  void onEdited();
  void resolve(const QString& spec);  // runs the engine's resolver, shows what it picked

  const Kind kind_;
  QStringList roles_;
  QMap<QString, QComboBox*> combos_;
  QLabel* note_;
  QStringList header_;
  QString spec_, flavour_, error_;
};

}  // namespace il
