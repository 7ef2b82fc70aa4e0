#include "top_k.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "../vec_math.h"

namespace il {

namespace {

// Scores items [begin, end) of one query into `best`, in cache-sized blocks.
void scanRange(const float* q, const Matrix& items, int64_t begin, int64_t end, const TopKOptions& o, BestItems& best) {
  constexpr int64_t kBlock = 2048;
  std::vector<float> buf(static_cast<size_t>(std::min<int64_t>(kBlock, std::max<int64_t>(0, end - begin))));
  auto ex = std::lower_bound(o.excluded.begin(), o.excluded.end(), static_cast<int32_t>(begin));
  for (int64_t b = begin; b < end; b += kBlock) {
    const int64_t e = std::min(end, b + kBlock);
    for (int64_t j = b; j < e; ++j) buf[static_cast<size_t>(j - b)] = dot(q, items.row(j), items.cols);
    for (int64_t j = b; j < e; ++j) {
      const float s = buf[static_cast<size_t>(j - b)];
      if (s < o.threshold || s < best.bar()) continue;
      while (ex != o.excluded.end() && *ex < j) ++ex;
      if (ex != o.excluded.end() && *ex == j) continue;
      best.offer(static_cast<int32_t>(j), s);
    }
  }
}

int threadCount(int threads, int64_t work, int64_t minPerThread) {
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int t = threads > 0 ? threads : hw;
  return static_cast<int>(std::clamp<int64_t>(work / std::max<int64_t>(1, minPerThread), 1, t));
}

}  // namespace

std::vector<ScoredItem> topK(std::span<const float> scores, const TopKOptions& o) {
  BestItems best(o.k);
  auto ex = o.excluded.begin();
  for (size_t j = 0; j < scores.size(); ++j) {
    const float s = scores[j];
    if (s < o.threshold || s < best.bar()) continue;
    while (ex != o.excluded.end() && *ex < static_cast<int32_t>(j)) ++ex;
    if (ex != o.excluded.end() && *ex == static_cast<int32_t>(j)) continue;
    best.offer(static_cast<int32_t>(j), s);
  }
  return best.sorted();
}

std::vector<ScoredItem> topKDot(const float* q, const Matrix& items, const TopKOptions& o, int threads) {
  const int t = threadCount(threads, items.rows, 65536);
  std::vector<BestItems> parts(static_cast<size_t>(t), BestItems(o.k));
  const int64_t step = (items.rows + t - 1) / t;
  std::vector<std::thread> pool;
  for (int i = 1; i < t; ++i)
    pool.emplace_back([&, i] { scanRange(q, items, i * step, std::min(items.rows, (i + 1) * step), o, parts[i]); });
  scanRange(q, items, 0, std::min(items.rows, step), o, parts[0]);
  for (auto& th : pool) th.join();
  for (int i = 1; i < t; ++i) parts[0].merge(parts[static_cast<size_t>(i)]);
  return parts[0].sorted();
}

std::vector<std::vector<ScoredItem>> topKDotBatch(const Matrix& queries, const Matrix& items, int k,
                                                  const std::vector<std::vector<int32_t>>& excludedPerQuery,
                                                  int threads) {
  std::vector<std::vector<ScoredItem>> out(static_cast<size_t>(queries.rows));
  // Queries are split over threads; each query scans the items block by block, so a
  // block of items is reused from cache by consecutive queries of the same thread.
  constexpr int64_t kQueryBlock = 16, kItemBlock = 1024;
  const int t = threadCount(threads, queries.rows, kQueryBlock);
  auto work = [&](int64_t qb, int64_t qe) {
    std::vector<float> buf(static_cast<size_t>(kQueryBlock * kItemBlock));
    for (int64_t q0 = qb; q0 < qe; q0 += kQueryBlock) {
      const int64_t q1 = std::min(qe, q0 + kQueryBlock);
      std::vector<BestItems> best(static_cast<size_t>(q1 - q0), BestItems(k));
      for (int64_t j0 = 0; j0 < items.rows; j0 += kItemBlock) {
        const int64_t j1 = std::min(items.rows, j0 + kItemBlock);
        for (int64_t q = q0; q < q1; ++q) {
          float* row = buf.data() + (q - q0) * kItemBlock;
          for (int64_t j = j0; j < j1; ++j) row[j - j0] = dot(queries.row(q), items.row(j), items.cols);
          BestItems& b = best[static_cast<size_t>(q - q0)];
          const std::vector<int32_t>* ex =
              excludedPerQuery.empty() ? nullptr : &excludedPerQuery[static_cast<size_t>(q)];
          for (int64_t j = j0; j < j1; ++j) {
            const float s = row[j - j0];
            if (s < b.bar()) continue;
            if (ex && std::binary_search(ex->begin(), ex->end(), static_cast<int32_t>(j))) continue;
            b.offer(static_cast<int32_t>(j), s);
          }
        }
      }
      for (int64_t q = q0; q < q1; ++q) out[static_cast<size_t>(q)] = best[static_cast<size_t>(q - q0)].sorted();
    }
  };
  const int64_t step = ((queries.rows + t - 1) / t + kQueryBlock - 1) / kQueryBlock * kQueryBlock;
  std::vector<std::thread> pool;
  for (int i = 1; i < t; ++i) {
    const int64_t b = i * step, e = std::min(queries.rows, b + step);
    if (b < e) pool.emplace_back(work, b, e);
  }
  work(0, std::min(queries.rows, step));
  for (auto& th : pool) th.join();
  return out;
}

}  // namespace il
