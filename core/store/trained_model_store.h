// Trained models kept in the project (the two-tower model; later others): what scoring
// needs — one embedding per user and per item, so scoring is a dot product and stays
// torch-free — keyed by the users' and items' own ids so a re-import keeps them valid;
// the model's own state (for retraining, opaque here); and the parameters, the
// per-epoch history and the metrics that made it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../matrix.h"

namespace il {

class Project;

struct TrainedModel {
  int64_t id = 0;                 // set by save()
  std::string kind;               // e.g. "twotower"
  std::string encoderId;          // the text vectors it was trained on
  std::string paramsJson = "{}", historyJson = "[]", metricsJson = "{}";
  int64_t created = 0;            // Unix seconds; set by save()
  std::vector<std::string> userIds, itemIds;
  Matrix userVectors, itemVectors;  // rows align with userIds / itemIds; same width
  std::string state;              // the trainer's own serialization
};

class TrainedModelStore {
 public:
  explicit TrainedModelStore(Project& project) : project_(project) {}

  // Stores a new version; returns its id. Throws ProjectError for mismatched shapes.
  int64_t save(TrainedModel model);
  // The newest model of `kind` (trained on `encoderId` unless that is ""), blobs included.
  std::optional<TrainedModel> latest(const std::string& kind, const std::string& encoderId = {});
  // Every stored model, newest first, without ids, vectors or state (for listings).
  std::vector<TrainedModel> list();
  void remove(int64_t id);

 private:
  Project& project_;
};

}  // namespace il
