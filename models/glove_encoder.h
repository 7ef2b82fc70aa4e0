// Mean of word vectors (GloVe / word2vec) over the text's words, with the BERT basic
// pre-tokenizer (lower case, accents stripped, punctuation split, CJK per character).
// Words without a letter or digit, and words not in the vocabulary, are skipped.
#pragma once

#include "encoder.h"
#include "word_vectors.h"

namespace il {

class GloveEncoder final : public Encoder {
 public:
  // `normalize`: L2-normalise each mean vector.
  GloveEncoder(WordVectors vectors, bool normalize);

  std::string id() const override;
  int dimension() const override { return vectors_.dimension(); }
  int tokenCount(const std::string& text) const override;
  Matrix encode(const std::vector<std::string>& texts) override;

  // The words of `text` that have a vector (in order), for explanations and tests.
  std::vector<std::string> usedWords(const std::string& text) const;

 private:
  WordVectors vectors_;
  bool normalize_;
};

}  // namespace il
