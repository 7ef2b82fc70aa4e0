// The toolbar's user picker: type-ahead over user ids (matches anywhere in the id),
// driving EngineSession::currentUser for every view, and following it back.
#pragma once

#include <QComboBox>

namespace il {

class EngineSession;

class UserPicker : public QComboBox {
  Q_OBJECT
 public:
  explicit UserPicker(EngineSession* session, QWidget* parent = nullptr);

 private:
  void fill();
  void choose(const QString& text);

  EngineSession* session_;
};

}  // namespace il
