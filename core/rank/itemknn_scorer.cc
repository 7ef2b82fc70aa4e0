#include "itemknn_scorer.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "../vec_math.h"

namespace il {

namespace {

bool moreSimilar(const ItemKnnScorer::Neighbour& a, const ItemKnnScorer::Neighbour& b) {
  return a.similarity != b.similarity ? a.similarity > b.similarity : a.item < b.item;
}

}  // namespace

std::string ItemKnnScorer::paramsJson() const { return "{\"k\":" + std::to_string(k_) + "}"; }

void ItemKnnScorer::fit(const TrainingData& data, const JobControl* job) {
  data_ = &data;
  const SparseRows& userItems = data.userItems;
  const SparseRows itemUsers = userItems.transposed();
  const int32_t items = data.items();
  const size_t keep = static_cast<size_t>(std::max(k_, 0));
  std::vector<std::vector<Neighbour>> lists(static_cast<size_t>(items));
  std::atomic<bool> cancelled{false};

  parallelRanges(items, threads_, 64, [&](int64_t begin, int64_t end) {
    // Co-occurrence counts of item i with every other item, reset after each i.
    std::vector<int32_t> common(static_cast<size_t>(items), 0);
    std::vector<int32_t> touched;
    std::vector<Neighbour> candidates;
    for (int64_t i = begin; i < end; ++i) {
      if ((i & 127) == 0 && job && job->cancelled()) cancelled = true;
      if (cancelled) return;
      const auto users = itemUsers.row(static_cast<int32_t>(i));
      for (int32_t u : users)
        for (int32_t j : userItems.row(u))
          if (common[static_cast<size_t>(j)]++ == 0) touched.push_back(j);
      candidates.clear();
      for (int32_t j : touched) {
        if (j != i) {
          const double both = common[static_cast<size_t>(j)];
          const double sizes = static_cast<double>(users.size()) * static_cast<double>(itemUsers.row(j).size());
          candidates.push_back({j, static_cast<float>(both / std::sqrt(sizes))});
        }
        common[static_cast<size_t>(j)] = 0;
      }
      touched.clear();
      const size_t n = std::min(keep, candidates.size());
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end(),
                        moreSimilar);
      lists[static_cast<size_t>(i)].assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n));
    }
  });
  if (cancelled || (job && job->cancelled())) throw Cancelled{};

  start_.assign(static_cast<size_t>(items) + 1, 0);
  neighbours_.clear();
  for (int32_t i = 0; i < items; ++i) {
    neighbours_.insert(neighbours_.end(), lists[static_cast<size_t>(i)].begin(), lists[static_cast<size_t>(i)].end());
    start_[static_cast<size_t>(i) + 1] = static_cast<int64_t>(neighbours_.size());
  }
}

std::span<const ItemKnnScorer::Neighbour> ItemKnnScorer::neighbours(int32_t item) const {
  const int64_t b = start_[static_cast<size_t>(item)], e = start_[static_cast<size_t>(item) + 1];
  return {neighbours_.data() + b, static_cast<size_t>(e - b)};
}

void ItemKnnScorer::score(int32_t user, std::span<float> out) const {
  std::fill(out.begin(), out.end(), 0.0f);
  for (int32_t i : data_->userItems.row(user))
    for (const Neighbour& n : neighbours(i)) out[static_cast<size_t>(n.item)] += n.similarity;
}

std::vector<ItemKnnScorer::Neighbour> ItemKnnScorer::contributors(int32_t user, int32_t item) const {
  std::vector<Neighbour> out;
  for (int32_t i : data_->userItems.row(user))
    for (const Neighbour& n : neighbours(i))
      if (n.item == item) out.push_back({i, n.similarity});
  std::sort(out.begin(), out.end(), moreSimilar);
  return out;
}

}  // namespace il
