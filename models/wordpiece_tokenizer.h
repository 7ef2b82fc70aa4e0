// BERT WordPiece tokenizer with Hugging Face semantics (BertNormalizer + BertPreTokenizer +
// WordPiece + "[CLS] A [SEP]"). Where HF's Python (slow) and Rust (fast, tokenizers) BertTokenizer
// differ by design, this follows the Rust one (AutoTokenizer's default, transformers 5's
// BertTokenizer): no NFC step, CJK Ext-E from U+2B920, strip accents before per-code-point
// lowercasing (no final-sigma rule), unassigned code points are kept (-> [UNK]).
// See ../shared/models/tokenizers/README.md. Torch-free, Qt-free header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace il {

struct TokenizerFlags {
  bool lowercase = true;
  int stripAccents = -1;  // -1 follow lowercase, 0 off, 1 on
  bool tokenizeChineseChars = true;
  bool cleanText = true;
  int maxInputCharsPerWord = 100;  // code points; longer words become one [UNK]
  // The literal strings [PAD] [UNK] [CLS] [SEP] [MASK] (case-sensitive, on the raw text) become
  // their special ids, as HF does. Off = they are ordinary text ("[", "sep", "]").
  bool splitSpecialTokens = true;

  bool stripsAccents() const { return stripAccents < 0 ? lowercase : stripAccents != 0; }
};

struct TokenizedText {
  std::vector<int32_t> ids;  // with [CLS] ... [SEP]
};

// HF BasicTokenizer words of `utf8` (clean text, CJK split, lowercase/strip accents as `flags`
// say, whitespace and punctuation split; no WordPiece, special-token strings not recognised).
std::vector<std::string> basicTokenize(const std::string& utf8, const TokenizerFlags& flags = {});

// Immutable after construction; every const method may be called from several threads at once.
class WordPieceTokenizer {
 public:
  // Reads vocab.txt (or tokenizer.json's model.vocab when vocab.txt is absent) and the flags from
  // tokenizer_config.json / tokenizer.json's normalizer in `dir`. Throws il::EncoderError
  // (models/encoder.h) naming the file and problem.
  // Flag precedence (as transformers' BertTokenizerFast): tokenizer_config.json's do_lower_case /
  // strip_accents / tokenize_chinese_chars, else tokenizer.json's BertNormalizer, else defaults.
  // clean_text and max_input_chars_per_word come from tokenizer.json only.
  static WordPieceTokenizer fromDirectory(const std::string& dir);

  // vocab[i] is the token of id i (a later duplicate wins the lookup, as in HF's load_vocab).
  // Throws EncoderError if [UNK]/[CLS]/[SEP]/[PAD] are missing.
  WordPieceTokenizer(std::vector<std::string> vocab, TokenizerFlags flags);

  // Word pieces, no [CLS]/[SEP] added (special-token strings typed in the text are kept as such).
  std::vector<std::string> tokenize(const std::string& utf8) const;
  // ids with [CLS]/[SEP]; maxLength > 0 truncates to maxLength keeping [CLS] first and [SEP] last
  // (HF "longest_first" for one sequence). The result is never shorter than [CLS] [SEP].
  TokenizedText encode(const std::string& utf8, int maxLength = 0) const;

  // Same as encode(), into a caller-owned vector (cleared first): no allocation once it is large
  // enough. Invalid UTF-8 is decoded as U+FFFD (which clean_text then deletes).
  void encodeInto(std::string_view utf8, std::vector<int32_t>& ids, int maxLength = 0) const;
  // Number of ids encode(utf8) returns (including [CLS] and [SEP]).
  size_t tokenCount(std::string_view utf8) const;

  int32_t padId() const { return padId_; }
  int32_t unkId() const { return unkId_; }
  int32_t clsId() const { return clsId_; }
  int32_t sepId() const { return sepId_; }
  size_t vocabSize() const { return vocab_.size(); }
  const TokenizerFlags& flags() const { return flags_; }
  // Throws std::out_of_range for ids outside [0, vocabSize()).
  std::string idToToken(int32_t id) const;
  // -1 when `token` is not in the vocabulary.
  int32_t tokenToId(std::string_view token) const;

 private:
  // Open-addressing hash table token -> id. Keys of up to 8 bytes (most pieces) are stored in
  // the 16-byte slot itself, longer ones in one arena: a lookup usually touches one cache line.
  class TokenIndex {
   public:
    void reserve(size_t n);
    void insertOrAssign(std::string_view key, int32_t id);
    int32_t find(std::string_view key) const noexcept;  // -1 if absent
    size_t maxKeyBytes() const { return maxKeyBytes_; }

   private:
    struct Slot {
      uint64_t key;     // the key bytes if length <= 8 (zero-padded), else its offset in arena_
      uint16_t tag;     // high hash bits
      uint16_t length;  // bytes
      int32_t id;       // -1 = empty
    };
    void grow();
    std::string arena_;
    std::vector<Slot> slots_;
    size_t size_ = 0, maxKeyBytes_ = 0;
  };

  // Appends the pieces of `text` (no [CLS]/[SEP]) to `out`; stops once out.size() >= limit.
  void appendPieces(std::string_view text, std::vector<int32_t>& out, size_t limit) const;
  // `bounds`: chars+1 byte offsets of the code points in `word`; nullptr when word is ASCII.
  void appendWordPieces(std::string_view word, const uint32_t* bounds, size_t chars,
                        std::vector<int32_t>& out) const;

  std::vector<std::string> vocab_;
  TokenizerFlags flags_;
  TokenIndex whole_;         // every token -> id (lookups at the start of a word)
  TokenIndex continuation_;  // "##xyz" tokens, keyed by "xyz" (lookups inside a word)
  std::vector<std::pair<std::string, int32_t>> specials_;  // recognised in the raw text
  int32_t padId_ = -1, unkId_ = -1, clsId_ = -1, sepId_ = -1;
};

}  // namespace il
