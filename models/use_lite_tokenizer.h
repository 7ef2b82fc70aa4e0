// USE-Lite tokenizer: the SentencePiece-vocabulary Viterbi of @energetic-ai/embeddings 0.2.0 (a copy
// of tfjs-models' universal-sentence-encoder tokenizer), reproduced exactly, quirks included — it is
// NOT the sentencepiece library's algorithm. Spec: ../shared/models/use-lite/ARCHITECTURE.md §5.
//
//   1. NFKC (no lowercasing, no accent stripping, no whitespace clean-up);
//   2. non-empty: "▁" + text with every U+0020 replaced by "▁" (U+2581); empty text -> no tokens;
//   3. lattice over code points: every vocab piece (ids 6..7999; a later duplicate piece overwrites an
//      earlier one; JSON null score = 0) that prefixes the rest of the text is an edge; no match ->
//      one 1-symbol edge with score 0 and id 0 (unknown);
//   4. DP best[end] / words[end], both starting at 0, edges visited by ascending start; an edge wins
//      when best[end] == 0 || score >= best[end] (0 doubles as "unset", ties go to the later start);
//   5. backtrack by the winning pieces' lengths, reverse, collapse runs of id 0 into one 0.
// No special tokens are added. Torch-free and Qt-free header; thread-safe const methods.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace il {

class UseLiteTokenizer {
 public:
  struct Piece {
    std::string text;  // UTF-8
    double score = 0;  // JSON null -> 0
  };

  // `vocab[id]` = piece of token id (ids 0..5 are reserved and never produced, except 0 = unknown).
  explicit UseLiteTokenizer(std::vector<Piece> vocab);
  // Reads vocab.json ([[piece, score|null], ...], index = id). Throws EncoderError naming the file.
  static UseLiteTokenizer fromVocabJson(const std::string& path);

  std::vector<int32_t> encode(std::string_view utf8) const;

  int vocabSize() const { return static_cast<int>(vocab_.size()); }
  const std::string& piece(int id) const { return vocab_.at(static_cast<size_t>(id)).text; }
  // FNV-1a 64 over every piece and score: identifies the vocabulary (part of the encoder id).
  uint64_t fingerprint() const { return fingerprint_; }

  static constexpr int kReserved = 6;  // ids 0..5: unknown, <s>, </s>, extra_token_id_1..3

 private:
  struct Node {
    int32_t id = -1;  // vocab id when a piece ends here, else -1
    double score = 0;
  };
  int32_t child(int32_t node, char32_t c) const;

  std::vector<Piece> vocab_;
  std::vector<int32_t> length_;  // JS (UTF-16) length of each piece, for the backtrack
  std::vector<Node> nodes_;      // trie over code points; node 0 = root
  std::unordered_map<uint64_t, int32_t> children_;  // (node << 32 | code point) -> child node
  uint64_t fingerprint_ = 0;
};

}  // namespace il
