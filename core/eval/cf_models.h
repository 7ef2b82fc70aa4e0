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
// k in {5, 10, 20, 50, 100}: on MovieLens small neighbourhoods win, larger k dilutes.
ModelSpec itemKnnModel(int threads = 0);
// factors {32, 64} x alpha {5, 20}, regularization 10, 15 iterations. On MovieLens a
// regularization of 0.01 to 1 made no difference (Y^T Y dwarfs it) and alpha 40 lost
// to 5-10 everywhere, so the grid spends its fits where validation NDCG moved.
ModelSpec mfModel(int threads = 0);
// The same models with an explicit grid, one candidate per entry.
ModelSpec itemKnnGrid(const std::vector<int>& ks, int threads = 0);
ModelSpec mfGrid(const std::vector<MfOptions>& grid);

// "popularity", "itemknn" or "mf" with its default grid; nullopt for other names.
std::optional<ModelSpec> cfModel(const std::string& name, int threads = 0);

}  // namespace il
