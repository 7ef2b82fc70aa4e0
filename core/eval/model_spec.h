// What the evaluator is asked to compare: a model name and its candidate
// configurations, each a factory for a fresh, unfitted scorer. Validation picks one.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../rank/scorer.h"

namespace il {

using ScorerFactory = std::function<std::unique_ptr<Scorer>()>;

struct ModelSpec {
  std::string name;
  std::vector<ScorerFactory> candidates;  // tried in order; on equal validation NDCG the first wins
};

}  // namespace il
