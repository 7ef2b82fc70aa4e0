#include "popularity_scorer.h"

#include <algorithm>

namespace il {

void PopularityScorer::fit(const TrainingData& data, const JobControl* job) {
  if (job && job->cancelled()) throw Cancelled{};
  counts_.assign(static_cast<size_t>(data.items()), 0.0f);
  // Counted from the binary matrix so a repeated (user, item) pair counts once.
  for (int32_t item : data.userItems.index) counts_[static_cast<size_t>(item)] += 1.0f;
}

void PopularityScorer::score(int32_t /*user*/, std::span<float> out) const {
  std::copy(counts_.begin(), counts_.end(), out.begin());
}

}  // namespace il
