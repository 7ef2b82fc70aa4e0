#include "recommendation_table_model.h"

#include <QColor>
#include <QFont>
#include <algorithm>
#include <cmath>

#include "feedback_delegate.h"
#include "score_bar_delegate.h"

namespace il {

QString formatScore(double v) {
  if (!std::isfinite(v)) return {};
  if (v == std::round(v) && std::abs(v) < 1e9) return QString::number(static_cast<qint64>(v));
  return QString::number(v, 'f', 4);
}

RecommendationTableModel::RecommendationTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RecommendationTableModel::setList(std::vector<Recommendation> list, const std::string& model,
                                       std::vector<std::string> models) {
  beginResetModel();
  list_ = std::move(list);
  model_ = model;
  models_ = std::move(models);
  // Bars are relative to the column, so the ranges are known before any cell paints.
  range_.assign(static_cast<size_t>(FirstModel) + models_.size(), {0.0, 0.0});
  for (int c = Score; c < static_cast<int>(range_.size()); ++c) {
    double lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < static_cast<int>(list_.size()); ++r) {
      const double v = scoreAt(r, c);
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    range_[static_cast<size_t>(c)] = std::isfinite(lo) ? std::pair{lo, hi} : std::pair{0.0, 0.0};
  }
  endResetModel();
}

void RecommendationTableModel::clear() { setList({}, model_, models_); }

int RecommendationTableModel::rowOf(int32_t item) const {
  for (size_t i = 0; i < list_.size(); ++i)
    if (list_[i].item == item) return static_cast<int>(i);
  return -1;
}

int32_t RecommendationTableModel::itemAt(int row) const {
  return row >= 0 && row < rowCount() ? list_[static_cast<size_t>(row)].item : -1;
}

int RecommendationTableModel::modelColumn(const std::string& model) const {
  const auto it = std::find(models_.begin(), models_.end(), model);
  return it == models_.end() ? -1 : FirstModel + static_cast<int>(it - models_.begin());
}

int RecommendationTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(list_.size());
}

int RecommendationTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : FirstModel + static_cast<int>(models_.size());
}

double RecommendationTableModel::scoreAt(int row, int column) const {
  const Recommendation& r = list_[static_cast<size_t>(row)];
  if (column == Score) return r.score;
  const size_t m = static_cast<size_t>(column - FirstModel);
  if (m >= models_.size()) return NAN;
  for (const auto& [name, v] : r.modelScores)
    if (name == models_[m]) return v;
  return NAN;
}

QVariant RecommendationTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Recommendation& r = list_[static_cast<size_t>(index.row())];
  const int c = index.column();
  const Feedback fb = r.why.feedback;
  if (role == kItemRole) return r.item;
  if (role == kFeedbackRole) return static_cast<int>(fb);
  if (c >= Score && role == kScoreRole) {
    const double v = scoreAt(index.row(), c);
    return std::isfinite(v) ? QVariant(v) : QVariant();
  }
  switch (role) {
    case Qt::DisplayRole:
      switch (c) {
        case Rank: return r.rank;
        case FeedbackColumn: return fb == Feedback::Like ? tr("✓ liked") : fb == Feedback::Dislike ? tr("✕ disliked") : QString();
        case Title: return QString::fromStdString(r.title.empty() ? r.id : r.title);
        case Item: return QString::fromStdString(r.id);
        default: return formatScore(scoreAt(index.row(), c));
      }
    case Qt::ToolTipRole:
      if (c == Title || c == Item) {
        // The full title: long ones are elided in the cell.
        QString t = QString::fromStdString(r.title).toHtmlEscaped();
        if (fb == Feedback::Like) t += tr(" (you liked it)");
        return QStringLiteral("<qt>%1<br><i>%2</i></qt>").arg(t, QString::fromStdString(r.id).toHtmlEscaped());
      }
      if (c == FeedbackColumn) return tr("♥ like / ✕ dislike; click again to clear");
      return {};
    case Qt::TextAlignmentRole:
      if (c == Rank || c >= Score) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    case Qt::FontRole:
      if (c == Title && fb == Feedback::Like) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    default:
      return {};
  }
}

QVariant RecommendationTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
  if (role == kScoreMinRole || role == kScoreMaxRole) {
    if (static_cast<size_t>(section) >= range_.size()) return {};
    const auto [lo, hi] = range_[static_cast<size_t>(section)];
    return role == kScoreMinRole ? lo : hi;
  }
  if (role == Qt::ToolTipRole && section >= FirstModel)
    return tr("The %1 model's score for this item (raw, not normalised)")
        .arg(QString::fromStdString(models_[static_cast<size_t>(section - FirstModel)]));
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Rank: return tr("#");
    case FeedbackColumn: return tr("Feedback");
    case Title: return tr("Title");
    case Item: return tr("Item");
    case Score: return tr("Score (%1)").arg(QString::fromStdString(model_));
    default: return QString::fromStdString(models_[static_cast<size_t>(section - FirstModel)]);
  }
}

}  // namespace il
