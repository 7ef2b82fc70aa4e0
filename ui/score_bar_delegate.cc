#include "score_bar_delegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace il {

ScoreBarDelegate::ScoreBarDelegate(QColor bar, QObject* parent) : QStyledItemDelegate(parent), bar_(bar) {}

double ScoreBarDelegate::fraction(double v, double lo, double hi) {
  constexpr double kSliver = 0.04;
  if (!std::isfinite(v) || !std::isfinite(lo) || !std::isfinite(hi)) return 0;
  if (hi - lo <= 1e-12 * std::max(1.0, std::abs(hi))) return 1;
  return std::clamp(kSliver + (1 - kSliver) * (v - lo) / (hi - lo), 0.0, 1.0);
}

void ScoreBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
  const QVariant score = index.data(kScoreRole);
  if (!score.isValid()) {
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  const QString text = opt.text;
  opt.text.clear();
  // Background, selection and focus as the style draws them; the bar and number on top.
  const QWidget* w = option.widget;
  QStyle* style = w ? w->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, w);

  const QAbstractItemModel* m = index.model();
  const double lo = m->headerData(index.column(), Qt::Horizontal, kScoreMinRole).toDouble();
  const double hi = m->headerData(index.column(), Qt::Horizontal, kScoreMaxRole).toDouble();
  const double f = fraction(score.toDouble(), lo, hi);
  const QRect cell = option.rect.adjusted(3, 4, -3, -4);
  QRect bar = cell;
  bar.setWidth(static_cast<int>(std::lround(cell.width() * f)));

  painter->save();
  painter->setRenderHint(QPainter::Antialiasing, true);
  painter->setPen(Qt::NoPen);
  QColor track = option.palette.color(QPalette::Base).darker(104);
  painter->setBrush(track);
  painter->drawRoundedRect(cell, 2, 2);
  QColor fill = bar_;
  if (option.state & QStyle::State_Selected) fill = fill.lighter(115);
  painter->setBrush(fill);
  if (bar.width() > 0) painter->drawRoundedRect(bar, 2, 2);
  // The number stays readable over the bar: dark text, right-aligned.
  painter->setPen(option.palette.color(QPalette::Text));
  painter->setFont(opt.font);
  painter->drawText(cell.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, text);
  painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QSize s = QStyledItemDelegate::sizeHint(option, index);
  return {std::max(s.width() + 24, 72), s.height() + 4};
}

}  // namespace il
