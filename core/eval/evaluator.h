// Offline evaluation of recommendation models under the protocol of DESIGN.md:
// leave-last-out split, every candidate fitted once on training data, the best by
// validation NDCG@10 scored once on test, full ranking, fair ties.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../job.h"
#include "../matrix.h"
#include "../rank/corpus.h"
#include "model_spec.h"

namespace il {

struct EvalOptions {
  std::vector<int> ks{10, 20};
  uint64_t seed = 42;                   // passed to every model via TrainingData::seed
  const Matrix* textVectors = nullptr;  // rows align with corpus.texts; may be null
  const Matrix* itemVectors = nullptr;  // rows align with corpus.items; may be null
  int threads = 0;                      // users scored in parallel; 0 = hardware
};

inline constexpr int kTuningK = 10;  // validation NDCG@10 selects among candidates

struct MetricsAtK {
  int k = 0;
  double recall = 0, ndcg = 0, coverage = 0;
};

struct CandidateTrial {
  std::string paramsJson;
  double validationNdcg = 0;  // NDCG@10 on validation
  double fitSeconds = 0;
};

struct ModelResult {
  std::string model;
  std::string paramsJson;         // of the chosen candidate
  std::vector<MetricsAtK> atK;    // on test, one per EvalOptions::ks
  double validationNdcg = 0;      // NDCG@10 of the chosen candidate on validation
  double fitSeconds = 0;          // all candidates' fits
  double evalSeconds = 0;         // all validation scoring plus the test scoring
  std::vector<CandidateTrial> trials;  // every candidate, in the order tried
};

struct EvalReport {
  std::string protocol;  // human-readable description of how the numbers were made
  int32_t users = 0;     // evaluated users
  int32_t items = 0;     // catalog size ranked over
  uint64_t seed = 0;
  std::vector<int> ks;
  std::vector<ModelResult> results;  // in the order of `models`
};

// Throws Cancelled when `job` is cancelled; std::invalid_argument on bad options
// (no Ks, a K < 1, a model without candidates).
EvalReport evaluate(const Corpus& corpus, const EvalOptions& options, const std::vector<ModelSpec>& models,
                    const JobControl* job = nullptr);

}  // namespace il
