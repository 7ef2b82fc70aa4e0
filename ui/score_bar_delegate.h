// Paints a score as a bar across the cell, proportional to where it lies between the
// column's lowest and highest score (asked of the model through headerData with
// kScoreMinRole / kScoreMaxRole), with the number on top. Sorting and export still see
// the plain number (DisplayRole); the bar reads kScoreRole.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace il {

inline constexpr int kScoreRole = Qt::UserRole + 40;     // double, on cells
inline constexpr int kScoreMinRole = Qt::UserRole + 41;  // double, on the horizontal header
inline constexpr int kScoreMaxRole = Qt::UserRole + 42;

class ScoreBarDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  explicit ScoreBarDelegate(QColor bar, QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  // Share of the cell the bar fills: (v - lo) / (hi - lo), at least a sliver so the
  // lowest score still shows; a column of equal scores fills every cell.
  static double fraction(double v, double lo, double hi);

 private:
  QColor bar_;
};

}  // namespace il
