// Hybrid = weighted blend of other models' scores, each normalised per user (z-score
// over the catalog) so models on different scales mix fairly. Components are shared:
// many blends with different weights reuse one fitted set of models.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scorer.h"

namespace il {

// Models fitted at most once per TrainingData, however many blends use them.
class SharedModel {
 public:
  explicit SharedModel(std::unique_ptr<Scorer> scorer) : scorer_(std::move(scorer)) {}
  void fitOnce(const TrainingData& data, const JobControl* job);
  // The scorer was fitted elsewhere on data equal to what fitOnce() will be given
  // (the same split of the same corpus): never fit it again.
  void markFitted() { prefitted_ = true; }
  const Scorer& scorer() const { return *scorer_; }
  Scorer& scorer() { return *scorer_; }

 private:
  std::unique_ptr<Scorer> scorer_;
  const TrainingData* fittedOn_ = nullptr;
  bool prefitted_ = false;
};

class HybridScorer : public Scorer {
 public:
  struct Part {
    std::shared_ptr<SharedModel> model;
    double weight = 0;
  };
  explicit HybridScorer(std::vector<Part> parts) : parts_(std::move(parts)) {}

  std::string name() const override { return "hybrid"; }
  std::string paramsJson() const override;
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  void score(int32_t user, std::span<float> out) const override;

  const std::vector<Part>& parts() const { return parts_; }

 private:
  std::vector<Part> parts_;
};

// Scales finite scores to mean 0 and standard deviation 1 (all-equal scores become 0).
void standardize(std::span<float> scores);

// Blends of `models` with weights on a simplex grid of the given step (e.g. 0.25 for
// two or three models), every weight vector once; the evaluator picks one on validation.
std::vector<std::vector<double>> blendWeightGrid(size_t models, double step);

}  // namespace il
