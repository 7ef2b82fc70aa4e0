#include "map_point_list_model.h"

namespace il {

void MapPointListModel::setPoints(std::shared_ptr<const MapPoints> points, std::vector<int64_t> rows) {
  beginResetModel();
  points_ = std::move(points);
  rows_ = std::move(rows);
  sims_.clear();
  endResetModel();
}

void MapPointListModel::setNeighbours(std::shared_ptr<const MapPoints> points, std::vector<std::pair<int64_t, float>> rows) {
  beginResetModel();
  points_ = std::move(points);
  rows_.clear(), sims_.clear();
  for (const auto& [p, s] : rows) rows_.push_back(p), sims_.push_back(s);
  endResetModel();
}

void MapPointListModel::clear() { setPoints(nullptr, {}); }

int MapPointListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !points_ ? 0 : static_cast<int>(rows_.size());
}

int MapPointListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : Columns; }

QVariant MapPointListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !points_ || index.row() >= static_cast<int>(rows_.size())) return {};
  const int64_t p = rows_[static_cast<size_t>(index.row())];
  if (role == PointRole) return QVariant::fromValue<qint64>(p);
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  const Corpus& corpus = points_->engine->corpus();
  const int32_t user = points_->userOf(p), item = points_->itemOf(p);
  switch (index.column()) {
    case User:
      return QString::fromStdString(corpus.users[static_cast<size_t>(user)]);
    case Item:
      if (item < 0) return {};
      if (role == Qt::ToolTipRole) return QString::fromStdString(corpus.items[static_cast<size_t>(item)].title);
      return QString::fromStdString(corpus.items[static_cast<size_t>(item)].id);
    case Similarity:
      return sims_.empty() ? QVariant() : QVariant(QString::number(sims_[static_cast<size_t>(index.row())], 'f', 3));
    case Text: {
      if (points_->subject == MapSubject::Users) {
        const GlobalClusters* g = points_->engine->clusters();
        const int32_t c = points_->cluster[static_cast<size_t>(p)];
        return c >= 0 && g ? tr("profile · %1").arg(QString::fromStdString(g->clusters[static_cast<size_t>(c)].label)) : tr("profile");
      }
      const QString text = QString::fromStdString(corpus.texts[static_cast<size_t>(points_->ids[static_cast<size_t>(p)])].text);
      return role == Qt::ToolTipRole ? text : text.simplified();
    }
    default:
      return {};
  }
}

QVariant MapPointListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case User: return tr("User");
    case Item: return tr("Item");
    case Similarity: return tr("Cosine");
    case Text: return tr("Text");
    default: return {};
  }
}

}  // namespace il
