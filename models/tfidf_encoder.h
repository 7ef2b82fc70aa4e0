// TF-IDF fitted on the corpus (sublinear tf, smoothed idf, L2-normalised), reduced
// by truncated SVD (LSA) to `components` dimensions unless components is 0.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "encoder.h"

namespace il {

class TfidfEncoder final : public Encoder {
 public:
  struct Options {
    int components = 256;     // LSA dimensions; 0 = keep the raw vocabulary space
    int maxFeatures = 50000;  // most frequent terms kept
    int minDf = 0;            // 0 = 2 for corpora of 50+ texts, else 1
    uint64_t seed = 42;
  };
  explicit TfidfEncoder(Options o) : opt_(o) {}

  std::string id() const override;
  int dimension() const override;
  bool needsFit() const override { return !fitted_; }
  void fit(const std::vector<std::string>& corpus) override;
  int tokenCount(const std::string& text) const override;
  Matrix encode(const std::vector<std::string>& texts) override;

  // Vocabulary term of column `i` (raw space), for keyword inspection.
  const std::vector<std::string>& terms() const { return terms_; }

 private:
  // Sparse tf-idf row of one text: (column, weight), L2-normalised.
  std::vector<std::pair<int32_t, float>> weights(const std::string& text) const;

  Options opt_;
  bool fitted_ = false;
  std::vector<std::string> terms_;
  std::unordered_map<std::string, int32_t> column_;
  std::vector<float> idf_;
  Matrix components_;  // terms x k, empty without LSA
  std::string fingerprint_;
};

}  // namespace il
