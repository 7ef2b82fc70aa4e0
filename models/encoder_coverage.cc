#include "encoder_coverage.h"

#include <QChar>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>

#include "interestlens_core.h"
#include "text/language.h"

namespace il {

namespace {

const char* scriptOf(char32_t c) {
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0x20000 && c <= 0x3FFFF))
    return "Han";
  if (c >= 0x3040 && c <= 0x30FF) return "Kana";
  if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF)) return "Hangul";
  if (c >= 0x0400 && c <= 0x04FF) return "Cyrillic";
  if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F)) return "Arabic";
  if (c >= 0x0370 && c <= 0x03FF) return "Greek";
  if (c >= 0x0590 && c <= 0x05FF) return "Hebrew";
  if (c >= 0x0900 && c <= 0x097F) return "Devanagari";
  if (c >= 0x0E00 && c <= 0x0E7F) return "Thai";
  if (c < 0x250 && QChar::isLetter(c)) return "Latin";
  return nullptr;
}

// Entries of a script needed to call it covered (bert-base-uncased / -cased have a
// few hundred stray pieces of each; models trained on a script have thousands).
int64_t neededFor(const std::string& script) {
  if (script == "Han") return 3000;
  if (script == "Latin") return 1000;
  if (script == "Kana" || script == "Hangul" || script == "Cyrillic" || script == "Arabic" || script == "Hebrew")
    return 1000;
  if (script == "Greek" || script == "Devanagari") return 500;
  return 200;
}

// The script a language is written in (its texts need that script's vocabulary).
std::string scriptOfLanguage(const std::string& lang) {
  if (lang == "zh") return "Han";
  if (lang == "ja") return "Kana";
  if (lang == "ko") return "Hangul";
  for (const char* l : {"ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tg", "tt"})
    if (lang == l) return "Cyrillic";
  for (const char* l : {"ar", "fa", "ur", "ckb", "ug", "sd"})
    if (lang == l) return "Arabic";
  if (lang == "he" || lang == "yi") return "Hebrew";
  if (lang == "el") return "Greek";
  for (const char* l : {"hi", "mr", "ne", "sa", "mai"})
    if (lang == l) return "Devanagari";
  if (lang == "th") return "Thai";
  return "Latin";
}

void addToken(VocabularyProfile& p, const QString& token) {
  ++p.entries;
  for (const char32_t c : token.toUcs4()) {
    if (const char* s = scriptOf(c)) {
      ++p.scripts[s];
      return;
    }
  }
}

std::string withCommas(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string suggestionFor(const std::map<std::string, int64_t>& uncovered) {
  bool onlyChinese = uncovered.size() == 1 && uncovered.count("zh");
  std::string s = onlyChinese ? "a Chinese model such as bert-base-chinese or BAAI/bge-small-zh-v1.5 (--encoder bert "
                                "--model-dir DIR), or a multilingual one such as bert-base-multilingual-cased"
                              : "a multilingual model such as bert-base-multilingual-cased or "
                                "intfloat/multilingual-e5-small (--encoder bert --model-dir DIR)";
  return s + "; tfidf works on any language";
}

}  // namespace

VocabularyProfile profileVocabulary(const std::string& file) {
  VocabularyProfile p;
  p.file = file;
  QFile f(QString::fromStdString(file));
  if (!f.open(QIODevice::ReadOnly)) throw EncoderError(file + ": cannot be read (" + f.errorString().toStdString() + ")");
  if (file.size() >= 5 && file.compare(file.size() - 5, 5, ".json") == 0) {
    QJsonParseError pe;
    const QJsonDocument d = QJsonDocument::fromJson(f.readAll(), &pe);
    const QJsonObject vocab = d.object().value("model").toObject().value("vocab").toObject();
    if (vocab.isEmpty()) throw EncoderError(file + ": no model.vocab object (" + pe.errorString().toStdString() + ")");
    for (auto it = vocab.begin(); it != vocab.end(); ++it) addToken(p, it.key());
  } else {
    // vocab.txt: one token a line; GloVe words.txt: the word, maybe followed by numbers.
    while (!f.atEnd()) {
      QString line = QString::fromUtf8(f.readLine()).trimmed();
      if (const qsizetype sp = line.indexOf(QLatin1Char(' ')); sp > 0) line.truncate(sp);
      if (line.startsWith(QLatin1String("##"))) line.remove(0, 2);
      addToken(p, line);
    }
  }
  int nonLatin = 0;
  for (const auto& [script, count] : p.scripts) {
    if (count < neededFor(script)) continue;
    p.coveredScripts.push_back(script);
    if (script != "Latin") ++nonLatin;
  }
  p.multilingual = nonLatin >= 3;
  return p;
}

CoverageReport checkEncoderCoverage(const EncoderSettings& s, const std::map<std::string, int64_t>& languages) {
  namespace fs = std::filesystem;
  CoverageReport r;
  r.encoder = s.kind;
  // covers(lang): decided per kind below.
  std::function<bool(const std::string&)> covers;
  if (s.kind == "tfidf") {
    r.basis = "fitted on the texts themselves";
    covers = [](const std::string&) { return true; };
  } else if (s.kind == "use-lite") {
    r.basis = "model card: English only";
    covers = [](const std::string& l) { return l == "en"; };
  } else if (s.kind == "bert" || s.kind == "bert-int8" || s.kind == "glove") {
    const std::string dir = !s.modelDir.empty() ? s.modelDir : modelDirectory(s.kind == "glove" ? "glove" : "bert");
    r.encoder += " (" + dir + ")";
    std::string file;
    for (const char* name : s.kind == "glove" ? std::vector<const char*>{"words.txt", "vocab.txt"}
                                              : std::vector<const char*>{"vocab.txt", "tokenizer.json"}) {
      std::error_code ec;
      if (fs::exists(fs::path(dir) / name, ec)) {
        file = (fs::path(dir) / name).string();
        break;
      }
    }
    if (file.empty()) throw EncoderError(dir + ": no vocabulary (vocab.txt, tokenizer.json or words.txt) to check languages against");
    const VocabularyProfile p = profileVocabulary(file);
    r.basis = "vocabulary " + fs::path(file).filename().string() + ": " + withCommas(p.entries) + " entries";
    for (const char* script : {"Latin", "Han", "Kana", "Hangul", "Cyrillic"})
      if (p.scripts.count(script)) r.basis += ", " + withCommas(p.scripts.at(script)) + " " + script;
    r.basis += p.multilingual ? " (multilingual)" : "";
    covers = [p](const std::string& l) {
      const std::string script = scriptOfLanguage(l);
      const auto has = [&](const char* sc) {
        return std::find(p.coveredScripts.begin(), p.coveredScripts.end(), sc) != p.coveredScripts.end();
      };
      if (!has(script.c_str())) return false;
      if (script == "Kana") return has("Han");
      if (script == "Latin" && l != "en") return p.multilingual;
      return true;
    };
  } else {
    r.basis = "unknown encoder kind: not checked";
    covers = [](const std::string&) { return true; };
  }
  for (const auto& [lang, count] : languages) {
    if (lang.empty() || lang == kUnknownLanguage) {
      r.undetected += count;
      continue;
    }
    r.texts += count;
    if (!covers(lang)) {
      r.uncovered[lang] += count;
      r.uncoveredTexts += count;
    }
  }
  if (!r.ok()) r.suggestion = suggestionFor(r.uncovered);
  return r;
}

std::string CoverageReport::message() const {
  if (ok()) return {};
  std::vector<std::pair<std::string, int64_t>> by(uncovered.begin(), uncovered.end());
  std::stable_sort(by.begin(), by.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string langs;
  for (const auto& [code, n] : by) langs += (langs.empty() ? "" : ", ") + languageName(code) + " " + withCommas(n);
  return encoder + " does not cover " + withCommas(uncoveredTexts) + " of " + withCommas(texts + undetected) +
         " texts (" + langs + "; " + basis + "); they will be encoded poorly. Try " + suggestion + ".";
}

}  // namespace il
