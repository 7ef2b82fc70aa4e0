#include "language.h"

#include <textcat.h>

#include <QString>
#include <QTemporaryFile>
#include <QTextStream>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "../interest/parallel.h"
#include "text_cleaner.h"

namespace il {

namespace {

// textcat reads a few hundred bytes well; more only costs time.
constexpr size_t kMaxBytes = 600;

// "[zh-CN-utf8][ja--utf8]" -> {"zh", "ja"}: each candidate's language part.
std::vector<std::string> codesOf(const char* result) {
  std::vector<std::string> out;
  if (!result) return out;
  for (const char* p = result; *p == '[';) {
    const char* end = std::strchr(p, ']');
    if (!end) break;
    std::string id(p + 1, end);
    std::string code = id.substr(0, id.find('-'));
    if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    p = end + 1;
  }
  return out;
}

// What textcat is shown: NFKC (full-width Latin becomes Latin), without the
// placeholders masking left, cut at a character boundary.
std::string detectionInput(std::string_view text) {
  QString q = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
  for (std::string_view tok : {kUrlToken, kEmailToken, kNumberToken})
    q.replace(QString::fromLatin1(tok.data(), static_cast<qsizetype>(tok.size())), QStringLiteral(" "));
  std::string s = q.normalized(QString::NormalizationForm_KC).toStdString();
  if (s.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
  }
  return s;
}

// Fingerprints kept from fpdb.conf: languages people write reviews and comments in.
// With all 160, minority languages close to English (Scots, Manx, Frisian, Low
// German) win on short English reviews: 155 of the demo's 947 English reviews came
// out as something else, 63 with this list (nearly all under the length threshold).
const std::set<std::string>& keptLanguages() {
  static const std::set<std::string> k = {
      "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "et", "eu",
      "fa", "fi", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "ko",
      "lt", "lv", "mk", "ml", "mn", "mr", "ms", "mt", "nb", "ne", "nl", "nn", "pa", "pl", "pt", "ro", "ru", "si",
      "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh-Hans", "zh-Hant"};
  return k;
}

// fpdb.conf filtered to keptLanguages(), in its own order (textcat tries the first
// lines first), written once per process to a temporary file textcat can read.
std::string filteredConf(const std::string& conf, std::string& error) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<QTemporaryFile>> files;
  std::lock_guard lock(mutex);
  auto& file = files[conf];
  if (file) return file->fileName().toStdString();
  std::ifstream in(conf);
  if (!in) {
    error = conf + ": cannot be read";
    return {};
  }
  auto out = std::make_unique<QTemporaryFile>();
  if (!out->open()) {
    error = "cannot write a temporary textcat configuration (" + out->errorString().toStdString() + ")";
    return {};
  }
  std::string line, kept;
  int n = 0;
  while (std::getline(in, line)) {
    const size_t dot = line.find(".lm");
    if (line.empty() || line[0] == '#' || dot == std::string::npos) continue;
    if (!keptLanguages().count(line.substr(0, dot))) continue;
    kept += line + "\n";
    ++n;
  }
  if (n == 0) {
    error = conf + ": lists none of the expected fingerprints (en.lm, de.lm, zh-Hans.lm, ...)";
    return {};
  }
  out->write(kept.data(), static_cast<qint64>(kept.size()));
  out->flush();
  file = std::move(out);
  return file->fileName().toStdString();
}

// Chinese, Japanese and Korean by script: textcat's 400 n-grams per language cannot
// rank text with thousands of distinct characters (a third of the demo's Chinese
// reviews came out "unknown" or "ja"), while the script says it plainly: Hangul is
// Korean, kana is Japanese, Han without kana is Chinese. Empty when the text is not
// mainly CJK.
std::string cjkLanguage(std::string_view text) {
  int64_t han = 0, kana = 0, hangul = 0, other = 0;
  for (const char32_t c : QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toUcs4()) {
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x3FFFF))
      ++han;
    else if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D))
      ++kana;
    else if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
      ++hangul;
    else if (QChar::isLetter(c))
      ++other;
  }
  const int64_t cjk = han + kana + hangul;
  // One CJK character is worth a word of about three letters.
  if (cjk == 0 || cjk * 3 < other) return {};
  if (hangul >= han + kana) return "ko";
  if (kana * 20 >= han + kana) return "ja";
  return "zh";
}

}  // namespace

std::string textcatDirectory() {
  if (const char* env = std::getenv("IL_TEXTCAT_DIR"); env && *env) return env;
  return "/usr/share/libexttextcat";
}

LanguageDetector::LanguageDetector(const std::string& directory) {
  namespace fs = std::filesystem;
  const std::string conf = (fs::path(directory) / "fpdb.conf").string();
  std::error_code ec;
  if (!fs::exists(conf, ec))
    throw LanguageError(conf + ": no libexttextcat fingerprint list (install libexttextcat-data, or set IL_TEXTCAT_DIR)");
  std::string prefix = directory;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::string error;
  const std::string filtered = filteredConf(conf, error);
  if (filtered.empty()) throw LanguageError(error);
  handle_ = special_textcat_Init(filtered.c_str(), prefix.c_str());
  if (!handle_) throw LanguageError(conf + ": libexttextcat could not load the fingerprints it lists from " + directory);
}

LanguageDetector::~LanguageDetector() {
  if (handle_) textcat_Done(handle_);
}

std::vector<std::string> LanguageDetector::candidates(std::string_view text, int minUnits) {
  if (letterUnits(text) < minUnits) return {};
  if (std::string cjk = cjkLanguage(text); !cjk.empty()) return {cjk};
  const std::string input = detectionInput(text);
  if (input.empty()) return {};
  return codesOf(textcat_Classify(handle_, input.data(), input.size()));
}

std::string LanguageDetector::detect(std::string_view text, int minUnits) {
  const std::vector<std::string> c = candidates(text, minUnits);
  return c.empty() ? std::string(kUnknownLanguage) : c.front();
}

std::vector<std::string> detectLanguages(const std::vector<std::string>& texts, int minUnits, int threads,
                                         const JobControl* job) {
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  return detectLanguages(std::span<const std::string_view>(views), minUnits, threads, job);
}

std::vector<std::string> detectLanguages(std::span<const std::string_view> texts, int minUnits, int threads,
                                         const JobControl* job) {
  const int64_t n = static_cast<int64_t>(texts.size());
  std::vector<std::string> out(n);
  if (n == 0) return out;
  // Each text's candidates joined by ',' ("da,nb,en"): a short string needs no heap
  // allocation, where a vector of strings cost ~100 bytes a text at 10^6 texts.
  std::vector<std::string> cands(n);
  auto split = [](const std::string& joined) {
    std::vector<std::string_view> codes;
    for (size_t b = 0; b < joined.size();) {
      const size_t e = std::min(joined.find(',', b), joined.size());
      codes.push_back(std::string_view(joined).substr(b, e - b));
      b = e + 1;
    }
    return codes;
  };
  const int t = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<bool> stop{false};
  std::string error;
  std::atomic<bool> failed{false};
  // Loading the fingerprints costs ~20 ms per handle, so a thread needs a few hundred texts.
  parallelFor(n, t, 500, [&](int64_t b, int64_t e) {
    std::unique_ptr<LanguageDetector> d;
    try {
      d = std::make_unique<LanguageDetector>();
    } catch (const LanguageError& ex) {
      if (!failed.exchange(true)) error = ex.what();
      return;
    }
    for (int64_t i = b; i < e && !stop && !failed; ++i) {
      std::string joined;
      for (const std::string& c : d->candidates(texts[i], minUnits)) joined += (joined.empty() ? "" : ",") + c;
      cands[i] = std::move(joined);
      if ((i & 511) == 0 && job) {
        if (job->cancelled()) stop = true;
      }
    }
  });
  if (failed) throw LanguageError(error);
  if (stop) throw Cancelled{};
  std::map<std::string, int64_t> clear;
  for (const std::string& joined : cands)
    if (!joined.empty() && joined.find(',') == std::string::npos) ++clear[joined];
  std::string main;
  int64_t best = 0;
  for (const auto& [code, count] : clear)
    if (count > best) main = code, best = count;
  for (int64_t i = 0; i < n; ++i) {
    const std::vector<std::string_view> c = split(cands[i]);
    if (c.empty()) out[i] = std::string(kUnknownLanguage);
    else if (c.size() == 1) out[i] = std::string(c.front());
    // textcat itself is unsure: take the corpus's language if it is among the close
    // candidates, else say unknown ("Good quality, fast delivery." is [ca][it][es]).
    else if (std::find(c.begin(), c.end(), main) != c.end()) out[i] = main;
    else out[i] = std::string(kUnknownLanguage);
  }
  return out;
}

std::string languageName(std::string_view code) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"ar", "Arabic"},    {"bg", "Bulgarian"}, {"bn", "Bengali"},   {"ca", "Catalan"},  {"cs", "Czech"},
      {"da", "Danish"},    {"de", "German"},    {"el", "Greek"},     {"en", "English"},  {"es", "Spanish"},
      {"et", "Estonian"},  {"fa", "Persian"},   {"fi", "Finnish"},   {"fr", "French"},   {"he", "Hebrew"},
      {"hi", "Hindi"},     {"hr", "Croatian"},  {"hu", "Hungarian"}, {"id", "Indonesian"}, {"it", "Italian"},
      {"ja", "Japanese"},  {"ko", "Korean"},    {"lt", "Lithuanian"}, {"lv", "Latvian"}, {"ms", "Malay"},
      {"nb", "Norwegian"}, {"nl", "Dutch"},     {"nn", "Norwegian"}, {"pl", "Polish"},   {"pt", "Portuguese"},
      {"ro", "Romanian"},  {"ru", "Russian"},   {"sk", "Slovak"},    {"sl", "Slovenian"}, {"sr", "Serbian"},
      {"sv", "Swedish"},   {"th", "Thai"},      {"tr", "Turkish"},   {"uk", "Ukrainian"}, {"ur", "Urdu"},
      {"vi", "Vietnamese"}, {"zh", "Chinese"}};
  for (const auto& [c, name] : kNames)
    if (code == c) return name;
  return std::string(code);
}

}  // namespace il
