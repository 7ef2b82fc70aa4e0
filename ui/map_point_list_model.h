// The map's side list: the points of a rubber-band selection, or a clicked point's
// nearest neighbours in the original vector space with their cosine similarity.
// Rows are built lazily from the corpus, so a selection of 50k points costs nothing.
#pragma once

#include <QAbstractTableModel>
#include <memory>
#include <vector>

#include "map_points.h"

namespace il {

class MapPointListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { User, Item, Similarity, Text, Columns };
  static constexpr int PointRole = Qt::UserRole + 1;  // the row's point index (qint64)

  using QAbstractTableModel::QAbstractTableModel;

  void setPoints(std::shared_ptr<const MapPoints> points, std::vector<int64_t> rows);
  // Rows with their similarity; NaN similarity is shown blank.
  void setNeighbours(std::shared_ptr<const MapPoints> points, std::vector<std::pair<int64_t, float>> rows);
  void clear();

  int64_t pointAt(int row) const { return rows_[static_cast<size_t>(row)]; }
  float similarityAt(int row) const { return sims_.empty() ? 0.0f : sims_[static_cast<size_t>(row)]; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::shared_ptr<const MapPoints> points_;
  std::vector<int64_t> rows_;
  std::vector<float> sims_;  // empty for a plain selection
};

}  // namespace il
