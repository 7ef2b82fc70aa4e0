#include "model_list_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace il {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString statusText(const CachedModel& m) {
  if (m.usable) return QObject::tr("usable");
  const QString reason = q(m.reason());
  if (reason.startsWith(QLatin1String("download incomplete"))) return reason;
  return (m.complete ? QObject::tr("unusable: ") : QObject::tr("incomplete: ")) + reason;
}

QString fixesText(const CachedModel& m) {
  QStringList lines;
  for (const ModelIssue& i : m.issues) lines << QStringLiteral("• %1\n  → %2").arg(q(i.problem), q(i.fix));
  return lines.join('\n');
}

}  // namespace

QString humanBytes(qint64 bytes) { return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat); }

ModelListModel::ModelListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelListModel::setModels(std::vector<CachedModel> models) {
  beginResetModel();
  models_ = std::move(models);
  endResetModel();
}

void ModelListModel::setDownloading(const QString& id) {
  downloading_ = id;
  if (!models_.empty()) emit dataChanged(index(0, Status), index(rowCount() - 1, Status));
}

int ModelListModel::rowOf(const QString& id) const {
  for (size_t i = 0; i < models_.size(); ++i)
    if (q(models_[i].id) == id) return static_cast<int>(i);
  return -1;
}

int ModelListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(models_.size());
}

int ModelListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const CachedModel& m = models_[static_cast<size_t>(index.row())];
  if (role == PathRole) return q(m.path);
  if (role == UsableRole) return m.usable;
  if (role == Qt::ToolTipRole) {
    if (index.column() == Status && !m.usable) return fixesText(m);
    if (index.column() == Folder || index.column() == Id) return q(m.path);
    if (index.column() == Pooling && !m.pooling.empty())
      return m.poolingFromFolder ? tr("from the folder's 1_Pooling/config.json") : tr("a guess from the model family");
    return {};
  }
  if (role == Qt::ForegroundRole && index.column() == Status && !m.usable)
    return QBrush(m.complete ? QColor(0xb0, 0x30, 0x20) : QColor(0xa0, 0x60, 0x00));
  if (role == Qt::TextAlignmentRole && (index.column() == Dimension || index.column() == Size))
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Id: return q(m.id);
    case Status:
      return !m.usable && !downloading_.isEmpty() && q(m.id) == downloading_ ? tr("downloading…") : statusText(m);
    case Dimension: return m.hiddenSize > 0 ? QVariant(m.hiddenSize) : QVariant(QStringLiteral("?"));
    case Language: return m.language.empty() ? QStringLiteral("?") : q(m.language);
    case Pooling:
      return m.pooling.empty() ? QStringLiteral("?") : q(m.pooling) + (m.poolingFromFolder ? QString() : QStringLiteral(" (guess)"));
    case Size: return humanBytes(m.sizeBytes);
    case Folder: return q(m.path);
  }
  return {};
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Id: return tr("Model");
    case Status: return tr("Status");
    case Dimension: return tr("Dim");
    case Language: return tr("Language");
    case Pooling: return tr("Pooling");
    case Size: return tr("Size");
    case Folder: return tr("Folder");
  }
  return {};
}

}  // namespace il
