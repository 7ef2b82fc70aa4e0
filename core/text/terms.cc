#include "terms.h"

#include <QChar>
#include <QList>
#include <QString>

#include "chinese_segmenter.h"
#include "stemmer.h"

namespace il {

namespace {

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool isKana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }

bool isAsciiAlnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

std::string utf8(const char32_t* s, size_t n) {
  return QString::fromUcs4(s, static_cast<qsizetype>(n)).toStdString();
}

class Analyzer {
 public:
  explicit Analyzer(std::vector<Term>& out) : out_(out) {}

  // A word outside Chinese text (or an ASCII token inside it).
  void word(const char32_t* s, size_t n) {
    while (n > 0 && isApostrophe(s[n - 1])) --n;  // "dogs'" -> "dogs"
    if (n == 0) return;
    bool ascii = true, digits = true, latin = true;
    for (size_t i = 0; i < n; ++i) {
      ascii = ascii && s[i] < 0x80;
      digits = digits && s[i] >= '0' && s[i] <= '9';
      latin = latin && (isApostrophe(s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                        QChar::script(s[i]) == QChar::Script_Latin);
    }
    if (digits) return;  // numbers say little about a topic
    std::string surface;
    if (ascii) {
      surface.resize(n);
      for (size_t i = 0; i < n; ++i) {
        const char32_t c = s[i];
        surface[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
    } else {
      QString w = QString::fromUcs4(s, static_cast<qsizetype>(n)).toCaseFolded();
      w.replace(QChar(0x2019), QChar('\'')).replace(QChar(0x02BC), QChar('\''));
      surface = w.toStdString();
    }
    if ((n == 1 && latin) || isEnglishStopWord(surface)) return;  // single letters: "s" of "it s", "x"
    std::string key = latin ? stemEnglish(surface) : surface;
    out_.push_back({std::move(key), std::move(surface)});
  }

  void chineseWord(const char32_t* s, size_t n) {
    std::string w = utf8(s, n);
    if (isChineseStopWord(w)) return;
    for (size_t i = 0; i < n; ++i)
      if (s[i] < 0x80) {  // "T恤": dictionary words with ASCII letters compare case-folded
        w = QString::fromStdString(w).toCaseFolded().toStdString();
        break;
      }
    out_.push_back({w, w});
  }

  // Characters plus character bigrams, for kana and for Chinese without a dictionary.
  void characters(const char32_t* s, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      std::string ch = utf8(s + i, 1);
      if (!isChineseStopWord(ch)) out_.push_back({ch, ch});
      if (i > 0) {
        std::string bi = utf8(s + i - 1, 2);
        out_.push_back({bi, bi});
      }
    }
  }

  // A run of Han characters and the ASCII letters/digits touching them.
  void chinese(const char32_t* s, size_t n) {
    if (const ChineseSegmenter* seg = ChineseSegmenter::shared()) {
      spans_.clear();
      seg->cutRun(s, n, spans_);
      // Characters the dictionary left single, several in a row, are most likely a word it does
      // not know (颜值, 拿铁): such a run gives its characters and their bigrams. Stop words
      // (很, 的) end a run.
      size_t runBegin = 0, runEnd = 0;
      auto flush = [&] {
        if (runEnd - runBegin == 1) chineseWord(s + runBegin, 1);
        else if (runEnd > runBegin) characters(s + runBegin, runEnd - runBegin);
        runBegin = runEnd = 0;
      };
      for (const auto& [b, e] : spans_) {
        if (e - b == 1 && isHan(s[b]) && !isChineseStopWord(utf8(s + b, 1))) {
          if (runEnd != b) flush(), runBegin = b;
          runEnd = e;
          continue;
        }
        flush();
        bool han = false;
        for (uint32_t i = b; i < e && !han; ++i) han = isHan(s[i]);
        if (han)
          chineseWord(s + b, e - b);
        else
          word(s + b, e - b);
      }
      flush();
      return;
    }
    for (size_t i = 0; i < n;) {
      size_t j = i;
      const bool han = isHan(s[i]);
      while (j < n && isHan(s[j]) == han) ++j;
      if (han)
        characters(s + i, j - i);
      else
        word(s + i, j - i);
      i = j;
    }
  }

 private:
  std::vector<Term>& out_;
  std::vector<std::pair<uint32_t, uint32_t>> spans_;
};

}  // namespace

std::vector<Term> analyzeTerms(const std::string& text) {
  const QList<uint> cps = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))
                                  .normalized(QString::NormalizationForm_KC)
                                  .toUcs4();
  static_assert(sizeof(uint) == sizeof(char32_t));
  const auto* s = reinterpret_cast<const char32_t*>(cps.constData());  // uint and char32_t: both UTF-32
  const size_t n = static_cast<size_t>(cps.size());
  std::vector<Term> terms;
  Analyzer a(terms);
  auto wordChar = [](char32_t c) { return !isHan(c) && !isKana(c) && QChar::isLetterOrNumber(c); };
  for (size_t i = 0; i < n;) {
    const char32_t c = s[i];
    if (isHan(c) || isAsciiAlnum(c)) {
      // Han and ASCII letters/digits with no space between them go to the segmenter together,
      // as jieba sees them ("T恤", "iPhone手机"); a run without Han is an ordinary word.
      size_t j = i;
      bool han = false;
      for (; j < n && (isHan(s[j]) || isAsciiAlnum(s[j])); ++j) han = han || isHan(s[j]);
      if (han) {
        a.chinese(s + i, j - i);
        i = j;
        continue;
      }
    }
    if (isKana(c)) {
      size_t j = i;
      while (j < n && isKana(s[j])) ++j;
      a.characters(s + i, j - i);
      i = j;
    } else if (wordChar(c)) {
      // Letters, digits, marks inside a word (Devanagari vowel signs), apostrophes between
      // letters; stops where Han or kana starts ("naïve咖啡": naïve, 咖啡).
      size_t j = i + 1;
      while (j < n) {
        const char32_t d = s[j];
        if (wordChar(d) || QChar::isMark(d)) {
          ++j;
        } else if (isApostrophe(d) && j + 1 < n && wordChar(s[j + 1])) {
          j += 2;
        } else {
          break;
        }
      }
      a.word(s + i, j - i);
      i = j;
    } else {
      ++i;
    }
  }
  return terms;
}

std::vector<std::string> extractTerms(const std::string& text) {
  std::vector<std::string> keys;
  for (Term& t : analyzeTerms(text)) keys.push_back(std::move(t.key));
  return keys;
}

std::string SurfaceForms::display(const std::string& key) const {
  const auto it = counts_.find(key);
  if (it == counts_.end() || it->second.empty()) return key;
  const std::pair<const std::string, int64_t>* best = nullptr;
  for (const auto& p : it->second)
    if (!best || p.second > best->second ||
        (p.second == best->second &&
         (p.first.size() < best->first.size() || (p.first.size() == best->first.size() && p.first < best->first))))
      best = &p;
  return best->first;
}

}  // namespace il
