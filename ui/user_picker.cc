#include "user_picker.h"

#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>

#include "engine_session.h"

namespace il {

UserPicker::UserPicker(EngineSession* session, QWidget* parent) : QComboBox(parent), session_(session) {
  setObjectName(QStringLiteral("userPicker"));
  setEditable(true);
  setInsertPolicy(QComboBox::NoInsert);
  setMinimumContentsLength(18);
  setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  setToolTip(tr("The user every view shows: type part of an id to find one"));
  lineEdit()->setPlaceholderText(tr("user…"));
  auto* completer = new QCompleter(model(), this);
  completer->setFilterMode(Qt::MatchContains);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setCompletionMode(QCompleter::PopupCompletion);
  setCompleter(completer);
  setEnabled(false);

  connect(this, &QComboBox::textActivated, this, &UserPicker::choose);
  connect(completer, qOverload<const QString&>(&QCompleter::activated), this, &UserPicker::choose);
  connect(session_, &EngineSession::ready, this, &UserPicker::fill);
  connect(session_, &EngineSession::cleared, this, [this]() {
    clear();
    setEnabled(false);
  });
  connect(session_, &EngineSession::currentUserChanged, this, [this](int32_t user) {
    const QSignalBlocker block(this);
    setCurrentIndex(user);
  });
}

void UserPicker::fill() {
  const QSignalBlocker block(this);
  clear();
  auto rec = session_->recommender();
  if (!rec) return;
  QStringList ids;
  ids.reserve(static_cast<qsizetype>(rec->corpus().users.size()));
  for (const std::string& u : rec->corpus().users) ids << QString::fromStdString(u);
  addItems(ids);  // index == dense user index
  setCurrentIndex(session_->currentUser());
  setEnabled(true);
}

void UserPicker::choose(const QString& text) {
  if (!session_->selectUser(text)) {
    const QSignalBlocker block(this);
    setCurrentIndex(session_->currentUser());  // unknown id: back to the current user
  }
}

}  // namespace il
