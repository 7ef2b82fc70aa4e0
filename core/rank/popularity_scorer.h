// The simplest baseline: an item's score is how many users interacted with it in
// training, the same for every user.
#pragma once

#include <vector>

#include "scorer.h"

namespace il {

class PopularityScorer : public Scorer {
 public:
  std::string name() const override { return "popularity"; }
  std::string paramsJson() const override { return "{}"; }
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  void score(int32_t user, std::span<float> out) const override;

  // Training interactions per item.
  const std::vector<float>& counts() const { return counts_; }

 private:
  std::vector<float> counts_;
};

}  // namespace il
