#include "text_cleaner.h"

#include <QChar>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "html_entities.h"
#include "utf8_codec.h"

namespace il {

namespace {

using U32 = std::u32string;

bool isAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool isAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool isWordChar(char32_t c) { return c < 0x80 ? isAsciiAlnum(c) || c == '_' : QChar::isLetterOrNumber(c); }

// ---- HTML entities ---------------------------------------------------------------

// HTML's numeric references in 0x80..0x9F mean Windows-1252 characters (&#146; = ’).
char32_t numericEntity(uint32_t v) {
  static constexpr char16_t kC1[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                       0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  if (v >= 0x80 && v <= 0x9F) return kC1[v - 0x80];
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
  return static_cast<char32_t>(v);
}

char32_t namedEntity(const std::string& name) {
  const auto* b = std::begin(html::kNamedEntities);
  const auto* e = std::end(html::kNamedEntities);
  const auto* it = std::lower_bound(b, e, name, [](const html::NamedEntity& x, const std::string& n) {
    return std::strcmp(x.name, n.c_str()) < 0;
  });
  return it != e && name == it->name ? it->codePoint : 0;
}

// One pass; returns true when something was decoded. "&amp;quot;" needs two passes.
bool decodeEntitiesOnce(U32& t) {
  if (t.find(U'&') == U32::npos) return false;
  U32 out;
  out.reserve(t.size());
  bool changed = false;
  for (size_t i = 0; i < t.size();) {
    if (t[i] != U'&') {
      out += t[i++];
      continue;
    }
    size_t j = i + 1;
    char32_t cp = 0;
    if (j < t.size() && t[j] == U'#') {
      ++j;
      const bool hex = j < t.size() && (t[j] == U'x' || t[j] == U'X');
      if (hex) ++j;
      const size_t start = j;
      uint64_t v = 0;
      while (j < t.size() && j - start < 8 &&
             (hex ? isAsciiAlnum(t[j]) && (isDigit(t[j]) || ((t[j] | 0x20) >= 'a' && (t[j] | 0x20) <= 'f'))
                  : isDigit(t[j]))) {
        const char32_t c = t[j] | (isDigit(t[j]) ? 0 : 0x20);
        v = v * (hex ? 16 : 10) + (isDigit(c) ? c - '0' : c - 'a' + 10);
        ++j;
      }
      // "&#39s" without ';' is common in scraped text and means "'s", as in browsers.
      if (j > start) {
        cp = numericEntity(static_cast<uint32_t>(v));
        if (j < t.size() && t[j] == U';') ++j;
      }
    } else {
      const size_t start = j;
      while (j < t.size() && j - start < 10 && isAsciiAlnum(t[j])) ++j;
      std::string name;
      for (size_t k = start; k < j; ++k) name += static_cast<char>(t[k]);
      if (j < t.size() && t[j] == U';' && !name.empty()) {
        cp = namedEntity(name);
        if (cp) ++j;
      } else if (name == "amp" || name == "lt" || name == "gt" || name == "quot") {
        cp = namedEntity(name);  // legacy forms without ';' (only these four are safe)
      }
    }
    if (cp) {
      out += cp;
      i = j;
      changed = true;
    } else {
      out += t[i++];
    }
  }
  if (changed) t.swap(out);
  return changed;
}

// ---- HTML tags -------------------------------------------------------------------

// Only real HTML tag names are removed: reviewers write "<sigh>" and "I <3 it".
bool knownTag(const std::string& n, bool& inlineTag) {
  static const char* kInline[] = {"a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "ins",
                                  "kbd", "mark", "q", "s", "small", "span", "strike", "strong", "sub",
                                  "sup", "tt", "u", "var", "wbr", "del"};
  static const char* kBlock[] = {"article", "blockquote", "body", "br", "button", "caption", "center",
                                 "col", "colgroup", "dd", "div", "dl", "dt", "figcaption", "figure",
                                 "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
                                 "hr", "html", "iframe", "img", "input", "label", "li", "link", "main",
                                 "meta", "nav", "noscript", "ol", "option", "p", "pre", "script",
                                 "section", "select", "source", "style", "table", "tbody", "td",
                                 "textarea", "tfoot", "th", "thead", "title", "tr", "ul", "video"};
  for (const char* x : kInline)
    if (n == x) return inlineTag = true;
  inlineTag = false;
  for (const char* x : kBlock)
    if (n == x) return true;
  return false;
}

size_t findSeq(const U32& t, size_t from, std::u32string_view what) {
  for (size_t i = from; i + what.size() <= t.size(); ++i) {
    size_t k = 0;
    while (k < what.size() && (t[i + k] | (isAsciiAlpha(t[i + k]) ? 0x20 : 0)) == what[k]) ++k;
    if (k == what.size()) return i;
  }
  return U32::npos;
}

bool stripTags(U32& t) {
  if (t.find(U'<') == U32::npos) return false;
  U32 out;
  out.reserve(t.size());
  bool changed = false;
  for (size_t i = 0; i < t.size();) {
    if (t[i] != U'<') {
      out += t[i++];
      continue;
    }
    if (t.compare(i, 4, U"<!--") == 0) {
      const size_t end = findSeq(t, i + 4, U"-->");
      if (end != U32::npos) {
        out += U' ';
        i = end + 3;
        changed = true;
        continue;
      }
    }
    size_t j = i + 1;
    const bool closing = j < t.size() && t[j] == U'/';
    if (closing) ++j;
    std::string name;
    while (j < t.size() && name.size() < 12 && isAsciiAlnum(t[j])) name += static_cast<char>(t[j++] | 0x20);
    bool inlineTag = false;
    const bool nameEnds = j < t.size() && (t[j] == U'>' || t[j] == U'/' || t[j] == U' ' || t[j] == U'\t' ||
                                           t[j] == U'\n' || t[j] == U'\r');
    if (name.empty() || !isAsciiAlpha(static_cast<unsigned char>(name[0])) || !nameEnds ||
        !knownTag(name, inlineTag)) {
      out += t[i++];
      continue;
    }
    // The tag ends at the first '>' (attributes may not hold another '<').
    size_t end = j;
    while (end < t.size() && end - j < 2000 && t[end] != U'>' && t[end] != U'<') ++end;
    if (end >= t.size() || t[end] != U'>') {
      out += t[i++];
      continue;
    }
    i = end + 1;
    changed = true;
    if (!closing && (name == "script" || name == "style")) {
      const size_t close = findSeq(t, i, name == "script" ? U"</script" : U"</style");
      if (close != U32::npos) {
        const size_t gt = t.find(U'>', close);
        i = gt == U32::npos ? t.size() : gt + 1;
      }
    }
    if (!inlineTag) out += U' ';
  }
  t.swap(out);
  return changed;
}

// ---- control and zero-width characters ----------------------------------------

bool isSpaceCp(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool alwaysInvisible(char32_t c) {
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD || c == 0x180E || c == 0x200E ||
         c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C ||
         (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF;
}

bool removeControl(U32& t) {
  U32 out;
  out.reserve(t.size());
  bool changed = false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    const bool ctrl = (c < 0x20 && !isSpaceCp(c)) || c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85);
    bool drop = ctrl || alwaysInvisible(c);
    if (c == 0x200C || c == 0x200D) {
      // ZWNJ/ZWJ shape Persian, Indic and emoji sequences; beside ASCII, space or at an
      // end they do nothing visible and only split words for tokenizers.
      const char32_t prev = i ? t[i - 1] : U' ', next = i + 1 < t.size() ? t[i + 1] : U' ';
      drop = prev < 0x80 || next < 0x80 || isSpaceCp(prev) || isSpaceCp(next);
    }
    if (drop) {
      changed = true;
      continue;
    }
    out += c;
  }
  if (changed) t.swap(out);
  return changed;
}

// ---- URLs, e-mails, long numbers -------------------------------------------------

bool startsWithCi(const U32& t, size_t i, std::string_view p) {
  if (i + p.size() > t.size()) return false;
  for (size_t k = 0; k < p.size(); ++k)
    if ((t[i + k] | (isAsciiAlpha(t[i + k]) ? 0x20 : 0)) != static_cast<char32_t>(p[k])) return false;
  return true;
}

bool urlChar(char32_t c) {
  if (c <= 0x20 || c == 0x7F || isSpaceCp(c)) return false;
  if (c == '<' || c == '>' || c == '"' || c == '`' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^')
    return false;
  // A URL glued to CJK text or full-width punctuation ends there.
  return c < 0x2E80;
}

// Length of a URL starting at i, 0 when there is none.
size_t urlAt(const U32& t, size_t i) {
  // "showwww.x" is no URL; Chinese text runs straight into one without a space.
  if (i > 0 && (isAsciiAlnum(t[i - 1]) || t[i - 1] == '_')) return 0;
  size_t p = 0;
  for (std::string_view s : {"https://", "http://", "ftp://", "www."})
    if (startsWithCi(t, i, s)) {
      p = s.size();
      break;
    }
  if (!p || i + p >= t.size() || !isAsciiAlnum(t[i + p])) return 0;
  size_t j = i + p;
  while (j < t.size() && urlChar(t[j])) ++j;
  // Sentence punctuation after a URL is not part of it; a ')' only when unbalanced.
  while (j > i + p) {
    const char32_t c = t[j - 1];
    if (c == ')') {
      const auto open = std::count(t.begin() + i, t.begin() + j, U'(');
      const auto close = std::count(t.begin() + i, t.begin() + j, U')');
      if (open >= close) break;
    } else if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
                 c == ']' || c == '*')) {
      break;
    }
    --j;
  }
  return j - i;
}

bool emailLocal(char32_t c) { return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool emailHost(char32_t c) { return isAsciiAlnum(c) || c == '.' || c == '-'; }

bool maskEmails(U32& t) {
  if (t.find(U'@') == U32::npos) return false;
  U32 out;
  out.reserve(t.size());
  bool changed = false;
  size_t copied = 0;
  for (size_t at = t.find(U'@'); at != U32::npos; at = t.find(U'@', at + 1)) {
    if (at < copied) continue;
    size_t b = at;
    while (b > copied && emailLocal(t[b - 1])) --b;
    while (b < at && (t[b] == '.' || t[b] == '-')) ++b;
    size_t e = at + 1;
    while (e < t.size() && emailHost(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    // The host needs a dot and a top-level domain of 2+ letters.
    const size_t dot = t.rfind(U'.', e - 1);
    if (b == at || dot == U32::npos || dot <= at + 1 || e - dot - 1 < 2) continue;
    bool tldLetters = true;
    for (size_t k = dot + 1; k < e; ++k) tldLetters = tldLetters && isAsciiAlpha(t[k]);
    if (!tldLetters) continue;
    out.append(t, copied, b - copied);
    out.append(kEmailToken.begin(), kEmailToken.end());
    copied = e;
    changed = true;
  }
  if (!changed) return false;
  out.append(t, copied, U32::npos);
  t.swap(out);
  return true;
}

// Length of a long number at i (which holds a digit, '+' or '('), 0 when there is none:
// 7+ digits in a row (order, account, tracking numbers), or digit groups of 2+ joined
// by single '-', '.', ' ' or "(...)" with 9+ digits in all (phone numbers). Dates
// (8 digits in 3 groups), prices and versions stay.
size_t longNumberAt(const U32& t, size_t i) {
  if (i > 0 && (isWordChar(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',')) return 0;
  size_t j = i;
  if (t[j] == '+' || t[j] == '(') ++j;
  if (j >= t.size() || !isDigit(t[j])) return 0;
  int digits = 0, groups = 0, longestRun = 0;
  bool shortGroup = false;
  size_t end = j;
  while (j < t.size() && isDigit(t[j])) {
    const size_t g = j;
    while (j < t.size() && isDigit(t[j])) ++j;
    const int len = static_cast<int>(j - g);
    digits += len;
    longestRun = std::max(longestRun, len);
    if (len < 2 && groups > 0) shortGroup = true;
    ++groups;
    end = j;
    if (j < t.size() && t[j] == ')') ++j;
    if (j < t.size() && (t[j] == '-' || t[j] == '.' || t[j] == ' ')) ++j;
    if (j < t.size() && t[j] == '(') ++j;
    if (j >= t.size() || !isDigit(t[j])) break;
  }
  if (end < t.size() && isWordChar(t[end])) return 0;  // part of a code like "B00ABC1234567X"
  const bool isLong = longestRun >= 7 || (digits >= 9 && groups >= 2 && !shortGroup);
  return isLong ? end - i : 0;
}

bool maskUrlsAndNumbers(U32& t, bool urls, bool numbers, bool& urlChanged, bool& numberChanged) {
  U32 out;
  out.reserve(t.size());
  bool changed = false;
  for (size_t i = 0; i < t.size();) {
    const char32_t c = t[i];
    if (urls && (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W')) {
      if (const size_t n = urlAt(t, i)) {
        out.append(kUrlToken.begin(), kUrlToken.end());
        i += n;
        urlChanged = changed = true;
        continue;
      }
    }
    if (numbers && (isDigit(c) || c == '+' || c == '(')) {
      if (const size_t n = longNumberAt(t, i)) {
        out.append(kNumberToken.begin(), kNumberToken.end());
        i += n;
        numberChanged = changed = true;
        continue;
      }
      // Skip the rest of this digit run: a suffix of a short number is not a number.
      if (isDigit(c)) {
        while (i < t.size() && isDigit(t[i])) out += t[i++];
        continue;
      }
    }
    out += t[i++];
  }
  if (changed) t.swap(out);
  return changed;
}

bool normalizeWhitespace(U32& t) {
  U32 out;
  out.reserve(t.size());
  bool pendingSpace = false, changed = false;
  for (char32_t c : t) {
    if (isSpaceCp(c)) {
      if (c != ' ' || pendingSpace || out.empty()) changed = true;
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && !out.empty()) out += U' ';
    pendingSpace = false;
    out += c;
  }
  if (pendingSpace) changed = true;  // trailing space dropped
  if (changed) t.swap(out);
  return changed;
}

bool isCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Letters and digits of the text, lower-cased, placeholders left out.
U32 letterSequence(const U32& t) {
  U32 letters;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '<') {
      bool skipped = false;
      for (std::string_view tok : {kUrlToken, kEmailToken, kNumberToken}) {
        if (t.compare(i, tok.size(), U32(tok.begin(), tok.end())) == 0) {
          i += tok.size() - 1;
          skipped = true;
          break;
        }
      }
      if (skipped) continue;
    }
    if (QChar::isLetterOrNumber(t[i])) letters += QChar::toLower(t[i]);
  }
  return letters;
}

int unitsOf(const U32& letters) {
  int units = 0;
  for (char32_t c : letters) units += isCjk(c) ? 3 : 1;
  return units;
}

// Texts that are one character or one short unit over and over: "!!!!", "aaaaaa",
// "hahahaha", "good good good", "sooooooooooooooo".
bool repeatedLetters(const U32& l) {
  const size_t n = l.size();
  if (n < 4) return false;
  char32_t a = l[0], b = 0;
  bool twoOnly = true;
  for (char32_t c : l) {
    if (c == a) continue;
    if (!b) b = c;
    else if (c != b) {
      twoOnly = false;
      break;
    }
  }
  if (twoOnly) return true;
  if (n >= 6) {
    for (size_t p = 1; p <= std::min<size_t>(n / 3, 24); ++p) {
      size_t k = p;
      while (k < n && l[k] == l[k - p]) ++k;
      if (k == n) return true;
    }
  }
  size_t run = 1, longest = 1;
  for (size_t k = 1; k < n; ++k) {
    run = l[k] == l[k - 1] ? run + 1 : 1;
    longest = std::max(longest, run);
  }
  return longest >= 10 && longest * 2 >= n;
}

uint32_t flagsOf(const U32& t, const CleaningSettings& s) {
  const U32 letters = letterSequence(t);
  uint32_t f = 0;
  if (unitsOf(letters) < s.shortBelow) f |= kFlagShort;
  if (repeatedLetters(letters)) f |= kFlagRepeated;
  return f;
}

}  // namespace

CleanedText cleanText(std::string_view raw, const CleaningSettings& s) {
  CleanedText r;
  bool invalid = false;
  U32 t = utf8::decode(raw, &invalid);
  if (invalid) r.changes |= kChangedInvalidUtf8;
  if (s.entities) {
    for (int pass = 0; pass < 3 && decodeEntitiesOnce(t); ++pass) r.changes |= kChangedEntities;
  }
  if (s.tags && stripTags(t)) r.changes |= kChangedTags;
  if (s.control && removeControl(t)) r.changes |= kChangedControl;
  if (s.emails && maskEmails(t)) r.changes |= kChangedEmails;
  if (s.urls || s.numbers) {
    bool u = false, n = false;
    maskUrlsAndNumbers(t, s.urls, s.numbers, u, n);
    if (u) r.changes |= kChangedUrls;
    if (n) r.changes |= kChangedNumbers;
  }
  if (s.whitespace && normalizeWhitespace(t)) r.changes |= kChangedWhitespace;
  if (s.flags) r.flags = flagsOf(t, s);
  r.text = utf8::encode(t);
  return r;
}

uint32_t textFlags(std::string_view cleaned, const CleaningSettings& s) {
  return flagsOf(utf8::decode(cleaned, nullptr), s);
}

int letterUnits(std::string_view text) { return unitsOf(letterSequence(utf8::decode(text, nullptr))); }

std::string lexicalForm(std::string_view cleaned, bool nfkc) {
  QString q = QString::fromUtf8(cleaned.data(), static_cast<qsizetype>(cleaned.size()));
  if (nfkc) q = q.normalized(QString::NormalizationForm_KC);
  return q.toCaseFolded().toStdString();
}

std::string flagNames(uint32_t f) {
  std::string s;
  auto add = [&](uint32_t bit, const char* name) {
    if (f & bit) s += (s.empty() ? "" : ", ") + std::string(name);
  };
  add(kFlagShort, "short");
  add(kFlagRepeated, "repeated");
  add(kFlagExactDuplicate, "exact duplicate");
  add(kFlagNearDuplicate, "near duplicate");
  return s;
}

std::string changeNames(uint32_t c) {
  std::string s;
  auto add = [&](uint32_t bit, const char* name) {
    if (c & bit) s += (s.empty() ? "" : ", ") + std::string(name);
  };
  add(kChangedEntities, "entities");
  add(kChangedTags, "tags");
  add(kChangedUrls, "urls");
  add(kChangedEmails, "emails");
  add(kChangedNumbers, "numbers");
  add(kChangedControl, "control");
  add(kChangedWhitespace, "whitespace");
  add(kChangedInvalidUtf8, "invalid UTF-8");
  return s;
}

// ---- settings ----------------------------------------------------------------------

namespace {

struct Step {
  const char* name;
  bool CleaningSettings::*member;
};
constexpr std::array<Step, 11> kSteps{{{"entities", &CleaningSettings::entities},
                                       {"tags", &CleaningSettings::tags},
                                       {"urls", &CleaningSettings::urls},
                                       {"emails", &CleaningSettings::emails},
                                       {"numbers", &CleaningSettings::numbers},
                                       {"control", &CleaningSettings::control},
                                       {"whitespace", &CleaningSettings::whitespace},
                                       {"nfkc", &CleaningSettings::nfkc},
                                       {"flags", &CleaningSettings::flags},
                                       {"duplicates", &CleaningSettings::duplicates},
                                       {"language", &CleaningSettings::language}}};

}  // namespace

std::string CleaningSettings::toJson() const {
  QJsonObject o;
  for (const Step& st : kSteps) o.insert(QString::fromLatin1(st.name), this->*st.member);
  o.insert(QStringLiteral("short_below"), shortBelow);
  o.insert(QStringLiteral("language_min_units"), languageMinUnits);
  o.insert(QStringLiteral("near_threshold"), nearThreshold);
  return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

bool CleaningSettings::fromJson(const std::string& json, CleaningSettings& out, std::string& error) {
  QJsonParseError pe;
  const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(json), &pe);
  if (!d.isObject()) {
    error = "cleaning settings are not a JSON object (" + pe.errorString().toStdString() + ")";
    return false;
  }
  const QJsonObject o = d.object();
  CleaningSettings s;
  for (const Step& st : kSteps) s.*st.member = o.value(QString::fromLatin1(st.name)).toBool(s.*st.member);
  s.shortBelow = o.value(QStringLiteral("short_below")).toInt(s.shortBelow);
  s.languageMinUnits = o.value(QStringLiteral("language_min_units")).toInt(s.languageMinUnits);
  s.nearThreshold = o.value(QStringLiteral("near_threshold")).toDouble(s.nearThreshold);
  if (s.nearThreshold <= 0 || s.nearThreshold > 1 || s.shortBelow < 0 || s.languageMinUnits < 0) {
    error = "cleaning settings out of range: " + json;
    return false;
  }
  out = s;
  return true;
}

bool CleaningSettings::parseSpec(const std::string& spec, CleaningSettings& out, std::string& error) {
  CleaningSettings s;
  size_t pos = 0;
  while (pos <= spec.size()) {
    const size_t comma = std::min(spec.find(',', pos), spec.size());
    std::string tok = spec.substr(pos, comma - pos);
    pos = comma + 1;
    tok.erase(0, tok.find_first_not_of(' '));
    tok.erase(tok.find_last_not_of(' ') + 1);
    if (tok.empty()) continue;
    if (tok == "all" || tok == "none") {
      for (const Step& st : kSteps) s.*st.member = tok == "all";
      continue;
    }
    const size_t eq = tok.find('=');
    if (eq != std::string::npos) {
      const std::string key = tok.substr(0, eq), value = tok.substr(eq + 1);
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      const bool number = !value.empty() && end && *end == '\0' && std::isfinite(v);
      if (key == "near" && number && v > 0 && v <= 1) {
        s.nearThreshold = v;
      } else if ((key == "short" || key == "language-min") && number && v >= 0 && v <= 10000 &&
                 v == std::floor(v)) {
        (key == "short" ? s.shortBelow : s.languageMinUnits) = static_cast<int>(v);
      } else {
        error = "--clean: bad value '" + tok + "' (near=X with 0 < X <= 1, short=N, language-min=N)";
        return false;
      }
      continue;
    }
    const bool off = tok[0] == '-';
    const std::string name = off ? tok.substr(1) : tok;
    bool found = false;
    for (const Step& st : kSteps)
      if (name == st.name) {
        s.*st.member = !off;
        found = true;
      }
    if (!found) {
      std::string names;
      for (const Step& st : kSteps) names += (names.empty() ? "" : ", ") + std::string(st.name);
      error = "--clean: unknown step '" + name + "' (all, none, " + names + "; -step turns one off)";
      return false;
    }
  }
  out = s;
  return true;
}

std::string CleaningSettings::describe() const {
  std::string on, off;
  for (const Step& st : kSteps) {
    std::string& list = this->*st.member ? on : off;
    list += (list.empty() ? "" : ", ") + std::string(st.name);
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "; short < %d units, language needs %d units, near duplicate at Jaccard >= %.2f",
                shortBelow, languageMinUnits, nearThreshold);
  return (on.empty() ? std::string("no step") : on) + " on" + (off.empty() ? "" : "; " + off + " off") + buf;
}

}  // namespace il
