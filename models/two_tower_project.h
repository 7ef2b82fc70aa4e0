// The two-tower model as a project job, shared by `interestlens-cli train`, the GUI's
// Retrain action and `evaluate`: train on everything the project holds (interactions,
// the text and item vectors of one encoder, likes and dislikes) and store the result
// (TrainedModelStore) so Recommendations and Evaluation show it beside the others.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "eval/model_spec.h"
#include "store/trained_model_store.h"
#include "two_tower.h"

namespace il {

class Project;

struct TrainRequest {
  TwoTowerOptions options;
  std::string encoderId;   // "" = the newest encoder with vectors
  bool useFeedback = true; // likes as extra positives, dislikes as hard negatives
};

struct TrainResult {
  TrainedModel model;      // as stored (id set)
  double seconds = 0;
  int64_t feedbackRows = 0;
};

// Throws ProjectError (no vectors, unknown encoder), Cancelled when cancelled. Epochs
// are reported to `onEpoch` (on this thread) and to job as progress.
TrainResult trainTwoTowerOnProject(Project& project, const TrainRequest& request, const JobControl* job = nullptr,
                                   const std::function<void(const TwoTowerEpoch&)>& onEpoch = {});

// The adversarial epsilons "twotower-apr" chooses from on validation.
inline const std::vector<double> kAprEpsilons = {0.05, 0.1, 0.25};

// For `evaluate`: "twotower" with its defaults, "twotower-apr" with adversarial
// regularisation (weight 1; epsilon from kAprEpsilons by validation NDCG@10 unless
// base sets one); nullopt for other names.
std::optional<ModelSpec> twoTowerModel(const std::string& name, TwoTowerOptions base = {});

}  // namespace il
