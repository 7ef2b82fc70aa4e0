// Before/after of text cleaning on sample rows, for the import dialog (texts of the
// previewed file, cleaned with the settings ticked there) and the Data view's
// Cleaning tab (texts the project's import changed). Also the step check boxes.
#pragma once

#include <QWidget>
#include <vector>

#include "text/cleaning_report.h"

class QCheckBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace il {

// One check box per cleaning step; the thresholds keep their defaults.
class CleaningSettingsEditor : public QWidget {
  Q_OBJECT
 public:
  explicit CleaningSettingsEditor(QWidget* parent = nullptr);
  CleaningSettings settings() const;
  void setSettings(const CleaningSettings& s);
  QCheckBox* box(const QString& step) const;  // "entities", "urls", ...

 signals:
  void changed();

 private:
  std::vector<std::pair<QString, QCheckBox*>> boxes_;
  CleaningSettings base_;
};

class CleaningPreview : public QWidget {
  Q_OBJECT
 public:
  explicit CleaningPreview(QWidget* parent = nullptr);

  // Cleans `raw` with `settings` here (a few rows: fast enough for the GUI thread).
  void showCleaned(const QStringList& raw, const CleaningSettings& settings);
  // Rows already cleaned (before = raw, after = stored text).
  void showExamples(const std::vector<CleaningExample>& rows, const QString& note);

  QStandardItemModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  QLabel* note() const { return note_; }

 private:
  void addRow(const QString& before, const QString& after, const QString& what, const QString& flags,
              const QString& lang);
  void finish();

  QLabel* note_;
  QStandardItemModel* model_;
  QTableView* view_;
};

}  // namespace il
