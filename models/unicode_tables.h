// Per-code-point Unicode properties for BERT text normalisation (WordPiece tokenizer).
// Built once, lazily, from Qt's Unicode tables (Qt 6.4 = Unicode 14.0, the same version as the
// Python 3.11 that made the tokenizer goldens); thread-safe after the first call.
// Torch-free and Qt-free interface.
#pragma once

#include <cstdint>
#include <string>

namespace il::unicode {

enum Prop : uint8_t {
  // Removed by BERT clean_text: U+0000, U+FFFD and categories Cc, Cf, Co except \t \n \r.
  // Unassigned (Cn) code points are deliberately NOT removed (HF tokenizers / Rust behaviour:
  // new emoji become [UNK] instead of vanishing; results do not depend on the table version).
  kCleanDrop = 1u << 0,
  // Separator: \t \n \r plus the Unicode White_Space property (Zs, U+2028, U+2029, ...).
  kWhitespace = 1u << 1,
  // BERT punctuation: ASCII 33-47, 58-64, 91-96, 123-126, or any category P*.
  kPunct = 1u << 2,
  // CJK ideograph split one per character (HF tokenizers ranges, see isCjkIdeograph()).
  kCjk = 1u << 3,
  // General category Mn (removed by accent stripping after NFD).
  kNonspacingMark = 1u << 4,
  // Has a canonical decomposition (including algorithmic Hangul syllables).
  kDecomposes = 1u << 5,
  // Lowercasing changes the code point.
  kLowerDiffers = 1u << 6,
  // Canonical combining class != 0 (takes part in canonical reordering).
  kNonStarter = 1u << 7,
};

// Properties of `c`; code points above U+10FFFF get 0.
uint8_t props(char32_t c) noexcept;

// The same lookup without the function call / initialisation check, for hot loops: get the table
// once (propTable() builds it on first use) and call it per code point.
struct PropTable {
  const uint16_t* blockIndex;  // per block of 128 code points
  const uint8_t* blocks;
  uint8_t operator()(char32_t c) const noexcept {
    return c > 0x10FFFF ? uint8_t{0} : blocks[(size_t{blockIndex[c >> 7]} << 7) | (c & 127u)];
  }
};
const PropTable& propTable();

// The CJK ranges of Hugging Face tokenizers' BertNormalizer (Rust). HF Python's slow
// BertTokenizer starts the Ext-E range at U+2B820 instead of U+2B920 (README divergence probe
// cjk_ext_e_u2b820); we follow Rust.
constexpr bool isCjkIdeograph(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// Appends the full (recursive) canonical decomposition of `c`, or `c` itself when it has none.
// Not canonically reordered: callers reorder runs of non-starters (see canonicalReorder()).
void appendCanonicalDecomposition(char32_t c, std::u32string& out);

// Canonical combining class.
uint8_t combiningClass(char32_t c) noexcept;

// Stable-sorts every run of non-starters in s[from..] by combining class (Unicode canonical
// ordering, the last step of NFD).
void canonicalReorder(std::u32string& s, size_t from = 0);

// Appends the full lowercase mapping of `c` (per code point, no context: U+03A3 -> U+03C3 always,
// as Rust's char::to_lowercase; U+0130 -> "i\u0307").
void appendLowercase(char32_t c, std::u32string& out);

// UTF-8 helpers. decodeUtf8 replaces each maximal invalid subsequence by U+FFFD (Unicode
// "substitution of maximal subparts"; overlongs, surrogates and > U+10FFFF are invalid).
// Returns the decoded code point and advances `i`.
char32_t decodeUtf8(const char* s, size_t n, size_t& i) noexcept;
void appendUtf8(char32_t c, std::string& out);

}  // namespace il::unicode
