// Text cleaning at import: HTML entities and tags, URL / e-mail / long-number masking,
// control and zero-width characters, white space. Each step can be switched off per
// project (CleaningSettings, stored in the project's meta table and in each import's
// report).
//
// What each consumer sees:
//   - the stored text (texts.text, what encoders and the Data view get) is the
//     cleaned text WITHOUT Unicode normalisation: encoders apply their own (BERT's
//     NFD + accent stripping, USE-Lite's NFKC), and a second normalisation here
//     could only disagree with the one the model was trained with;
//   - lexical features, duplicate keys and language detection use lexicalForm():
//     the cleaned text under NFKC and case folding (when `nfkc` is on).
// The text as read from the file is kept beside it (texts.raw) when cleaning changed it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace il {

// Placeholders that replace masked spans. Plain ASCII so every tokenizer keeps them
// as one recognisable piece; lexical code may drop them as stop words.
inline constexpr std::string_view kUrlToken = "<URL>";
inline constexpr std::string_view kEmailToken = "<EMAIL>";
inline constexpr std::string_view kNumberToken = "<NUMBER>";

struct CleaningSettings {
  bool entities = true;    // &quot; &amp;amp; &#39; &#x2F; -> characters
  bool tags = true;        // known HTML tags (<br>, <p>, <a href=...>) and comments removed
  bool urls = true;        // http(s)://, ftp://, www. -> <URL>
  bool emails = true;      // name@host.tld -> <EMAIL>
  bool numbers = true;     // 7+ digits in a row, or phone-like groups with 9+ digits -> <NUMBER>
  bool control = true;     // control, zero-width and bidi-control characters removed
  bool whitespace = true;  // runs of any Unicode white space -> one space; trimmed
  bool nfkc = true;        // NFKC in the lexical form (not in the stored text; see above)
  bool flags = true;       // very short and repeated-character texts flagged
  bool duplicates = true;  // exact and near duplicate texts detected
  bool language = true;    // language detected per text (libexttextcat)
  // Lengths are in "letter units": a letter or digit counts 1, a Chinese, Japanese or
  // Korean character 3 (one such character carries about as much as a short word).
  int shortBelow = 8;           // fewer units: flagged "short" ("Love it!" is 6)
  int languageMinUnits = 20;    // fewer units: language "unknown" (textcat guesses wildly)
  double nearThreshold = 0.8;   // Jaccard similarity of character 5-shingles

  bool operator==(const CleaningSettings&) const = default;

  std::string toJson() const;
  // Missing keys keep their defaults (projects written before a key existed).
  static bool fromJson(const std::string& json, CleaningSettings& out, std::string& error);
  // Command-line form: "all", "none", or a comma list applied to the defaults:
  // step names turn a step on, "-name" turns it off, and short=N, language-min=N,
  // near=X set the thresholds. "none,entities,tags" = only those two steps.
  static bool parseSpec(const std::string& spec, CleaningSettings& out, std::string& error);
  // One line for reports: "entities, tags, ... on; numbers off; short < 8, ...".
  std::string describe() const;
};

// What cleaning changed (bits of CleanedText::changes).
enum CleanChange : uint32_t {
  kChangedEntities = 1u << 0,
  kChangedTags = 1u << 1,
  kChangedUrls = 1u << 2,
  kChangedEmails = 1u << 3,
  kChangedNumbers = 1u << 4,
  kChangedControl = 1u << 5,
  kChangedWhitespace = 1u << 6,
  kChangedInvalidUtf8 = 1u << 7,  // bytes that were not UTF-8 became U+FFFD
};

// Per-text flags (stored in texts.flags).
enum TextFlag : uint32_t {
  kFlagShort = 1u << 0,
  kFlagRepeated = 1u << 1,
  kFlagExactDuplicate = 1u << 2,
  kFlagNearDuplicate = 1u << 3,
};

struct CleanedText {
  std::string text;
  uint32_t changes = 0;  // CleanChange bits
  uint32_t flags = 0;    // kFlagShort / kFlagRepeated (duplicates are found over all texts)
};

// Never throws; invalid UTF-8 becomes U+FFFD.
CleanedText cleanText(std::string_view raw, const CleaningSettings& settings);

// Short / repeated flags of an already cleaned text (placeholders do not count).
uint32_t textFlags(std::string_view cleaned, const CleaningSettings& settings);

// Letter units of `text` (see CleaningSettings), placeholders not counted.
int letterUnits(std::string_view text);

// NFKC (when `nfkc`) and case folding: the form lexical features start from.
std::string lexicalForm(std::string_view cleaned, bool nfkc = true);

// "short, repeated, exact duplicate" / "entities, urls".
std::string flagNames(uint32_t flags);
std::string changeNames(uint32_t changes);

}  // namespace il
