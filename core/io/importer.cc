#include "importer.h"

#include <algorithm>
#include <unordered_map>
#include <string_view>
#include <unordered_set>

#include "../text/import_cleaning.h"
#include "schema.h"
#include "values.h"

namespace il {

namespace {

std::string trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Trimmed value of column `idx` of `rec`; empty when the file has no such column.
std::string field(const Record& rec, int idx) { return idx >= 0 ? trimmed(rec.fields[idx]) : std::string(); }

// Amazon: "summary" + "reviewText" make one text; the summary often lacks a full stop.
std::string joinSummary(const std::string& summary, const std::string& body) {
  if (summary.empty()) return body;
  if (body.empty()) return summary;
  const char last = summary.back();
  const bool ends = last == '.' || last == '!' || last == '?';
  return summary + (ends ? " " : ". ") + body;
}

std::string describeMapping(const std::vector<std::string>& header,
                            std::initializer_list<std::pair<const char*, int>> cols) {
  std::string s;
  for (const auto& [key, idx] : cols)
    if (idx >= 0) s += (s.empty() ? "" : ", ") + std::string(key) + "=" + header[idx];
  return s;
}

// The (user, item) pairs seen so far, as indexes into the interactions read: the ids
// are not copied into the set (at 10^6 rows a set of string pairs cost ~110 MB).
struct PairView {
  std::string_view user, item;
};
size_t pairHash(std::string_view user, std::string_view item) {
  return std::hash<std::string_view>()(user) * 31 + std::hash<std::string_view>()(item);
}
struct PairIndexHash {
  using is_transparent = void;
  const std::vector<InteractionRow>* rows;
  size_t operator()(size_t i) const { return pairHash((*rows)[i].user, (*rows)[i].item); }
  size_t operator()(const PairView& p) const { return pairHash(p.user, p.item); }
};
struct PairIndexEq {
  using is_transparent = void;
  const std::vector<InteractionRow>* rows;
  PairView at(size_t i) const { return {(*rows)[i].user, (*rows)[i].item}; }
  static bool same(const PairView& a, const PairView& b) { return a.user == b.user && a.item == b.item; }
  bool operator()(size_t a, size_t b) const { return same(at(a), at(b)); }
  bool operator()(const PairView& a, size_t b) const { return same(a, at(b)); }
  bool operator()(size_t a, const PairView& b) const { return same(at(a), b); }
};
using PairSet = std::unordered_set<size_t, PairIndexHash, PairIndexEq>;

class Importer {
 public:
  Importer(const ImportOptions& o, const JobControl* job, ImportResult& r)
      : opt_(o), job_(job), r_(r),
        pairs_(0, PairIndexHash{&r.data.interactions}, PairIndexEq{&r.data.interactions}) {}

  void run() {
    const size_t totalFiles = opt_.itemFiles.size() + opt_.interactionFiles.size();
    size_t fileIndex = 0;
    for (const auto& f : opt_.itemFiles) {
      readItems(f, fileIndex++, totalFiles);
      if (stopped()) return;
    }
    for (const auto& f : opt_.interactionFiles) {
      readInteractions(f, fileIndex++, totalFiles);
      if (stopped()) return;
    }
    addUncatalogedItems();
    if (opt_.strict && r_.rowsRejected > 0) {
      r_.error = "strict import: " + std::to_string(r_.rowsRejected) +
                 " rows rejected; first: " + firstRejected();
      return;
    }
    r_.ok = true;
  }

 private:
  bool stopped() {
    if (job_ && job_->cancelled()) {
      r_.error = "cancelled";
      return true;
    }
    if (const Problem* p = r_.problems.firstFatal()) {
      r_.error = p->message();
      return true;
    }
    return false;
  }

  std::string firstRejected() const {
    for (const auto& p : r_.problems.kept())
      if (p.severity == Severity::Rejected) return p.message();
    return "?";
  }

  void warn(const std::string& path, int64_t line, int64_t col, std::string kind,
            std::string expected, std::string found) {
    r_.problems.add({path, line, col, Severity::Warning, std::move(kind), std::move(expected),
                     std::move(found)});
  }
  void reject(const std::string& path, int64_t line, int64_t col, std::string kind,
              std::string expected, std::string found) {
    ++rowsRejectedHere_;
    r_.problems.add({path, line, col, Severity::Rejected, std::move(kind), std::move(expected),
                     std::move(found)});
  }

  void progress(const TableReader& reader, size_t fileIndex, size_t totalFiles, int64_t rows) {
    if (!job_ || (rows & 1023) != 0) return;
    const double frac = (static_cast<double>(fileIndex) + reader.progress()) /
                        static_cast<double>(std::max<size_t>(totalFiles, 1));
    job_->report({static_cast<int64_t>(frac * 1000), 1000,
                  "Reading " + reader.path() + " (" + std::to_string(rows) + " rows)"});
  }

  FileSummary& beginFile(const TableReader& reader) {
    r_.files.push_back({});
    FileSummary& fs = r_.files.back();
    fs.path = reader.path();
    fs.format = formatName(reader.format());
    fs.header = reader.header();
    return fs;
  }

  // `rejectedBefore`: the count of rejected rows before the file was opened. Rows the
  // reader rejected (bad quoting, field count, encoding, JSON) never reach the importer,
  // so they are added to the rows read here.
  void finishFile(FileSummary& fs, int64_t rejectedBefore) {
    fs.rowsRejected = r_.problems.count(Severity::Rejected) - rejectedBefore;
    fs.rowsRead += fs.rowsRejected - rowsRejectedHere_;
    fs.rowsKept = fs.rowsRead - fs.rowsRejected;
    r_.rowsRead += fs.rowsRead;
    r_.rowsKept += fs.rowsKept;
    r_.rowsRejected += fs.rowsRejected;
  }

  void readItems(const std::string& path, size_t fileIndex, size_t totalFiles) {
    const int64_t rejectedBefore = r_.problems.count(Severity::Rejected);
    rowsRejectedHere_ = 0;
    auto reader = TableReader::open(path, opt_.format, opt_.limits, r_.problems);
    if (!reader) return;
    ItemColumns c;
    std::string error;
    if (!resolveItemColumns(reader->header(), opt_.itemMap, c, error)) {
      r_.problems.add({path, 1, 1, Severity::Fatal, "missing-column", "", error});
      return;
    }
    FileSummary& fs = beginFile(*reader);
    fs.flavour = c.flavour;
    fs.mapping = describeMapping(reader->header(), {{"id", c.id}, {"title", c.title}, {"text", c.text},
                                                    {"tags", c.tags}, {"category", c.category},
                                                    {"price", c.price}});
    Record rec;
    while (reader->next(rec)) {
      ++fs.rowsRead;
      progress(*reader, fileIndex, totalFiles, fs.rowsRead);
      if (job_ && job_->cancelled()) return;
      ItemRow item;
      item.id = field(rec, c.id);
      if (item.id.empty()) {
        reject(path, reader->lineOf(rec, c.id), reader->columnOf(rec, c.id), "missing-value", "an item id", "an empty field");
        continue;
      }
      if (c.price >= 0 && !field(rec, c.price).empty()) {
        item.price = parseNumber(field(rec, c.price));
        if (!item.price) {
          reject(path, reader->lineOf(rec, c.price), reader->columnOf(rec, c.price), "bad-number", "a price (a number)",
                 quoteForMessage(field(rec, c.price)));
          continue;
        }
      }
      item.title = field(rec, c.title);
      item.description = field(rec, c.text);
      item.tags = field(rec, c.tags);
      item.category = field(rec, c.category);
      auto [it, inserted] = itemIndex_.try_emplace(item.id, r_.data.items.size());
      if (inserted) {
        r_.data.items.push_back(std::move(item));
      } else {
        warn(path, reader->lineOf(rec, c.id), reader->columnOf(rec, c.id), "duplicate-item",
             "each item id once", quoteForMessage(item.id) + " again; the last row is kept");
        r_.data.items[it->second] = std::move(item);
      }
    }
    finishFile(fs, rejectedBefore);
  }

  void readInteractions(const std::string& path, size_t fileIndex, size_t totalFiles) {
    const int64_t rejectedBefore = r_.problems.count(Severity::Rejected);
    rowsRejectedHere_ = 0;
    auto reader = TableReader::open(path, opt_.format, opt_.limits, r_.problems);
    if (!reader) return;
    InteractionColumns c;
    std::string error;
    if (!resolveInteractionColumns(reader->header(), opt_.map, c, error)) {
      r_.problems.add({path, 1, 1, Severity::Fatal, "missing-column", "", error});
      return;
    }
    // A file of texts without ratings (MovieLens tags) may hold many texts per pair.
    const bool multiText = c.rating < 0 && (c.text >= 0 || c.summary >= 0);
    FileSummary& fs = beginFile(*reader);
    fs.flavour = c.flavour;
    fs.mapping = describeMapping(reader->header(), {{"user", c.user}, {"item", c.item}, {"text", c.text},
                                                    {"summary", c.summary}, {"rating", c.rating},
                                                    {"time", c.time}});
    Record rec;
    while (reader->next(rec)) {
      ++fs.rowsRead;
      progress(*reader, fileIndex, totalFiles, fs.rowsRead);
      if (job_ && job_->cancelled()) return;
      InteractionRow row;
      row.user = field(rec, c.user);
      row.item = field(rec, c.item);
      if (row.user.empty() || row.item.empty()) {
        const int idx = row.user.empty() ? c.user : c.item;
        reject(path, reader->lineOf(rec, idx), reader->columnOf(rec, idx), "missing-value",
               row.user.empty() ? "a user id" : "an item id", "an empty field");
        continue;
      }
      if (c.rating >= 0 && !field(rec, c.rating).empty()) {
        row.rating = parseNumber(field(rec, c.rating));
        if (!row.rating) {
          reject(path, reader->lineOf(rec, c.rating), reader->columnOf(rec, c.rating), "bad-number", "a rating (a number)",
                 quoteForMessage(field(rec, c.rating)));
          continue;
        }
      }
      if (c.time >= 0 && !field(rec, c.time).empty()) {
        row.time = parseTime(field(rec, c.time));
        if (!row.time) {
          reject(path, reader->lineOf(rec, c.time), reader->columnOf(rec, c.time), "bad-date",
                 "Unix seconds or an ISO 8601 date (YYYY-MM-DD)", quoteForMessage(field(rec, c.time)));
          continue;
        }
      }
      const std::string body = field(rec, c.text);
      std::string text = joinSummary(field(rec, c.summary), body);
      const bool hasTextColumn = c.text >= 0 || c.summary >= 0;
      if (hasTextColumn && ((body.empty() && c.text >= 0) || text.empty())) {
        ++r_.emptyTexts;
        const int col = c.text >= 0 ? c.text : c.summary;
        std::string what = "an empty field";
        if (!text.empty()) what += "; only the summary " + quoteForMessage(text) + " is kept as text";
        else if (multiText) what += "; the row is skipped";
        else what += "; the interaction is kept without text";
        warn(path, reader->lineOf(rec, col), reader->columnOf(rec, col), "empty-text", "a text", what);
        if (multiText && text.empty()) continue;
      }
      noteItem(row.item, path, reader->lineOf(rec, c.item), reader->columnOf(rec, c.item));
      if (multiText) {
        if (!text.empty()) r_.data.texts.push_back({row.user, row.item, std::move(text), row.time});
        mergeTagInteraction(std::move(row));
      } else {
        addInteraction(std::move(row), std::move(text), path, rec.line);
      }
    }
    finishFile(fs, rejectedBefore);
  }

  void noteItem(const std::string& item, const std::string& path, int64_t line, int64_t col) {
    if (itemIndex_.count(item) || uncataloged_.count(item)) return;
    uncataloged_.insert(item);
    uncatalogedOrder_.push_back(item);
    const bool haveCatalog = !itemIndex_.empty() || !opt_.knownCatalogItems.empty();
    if (haveCatalog && !opt_.knownCatalogItems.count(item)) {
      ++r_.unknownItems;
      warn(path, line, col, "item-not-in-catalog", "an item id from the catalog",
           quoteForMessage(item) + "; kept as an item without text");
    }
  }

  // The interaction of (user, item) read before, or -1; a new one is added as `fromRows`.
  int64_t findOrAddPair(const InteractionRow& row, bool fromRows, int64_t line) {
    const auto it = pairs_.find(PairView{row.user, row.item});
    if (it != pairs_.end()) return static_cast<int64_t>(*it);
    r_.data.interactions.push_back(row);
    slots_.push_back(Slot{-1, fromRows, line});
    pairs_.insert(r_.data.interactions.size() - 1);
    return -1;
  }

  void addInteraction(InteractionRow row, std::string text, const std::string& path, int64_t line) {
    const int64_t index = findOrAddPair(row, true, line);
    if (index < 0) {
      if (!text.empty()) {
        slots_.back().text = static_cast<int64_t>(r_.data.texts.size());
        r_.data.texts.push_back({row.user, row.item, std::move(text), row.time});
      }
      return;
    }
    Slot& slot = slots_[static_cast<size_t>(index)];
    if (!slot.fromRows) {  // only a tag so far: this row is the real interaction
      slot.fromRows = true;
      slot.line = line;
      InteractionRow& old = r_.data.interactions[static_cast<size_t>(index)];
      old.rating = row.rating;
      if (row.time) old.time = row.time;
      if (!text.empty()) {
        slot.text = static_cast<int64_t>(r_.data.texts.size());
        r_.data.texts.push_back({row.user, row.item, std::move(text), row.time});
      }
      return;
    }
    ++r_.duplicatePairs;
    InteractionRow& old = r_.data.interactions[static_cast<size_t>(index)];
    const bool newer = !old.time || (row.time && *row.time >= *old.time);
    warn(path, line, 1, "duplicate-pair", "one row per (user, item)",
         "(" + quoteForMessage(row.user) + ", " + quoteForMessage(row.item) + ") again (first at line " +
             std::to_string(slot.line) + "); the row with the latest time is kept");
    if (!newer) return;
    old = row;
    if (slot.text >= 0) {
      TextRow& t = r_.data.texts[slot.text];
      if (text.empty()) {
        t.text.clear();  // dropped below
      } else {
        t.text = std::move(text);
        t.time = row.time;
      }
    } else if (!text.empty()) {
      slot.text = static_cast<int64_t>(r_.data.texts.size());
      r_.data.texts.push_back({row.user, row.item, std::move(text), row.time});
    }
  }

  void mergeTagInteraction(InteractionRow row) {
    const int64_t index = findOrAddPair(row, false, 0);
    if (index < 0) return;
    InteractionRow& old = r_.data.interactions[static_cast<size_t>(index)];
    if (!old.time || (row.time && *row.time > *old.time && !slots_[static_cast<size_t>(index)].fromRows))
      old.time = row.time;
  }

  void addUncatalogedItems() {
    for (const auto& id : uncatalogedOrder_) {
      ItemRow item;
      item.id = id;
      item.inCatalog = opt_.knownCatalogItems.count(id) > 0;
      if (!item.inCatalog) r_.data.items.push_back(std::move(item));
    }
    // Texts emptied by deduplication are removed here, once.
    auto& t = r_.data.texts;
    t.erase(std::remove_if(t.begin(), t.end(), [](const TextRow& x) { return x.text.empty(); }), t.end());
  }

  struct Slot {      // per interaction read
    int64_t text;   // index into texts, -1 = none
    bool fromRows;  // created by a rating/review row (not only by tags)
    int64_t line;
  };

  const ImportOptions& opt_;
  const JobControl* job_;
  ImportResult& r_;
  std::unordered_map<std::string, size_t> itemIndex_;
  std::unordered_set<std::string> uncataloged_;
  std::vector<std::string> uncatalogedOrder_;
  PairSet pairs_;              // indexes into r_.data.interactions
  std::vector<Slot> slots_;    // parallel to r_.data.interactions
  int64_t rowsRejectedHere_ = 0;  // rows of the current file rejected by the importer itself
};

}  // namespace

ImportResult readImport(const ImportOptions& options, const JobControl* job) {
  ImportResult result;
  Importer(options, job, result).run();
  if (result.ok && options.cleaning) {
    try {
      cleanImport(result, *options.cleaning, job);
    } catch (const Cancelled&) {
      result.ok = false;
      result.error = "cancelled";
    } catch (const std::exception& e) {
      result.ok = false;
      result.error = e.what();
    }
  }
  if (!result.ok) result.data = Dataset{};
  result.interactionCount = static_cast<int64_t>(result.data.interactions.size());
  result.textCount = static_cast<int64_t>(result.data.texts.size());
  result.itemCount = static_cast<int64_t>(result.data.items.size());
  return result;
}

std::string ImportResult::summaryText(size_t maxProblems) const {
  std::string s;
  for (const auto& f : files) {
    s += f.path + " (" + f.format + ", " + f.flavour + "): " + std::to_string(f.rowsRead) +
         " rows read, " + std::to_string(f.rowsKept) + " kept, " + std::to_string(f.rowsRejected) +
         " rejected\n  columns: " + f.mapping + "\n";
  }
  s += "Total: " + std::to_string(rowsRead) + " rows read, " + std::to_string(rowsKept) + " kept, " +
       std::to_string(rowsRejected) + " rejected\n";
  s += "Result: " + std::to_string(interactionCount) + " interactions, " + std::to_string(textCount) +
       " texts, " + std::to_string(itemCount) + " items\n";
  if (duplicatePairs) s += "Duplicate (user, item) rows removed (latest kept): " + std::to_string(duplicatePairs) + "\n";
  if (emptyTexts) s += "Rows without text: " + std::to_string(emptyTexts) + "\n";
  if (unknownItems) s += "Items not in the catalog (kept without text): " + std::to_string(unknownItems) + "\n";
  if (cleaning.applied) s += cleaning.summary();
  if (cleaning.duplicatesChecked) s += cleaning.duplicateSummary();
  if (!problems.countsByKind().empty()) {
    s += "Problems by kind:";
    for (const auto& [kind, n] : problems.countsByKind()) s += " " + kind + "=" + std::to_string(n);
    s += "\n";
    const size_t n = std::min(maxProblems, problems.kept().size());
    s += "First " + std::to_string(n) + " problems:\n";
    for (size_t i = 0; i < n; ++i) s += "  " + problems.kept()[i].message() + "\n";
  }
  return s;
}

}  // namespace il
