// Does an encoder cover the languages of a project's texts? Checked before encoding
// (CLI `encode`, the GUI's Encoder panel) from the model's own files, without
// loading weights:
//   - use-lite: English only (its model card; its 8k sentencepiece vocabulary is English);
//   - bert / bert-int8: the scripts of its vocabulary (vocab.txt or tokenizer.json):
//     a script counts as covered with enough entries of it (Han >= 3,000 — bert-base-
//     uncased has 488 CJK pieces and turns Chinese into [UNK]s and characters it was
//     hardly trained on, bert-base-chinese 14,644); Latin-script languages other than
//     English only when the vocabulary is multilingual (3+ other scripts covered);
//   - glove: the scripts of its word list, same rules;
//   - tfidf: every language (it is fitted on the texts themselves).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "encoder.h"

namespace il {

struct VocabularyProfile {
  std::string file;
  int64_t entries = 0;
  std::map<std::string, int64_t> scripts;  // "Latin", "Han", "Kana", "Hangul", "Cyrillic", ...
  std::vector<std::string> coveredScripts;
  bool multilingual = false;
};

// Throws EncoderError naming the file when it cannot be read.
VocabularyProfile profileVocabulary(const std::string& file);

struct CoverageReport {
  std::string encoder;   // "use-lite", "bert (/path/to/model)"
  std::string basis;     // why: "model card: English only", "vocabulary: 30,522 entries, 488 Han"
  int64_t texts = 0;          // texts with a detected language
  int64_t undetected = 0;     // language unknown (short) or not detected yet
  int64_t uncoveredTexts = 0;
  std::map<std::string, int64_t> uncovered;  // language code -> texts
  std::string suggestion;     // a fitting model, when something is not covered
  bool ok() const { return uncoveredTexts == 0; }
  // "warning: use-lite does not cover 103 of 1,050 texts (Chinese 103): ...; try ..."
  std::string message() const;
};

// `languages`: texts per language code as Project::languageCounts() gives them
// ("unknown" and "" are not judged). Throws EncoderError when the model folder or
// its vocabulary cannot be read.
CoverageReport checkEncoderCoverage(const EncoderSettings& settings, const std::map<std::string, int64_t>& languages);

}  // namespace il
