// libFuzzer target: opening a project file (core/store/project.*) read-only and reading it the way
// `interestlens-cli info`, the Data view and the engine do: counts, catalog ids, the dataset, the
// table pages, encoders and their vectors, feedback and runs.
//
// Input, first byte even: the rest is the whole .ilens file (SQLite's own format checks).
// First byte odd: the rest is a program that edits a valid project (made once per process) with
// SQLite itself before it is opened: a well-formed database whose contents are hostile (wrong
// types, NULLs, empty or odd-sized blobs, missing tables, constraints dropped, other schema
// versions). Each step: op byte, then operands (see apply()).
#include <fuzzer/FuzzedDataProvider.h>
#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "rank/corpus.h"
#include "store/corpus_vectors.h"
#include "store/feedback_store.h"
#include "store/project.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "store/vector_store.h"
#include "text/text_hash.h"

namespace {

struct Table {
  std::string name;
  std::vector<std::string> columns;
};

struct Base {
  std::string bytes;  // a small valid project, checkpointed into one file
  std::vector<Table> tables;
};

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void removeProject(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

const Base& base() {
  static const Base b = [] {
    Base out;
    const std::string dir = il::fuzz::freshDir("project_base");
    const std::string csv = dir + "/in.csv", path = dir + "/base.ilens";
    il::fuzz::writeFile(csv,
                        "user_id,item_id,rating,text,time\n"
                        "u1,i1,5,great coffee,1600000000\n"
                        "u1,i2,3,ok tea,1600000100\n"
                        "u2,i1,4,\"nice, strong\",1600000200\n");
    il::ImportOptions o;
    o.interactionFiles = {csv};
    il::importIntoProject(path, o);
    {
      auto p = il::Project::open(path, il::Project::Mode::OpenExisting);
      il::VectorStore vs(*p);
      vs.registerEncoder("enc", "tfidf", "{}", 2);
      std::vector<std::string> hashes;
      for (const auto& t : vs.all()) hashes.push_back(t.hash);
      std::vector<float> rows(hashes.size() * 2, 0.5f);
      vs.put("enc", hashes, rows.data(), 2);
      il::FeedbackStore(*p).set("u1", "i2", il::Feedback::Like);
      il::RunStore(*p).record("evaluate", "{\"k\":10}", "{\"recall\":0.5}");
      p->database().exec("PRAGMA journal_mode=DELETE");
    }
    out.bytes = readAll(path);
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) out.tables.push_back({reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), {}});
    sqlite3_finalize(s);
    for (Table& t : out.tables) {
      sqlite3_prepare_v2(db, ("SELECT name FROM pragma_table_info('" + t.name + "')").c_str(), -1, &s, nullptr);
      while (sqlite3_step(s) == SQLITE_ROW) t.columns.push_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
      sqlite3_finalize(s);
    }
    sqlite3_close(db);
    if (out.bytes.empty() || out.tables.empty()) __builtin_trap();
    return out;
  }();
  return b;
}

// Binds a fuzzed value of any storage class.
void bindValue(sqlite3_stmt* s, int i, FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 5)) {
    case 0: sqlite3_bind_null(s, i); break;
    case 1: sqlite3_bind_int64(s, i, in.ConsumeIntegral<int64_t>()); break;
    case 2: sqlite3_bind_int64(s, i, in.ConsumeIntegralInRange<int64_t>(-2, 3)); break;
    case 3: sqlite3_bind_double(s, i, in.ConsumeFloatingPoint<double>()); break;
    case 4: {
      const std::string t = in.ConsumeRandomLengthString(64);
      sqlite3_bind_text(s, i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
      break;
    }
    default: {
      const std::string t = in.ConsumeRandomLengthString(64);
      sqlite3_bind_blob(s, i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    }
  }
}

void run(sqlite3* db, const std::string& sql, FuzzedDataProvider* values = nullptr, int offsetParam = 0,
         int64_t offset = 0) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return;
  const int n = sqlite3_bind_parameter_count(s);
  for (int i = 1; i <= n; ++i) {
    if (i == offsetParam) sqlite3_bind_int64(s, i, offset);
    else if (values) bindValue(s, i, *values);
  }
  while (sqlite3_step(s) == SQLITE_ROW) {
  }
  sqlite3_finalize(s);
}

// Applies the edit program. Table and column names come from the base schema (never from the input),
// and only these statement shapes run, so the input cannot reach other files (no ATTACH/VACUUM INTO).
void apply(sqlite3* db, FuzzedDataProvider& in) {
  const Base& b = base();
  for (int steps = 0; steps < 32 && in.remaining_bytes() > 0; ++steps) {
    const int op = in.ConsumeIntegralInRange<int>(0, 7);
    const Table& t = b.tables[in.ConsumeIntegralInRange<size_t>(0, b.tables.size() - 1)];
    const std::string& c = t.columns[in.ConsumeIntegralInRange<size_t>(0, t.columns.size() - 1)];
    const int64_t row = in.ConsumeIntegralInRange<int64_t>(0, 4);
    switch (op) {
      case 0:  // one value (every row holding the same value as row `row`)
        run(db, "UPDATE " + t.name + " SET " + c + " = ?1 WHERE " + c + " IS (SELECT " + c + " FROM " + t.name +
                    " LIMIT 1 OFFSET ?2)", &in, 2, row);
        break;
      case 1: {  // a new row of fuzzed values
        std::string cols, qs;
        for (size_t i = 0; i < t.columns.size(); ++i) {
          cols += (i ? ", " : "") + t.columns[i];
          qs += (i ? ", ?" : "?") + std::to_string(i + 1);
        }
        run(db, "INSERT OR IGNORE INTO " + t.name + "(" + cols + ") VALUES(" + qs + ")", &in);
        break;
      }
      case 2:
        run(db, "DELETE FROM " + t.name + " WHERE " + c + " IS (SELECT " + c + " FROM " + t.name +
                    " LIMIT 1 OFFSET ?1)", nullptr, 1, row);
        break;
      case 3: run(db, "PRAGMA user_version = " + std::to_string(in.ConsumeIntegralInRange<int>(-1, 4))); break;
      case 4: run(db, "DROP TABLE " + t.name); break;
      case 5:  // the same table without its constraints (no keys, NOT NULL, UNIQUE, CHECK)
        run(db, "CREATE TABLE fuzz_copy AS SELECT * FROM " + t.name);
        run(db, "DROP TABLE " + t.name);
        run(db, "ALTER TABLE fuzz_copy RENAME TO " + t.name);
        break;
      case 6: run(db, "ALTER TABLE " + t.name + " DROP COLUMN " + c); break;
      default:  // a value copied from another column (types that fit no column)
        run(db, "UPDATE " + t.name + " SET " + c + " = " + t.columns[in.ConsumeIntegralInRange<size_t>(0, t.columns.size() - 1)]);
    }
  }
}

void readProject(const std::string& path) {
  try {
    auto p = il::Project::open(path, il::Project::Mode::ReadOnly);
    (void)p->counts();
    (void)p->catalogItemIds();
    const il::Dataset d = p->readDataset();
    for (il::DataTable t : {il::DataTable::Users, il::DataTable::Items, il::DataTable::Texts}) {
      (void)p->rowCount(t, "");
      (void)p->rowCount(t, "u%_");
      (void)p->page(t, "", -1, false, 0, 50);
      (void)p->page(t, "", -1, true, 1, 50);
      (void)p->page(t, "i", 1, true, 0, 50);
    }
    (void)il::FeedbackStore(*p).list();
    (void)il::RunStore(*p).list();
    il::VectorStore vs(*p);
    (void)vs.distinctTexts();
    const il::Corpus corpus = il::Corpus::fromDataset(d);
    for (const il::EncoderInfo& e : il::projectEncoders(*p)) {
      (void)vs.encodedCount(e.id);
      (void)vs.missing(e.id);
      for (const auto& t : d.texts) (void)vs.get(e.id, il::textHash(t.text));
      (void)il::loadCorpusVectors(*p, corpus, e.id);
    }
  } catch (const std::exception&) {
    // ProjectError (refused file) or DbError (a query the file's contents make fail): both are
    // clean errors the CLI and the GUI report. A crash, a hang or unbounded memory is a bug.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string path = il::fuzz::scratchDir() + "/fuzz.ilens";
  removeProject(path);
  if ((data[0] & 1) == 0) {
    il::fuzz::writeFile(path, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  } else {
    il::fuzz::writeFile(path, base().bytes);
    FuzzedDataProvider in(data + 1, size - 1);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
      run(db, "PRAGMA synchronous = OFF");  // tmpfs anyway; no fsync per edit
      apply(db, in);
    }
    sqlite3_close(db);
  }
  readProject(path);
  removeProject(path);
  return 0;
}
