// Word vectors (GloVe / word2vec) loaded from any of the common file layouts:
//  - GloVe text: "word v1 v2 ... vd" per line
//  - word2vec text: a first line "count dim", then as GloVe
//  - word2vec binary: "count dim\n", then per word "word " + dim float32 (+ optional '\n')
//  - a folder with words.txt (one word per line) and one raw float32 .bin matrix (row i = line i)
// Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace il {

class WordVectors {
 public:
  // `path` is a vectors file or a folder holding one. Throws EncoderError naming the
  // file, line and problem. `maxWords` bounds memory for huge files (0 = no limit).
  static WordVectors load(const std::string& path, int64_t maxWords = 0);

  int dimension() const { return dim_; }
  size_t size() const { return words_.size(); }
  // Row of `word`, or nullptr when it is not in the vocabulary.
  const float* find(const std::string& word) const;
  const std::string& source() const { return source_; }
  // Short content hash (of dimension, words and sampled values) for encoder ids.
  std::string fingerprint() const;

 private:
  void add(std::string word, const float* v);
  static WordVectors loadText(const std::string& file, int64_t maxWords);
  static WordVectors loadWord2VecBinary(const std::string& file, int64_t maxWords);
  static WordVectors loadWordsAndMatrix(const std::string& wordsFile, const std::string& binFile, int64_t maxWords);

  int dim_ = 0;
  std::string source_;
  std::vector<std::string> words_;
  std::vector<float> data_;
  std::unordered_map<std::string, int32_t> index_;
};

}  // namespace il
