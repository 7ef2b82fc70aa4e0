// What the two-tower trainer reads, prepared once per fit from TrainingData (torch-free):
// every user's history as a time-ordered token sequence, the training examples
// (interaction -> the tokens before it), validation pairs, and the per-user positive
// and disliked item sets the losses need.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "rank/scorer.h"
#include "two_tower.h"

namespace il {

// One history token: the vector of the interaction's usable text, else of its item.
struct HistoryToken {
  const float* vector = nullptr;  // a row of TrainingData::textVectors or ::itemVectors
  float scale = 1;                // 1 / |vector|, so tokens enter at unit length
  int32_t item = 0;
  bool fromText = false;
  int64_t text = -1;              // fromText: its row of the corpus texts
};

// "Predict `item` for `user` from the first `history` tokens of their sequence."
struct TwoTowerExample {
  int32_t user = 0, item = 0;
  int32_t history = 0;
  float weight = 1;
};

struct TwoTowerInputs {
  int32_t users = 0, items = 0;
  int64_t dimIn = 0;
  std::vector<int64_t> sequenceStart;  // per user + 1: tokens[sequenceStart[u] .. sequenceStart[u+1])
  std::vector<HistoryToken> tokens;     // per user ordered by (time, item)
  std::vector<TwoTowerExample> examples;
  std::vector<TwoTowerExample> validation;  // weight unused
  const float* itemVectors = nullptr;       // TrainingData::itemVectors, rows of dimIn
  std::vector<float> itemScale;             // 1 / |item vector|, 0 for a zero vector
  std::vector<int32_t> idRow;               // per item: its id-embedding row, -1 without history
  int32_t idRows = 0;
  std::vector<double> targetFrequency;      // per item: share of the examples that predict it
  // Per user, ascending: items not to use as that user's negatives (training
  // interactions and likes, minus dislikes) and disliked items (hard negatives).
  std::vector<std::vector<int32_t>> positives, dislikes;

  std::span<const HistoryToken> sequence(int32_t user) const {
    const auto b = sequenceStart[static_cast<size_t>(user)], e = sequenceStart[static_cast<size_t>(user) + 1];
    return {tokens.data() + b, static_cast<size_t>(e - b)};
  }
  bool isPositive(int32_t user, int32_t item) const;
  bool isDisliked(int32_t user, int32_t item) const;
};

// Throws std::runtime_error without item vectors or on sizes that do not match.
// `validation` empty: users with >= 3 training interactions have their last one held
// out (not an example; validated from the tokens before it).
TwoTowerInputs prepareTwoTowerInputs(const TrainingData& data, const TwoTowerOptions& options,
                                     const std::vector<std::pair<int32_t, int32_t>>& validation,
                                     const std::vector<UserItemFeedback>& feedback);

}  // namespace il
