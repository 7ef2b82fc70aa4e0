#include "vector_store.h"

#include <cstring>

#include "../text/text_hash.h"
#include "project.h"
#include "sqlite_db.h"

namespace il {

namespace {
// User texts and item texts: both are encoded and cached the same way.
constexpr const char* kAllTexts = "(SELECT hash, text FROM texts UNION ALL SELECT hash, text FROM item_texts)";
}  // namespace

void VectorStore::registerEncoder(const std::string& id, const std::string& kind,
                                  const std::string& settingsJson, int dim) {
  Database& db = project_.database();
  Statement q(db.handle(), "SELECT dim FROM encoders WHERE id = ?1");
  q.bind(1, std::string_view(id));
  if (q.step()) {
    if (q.int64(0) != dim)
      throw ProjectError("encoder " + id + " is recorded with dimension " + std::to_string(q.int64(0)) +
                         ", not " + std::to_string(dim));
    return;
  }
  Statement ins(db.handle(),
                "INSERT INTO encoders(id, kind, settings, dim, created) VALUES(?1, ?2, ?3, ?4, strftime('%s','now'))");
  ins.bind(1, std::string_view(id)).bind(2, std::string_view(kind)).bind(3, std::string_view(settingsJson))
      .bind(4, int64_t{dim});
  ins.run();
}

std::vector<PendingText> VectorStore::missing(const std::string& encoderId) {
  std::vector<PendingText> out;
  Statement q(project_.database().handle(),
              std::string("SELECT t.hash, MIN(t.text) FROM ") + kAllTexts +
                  " t WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.encoder_id = ?1 AND v.hash = t.hash) "
                  "GROUP BY t.hash");
  q.bind(1, std::string_view(encoderId));
  while (q.step()) out.push_back({q.text(0), q.text(1)});
  return out;
}

std::vector<PendingText> VectorStore::all() {
  std::vector<PendingText> out;
  Statement q(project_.database().handle(), std::string("SELECT hash, MIN(text) FROM ") + kAllTexts + " GROUP BY hash ORDER BY hash");
  while (q.step()) out.push_back({q.text(0), q.text(1)});
  return out;
}

int64_t VectorStore::distinctTexts() {
  return project_.database().scalar(std::string("SELECT COUNT(DISTINCT hash) FROM ") + kAllTexts);
}

int64_t VectorStore::encodedCount(const std::string& encoderId) {
  Statement q(project_.database().handle(),
              "SELECT COUNT(*) FROM vectors v WHERE v.encoder_id = ?1 AND "
              "(EXISTS (SELECT 1 FROM texts t WHERE t.hash = v.hash) OR "
              "EXISTS (SELECT 1 FROM item_texts t WHERE t.hash = v.hash))");
  q.bind(1, std::string_view(encoderId));
  return q.step() ? q.int64(0) : 0;
}

void VectorStore::put(const std::string& encoderId, const std::vector<std::string>& hashes,
                      const float* rows, int dim) {
  Database& db = project_.database();
  Transaction tx(db);
  Statement ins(db.handle(), "INSERT OR REPLACE INTO vectors(encoder_id, hash, vec) VALUES(?1, ?2, ?3)");
  for (size_t i = 0; i < hashes.size(); ++i) {
    ins.bind(1, std::string_view(encoderId))
        .bindBlob(2, hashes[i].data(), hashes[i].size())
        .bindBlob(3, rows + i * static_cast<size_t>(dim), sizeof(float) * static_cast<size_t>(dim));
    ins.run();
  }
  tx.commit();
}

std::vector<float> VectorStore::get(const std::string& encoderId, const std::string& hash) {
  Statement q(project_.database().handle(), "SELECT vec FROM vectors WHERE encoder_id = ?1 AND hash = ?2");
  q.bind(1, std::string_view(encoderId)).bindBlob(2, hash.data(), hash.size());
  std::vector<float> v;
  if (q.step()) {
    const std::string blob = q.text(0);
    // A blob that is not whole floats is damaged: treated as absent (as loadCorpusVectors does).
    if (blob.empty() || blob.size() % sizeof(float) != 0) return v;
    v.resize(blob.size() / sizeof(float));
    std::memcpy(v.data(), blob.data(), blob.size());
  }
  return v;
}

}  // namespace il
