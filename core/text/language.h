// Language of a text, by libexttextcat's n-gram fingerprints (the ones Debian's
// libexttextcat-data ships, listed in its fpdb.conf). A textcat handle keeps scratch
// buffers, so each LanguageDetector is used by one thread at a time;
// detectLanguages() gives every worker thread its own.
#pragma once

#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../job.h"

namespace il {

inline constexpr std::string_view kUnknownLanguage = "unknown";

struct LanguageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Where the fingerprints are: $IL_TEXTCAT_DIR, else /usr/share/libexttextcat.
std::string textcatDirectory();

class LanguageDetector {
 public:
  // Throws LanguageError naming the file when the fingerprints cannot be loaded.
  explicit LanguageDetector(const std::string& directory = textcatDirectory());
  ~LanguageDetector();
  LanguageDetector(const LanguageDetector&) = delete;
  LanguageDetector& operator=(const LanguageDetector&) = delete;

  // ISO 639 code ("en", "zh", "de", ...) or "unknown" when the text has fewer than
  // `minUnits` letter units (see letterUnits) or textcat cannot decide.
  std::string detect(std::string_view text, int minUnits = 20);
  // textcat's candidates, best first, when it found several close ones (empty = unknown).
  std::vector<std::string> candidates(std::string_view text, int minUnits = 20);

 private:
  void* handle_ = nullptr;
};

// One code per text, on up to `threads` threads (0 = hardware concurrency). When
// textcat finds several close candidates for a text and one of them is the corpus's
// main language (the most common of the clear-cut results), that one is taken:
// "My morning routine is better for it." is [da][nb][en] to textcat, and English in a corpus of
// English reviews. With several candidates and not that one, the text is "unknown".
// Throws LanguageError, or il::Cancelled when `job` is cancelled.
std::vector<std::string> detectLanguages(std::span<const std::string_view> texts, int minUnits = 20,
                                         int threads = 0, const JobControl* job = nullptr);
std::vector<std::string> detectLanguages(const std::vector<std::string>& texts, int minUnits = 20,
                                         int threads = 0, const JobControl* job = nullptr);

// English name of a code for messages ("zh" -> "Chinese"); the code itself when unlisted.
std::string languageName(std::string_view code);

}  // namespace il
