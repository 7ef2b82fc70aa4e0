#include "vector_exchange.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "../job.h"
#include "../store/corpus_vectors.h"
#include "../store/project.h"
#include "../store/sqlite_db.h"
#include "vector_shards.h"

namespace il {

namespace fs = std::filesystem;

const char* version();  // version.cc

namespace {

constexpr const char* kAllTexts = "(SELECT hash, text FROM texts UNION ALL SELECT hash, text FROM item_texts)";

std::unordered_set<std::string> projectHashes(Project& project) {
  std::unordered_set<std::string> out;
  Statement q(project.database().handle(), std::string("SELECT DISTINCT hash FROM ") + kAllTexts);
  while (q.step()) out.insert(q.text(0));
  return out;
}

std::string tsvCell(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

VectorImportStats importVectorShards(Project& project, const std::string& dir, const JobControl* job) {
  const auto start = std::chrono::steady_clock::now();
  VectorImportStats st;
  if (job) job->report({0, 0, "Verifying shards in " + dir});
  // Verifies every sidecar and checksum before anything is written.
  const ShardSet set = readShardSet(dir, true);
  const ShardSidecar& head = set.shards.front();
  st.encoderId = set.encoderId;
  st.dim = set.dim;
  st.shards = static_cast<int>(set.shards.size());
  st.rows = set.rows;
  const std::unordered_set<std::string> hashes = projectHashes(project);
  st.projectTexts = static_cast<int64_t>(hashes.size());

  Database& db = project.database();
  Transaction tx(db);
  {
    // Registered like `encode` does, so the project cannot tell the two apart.
    Statement q(db.handle(), "SELECT dim FROM encoders WHERE id = ?1");
    q.bind(1, std::string_view(head.encoderId));
    if (q.step()) {
      if (q.int64(0) != head.dim)
        throw ProjectError(project.path() + ": encoder " + head.encoderId + " is recorded with dimension " +
                           std::to_string(q.int64(0)) + ", the shards in " + dir + " have " + std::to_string(head.dim));
    } else {
      Statement ins(db.handle(),
                    "INSERT INTO encoders(id, kind, settings, dim, created) VALUES(?1, ?2, ?3, ?4, strftime('%s','now'))");
      ins.bind(1, std::string_view(head.encoderId)).bind(2, std::string_view(head.encoderKind))
          .bind(3, std::string_view(head.settingsJson)).bind(4, int64_t{head.dim});
      ins.run();
    }
  }
  Statement ins(db.handle(), "INSERT OR REPLACE INTO vectors(encoder_id, hash, vec) VALUES(?1, ?2, ?3)");
  std::unordered_set<std::string> seen;
  int64_t done = 0;
  for (const ShardSidecar& s : set.shards) {
    if (job && job->cancelled()) throw Cancelled{};
    const Matrix m = readShardVectors(s);
    for (int64_t r = 0; r < m.rows; ++r) {
      const std::string& h = s.textHashes[static_cast<size_t>(r)];
      if (!seen.insert(h).second) {
        ++st.duplicateRows;
        continue;
      }
      if (!hashes.count(h)) {
        ++st.unmatched;
        continue;
      }
      ins.bind(1, std::string_view(head.encoderId))
          .bindBlob(2, h.data(), h.size())
          .bindBlob(3, m.row(r), sizeof(float) * static_cast<size_t>(m.cols));
      ins.run();
      ++st.matched;
    }
    done += m.rows;
    if (job) job->report({done, set.rows, "Importing vectors"});
  }
  if (st.matched == 0)
    throw VectorShardError(dir + ": none of the " + std::to_string(set.rows) +
                           " vectors belongs to a text of " + project.path() +
                           " (were the shards made from this project's texts? `export --what texts` writes them)");
  tx.commit();
  st.encodedAfter = [&] {
    Statement q(db.handle(), std::string("SELECT COUNT(*) FROM (SELECT DISTINCT hash FROM ") + kAllTexts +
                                 ") t WHERE EXISTS (SELECT 1 FROM vectors v WHERE v.encoder_id = ?1 AND v.hash = t.hash)");
    q.bind(1, std::string_view(head.encoderId));
    return q.step() ? q.int64(0) : int64_t{0};
  }();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return st;
}

VectorExportStats exportVectorShards(Project& project, const std::string& dir, const std::string& encoderId,
                                     int64_t rowsPerShard, bool tensorBoard) {
  VectorExportStats st;
  EncoderInfo enc;
  bool found = false;
  for (const EncoderInfo& e : projectEncoders(project))
    if (encoderId.empty() ? e.vectors > 0 : e.id == encoderId) {
      enc = e;
      found = true;
      break;
    }
  if (!found)
    throw ProjectError(encoderId.empty() ? project.path() + ": no text vectors yet; encode the project first"
                                         : project.path() + ": no encoder \"" + encoderId + "\" in this project");
  if (rowsPerShard <= 0) throw VectorShardError("rows per shard must be positive");
  st.encoderId = enc.id;
  st.dim = enc.dim;
  // Vectors of the project's texts, with one of the texts for the metadata, by hash.
  std::vector<std::string> hashes, texts;
  std::vector<float> flat;
  {
    Statement q(project.database().handle(),
                std::string("SELECT t.hash, MIN(t.text), v.vec FROM ") + kAllTexts +
                    " t JOIN vectors v ON v.encoder_id = ?1 AND v.hash = t.hash GROUP BY t.hash ORDER BY t.hash");
    q.bind(1, std::string_view(enc.id));
    while (q.step()) {
      const std::string blob = q.text(2);
      if (blob.size() != sizeof(float) * static_cast<size_t>(enc.dim)) continue;
      hashes.push_back(q.text(0));
      texts.push_back(q.text(1));
      flat.resize(flat.size() + static_cast<size_t>(enc.dim));
      std::memcpy(flat.data() + flat.size() - static_cast<size_t>(enc.dim), blob.data(), blob.size());
    }
  }
  const auto rows = static_cast<int64_t>(hashes.size());
  if (rows == 0) throw ProjectError(project.path() + ": encoder " + enc.id + " has no vectors of the project's texts");
  st.rows = rows;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw VectorShardError(dir + ": cannot create the directory (" + ec.message() + ")");
  const int n = static_cast<int>((rows + rowsPerShard - 1) / rowsPerShard);
  st.shards = n;
  const std::string inputSha = hashesSha256(hashes);
  for (int k = 0; k < n; ++k) {
    ShardSidecar meta;
    meta.encoderId = enc.id;
    meta.encoderKind = enc.kind;
    meta.settingsJson = enc.settingsJson;
    meta.weightsHash = weightsHashOf(enc.id);
    meta.dim = enc.dim;
    meta.shardIndex = k;
    meta.shardCount = n;
    meta.inputName = "project:" + fs::path(project.path()).filename().string();
    meta.inputFormat = "project-texts-by-hash";
    meta.inputSha256 = inputSha;
    meta.inputRows = rows;
    meta.rows = {k * rowsPerShard, std::min(rows, (k + 1) * rowsPerShard)};
    meta.textHashes.assign(hashes.begin() + meta.rows.begin, hashes.begin() + meta.rows.end);
    meta.createdBy = std::string("interestlens-cli ") + version() + " export";
    ShardWriter w(dir, std::move(meta));
    const RowRange r{k * rowsPerShard, std::min(rows, (k + 1) * rowsPerShard)};
    w.append(flat.data() + r.begin * enc.dim, r.size());
    w.finish();
  }
  if (tensorBoard) {
    std::ofstream vec(fs::path(dir) / "vectors.tsv", std::ios::binary), md(fs::path(dir) / "metadata.tsv", std::ios::binary);
    if (!vec || !md) throw VectorShardError(dir + ": cannot write vectors.tsv / metadata.tsv");
    char buf[32];
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < enc.dim; ++c) {
        std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(flat[static_cast<size_t>(r * enc.dim + c)]));
        vec << (c ? "\t" : "") << buf;
      }
      vec << "\n";
    }
    md << "hash\ttext\n";
    for (int64_t r = 0; r < rows; ++r)
      md << toHex(hashes[static_cast<size_t>(r)]) << "\t" << tsvCell(texts[static_cast<size_t>(r)]) << "\n";
    if (!vec || !md) throw VectorShardError(dir + ": cannot write vectors.tsv / metadata.tsv");
  }
  return st;
}

int64_t exportTexts(Project& project, const std::string& path) {
  const std::string tmp = path + ".partial";
  int64_t n = 0;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw VectorShardError(path + ": cannot write");
    Statement q(project.database().handle(),
                std::string("SELECT hash, MIN(text) FROM ") + kAllTexts + " GROUP BY hash ORDER BY hash");
    while (q.step()) {
      const QJsonObject o{{"hash", QString::fromStdString(toHex(q.text(0)))},
                          {"text", QString::fromStdString(q.text(1))}};
      out << QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() << "\n";
      ++n;
    }
    out.flush();
    if (!out) throw VectorShardError(path + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw VectorShardError(path + ": cannot rename the temporary into place (" + ec.message() + ")");
  return n;
}

}  // namespace il
