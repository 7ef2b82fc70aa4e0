#include "embedding_scorer.h"

#include <algorithm>
#include <limits>

#include "../vec_math.h"

namespace il {

EmbeddingScorer::EmbeddingScorer(const Corpus& corpus, const TrainedModel& model)
    : name_(model.kind), params_(model.paramsJson) {
  const int64_t dim = model.userVectors.cols;
  users_ = Matrix::zeros(corpus.userCount(), dim);
  items_ = Matrix::zeros(corpus.itemCount(), dim);
  itemKnown_.assign(static_cast<size_t>(corpus.itemCount()), 0);
  std::vector<float> mean(static_cast<size_t>(dim), 0.f);
  std::vector<char> userKnown(static_cast<size_t>(corpus.userCount()), 0);
  for (size_t r = 0; r < model.userIds.size(); ++r) {
    const float* v = model.userVectors.row(static_cast<int64_t>(r));
    for (int64_t c = 0; c < dim; ++c) mean[static_cast<size_t>(c)] += v[c] / static_cast<float>(model.userIds.size());
    const int32_t u = corpus.findUser(model.userIds[r]);
    if (u < 0) continue;
    std::copy(v, v + dim, users_.row(u));
    userKnown[static_cast<size_t>(u)] = 1;
    ++knownUsers_;
  }
  for (int32_t u = 0; u < corpus.userCount(); ++u)
    if (!userKnown[static_cast<size_t>(u)]) std::copy(mean.begin(), mean.end(), users_.row(u));
  for (size_t r = 0; r < model.itemIds.size(); ++r) {
    const int32_t i = corpus.findItem(model.itemIds[r]);
    if (i < 0) continue;
    const float* v = model.itemVectors.row(static_cast<int64_t>(r));
    std::copy(v, v + dim, items_.row(i));
    itemKnown_[static_cast<size_t>(i)] = 1;
    ++knownItems_;
  }
}

void EmbeddingScorer::score(int32_t user, std::span<float> out) const {
  const float* u = users_.row(user);
  float lowest = std::numeric_limits<float>::max();
  for (int64_t i = 0; i < items_.rows; ++i) {
    out[static_cast<size_t>(i)] = dot(u, items_.row(i), items_.cols);
    if (itemKnown_[static_cast<size_t>(i)]) lowest = std::min(lowest, out[static_cast<size_t>(i)]);
  }
  if (knownItems_ == items_.rows) return;
  // Finite, so blends that normalise scores still work.
  const float floor = knownItems_ > 0 ? lowest - 1.f : 0.f;
  for (int64_t i = 0; i < items_.rows; ++i)
    if (!itemKnown_[static_cast<size_t>(i)]) out[static_cast<size_t>(i)] = floor;
}

}  // namespace il
