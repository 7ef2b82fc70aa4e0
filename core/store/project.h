// A project file (*.ilens): one SQLite database in WAL mode with a schema version,
// holding the dataset and, later, vectors, profiles, runs and feedback.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

#include "../io/importer.h"
#include "../job.h"

namespace il {

class Database;

struct ProjectCounts {
  int64_t users = 0, items = 0, interactions = 0, texts = 0, ratings = 0, catalogItems = 0;
};

// Texts by cleaning flag (texts.flags, texts.raw, texts.dup_of).
struct TextFlagCounts {
  int64_t cleaned = 0, shortTexts = 0, repeated = 0, exactDuplicates = 0, nearDuplicates = 0, duplicateGroups = 0;
};

// Tables the Data view shows, page by page.
enum class DataTable { Users, Items, Texts };

struct TablePage {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

class Project {
 public:
  // 3: texts.raw, texts.flags, texts.dup_of (cleaning); meta 'cleaning'. 4: trained_models.
  static constexpr int kSchemaVersion = 4;

  enum class Mode { OpenExisting, CreateIfMissing, ReadOnly };
  // Opens (or creates) a project. Throws ProjectError with a clear message when the
  // file is not a project, is damaged, or was written by a newer version.
  static std::unique_ptr<Project> open(const std::string& path, Mode mode);
  ~Project();

  const std::string& path() const { return path_; }
  // For the stores of derived data (vectors, profiles, runs) that share this file.
  Database& database() { return *db_; }
  ProjectCounts counts();

  // Ids of items that came from a catalog file (for "not in the catalog" checks).
  std::set<std::string> catalogItemIds();

  // The whole dataset, read back (items in import order, texts in import order).
  Dataset readDataset();

  // Writes an import in one transaction: all of it or nothing. When the import was
  // cleaned, its settings become the project's and, with duplicates on, duplicates
  // are marked over all of the project's texts; `report` (if given) gets
  // result.cleaning plus what was found. The rvalue form frees each part of
  // result.data as soon as it is written, so duplicate detection does not run with
  // the whole parsed dataset still in memory; the const form writes a copy.
  void writeImport(ImportResult&& result, const JobControl* job = nullptr, CleaningReport* report = nullptr);
  void writeImport(const ImportResult& result, const JobControl* job = nullptr, CleaningReport* report = nullptr);

  // Cleaning settings of the last cleaned import; the defaults when there was none.
  CleaningSettings cleaningSettings();
  bool hasCleaningSettings();
  // Re-marks exact and near duplicates over all texts (one transaction).
  CleaningReport markDuplicates(const CleaningSettings& settings, const JobControl* job = nullptr);
  // Texts per language code ("" = not detected: imported before schema 3).
  std::map<std::string, int64_t> languageCounts();
  TextFlagCounts textFlagCounts();
  // Detects and stores the language of texts that have none; returns how many.
  int64_t detectMissingLanguages(const JobControl* job = nullptr);
  // Texts cleaning changed: before (raw) and after, in import order.
  std::vector<CleaningExample> cleanedSamples(int64_t limit);

  // Paged, filtered, sorted access for table views. `filter` matches ids and text.
  // sortColumn < 0 is the natural (import) order, which `descending` reverses exactly,
  // so a view can read pages near the end from the end. Sorted pages break ties by
  // the first column, ascending, then by import order.
  std::vector<std::string> columns(DataTable table) const;
  int64_t rowCount(DataTable table, const std::string& filter);
  TablePage page(DataTable table, const std::string& filter, int sortColumn, bool descending,
                 int64_t offset, int64_t limit);

 private:
  Project(std::string path, std::unique_ptr<Database> db);
  void migrate(int from);
  void markDuplicatesInTransaction(const CleaningSettings& settings, CleaningReport& report, const JobControl* job);

  std::string path_;
  std::unique_ptr<Database> db_;
};

struct ProjectError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Imports files into a project file: reads and validates, then writes in one
// transaction. A project that did not exist before is removed again if the import
// fails, so a failure leaves no trace.
struct ImportOutcome {
  ImportResult result;
  bool written = false;
  std::string error;
};
ImportOutcome importIntoProject(const std::string& projectPath, ImportOptions options,
                                const JobControl* job = nullptr);

}  // namespace il
