#include "project.h"

#include <filesystem>
#include <unordered_map>

#include <chrono>

#include "../rank/corpus.h"
#include "../text/duplicates.h"
#include "../text/language.h"
#include "../text/text_hash.h"
#include "sqlite_db.h"

namespace il {

namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE items(
  id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '', price REAL,
  in_catalog INTEGER NOT NULL DEFAULT 1);
CREATE TABLE interactions(
  user_id INTEGER NOT NULL REFERENCES users(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  rating REAL, time INTEGER,
  PRIMARY KEY(user_id, item_id)) WITHOUT ROWID;
CREATE INDEX interactions_by_item ON interactions(item_id);
CREATE TABLE texts(
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  text TEXT NOT NULL, time INTEGER, hash BLOB NOT NULL, lang TEXT,
  UNIQUE(user_id, item_id, hash));
CREATE INDEX texts_by_hash ON texts(hash);
CREATE TABLE imports(id INTEGER PRIMARY KEY, time INTEGER NOT NULL, files TEXT NOT NULL,
                     summary TEXT NOT NULL);
CREATE TABLE encoders(id TEXT PRIMARY KEY, kind TEXT NOT NULL, settings TEXT NOT NULL,
                      dim INTEGER NOT NULL, created INTEGER NOT NULL);
CREATE TABLE vectors(
  encoder_id TEXT NOT NULL REFERENCES encoders(id),
  hash BLOB NOT NULL, vec BLOB NOT NULL,
  PRIMARY KEY(encoder_id, hash)) WITHOUT ROWID;
)sql";

// Version 2: like/dislike feedback and the runs that record parameters and results.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE feedback(
  user_id INTEGER NOT NULL REFERENCES users(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  value INTEGER NOT NULL CHECK(value IN (-1, 1)), time INTEGER NOT NULL,
  PRIMARY KEY(user_id, item_id)) WITHOUT ROWID;
CREATE TABLE runs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, params TEXT NOT NULL,
                  result TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE item_texts(item_id INTEGER PRIMARY KEY REFERENCES items(id),
                        text TEXT NOT NULL, hash BLOB NOT NULL);
CREATE INDEX item_texts_by_hash ON item_texts(hash);
)sql";

// Version 3: cleaning. `text` is the cleaned text (what encoders see), `raw` the text
// as read when cleaning changed it, `flags` TextFlag bits, `dup_of` the id of the
// first text of its duplicate group. `lang` (in v1 already) is now filled at import.
constexpr std::pair<const char*, const char*> kSchemaV3Columns[] = {
    {"raw", "TEXT"}, {"flags", "INTEGER NOT NULL DEFAULT 0"}, {"dup_of", "INTEGER"}};

// Version 4: trained models (TrainedModelStore): embeddings keyed by ext ids, the
// trainer's state, and the parameters, history and metrics that made them.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE IF NOT EXISTS trained_models(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, encoder_id TEXT NOT NULL,
  params TEXT NOT NULL, history TEXT NOT NULL, metrics TEXT NOT NULL, created INTEGER NOT NULL,
  dim INTEGER NOT NULL, user_ids TEXT NOT NULL, item_ids TEXT NOT NULL,
  user_vectors BLOB NOT NULL, item_vectors BLOB NOT NULL, state BLOB NOT NULL);
)sql";

bool hasColumn(Database& db, const char* table, const char* column) {
  Statement s(db.handle(), std::string("SELECT COUNT(*) FROM pragma_table_info('") + table + "') WHERE name = ?1");
  s.bind(1, std::string_view(column));
  return s.step() && s.int64(0) > 0;
}

constexpr uint32_t kDuplicateFlags = kFlagExactDuplicate | kFlagNearDuplicate;

// The text an item is encoded from (title, category, tags, description), kept with
// its hash so vectors of items are cached like vectors of user texts.
void writeItemText(Statement& upsert, int64_t itemId, const ItemRow& item) {
  const std::string text = itemText(item);
  if (text.empty()) return;
  const std::string hash = textHash(text);
  upsert.bind(1, itemId).bind(2, std::string_view(text)).bindBlob(3, hash.data(), hash.size());
  upsert.run();
}

constexpr const char* kUpsertItemText =
    "INSERT INTO item_texts(item_id, text, hash) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(item_id) DO UPDATE SET text = excluded.text, hash = excluded.hash";

struct TableDef {
  const char* from;
  std::vector<std::pair<const char*, const char*>> columns;  // (title, SQL expression)
  const char* search;  // expression the filter matches with LIKE
  // Natural order is by the base table's rowid; every base row is one row of `from`
  // (the joins follow foreign keys), so unfiltered counts and offsets can use it alone.
  const char* base;
  const char* key;
};

const TableDef& tableDef(DataTable t) {
  static const TableDef users{
      "users u",
      {{"User", "u.ext_id"},
       {"Interactions", "(SELECT COUNT(*) FROM interactions i WHERE i.user_id = u.id)"},
       {"Texts", "(SELECT COUNT(*) FROM texts t WHERE t.user_id = u.id)"},
       {"Mean rating", "(SELECT ROUND(AVG(rating), 2) FROM interactions i WHERE i.user_id = u.id)"}},
      "u.ext_id", "users", "u.id"};
  static const TableDef items{
      "items it",
      {{"Item", "it.ext_id"},
       {"Title", "it.title"},
       {"Category", "it.category"},
       {"Tags", "it.tags"},
       {"Price", "it.price"},
       {"Interactions", "(SELECT COUNT(*) FROM interactions i WHERE i.item_id = it.id)"},
       {"Description", "it.description"}},
      "it.ext_id || ' ' || it.title || ' ' || it.category || ' ' || it.tags", "items", "it.id"};
  static const TableDef texts{
      "texts t JOIN users u ON u.id = t.user_id JOIN items it ON it.id = t.item_id",
      {{"User", "u.ext_id"},
       {"Item", "it.ext_id"},
       {"Time", "strftime('%Y-%m-%d', t.time, 'unixepoch')"},
       // Kinds of the encoders holding a vector for this text (vectors_by_hash makes it a lookup).
       {"Encoded", "(SELECT '✓ ' || REPLACE(group_concat(DISTINCT e.kind), ',', ', ') FROM vectors v "
                   "JOIN encoders e ON e.id = v.encoder_id WHERE v.hash = t.hash)"},
       {"Language", "coalesce(t.lang, '')"},
       // TextFlag bits in words, and whether cleaning changed the text (texts.raw kept).
       {"Flags", "REPLACE(trim(CASE WHEN t.flags & 1 THEN 'short ' ELSE '' END || "
                 "CASE WHEN t.flags & 2 THEN 'repeated ' ELSE '' END || "
                 "CASE WHEN t.flags & 4 THEN 'duplicate ' ELSE '' END || "
                 "CASE WHEN t.flags & 8 THEN 'near-duplicate ' ELSE '' END || "
                 "CASE WHEN t.raw IS NOT NULL THEN 'cleaned' ELSE '' END), ' ', ', ')"},
       {"Text", "t.text"}},
      "u.ext_id || ' ' || it.ext_id || ' ' || t.text", "texts", "t.id"};
  switch (t) {
    case DataTable::Users: return users;
    case DataTable::Items: return items;
    default: return texts;
  }
}

std::string likePattern(const std::string& filter) {
  std::string p = "%";
  for (char c : filter) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}


}  // namespace

Project::Project(std::string path, std::unique_ptr<Database> db)
    : path_(std::move(path)), db_(std::move(db)) {}

Project::~Project() = default;

std::unique_ptr<Project> Project::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && mode != Mode::CreateIfMissing) throw ProjectError(path + ": no such project file");
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(path, mode == Mode::ReadOnly ? Database::Mode::ReadOnly
                                          : exists             ? Database::Mode::ReadWrite
                                                               : Database::Mode::ReadWriteCreate);
    int version = 0;
    // Reading the schema is where a non-SQLite file is discovered.
    version = static_cast<int>(db->scalar("PRAGMA user_version"));
    const int64_t tables = db->scalar("SELECT COUNT(*) FROM sqlite_master");
    if (version == 0 && tables > 0)
      throw ProjectError(path + ": not an InterestLens project (an SQLite file with other tables)");
    if (version > kSchemaVersion)
      throw ProjectError(path + ": written by a newer InterestLens (project schema " + std::to_string(version) +
                         ", this version reads up to " + std::to_string(kSchemaVersion) + "); please upgrade");
    if (mode != Mode::ReadOnly) {
      db->exec("PRAGMA journal_mode=WAL");
      db->exec("PRAGMA synchronous=NORMAL");
    }
    db->exec("PRAGMA foreign_keys=ON");
    // Large imports run in one transaction; a small page cache would spill it to the
    // WAL over and over (measured: 200k-row import 17 s -> see docs/PERFORMANCE.md).
    db->exec("PRAGMA cache_size=-65536");
    auto project = std::unique_ptr<Project>(new Project(path, std::move(db)));
    if (version < kSchemaVersion) {
      if (mode == Mode::ReadOnly) throw ProjectError(path + ": needs an upgrade; open it for writing first");
      project->migrate(version);
    }
    // Not part of schema 1 as first shipped: the Data view finds a text's vectors by
    // hash alone. IF NOT EXISTS makes it a no-op (and no write) once it is there.
    if (mode != Mode::ReadOnly) project->db_->exec("CREATE INDEX IF NOT EXISTS vectors_by_hash ON vectors(hash)");
    return project;
  } catch (const DbError& e) {
    throw ProjectError(path + ": not a readable project file (" + e.what() + ")");
  }
}

void Project::migrate(int from) {
  if (from > 0) {
    // Keep the old file before changing it, so a failed or unwanted upgrade can be undone.
    const std::string backup = path_ + ".v" + std::to_string(from) + ".bak";
    Statement s(db_->handle(), "VACUUM INTO ?");
    s.bind(1, std::string_view(backup));
    s.run();
  }
  Transaction tx(*db_);
  if (from < 1) {
    db_->exec(kSchemaV1);
    db_->exec("INSERT INTO meta(key, value) VALUES('created_by', 'InterestLens')");
  }
  if (from < 2) {
    db_->exec(kSchemaV2);
    Statement upsert(db_->handle(), kUpsertItemText);
    Statement items(db_->handle(), "SELECT id, title, description, tags, category FROM items WHERE in_catalog");
    while (items.step()) {
      ItemRow row{items.text(0), items.text(1), items.text(2), items.text(3), items.text(4), std::nullopt, true};
      writeItemText(upsert, items.int64(0), row);
    }
  }
  // Texts imported before v3 stay as they are (cleaning them would change their
  // hashes and orphan their vectors); their language is detected on demand
  // (detectMissingLanguages) and they are cleaned when imported again.
  if (from < 3) {
    // Column by column: a file relabelled to an older version may have some already.
    for (const auto& [column, type] : kSchemaV3Columns)
      if (!hasColumn(*db_, "texts", column))
        db_->exec(std::string("ALTER TABLE texts ADD COLUMN ") + column + " " + type);
  }
  if (from < 4) db_->exec(kSchemaV4);
  db_->exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  tx.commit();
}

ProjectCounts Project::counts() {
  ProjectCounts c;
  c.users = db_->scalar("SELECT COUNT(*) FROM users");
  c.items = db_->scalar("SELECT COUNT(*) FROM items");
  c.catalogItems = db_->scalar("SELECT COUNT(*) FROM items WHERE in_catalog");
  c.interactions = db_->scalar("SELECT COUNT(*) FROM interactions");
  c.ratings = db_->scalar("SELECT COUNT(*) FROM interactions WHERE rating IS NOT NULL");
  c.texts = db_->scalar("SELECT COUNT(*) FROM texts");
  return c;
}

std::set<std::string> Project::catalogItemIds() {
  std::set<std::string> ids;
  Statement s(db_->handle(), "SELECT ext_id FROM items WHERE in_catalog");
  while (s.step()) ids.insert(s.text(0));
  return ids;
}

void Project::writeImport(const ImportResult& r, const JobControl* job, CleaningReport* report) {
  ImportResult copy = r;
  writeImport(std::move(copy), job, report);
}

void Project::writeImport(ImportResult&& r, const JobControl* job, CleaningReport* report) {
  // A hand-built result (tests, the demo) has its counts taken here.
  if (r.interactionCount == 0 && r.textCount == 0 && r.itemCount == 0) {
    r.interactionCount = static_cast<int64_t>(r.data.interactions.size());
    r.textCount = static_cast<int64_t>(r.data.texts.size());
    r.itemCount = static_cast<int64_t>(r.data.items.size());
  }
  Transaction tx(*db_);
  sqlite3* h = db_->handle();
  const int64_t total = r.itemCount + r.interactionCount + r.textCount;
  int64_t done = 0;
  auto tick = [&]() {
    if ((++done & 4095) != 0 || !job) return;
    if (job->cancelled()) throw Cancelled{};
    job->report({done, total, "Writing project"});
  };

  std::unordered_map<std::string, int64_t> users, items;
  {
    Statement s(h, "SELECT ext_id, id FROM users");
    while (s.step()) users.emplace(s.text(0), s.int64(1));
    Statement t(h, "SELECT ext_id, id FROM items");
    while (t.step()) items.emplace(t.text(0), t.int64(1));
  }
  Statement insItem(h,
                    "INSERT INTO items(ext_id, title, description, tags, category, price, in_catalog) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(ext_id) DO UPDATE SET "
                    "title = excluded.title, description = excluded.description, tags = excluded.tags, "
                    "category = excluded.category, price = excluded.price, in_catalog = 1 "
                    "WHERE excluded.in_catalog");
  Statement upsertItemText(h, kUpsertItemText);
  for (const auto& it : r.data.items) {
    insItem.bind(1, std::string_view(it.id)).bind(2, std::string_view(it.title))
        .bind(3, std::string_view(it.description)).bind(4, std::string_view(it.tags))
        .bind(5, std::string_view(it.category)).bind(6, it.price).bind(7, int64_t{it.inCatalog});
    insItem.run();
    if (!items.count(it.id)) items.emplace(it.id, db_->lastInsertId());
    if (it.inCatalog) writeItemText(upsertItemText, items.at(it.id), it);
    tick();
  }
  std::vector<ItemRow>().swap(r.data.items);
  Statement insUser(h, "INSERT INTO users(ext_id) VALUES(?1)");
  auto userId = [&](const std::string& ext) {
    auto [pos, inserted] = users.try_emplace(ext, 0);
    if (inserted) {
      insUser.bind(1, std::string_view(ext));
      insUser.run();
      pos->second = db_->lastInsertId();
    }
    return pos->second;
  };
  auto itemId = [&](const std::string& ext) {
    auto pos = items.find(ext);
    if (pos == items.end()) throw ProjectError("internal: item " + ext + " missing from the import");
    return pos->second;
  };
  Statement insInteraction(h,
                           "INSERT INTO interactions(user_id, item_id, rating, time) VALUES(?1, ?2, ?3, ?4) "
                           "ON CONFLICT(user_id, item_id) DO UPDATE SET "
                           "rating = coalesce(excluded.rating, rating), time = coalesce(excluded.time, time)");
  for (const auto& x : r.data.interactions) {
    insInteraction.bind(1, userId(x.user)).bind(2, itemId(x.item)).bind(3, x.rating).bind(4, x.time);
    insInteraction.run();
    tick();
  }
  std::vector<InteractionRow>().swap(r.data.interactions);
  Statement insText(h,
                    "INSERT INTO texts(user_id, item_id, text, time, hash, raw, lang, flags) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(user_id, item_id, hash) DO NOTHING");
  for (const auto& t : r.data.texts) {
    const std::string hash = textHash(t.text);
    insText.bind(1, userId(t.user)).bind(2, itemId(t.item)).bind(3, std::string_view(t.text)).bind(4, t.time)
        .bindBlob(5, hash.data(), hash.size());
    if (t.raw.empty()) insText.bindNull(6);
    else insText.bind(6, std::string_view(t.raw));
    if (t.lang.empty()) insText.bindNull(7);
    else insText.bind(7, std::string_view(t.lang));
    insText.bind(8, int64_t{t.flags & ~kDuplicateFlags});
    insText.run();
    tick();
  }
  std::vector<TextRow>().swap(r.data.texts);
  std::string summary = r.summaryText();
  if (r.cleaning.applied) {
    Statement meta(h, "INSERT INTO meta(key, value) VALUES('cleaning', ?1) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    const std::string json = r.cleaning.settings.toJson();
    meta.bind(1, std::string_view(json));
    meta.run();
    if (r.cleaning.settings.duplicates) {
      CleaningReport local = r.cleaning;
      CleaningReport& dup = report ? *report : local;
      if (report) *report = r.cleaning;
      markDuplicatesInTransaction(r.cleaning.settings, dup, job);
      summary += dup.duplicateSummary();
    }
  }
  std::string files;
  for (const auto& f : r.files) files += (files.empty() ? "" : "\n") + f.path;
  Statement insImport(h, "INSERT INTO imports(time, files, summary) VALUES(strftime('%s','now'), ?1, ?2)");
  insImport.bind(1, std::string_view(files)).bind(2, std::string_view(summary));
  insImport.run();
  tx.commit();
}

void Project::markDuplicatesInTransaction(const CleaningSettings& settings, CleaningReport& report,
                                          const JobControl* job) {
  const auto t0 = std::chrono::steady_clock::now();
  sqlite3* h = db_->handle();
  std::vector<int64_t> ids, flags;
  std::vector<std::string> texts;
  {
    Statement s(h, "SELECT id, text, flags FROM texts ORDER BY id");
    while (s.step()) {
      ids.push_back(s.int64(0));
      texts.push_back(s.text(1));
      flags.push_back(s.int64(2));
    }
  }
  // Only the report's few examples need user names: looked up one by one.
  Statement userOf(h, "SELECT u.ext_id FROM texts t JOIN users u ON u.id = t.user_id WHERE t.id = ?1");
  auto userName = [&](int64_t textId) {
    userOf.bind(1, textId);
    std::string name = userOf.step() ? userOf.text(0) : std::string();
    userOf.reset();
    return name;
  };
  DuplicateOptions o;
  o.nearThreshold = settings.nearThreshold;
  o.nfkc = settings.nfkc;
  const DuplicateResult d = findDuplicates(texts, o, job);
  Statement upd(h, "UPDATE texts SET flags = ?2, dup_of = ?3 WHERE id = ?1");
  std::vector<int> examplesOfKind(4, 0);
  for (size_t i = 0; i < ids.size(); ++i) {
    int64_t f = flags[i] & ~int64_t{kDuplicateFlags};
    const uint8_t kind = d.kind[i];
    if (kind == DuplicateResult::Exact) f |= kFlagExactDuplicate;
    else if (kind != DuplicateResult::None) f |= kFlagNearDuplicate;
    const bool isDup = kind != DuplicateResult::None;
    upd.bind(1, ids[i]).bind(2, f);
    if (isDup) upd.bind(3, ids[d.groupOf[i]]);
    else upd.bindNull(3);
    upd.run();
    // Up to two examples of each kind, near ones first in the report.
    if (isDup && examplesOfKind[kind] < 2) {
      ++examplesOfKind[kind];
      const size_t g = static_cast<size_t>(d.groupOf[i]);
      static const char* kNames[] = {"", "exact", "normalised", "similar"};
      report.duplicateExamples.push_back(
          {texts[i], texts[g], userName(ids[i]), userName(ids[g]), kNames[kind], d.similarity[i]});
    }
  }
  std::stable_sort(report.duplicateExamples.begin(), report.duplicateExamples.end(),
                   [](const DuplicateExample& a, const DuplicateExample& b) { return a.kind > b.kind; });
  report.duplicatesChecked = true;
  report.projectTexts = static_cast<int64_t>(ids.size());
  report.exactDuplicates = d.exact;
  report.nearDuplicates = d.near();
  report.duplicateGroups = d.groups;
  report.duplicateSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

CleaningReport Project::markDuplicates(const CleaningSettings& settings, const JobControl* job) {
  CleaningReport report;
  report.settings = settings;
  Transaction tx(*db_);
  markDuplicatesInTransaction(settings, report, job);
  tx.commit();
  return report;
}

CleaningSettings Project::cleaningSettings() {
  CleaningSettings s;
  Statement q(db_->handle(), "SELECT value FROM meta WHERE key = 'cleaning'");
  if (q.step()) {
    std::string error;
    if (!CleaningSettings::fromJson(q.text(0), s, error)) throw ProjectError(path_ + ": " + error);
  }
  return s;
}

bool Project::hasCleaningSettings() {
  return db_->scalar("SELECT COUNT(*) FROM meta WHERE key = 'cleaning'") > 0;
}

std::map<std::string, int64_t> Project::languageCounts() {
  std::map<std::string, int64_t> out;
  Statement q(db_->handle(), "SELECT coalesce(lang, ''), COUNT(*) FROM texts GROUP BY 1");
  while (q.step()) out[q.text(0)] = q.int64(1);
  return out;
}

TextFlagCounts Project::textFlagCounts() {
  TextFlagCounts c;
  Statement q(db_->handle(),
              "SELECT SUM(flags & 1 != 0), SUM(flags & 2 != 0), SUM(flags & 4 != 0), SUM(flags & 8 != 0), "
              "SUM(raw IS NOT NULL), COUNT(DISTINCT dup_of) FROM texts");
  if (q.step()) {
    c.shortTexts = q.int64(0);
    c.repeated = q.int64(1);
    c.exactDuplicates = q.int64(2);
    c.nearDuplicates = q.int64(3);
    c.cleaned = q.int64(4);
    c.duplicateGroups = q.int64(5);
  }
  return c;
}

int64_t Project::detectMissingLanguages(const JobControl* job) {
  std::vector<int64_t> ids;
  std::vector<std::string> texts;
  {
    Statement s(db_->handle(), "SELECT id, text FROM texts WHERE lang IS NULL ORDER BY id");
    while (s.step()) {
      ids.push_back(s.int64(0));
      texts.push_back(s.text(1));
    }
  }
  if (ids.empty()) return 0;
  const CleaningSettings settings = cleaningSettings();
  const std::vector<std::string> langs = detectLanguages(texts, settings.languageMinUnits, 0, job);
  Transaction tx(*db_);
  Statement upd(db_->handle(), "UPDATE texts SET lang = ?2 WHERE id = ?1");
  for (size_t i = 0; i < ids.size(); ++i) {
    upd.bind(1, ids[i]).bind(2, std::string_view(langs[i]));
    upd.run();
  }
  tx.commit();
  return static_cast<int64_t>(ids.size());
}

std::vector<CleaningExample> Project::cleanedSamples(int64_t limit) {
  std::vector<CleaningExample> out;
  Statement s(db_->handle(),
              "SELECT u.ext_id, it.ext_id, t.raw, t.text FROM texts t JOIN users u ON u.id = t.user_id "
              "JOIN items it ON it.id = t.item_id WHERE t.raw IS NOT NULL ORDER BY t.id LIMIT ?1");
  s.bind(1, limit);
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), ""});
  return out;
}

std::vector<std::string> Project::columns(DataTable table) const {
  std::vector<std::string> out;
  for (const auto& c : tableDef(table).columns) out.emplace_back(c.first);
  return out;
}

int64_t Project::rowCount(DataTable table, const std::string& filter) {
  const TableDef& d = tableDef(table);
  std::string sql = std::string("SELECT COUNT(*) FROM ") + (filter.empty() ? d.base : d.from);
  if (!filter.empty()) sql += std::string(" WHERE ") + d.search + " LIKE ?1 ESCAPE '\\'";
  Statement s(db_->handle(), sql);
  if (!filter.empty()) s.bind(1, std::string_view(likePattern(filter)));
  return s.step() ? s.int64(0) : 0;
}

TablePage Project::page(DataTable table, const std::string& filter, int sortColumn, bool descending,
                        int64_t offset, int64_t limit) {
  const TableDef& d = tableDef(table);
  std::string sql = "SELECT ";
  for (size_t i = 0; i < d.columns.size(); ++i) sql += (i ? ", " : "") + std::string(d.columns[i].second);
  sql += std::string(" FROM ") + d.from;
  const bool sorted = sortColumn >= 0 && sortColumn < static_cast<int>(d.columns.size());
  const char* dir = descending ? " DESC" : " ASC";
  if (!filter.empty()) sql += std::string(" WHERE ") + d.search + " LIKE ?1 ESCAPE '\\'";
  if (!sorted && filter.empty() && offset > 0) {
    // A deep OFFSET over the join pays the joins for every skipped row (~0.4 s at row
    // 1,000,000); skipping over the base table's rowids alone is ~10x cheaper.
    sql += std::string(" WHERE ") + d.key + (descending ? " <= " : " >= ") + "(SELECT rowid FROM " +
           d.base + " ORDER BY rowid" + dir + " LIMIT 1 OFFSET " + std::to_string(offset) + ")";
    offset = 0;
  }
  // Ties go by the first column, ascending, then by the unique key, so the order is
  // total and pages never repeat or skip rows. The natural order is the key alone, so
  // there descending is exactly ascending reversed (views read far pages from the end).
  sql += " ORDER BY ";
  if (sorted) sql += std::to_string(sortColumn + 1) + dir + ", 1, " + d.key;
  else sql += std::string(d.key) + dir;
  sql += " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
  Statement s(db_->handle(), sql);
  if (!filter.empty()) s.bind(1, std::string_view(likePattern(filter)));
  TablePage p;
  p.columns = columns(table);
  while (s.step()) {
    std::vector<std::string> row(d.columns.size());
    for (int c = 0; c < static_cast<int>(row.size()); ++c) row[c] = s.text(c);
    p.rows.push_back(std::move(row));
  }
  return p;
}

ImportOutcome importIntoProject(const std::string& projectPath, ImportOptions options,
                                const JobControl* job) {
  namespace fs = std::filesystem;
  ImportOutcome out;
  std::error_code ec;
  const bool existed = fs::exists(projectPath, ec);
  auto removeNew = [&]() {
    if (existed) return;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(projectPath + suffix, ec);
  };
  try {
    std::unique_ptr<Project> project;
    if (existed) {
      // Open first: a damaged or newer project must not cost the user a long read.
      project = Project::open(projectPath, Project::Mode::OpenExisting);
      options.knownCatalogItems = project->catalogItemIds();
      if (!options.cleaning) options.cleaning = project->cleaningSettings();
    }
    if (!options.cleaning) options.cleaning = CleaningSettings{};
    out.result = readImport(options, job);
    if (!out.result.ok) {
      out.error = out.result.error;
      return out;
    }
    if (!project) project = Project::open(projectPath, Project::Mode::CreateIfMissing);
    project->writeImport(std::move(out.result), job, &out.result.cleaning);
    out.written = true;
  } catch (const Cancelled&) {
    out.error = "cancelled";
    removeNew();
  } catch (const std::exception& e) {
    out.error = e.what();
    removeNew();
  }
  return out;
}

}  // namespace il
