// Tunes the hybrid's blend weights on validation: each validation user's component
// scores are computed and standardised once, then every weight vector of the grid is
// ranked from them, so a fine grid costs little more than one pass over the users.
#pragma once

#include <vector>

#include "../job.h"
#include "../rank/scorer.h"
#include "split.h"

namespace il {

struct BlendTrial {
  std::vector<double> weights;
  double validationNdcg = 0;  // NDCG@10
};

struct BlendTuning {
  std::vector<double> weights;  // the best trial's (ties: the first in grid order)
  double validationNdcg = 0;
  std::vector<BlendTrial> trials;
  double seconds = 0;
};

// `components` are fitted on the split's training events; `trainItems` is the training
// user x item matrix (excluded from ranking, as in the evaluator's validation step).
BlendTuning tuneBlend(const std::vector<const Scorer*>& components, const LeaveLastOutSplit& split,
                      const SparseRows& trainItems, const std::vector<std::vector<double>>& grid, int threads = 0,
                      const JobControl* job = nullptr);

}  // namespace il
