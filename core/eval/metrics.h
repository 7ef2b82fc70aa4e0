// Ranking metrics with fair tie counting (DESIGN.md, "Evaluation protocol"): when g
// candidates score strictly higher than the held-out item and e others score the same,
// its rank is uniform on g+1 .. g+e+1 and each metric is the exact expectation over
// that range, so a model with many tied scores is neither flattered nor punished.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace il {

struct HeldOutRank {
  int64_t higher = 0;  // g: candidates scoring strictly higher
  int64_t tied = 0;    // e: other candidates scoring the same
};

// Where `item` lands among the candidates: every index of `scores` whose `excluded`
// flag is 0 (an empty mask excludes nothing). NaN scores count as -infinity.
HeldOutRank heldOutRank(std::span<const float> scores, int32_t item, std::span<const char> excluded = {});

// Expected Recall@K (= HR@K with one held-out item): P(rank <= K).
double recallAtK(HeldOutRank r, int k);
// Expected NDCG@K with binary relevance: E[1/log2(rank+1) if rank <= K else 0].
double ndcgAtK(HeldOutRank r, int k);

// The K best candidates, best first; ties broken by item index ascending (the order
// lists shown to people use). Fewer than K when there are fewer candidates.
std::vector<int32_t> bestCandidates(std::span<const float> scores, int k, std::span<const char> excluded = {});

// Fraction of the `items` catalog that appears in at least one list's first K entries.
double catalogCoverage(const std::vector<std::vector<int32_t>>& lists, int k, int32_t items);

}  // namespace il
