#include "feedback_delegate.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionToolButton>

namespace il {

namespace {
constexpr int kButton = 22;  // px, square
constexpr int kGap = 4;

void drawButton(QPainter* p, const QStyleOptionViewItem& cell, const QRect& r, const QString& glyph, bool on,
                QColor onColor) {
  QStyleOptionToolButton b;
  b.rect = r;
  b.palette = cell.palette;
  b.state = QStyle::State_Enabled | QStyle::State_AutoRaise | (on ? QStyle::State_On | QStyle::State_Sunken : QStyle::State_Raised);
  if (cell.state & QStyle::State_MouseOver) b.state |= QStyle::State_Raised;
  b.subControls = QStyle::SC_ToolButton;
  b.toolButtonStyle = Qt::ToolButtonTextOnly;
  const QWidget* w = cell.widget;
  QStyle* style = w ? w->style() : QApplication::style();
  // Only the panel from the style: the glyph is coloured by state, which styles ignore.
  if (on || (cell.state & QStyle::State_MouseOver)) style->drawPrimitive(QStyle::PE_PanelButtonTool, &b, p, w);
  p->save();
  QColor c = on ? onColor : cell.palette.color(QPalette::Disabled, QPalette::Text);
  p->setPen(c);
  QFont f = cell.font;
  f.setBold(on);
  p->setFont(f);
  p->drawText(r, Qt::AlignCenter, glyph);
  p->restore();
}
}  // namespace

FeedbackDelegate::FeedbackDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QRect FeedbackDelegate::likeRect(const QRect& cell) {
  const int top = cell.top() + (cell.height() - kButton) / 2;
  const int left = cell.left() + (cell.width() - 2 * kButton - kGap) / 2;
  return {left, top, kButton, kButton};
}

QRect FeedbackDelegate::dislikeRect(const QRect& cell) {
  return likeRect(cell).translated(kButton + kGap, 0);
}

void FeedbackDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  opt.text.clear();
  const QWidget* w = option.widget;
  QStyle* style = w ? w->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, w);
  const int v = index.data(kFeedbackRole).toInt();
  drawButton(painter, option, likeRect(option.rect), QStringLiteral("♥"), v > 0, QColor(0xd0, 0x30, 0x50));
  drawButton(painter, option, dislikeRect(option.rect), QStringLiteral("✕"), v < 0, QColor(0x50, 0x50, 0x50));
}

QSize FeedbackDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
  return {2 * kButton + kGap + 12, kButton + 6};
}

bool FeedbackDelegate::editorEvent(QEvent* event, QAbstractItemModel*, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) {
  if (event->type() != QEvent::MouseButtonRelease) return false;
  const auto* me = static_cast<QMouseEvent*>(event);
  if (me->button() != Qt::LeftButton) return false;
  const QPoint p = me->position().toPoint();
  if (likeRect(option.rect).contains(p)) emit clicked(index.row(), Feedback::Like);
  else if (dislikeRect(option.rect).contains(p)) emit clicked(index.row(), Feedback::Dislike);
  else return false;
  return true;
}

}  // namespace il
