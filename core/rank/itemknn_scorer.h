// Item-based collaborative filtering: cosine similarity between items' columns of the
// binary user x item training matrix, only the k most similar neighbours of each item
// kept. score(u, j) = sum of sim(i, j) over the user's training items i that have j
// among their k neighbours.
#pragma once

#include <span>
#include <vector>

#include "scorer.h"

namespace il {

class ItemKnnScorer : public Scorer {
 public:
  struct Neighbour {
    int32_t item = 0;
    float similarity = 0;
  };

  // threads: for fit(); 0 = hardware.
  explicit ItemKnnScorer(int k = 50, int threads = 0) : k_(k), threads_(threads) {}

  std::string name() const override { return "itemknn"; }
  std::string paramsJson() const override;
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  void score(int32_t user, std::span<float> out) const override;

  int k() const { return k_; }
  // The kept neighbours of `item`, most similar first (ties by item index).
  std::span<const Neighbour> neighbours(int32_t item) const;
  // The CF neighbours behind score(user, item): the user's training items that have
  // `item` among their neighbours, with sim(i, item); most similar first (ties by index).
  // Their similarities sum to score(user, item).
  std::vector<Neighbour> contributors(int32_t user, int32_t item) const;

 private:
  int k_, threads_;
  const TrainingData* data_ = nullptr;  // user histories for score()
  std::vector<int64_t> start_{0};       // neighbours of item i: [start_[i], start_[i+1])
  std::vector<Neighbour> neighbours_;
};

}  // namespace il
