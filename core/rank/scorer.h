// The interface every recommendation model implements (popularity, ItemKNN, matrix
// factorization, content, hybrid): fitted once on training data, then asked for one
// score per item for a user. The evaluator and `recommend` only see this interface.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "../job.h"
#include "../matrix.h"
#include "corpus.h"
#include "interactions.h"

namespace il {

// What a model may learn from. In evaluation, `events` hold only training
// interactions and `textUsable` hides the texts of held-out (user, item) pairs.
struct TrainingData {
  const Corpus* corpus = nullptr;
  std::vector<Event> events;      // training interactions
  SparseRows userItems;           // the same as a binary user x item matrix
  std::vector<char> textUsable;   // per corpus text: may build profiles (1) or not (0)
  const Matrix* textVectors = nullptr;  // rows align with corpus->texts; null without an encoder
  const Matrix* itemVectors = nullptr;  // rows align with corpus->items
  uint64_t seed = 42;

  int32_t users() const { return corpus->userCount(); }
  int32_t items() const { return corpus->itemCount(); }
  // Builds userItems from events and marks every text usable.
  static TrainingData all(const Corpus& corpus, uint64_t seed = 42);
  // Sets `events` (and userItems from them) and keeps usable only texts whose
  // (user, item) is among them.
  void setEvents(std::vector<Event> training);
};

class Scorer {
 public:
  virtual ~Scorer() = default;
  virtual std::string name() const = 0;
  // Hyperparameters as a JSON object, e.g. {"k":50}; recorded with every result.
  virtual std::string paramsJson() const = 0;
  // Learns from `data`, which outlives the scorer. Polls job->cancelled() in long loops
  // (throws Cancelled).
  virtual void fit(const TrainingData& data, const JobControl* job = nullptr) = 0;
  // out.size() == number of items; higher is better. Thread-safe after fit().
  virtual void score(int32_t user, std::span<float> out) const = 0;
};

}  // namespace il
