// The models on this computer (il::scanModels) as a table: id, status, dimension, language,
// pooling, size and folder. Unusable models say why in the Status column and how to fix it in
// its tooltip.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "models_catalog/hf_cache.h"

namespace il {

class ModelListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Id, Status, Dimension, Language, Pooling, Size, Folder, ColumnCount };
  static constexpr int PathRole = Qt::UserRole + 1;    // the folder to give the bert encoder
  static constexpr int UsableRole = Qt::UserRole + 2;  // bool

  explicit ModelListModel(QObject* parent = nullptr);

  void setModels(std::vector<CachedModel> models);
  const std::vector<CachedModel>& models() const { return models_; }
  int rowOf(const QString& id) const;  // -1 when absent
  // The model being downloaded now shows "downloading…" rather than "incomplete".
  void setDownloading(const QString& id);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<CachedModel> models_;
  QString downloading_;
};

// "12.3 MiB"
QString humanBytes(qint64 bytes);

}  // namespace il
