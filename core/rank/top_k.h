// Top-k selection for recommendation lists: ties broken by item index ascending
// (= item id order), excluded items skipped, optional score threshold. The dot-product
// forms score items block by block, so no users x items matrix is ever built.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "../matrix.h"

namespace il {

struct ScoredItem {
  int32_t item = 0;
  float score = 0;
};

struct TopKOptions {
  int k = 10;
  float threshold = -std::numeric_limits<float>::infinity();  // keep scores >= threshold
  std::span<const int32_t> excluded;  // ascending item indices never returned
};

// Best k of `scores` (one per item), best first.
std::vector<ScoredItem> topK(std::span<const float> scores, const TopKOptions& options);

// Best k items by q . items_j, best first; threads 0 = hardware.
std::vector<ScoredItem> topKDot(const float* q, const Matrix& items, const TopKOptions& options, int threads = 0);

// For every row of `queries`: best k items by dot product. excludedPerQuery may be
// empty or hold one ascending exclusion list per query.
std::vector<std::vector<ScoredItem>> topKDotBatch(const Matrix& queries, const Matrix& items, int k,
                                                  const std::vector<std::vector<int32_t>>& excludedPerQuery = {},
                                                  int threads = 0);

// Better-first order used by every list: higher score, then lower item index.
inline bool betterThan(const ScoredItem& a, const ScoredItem& b) {
  return a.score != b.score ? a.score > b.score : a.item < b.item;
}

// The k best items seen so far (NaN scores never enter); the worst kept sits on top
// of a heap, so each offer costs O(log k).
class BestItems {
 public:
  explicit BestItems(int k) : k_(std::max(0, k)) { heap_.reserve(static_cast<size_t>(k_) + 1); }
  bool full() const { return static_cast<int>(heap_.size()) >= k_; }
  // The worst score kept, or -inf while not full: a lower score cannot enter.
  float bar() const { return full() && k_ > 0 ? heap_.front().score : -std::numeric_limits<float>::infinity(); }
  void offer(int32_t item, float score) {
    if (k_ == 0 || score != score) return;  // NaN
    const ScoredItem s{item, score};
    if (!full()) {
      heap_.push_back(s);
      std::push_heap(heap_.begin(), heap_.end(), betterThan);
    } else if (betterThan(s, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), betterThan);
      heap_.back() = s;
      std::push_heap(heap_.begin(), heap_.end(), betterThan);
    }
  }
  void merge(const BestItems& other) {
    for (const ScoredItem& s : other.heap_) offer(s.item, s.score);
  }
  std::vector<ScoredItem> sorted() const {
    std::vector<ScoredItem> out = heap_;
    std::sort(out.begin(), out.end(), betterThan);
    return out;
  }

 private:
  int k_;
  std::vector<ScoredItem> heap_;
};

}  // namespace il
