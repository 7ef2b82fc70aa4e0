#include "unicode_tables.h"

#include <QChar>
#include <QString>
#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace il::unicode {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr int kBlockBits = 7;  // 128 code points per block
constexpr char32_t kBlockSize = 1u << kBlockBits;
constexpr size_t kBlocks = (kMaxCodePoint + 1) >> kBlockBits;

// Hangul syllable composition constants (Unicode §3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

bool isWhiteSpaceProperty(char32_t c) {
  // Unicode White_Space (PropList.txt; unchanged since 6.3) – what Rust's char::is_whitespace
  // uses. \t \n \r are in it too.
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool isAsciiPunct(char32_t c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
         (c >= 123 && c <= 126);
}

uint8_t computeProps(char32_t c) {
  const QChar::Category cat = QChar::category(c);
  uint8_t p = 0;
  const bool other = cat == QChar::Other_Control || cat == QChar::Other_Format ||
                     cat == QChar::Other_PrivateUse || cat == QChar::Other_Surrogate;
  if (c == 0 || c == 0xFFFD || (other && c != '\t' && c != '\n' && c != '\r')) p |= kCleanDrop;
  if (isWhiteSpaceProperty(c)) p |= kWhitespace;
  switch (cat) {
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
      p |= kPunct;
      break;
    default:
      if (isAsciiPunct(c)) p |= kPunct;
  }
  if (isCjkIdeograph(c)) p |= kCjk;
  if (cat == QChar::Mark_NonSpacing) p |= kNonspacingMark;
  if (QChar::decompositionTag(c) == QChar::Canonical) p |= kDecomposes;
  // QChar::toLower is the simple mapping; U+0130 is the only code point whose unconditional
  // full lowercase mapping (SpecialCasing.txt) differs, and Qt returns it unchanged.
  if (c == 0x130 || QChar::toLower(c) != c) p |= kLowerDiffers;
  if (QChar::combiningClass(c) != 0) p |= kNonStarter;
  return p;
}

struct Decomposition {
  char32_t cp;
  uint32_t offset;
  uint32_t length;
};

struct Tables {
  std::vector<uint16_t> blockIndex;  // kBlocks entries: block number in `blocks`
  std::vector<uint8_t> blocks;       // deduplicated blocks of kBlockSize properties
  std::vector<Decomposition> decompositions;  // sorted by cp; Hangul syllables excluded
  std::u32string pool;
  PropTable view{};

  void decomposeRecursively(char32_t c, std::u32string& out) const {
    if (QChar::decompositionTag(c) != QChar::Canonical) {
      out.push_back(c);
      return;
    }
    const QString d = QChar::decomposition(c);
    for (qsizetype i = 0; i < d.size(); ++i) {
      char32_t x = d.at(i).unicode();
      if (d.at(i).isHighSurrogate() && i + 1 < d.size() && d.at(i + 1).isLowSurrogate()) {
        x = QChar::surrogateToUcs4(d.at(i), d.at(i + 1));
        ++i;
      }
      decomposeRecursively(x, out);
    }
  }

  Tables() {
    blockIndex.resize(kBlocks);
    std::unordered_map<std::string, uint16_t> seen;
    std::string block(kBlockSize, '\0');
    for (size_t b = 0; b < kBlocks; ++b) {
      for (char32_t i = 0; i < kBlockSize; ++i) {
        const char32_t c = static_cast<char32_t>(b << kBlockBits) + i;
        const uint8_t p = computeProps(c);
        block[i] = static_cast<char>(p);
        const bool hangul = c >= kSBase && c < kSBase + kSCount;
        if ((p & kDecomposes) && !hangul) {
          Decomposition d{c, static_cast<uint32_t>(pool.size()), 0};
          decomposeRecursively(c, pool);
          d.length = static_cast<uint32_t>(pool.size() - d.offset);
          decompositions.push_back(d);
        }
      }
      auto [it, inserted] = seen.emplace(block, static_cast<uint16_t>(seen.size()));
      if (inserted) blocks.insert(blocks.end(), block.begin(), block.end());
      blockIndex[b] = it->second;
    }
    // Decompositions were appended in code point order, so `decompositions` is sorted.
    view = PropTable{blockIndex.data(), blocks.data()};
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

static_assert(kBlockBits == 7, "PropTable::operator() hard-codes 128-code-point blocks");

const PropTable& propTable() { return tables().view; }

uint8_t props(char32_t c) noexcept { return tables().view(c); }

void appendCanonicalDecomposition(char32_t c, std::u32string& out) {
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t s = c - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount != 0) out.push_back(kTBase + s % kTCount);
    return;
  }
  const Tables& t = tables();
  const auto it = std::lower_bound(t.decompositions.begin(), t.decompositions.end(), c,
                                   [](const Decomposition& d, char32_t x) { return d.cp < x; });
  if (it == t.decompositions.end() || it->cp != c) {
    out.push_back(c);
    return;
  }
  out.append(t.pool, it->offset, it->length);
}

uint8_t combiningClass(char32_t c) noexcept {
  return static_cast<uint8_t>(QChar::combiningClass(c));
}

void canonicalReorder(std::u32string& s, size_t from) {
  size_t i = from;
  const size_t n = s.size();
  while (i < n) {
    if (!(props(s[i]) & kNonStarter)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && (props(s[j]) & kNonStarter)) ++j;
    if (j - i > 1) {
      // Runs are tiny (a few marks): insertion sort, stable.
      for (size_t a = i + 1; a < j; ++a) {
        const char32_t x = s[a];
        const uint8_t cx = combiningClass(x);
        size_t b = a;
        while (b > i && combiningClass(s[b - 1]) > cx) {
          s[b] = s[b - 1];
          --b;
        }
        s[b] = x;
      }
    }
    i = j;
  }
}

void appendLowercase(char32_t c, std::u32string& out) {
  if (c == 0x130) {  // LATIN CAPITAL LETTER I WITH DOT ABOVE: full mapping is "i" + U+0307
    out.push_back(U'i');
    out.push_back(0x307);
    return;
  }
  out.push_back(QChar::toLower(c));
}

char32_t decodeUtf8(const char* s, size_t n, size_t& i) noexcept {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int need;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // <= U+10FFFF
  } else {
    ++i;  // continuation byte without a lead, C0/C1, F5..FF
    return 0xFFFD;
  }
  size_t k = i + 1;
  for (int m = 0; m < need; ++m, ++k) {
    if (k >= n) {
      i = k;
      return 0xFFFD;
    }
    const unsigned char b = byte(k);
    const unsigned char l = m == 0 ? lo : 0x80, h = m == 0 ? hi : 0xBF;
    if (b < l || b > h) {
      i = k;  // the maximal subpart ends before the offending byte, which is re-examined
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i = k;
  return cp;
}

void appendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace il::unicode
