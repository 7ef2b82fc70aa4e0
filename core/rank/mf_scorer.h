// Matrix factorization for implicit feedback by alternating least squares (Hu, Koren,
// Volinsky 2008): every training interaction is a preference p = 1 with confidence
// 1 + alpha, every other (user, item) a preference 0 with confidence 1. Each step
// solves one small f x f system per user (then per item) exactly, by Cholesky.
#pragma once

#include "../matrix.h"
#include "scorer.h"

namespace il {

// Defaults: the best of the evaluation grid on MovieLens ml-latest-small (cf_models.h).
struct MfOptions {
  int factors = 32;
  double regularization = 10;  // lambda of the L2 penalty on every factor vector
  double alpha = 5;            // confidence of an observed interaction is 1 + alpha
  int iterations = 15;         // one iteration = users step + items step
  int threads = 0;             // for fit(); 0 = hardware
};

class MfScorer : public Scorer {
 public:
  explicit MfScorer(MfOptions options = {}) : o_(options) {}

  std::string name() const override { return "mf"; }
  std::string paramsJson() const override;
  // Item factors start from a uniform draw seeded by data.seed, so a fit is a pure
  // function of (data, options): thread count does not change the result.
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  void score(int32_t user, std::span<float> out) const override;

  const MfOptions& options() const { return o_; }
  const Matrix& userFactors() const { return users_; }
  const Matrix& itemFactors() const { return items_; }

 private:
  MfOptions o_;
  Matrix users_, items_;
};

}  // namespace il
