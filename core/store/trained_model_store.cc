#include "trained_model_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <cstring>
#include <ctime>

#include "project.h"
#include "sqlite_db.h"

namespace il {

namespace {

std::string idsJson(const std::vector<std::string>& ids) {
  QJsonArray a;
  for (const auto& id : ids) a.append(QString::fromStdString(id));
  return QJsonDocument(a).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<std::string> idsFromJson(const std::string& json, int64_t model) {
  const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(json));
  if (!d.isArray()) throw ProjectError("trained model " + std::to_string(model) + ": its id list is not a JSON array");
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(d.array().size()));
  for (const auto& v : d.array()) out.push_back(v.toString().toStdString());
  return out;
}

// Vectors are stored as the floats' bytes, as the vectors table does.
Matrix matrixFromBlob(const std::string& blob, int64_t rows, int64_t cols, int64_t model) {
  if (rows < 0 || cols <= 0 || blob.size() != static_cast<size_t>(rows * cols) * sizeof(float))
    throw ProjectError("trained model " + std::to_string(model) + ": vectors hold " + std::to_string(blob.size()) +
                       " bytes, expected " + std::to_string(rows) + " x " + std::to_string(cols) + " floats");
  Matrix m = Matrix::zeros(rows, cols);
  std::memcpy(m.data.data(), blob.data(), blob.size());
  return m;
}

constexpr const char* kColumns = "id, kind, encoder_id, params, history, metrics, created";

TrainedModel rowHeader(const Statement& q) {
  TrainedModel m;
  m.id = q.int64(0);
  m.kind = q.text(1);
  m.encoderId = q.text(2);
  m.paramsJson = q.text(3);
  m.historyJson = q.text(4);
  m.metricsJson = q.text(5);
  m.created = q.int64(6);
  return m;
}

}  // namespace

int64_t TrainedModelStore::save(TrainedModel m) {
  const auto dim = m.userVectors.cols;
  if (m.userVectors.rows != static_cast<int64_t>(m.userIds.size()) ||
      m.itemVectors.rows != static_cast<int64_t>(m.itemIds.size()) || m.itemVectors.cols != dim || dim <= 0)
    throw ProjectError("trained model \"" + m.kind + "\": vectors do not match its users and items");
  Database& db = project_.database();
  Transaction tx(db);
  Statement put(db.handle(),
                "INSERT INTO trained_models(kind, encoder_id, params, history, metrics, created, dim, user_ids, "
                "item_ids, user_vectors, item_vectors, state) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  const std::string users = idsJson(m.userIds), items = idsJson(m.itemIds);
  put.bind(1, std::string_view(m.kind)).bind(2, std::string_view(m.encoderId));
  put.bind(3, std::string_view(m.paramsJson)).bind(4, std::string_view(m.historyJson));
  put.bind(5, std::string_view(m.metricsJson)).bind(6, int64_t{std::time(nullptr)}).bind(7, int64_t{dim});
  put.bind(8, std::string_view(users)).bind(9, std::string_view(items));
  put.bindBlob(10, m.userVectors.data.data(), m.userVectors.data.size() * sizeof(float));
  put.bindBlob(11, m.itemVectors.data.data(), m.itemVectors.data.size() * sizeof(float));
  put.bindBlob(12, m.state.data(), m.state.size());
  put.run();
  const int64_t id = db.lastInsertId();
  tx.commit();
  return id;
}

std::optional<TrainedModel> TrainedModelStore::latest(const std::string& kind, const std::string& encoderId) {
  Statement q(project_.database().handle(),
              std::string("SELECT ") + kColumns +
                  ", dim, user_ids, item_ids, user_vectors, item_vectors, state FROM trained_models "
                  "WHERE kind = ?1 AND (?2 = '' OR encoder_id = ?2) ORDER BY id DESC LIMIT 1");
  q.bind(1, std::string_view(kind)).bind(2, std::string_view(encoderId));
  if (!q.step()) return std::nullopt;
  TrainedModel m = rowHeader(q);
  const int64_t dim = q.int64(7);
  m.userIds = idsFromJson(q.text(8), m.id);
  m.itemIds = idsFromJson(q.text(9), m.id);
  m.userVectors = matrixFromBlob(q.text(10), static_cast<int64_t>(m.userIds.size()), dim, m.id);
  m.itemVectors = matrixFromBlob(q.text(11), static_cast<int64_t>(m.itemIds.size()), dim, m.id);
  m.state = q.text(12);
  return m;
}

std::vector<TrainedModel> TrainedModelStore::list() {
  std::vector<TrainedModel> out;
  Statement q(project_.database().handle(), std::string("SELECT ") + kColumns + " FROM trained_models ORDER BY id DESC");
  while (q.step()) out.push_back(rowHeader(q));
  return out;
}

void TrainedModelStore::remove(int64_t id) {
  Statement del(project_.database().handle(), "DELETE FROM trained_models WHERE id = ?1");
  del.bind(1, id);
  del.run();
}

}  // namespace il
