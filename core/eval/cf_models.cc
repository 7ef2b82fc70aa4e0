#include "cf_models.h"

#include "../rank/itemknn_scorer.h"
#include "../rank/popularity_scorer.h"

namespace il {

ModelSpec popularityModel() {
  return {"popularity", {[] { return std::make_unique<PopularityScorer>(); }}};
}

ModelSpec itemKnnGrid(const std::vector<int>& ks, int threads) {
  ModelSpec spec{"itemknn", {}};
  for (int k : ks) spec.candidates.push_back([k, threads] { return std::make_unique<ItemKnnScorer>(k, threads); });
  return spec;
}

ModelSpec itemKnnModel(int threads) { return itemKnnGrid({5, 10, 20, 50, 100}, threads); }

ModelSpec mfGrid(const std::vector<MfOptions>& grid) {
  ModelSpec spec{"mf", {}};
  for (const MfOptions& o : grid) spec.candidates.push_back([o] { return std::make_unique<MfScorer>(o); });
  return spec;
}

ModelSpec mfModel(int threads) {
  std::vector<MfOptions> grid;
  for (int factors : {32, 64})
    for (double alpha : {5.0, 20.0}) grid.push_back({factors, 10.0, alpha, 15, threads});
  return mfGrid(grid);
}

std::optional<ModelSpec> cfModel(const std::string& name, int threads) {
  if (name == "popularity") return popularityModel();
  if (name == "itemknn") return itemKnnModel(threads);
  if (name == "mf") return mfModel(threads);
  return std::nullopt;
}

}  // namespace il
