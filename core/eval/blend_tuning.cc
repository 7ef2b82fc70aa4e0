#include "blend_tuning.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "../rank/hybrid_scorer.h"
#include "../vec_math.h"
#include "metrics.h"

namespace il {

BlendTuning tuneBlend(const std::vector<const Scorer*>& components, const LeaveLastOutSplit& split,
                      const SparseRows& trainItems, const std::vector<std::vector<double>>& grid, int threads,
                      const JobControl* job) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<int32_t> users;
  for (int32_t u = 0; u < static_cast<int32_t>(split.testItem.size()); ++u)
    if (split.evaluated(u)) users.push_back(u);
  const size_t items = static_cast<size_t>(trainItems.cols);
  // Partial sums keyed by range start and added in that order: the same result
  // whatever order the threads finish in.
  std::map<int64_t, std::vector<double>> partial;
  std::mutex merge;
  std::atomic<int64_t> done{0};
  parallelRanges(static_cast<int64_t>(users.size()), threads, 8, [&](int64_t begin, int64_t end) {
    std::vector<std::vector<float>> parts(components.size(), std::vector<float>(items));
    std::vector<float> blended(items);
    std::vector<char> excluded(items);
    std::vector<double> local(grid.size(), 0.0);
    for (int64_t i = begin; i < end; ++i) {
      if (job && job->cancelled()) return;
      const int32_t u = users[static_cast<size_t>(i)];
      for (size_t c = 0; c < components.size(); ++c) {
        components[c]->score(u, parts[c]);
        standardize(parts[c]);
      }
      std::fill(excluded.begin(), excluded.end(), 0);
      for (int32_t j : trainItems.row(u)) excluded[static_cast<size_t>(j)] = 1;
      const int32_t target = split.validationItem[static_cast<size_t>(u)];
      for (size_t g = 0; g < grid.size(); ++g) {
        std::fill(blended.begin(), blended.end(), 0.0f);
        for (size_t c = 0; c < components.size(); ++c) {
          const float w = static_cast<float>(grid[g][c]);
          if (w == 0) continue;
          for (size_t j = 0; j < items; ++j) blended[j] += w * parts[c][j];
        }
        local[g] += ndcgAtK(heldOutRank(blended, target, excluded), 10);
      }
      const int64_t n = ++done;
      if (job && (n % 64) == 0) job->report({n, static_cast<int64_t>(users.size()), "hybrid: tuning blend weights"});
    }
    std::lock_guard lock(merge);
    partial.emplace(begin, std::move(local));
  });
  if (job && job->cancelled()) throw Cancelled{};
  std::vector<double> total(grid.size(), 0.0);
  for (const auto& [begin, sums] : partial)
    for (size_t g = 0; g < grid.size(); ++g) total[g] += sums[g];
  BlendTuning out;
  for (size_t g = 0; g < grid.size(); ++g) {
    const double ndcg = users.empty() ? 0.0 : total[g] / static_cast<double>(users.size());
    out.trials.push_back({grid[g], ndcg});
    if (g == 0 || ndcg > out.validationNdcg + 1e-12) {
      out.validationNdcg = ndcg;
      out.weights = grid[g];
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace il
