// The Like / Dislike cell of a recommendation row: two small tool buttons (♥, ✕)
// painted by the style, the active one shown pressed. A click on one asks for that
// feedback (the view toggles it back to none when it is already set). The cell reads
// the state from kFeedbackRole (-1 dislike, 0 none, 1 like). Receivers that re-rank
// should do it queued: the view is still inside the click when the signal arrives.
#pragma once

#include <QStyledItemDelegate>

#include "store/feedback_store.h"

namespace il {

inline constexpr int kFeedbackRole = Qt::UserRole + 43;

class FeedbackDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  explicit FeedbackDelegate(QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

  // Where the two buttons sit in a cell (like on the left).
  static QRect likeRect(const QRect& cell);
  static QRect dislikeRect(const QRect& cell);

 signals:
  void clicked(int row, il::Feedback value);
};

}  // namespace il
