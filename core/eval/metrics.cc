#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace il {

namespace {

float comparable(float s) { return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s; }

bool isExcluded(std::span<const char> excluded, size_t j) { return !excluded.empty() && excluded[j] != 0; }

// Ranks strictly inside the window 1..K that the item can occupy: g+1 .. min(g+e+1, K).
int64_t lastRankWithinK(HeldOutRank r, int k) { return std::min<int64_t>(r.higher + r.tied + 1, k); }

}  // namespace

HeldOutRank heldOutRank(std::span<const float> scores, int32_t item, std::span<const char> excluded) {
  const float target = comparable(scores[static_cast<size_t>(item)]);
  HeldOutRank r;
  for (size_t j = 0; j < scores.size(); ++j) {
    if (static_cast<int32_t>(j) == item || isExcluded(excluded, j)) continue;
    const float s = comparable(scores[j]);
    if (s > target)
      ++r.higher;
    else if (s == target)
      ++r.tied;
  }
  return r;
}

double recallAtK(HeldOutRank r, int k) {
  const int64_t hits = lastRankWithinK(r, k) - r.higher;  // ranks g+1 .. min(g+e+1, K)
  return hits <= 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(r.tied + 1);
}

double ndcgAtK(HeldOutRank r, int k) {
  double sum = 0;
  for (int64_t rank = r.higher + 1; rank <= lastRankWithinK(r, k); ++rank)
    sum += 1.0 / std::log2(static_cast<double>(rank) + 1.0);
  return sum / static_cast<double>(r.tied + 1);
}

std::vector<int32_t> bestCandidates(std::span<const float> scores, int k, std::span<const char> excluded) {
  if (k <= 0) return {};
  // "Better" = higher score, then lower index; a heap keeps the worst of the best K on top.
  const auto better = [&](int32_t a, int32_t b) {
    const float sa = comparable(scores[static_cast<size_t>(a)]), sb = comparable(scores[static_cast<size_t>(b)]);
    return sa != sb ? sa > sb : a < b;
  };
  std::vector<int32_t> heap;
  heap.reserve(static_cast<size_t>(k) + 1);
  for (size_t j = 0; j < scores.size(); ++j) {
    if (isExcluded(excluded, j)) continue;
    const int32_t item = static_cast<int32_t>(j);
    if (heap.size() < static_cast<size_t>(k)) {
      heap.push_back(item);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(item, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = item;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
  std::sort(heap.begin(), heap.end(), better);
  return heap;
}

double catalogCoverage(const std::vector<std::vector<int32_t>>& lists, int k, int32_t items) {
  if (items <= 0) return 0.0;
  std::vector<char> seen(static_cast<size_t>(items), 0);
  int64_t covered = 0;
  for (const auto& list : lists) {
    const size_t n = std::min(list.size(), static_cast<size_t>(std::max(k, 0)));
    for (size_t i = 0; i < n; ++i) {
      char& s = seen[static_cast<size_t>(list[i])];
      if (!s) s = 1, ++covered;
    }
  }
  return static_cast<double>(covered) / static_cast<double>(items);
}

}  // namespace il
