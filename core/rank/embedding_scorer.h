// Scores with the embeddings a trained model left in the project (TrainedModel): the
// dot product of the user's and the item's vectors. Users and items are matched to the
// corpus by id, so a model trained before a re-import still scores what it knows; a
// user it never saw gets the mean user vector, and an item it never saw ranks below
// every item it knows.
#pragma once

#include "../store/trained_model_store.h"
#include "scorer.h"

namespace il {

class EmbeddingScorer : public Scorer {
 public:
  EmbeddingScorer(const Corpus& corpus, const TrainedModel& model);

  std::string name() const override { return name_; }
  std::string paramsJson() const override { return params_; }
  // Already trained: nothing to learn.
  void fit(const TrainingData&, const JobControl* = nullptr) override {}
  void score(int32_t user, std::span<float> out) const override;

  int64_t knownUsers() const { return knownUsers_; }
  int64_t knownItems() const { return knownItems_; }

 private:
  std::string name_, params_;
  Matrix users_, items_;           // rows align with the corpus' users / items
  std::vector<char> itemKnown_;
  int64_t knownUsers_ = 0, knownItems_ = 0;
};

}  // namespace il
