// Reads interaction and catalog files into a Dataset, validating every row and
// collecting problems. Writing to a project is a separate, transactional step.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../dataset.h"
#include "../job.h"
#include "../problem_log.h"
#include "../text/cleaning_report.h"
#include "table_reader.h"

namespace il {

struct ImportOptions {
  std::vector<std::string> interactionFiles;  // reviews, ratings or tags
  std::vector<std::string> itemFiles;         // item catalogs
  std::string map;                            // "user=COL,..." for interaction files
  std::string itemMap;                        // "id=COL,..." for item files
  FileFormat format = FileFormat::Auto;
  ReaderLimits limits;
  bool strict = false;  // any rejected row fails the whole import
  std::set<std::string> knownCatalogItems;  // catalog items already in the project
  // Cleaning of texts and catalog fields; none when unset. importIntoProject sets it
  // to the project's settings (or the defaults) unless the caller chose some.
  std::optional<CleaningSettings> cleaning;
};

struct FileSummary {
  std::string path;
  std::string format;   // CSV, TSV, JSON lines (+ gzip)
  std::string flavour;  // MovieLens ratings, Amazon reviews, ...
  std::vector<std::string> header;
  std::string mapping;  // "user=userId, item=movieId, ..."
  int64_t rowsRead = 0, rowsKept = 0, rowsRejected = 0;
};

struct ImportResult {
  bool ok = false;
  std::string error;  // when !ok: the first fatal problem, as a message
  Dataset data;
  ProblemLog problems{1000};
  std::vector<FileSummary> files;
  int64_t rowsRead = 0, rowsKept = 0, rowsRejected = 0;
  int64_t duplicatePairs = 0, emptyTexts = 0, unknownItems = 0;
  // What `data` held when read: Project::writeImport releases the rows once written.
  int64_t interactionCount = 0, textCount = 0, itemCount = 0;
  CleaningReport cleaning;  // .applied when options.cleaning was set

  // Human-readable summary: counts, rejections by reason, first `maxProblems` problems.
  std::string summaryText(size_t maxProblems = 20) const;
};

ImportResult readImport(const ImportOptions& options, const JobControl* job = nullptr);

}  // namespace il
