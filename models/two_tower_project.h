// The two-tower model as a project job, shared by `interestlens-cli train`, the GUI's
// Retrain action and `evaluate`: train on everything the project holds (interactions,
// the text and item vectors of one encoder, likes and dislikes) and store the result
// (TrainedModelStore) so Recommendations and Evaluation show it beside the others.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "encoder_head.h"
#include "eval/model_spec.h"
#include "store/corpus_vectors.h"
#include "store/trained_model_store.h"
#include "two_tower.h"

namespace il {

class Project;

struct TrainRequest {
  TwoTowerOptions options;     // options.fineTuneEncoder: the head is built here
  EncoderHeadOptions head;     // its cache's limits
  std::string encoderId;   // "" = the newest encoder with vectors
  bool useFeedback = true; // likes as extra positives, dislikes as hard negatives
};

struct TrainResult {
  TrainedModel model;      // as stored (id set)
  double seconds = 0;      // all of it, the encoder head's cache included
  int64_t feedbackRows = 0;
};

// Throws ProjectError (no vectors, unknown encoder), Cancelled when cancelled. Epochs
// are reported to `onEpoch` (on this thread) and to job as progress.
TrainResult trainTwoTowerOnProject(Project& project, const TrainRequest& request, const JobControl* job = nullptr,
                                   const std::function<void(const TwoTowerEpoch&)>& onEpoch = {});

// The adversarial epsilons "twotower-apr" chooses from on validation.
inline const std::vector<double> kAprEpsilons = {0.05, 0.1, 0.25};

// The encoder of recorded vectors, rebuilt from its settings, as a fine-tuning head over
// the corpus's texts. Throws ProjectError when the installed encoder no longer makes
// those vectors (another id), it has no head (not USE-Lite) or the cache is too large.
std::shared_ptr<const EncoderHead> encoderHeadFor(const EncoderInfo& encoder, const Corpus& corpus,
                                                  const EncoderHeadOptions& options = {});

// For `evaluate`: "twotower" with its defaults, "twotower-apr" with adversarial
// regularisation (weight 1; epsilon from kAprEpsilons by validation NDCG@10 unless
// base sets one), "twotower-ft" with encoder fine-tuning on `head` (needed for it:
// twoTowerNeedsHead); nullopt for other names.
std::optional<ModelSpec> twoTowerModel(const std::string& name, TwoTowerOptions base = {},
                                       std::shared_ptr<const EncoderHead> head = {});
bool twoTowerNeedsHead(const std::string& name);

}  // namespace il
