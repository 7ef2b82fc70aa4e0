// The collaborative-filtering baselines with their default hyperparameter grids, as
// the evaluator takes them. Sized so all three evaluate on MovieLens ml-latest-small
// (610 users, 9.7k items, 100k ratings) in well under a minute on two cores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../rank/mf_scorer.h"
#include "model_spec.h"

namespace il {

ModelSpec popularityModel();
// k in {20, 50, 100, 200}.
ModelSpec itemKnnModel(int threads = 0);
// factors {32, 64} x regularization {0.01, 0.1} x alpha {10, 40}, 15 iterations.
ModelSpec mfModel(int threads = 0);
// The same models with an explicit grid, one candidate per entry.
ModelSpec itemKnnGrid(const std::vector<int>& ks, int threads = 0);
ModelSpec mfGrid(const std::vector<MfOptions>& grid);

// "popularity", "itemknn" or "mf" with its default grid; nullopt for other names.
std::optional<ModelSpec> cfModel(const std::string& name, int threads = 0);

}  // namespace il
