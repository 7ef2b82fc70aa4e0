// Chinese word segmentation with jieba's dictionary (dict.txt: "word freq [tag]" per line),
// the algorithm of jieba.cut(text, HMM=False): a prefix dictionary, the DAG of every dictionary
// word starting at each character, and the maximum-probability path through it
// (sum of log(freq / total)); characters no word covers stay single, and consecutive single
// ASCII letters/digits are joined into one token as jieba does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace il {

class ChineseSegmenter {
 public:
  // Reads a jieba dictionary. Throws std::runtime_error naming the file when it cannot be read
  // or holds no valid entry; malformed lines are skipped (counted in skippedLines()).
  static ChineseSegmenter load(const std::string& path);

  // IL_JIEBA_DICT if set, else the dictionary Debian's python3-jieba installs.
  static std::string defaultDictPath();

  // The process-wide segmenter over defaultDictPath(), loaded on first use (thread-safe, once).
  // nullptr when the dictionary is missing or unreadable; sharedError() then says why, and a
  // warning is printed once.
  static const ChineseSegmenter* shared();
  static std::string sharedError();

  // Exactly the tokens of jieba.cut(text, HMM=False), punctuation and whitespace included
  // (each character outside jieba's word blocks is its own token; "\r\n" is one). Invalid
  // UTF-8 bytes become U+FFFD.
  std::vector<std::string> cut(std::string_view utf8) const;

  // Segments one run of code points (no block splitting) into [begin, end) spans, appended
  // to `out`: jieba's __cut_DAG_NO_HMM.
  void cutRun(const char32_t* s, size_t n, std::vector<std::pair<uint32_t, uint32_t>>& out) const;

  // Whether `word` is a dictionary word (frequency > 0).
  bool contains(std::u32string_view word) const;

  size_t wordCount() const { return words_; }
  size_t skippedLines() const { return skipped_; }
  int64_t totalFrequency() const { return total_; }

 private:
  ChineseSegmenter() = default;
  uint32_t child(uint32_t node, char32_t c) const;
  uint32_t addChild(uint32_t node, char32_t c);
  void grow();

  // Trie as one open-addressing table of packed slots: parent node (21 bits), code point
  // (21 bits), child node (21 bits); one cache line per probe. 0 = empty (code point 0 is
  // never stored, so a used slot is never 0).
  std::vector<uint64_t> slots_;
  size_t used_ = 0;
  std::vector<double> weight_;  // per node: log(freq) - log(total); 0 freq = only a prefix
  std::vector<uint32_t> freq_;
  size_t words_ = 0;
  size_t skipped_ = 0;
  int64_t total_ = 0;
  double logTotal_ = 0;
};

}  // namespace il
