// What cleaning did to an import, for the import report, `info` and the GUI: counts
// per step and flag, languages, before/after examples, and the duplicates found
// over the project's texts when it was written.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "text_cleaner.h"

namespace il {

struct CleaningExample {
  std::string user, item;
  std::string before, after;
  std::string what;  // changeNames / flagNames
};

struct DuplicateExample {
  std::string text, first;  // the duplicate and the first text of its group
  std::string user, firstUser;
  std::string kind;         // "exact", "normalised", "similar"
  double similarity = 1;
};

struct CleaningReport {
  bool applied = false;
  CleaningSettings settings;
  int64_t texts = 0;         // texts of the import
  int64_t changed = 0;       // texts cleaning changed
  int64_t emptied = 0;       // texts left empty by cleaning (dropped)
  int64_t itemFieldsChanged = 0;  // catalog titles, descriptions, tags, categories changed
  std::map<std::string, int64_t> changes;  // step -> texts it changed
  int64_t shortTexts = 0, repeatedTexts = 0;
  std::map<std::string, int64_t> languages;  // code -> texts ("unknown" included)
  std::vector<CleaningExample> examples;     // first texts each step changed
  std::vector<CleaningExample> flagged;      // first short / repeated texts
  double cleanSeconds = 0, languageSeconds = 0;

  // Over all of the project's texts, after this import was written.
  bool duplicatesChecked = false;
  int64_t projectTexts = 0, exactDuplicates = 0, nearDuplicates = 0, duplicateGroups = 0;
  double duplicateSeconds = 0;
  std::vector<DuplicateExample> duplicateExamples;

  std::string summary() const;           // cleaning lines (no duplicates)
  std::string duplicateSummary() const;  // empty unless duplicatesChecked
};

}  // namespace il
