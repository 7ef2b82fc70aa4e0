// Splits [0, n) into contiguous parts run on a few threads. The split depends only on
// n and the thread count, so results that are combined per part stay deterministic.
// Workers must not throw: they poll cancellation and return early instead, and the
// caller throws il::Cancelled after the join.
#pragma once

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace il {

template <typename F>
void parallelFor(int64_t n, int threads, int64_t minPerThread, F&& f) {
  if (n <= 0) return;
  const int64_t t = std::clamp<int64_t>(n / std::max<int64_t>(1, minPerThread), 1, std::max(1, threads));
  if (t == 1) {
    f(int64_t{0}, n);
    return;
  }
  const int64_t step = (n + t - 1) / t;
  std::vector<std::thread> pool;
  for (int64_t i = 1; i < t; ++i) {
    const int64_t b = i * step, e = std::min(n, b + step);
    if (b < e) pool.emplace_back([&f, b, e] { f(b, e); });
  }
  f(int64_t{0}, std::min(n, step));
  for (auto& th : pool) th.join();
}

}  // namespace il
