#include "vec_math.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace il {

void parallelRanges(int64_t n, int threads, int64_t minPerThread, const std::function<void(int64_t, int64_t)>& f) {
  int t = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  t = static_cast<int>(std::clamp<int64_t>(n / std::max<int64_t>(1, minPerThread), 1, t));
  if (t == 1) {
    f(int64_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  const int64_t step = (n + t - 1) / t;
  for (int i = 1; i < t; ++i) {
    const int64_t b = i * step, e = std::min(n, b + step);
    if (b < e) pool.emplace_back([&f, b, e] { f(b, e); });
  }
  f(int64_t{0}, std::min(n, step));
  for (auto& th : pool) th.join();
}

float dot(const float* a, const float* b, int64_t n) {
  // Eight partial sums let the compiler keep several vector accumulators busy.
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) s[k] += a[i + k] * b[i + k];
  float total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; ++i) total += a[i] * b[i];
  return total;
}

float norm(const float* a, int64_t n) { return std::sqrt(dot(a, a, n)); }

void normalizeRows(Matrix& m) {
  for (int64_t r = 0; r < m.rows; ++r) {
    float* v = m.row(r);
    const float len = norm(v, m.cols);
    if (len > 0)
      for (int64_t c = 0; c < m.cols; ++c) v[c] /= len;
  }
}

void multiplyTransposed(const Matrix& a, const Matrix& b, Matrix& out, int threads) {
  out.rows = a.rows;
  out.cols = b.rows;
  out.data.assign(static_cast<size_t>(a.rows * b.rows), 0.0f);
  constexpr int64_t kBlock = 256;  // rows of b per block: 256 x 512 floats = 512 KB
  parallelRanges(a.rows, threads, 8, [&](int64_t begin, int64_t end) {
    for (int64_t j0 = 0; j0 < b.rows; j0 += kBlock) {
      const int64_t j1 = std::min(b.rows, j0 + kBlock);
      for (int64_t i = begin; i < end; ++i) {
        const float* ai = a.row(i);
        float* o = out.row(i);
        for (int64_t j = j0; j < j1; ++j) o[j] = dot(ai, b.row(j), a.cols);
      }
    }
  });
}

void scoreRows(const float* q, const Matrix& b, std::span<float> out, int threads) {
  parallelRanges(b.rows, threads, 4096, [&](int64_t begin, int64_t end) {
    for (int64_t j = begin; j < end; ++j) out[static_cast<size_t>(j)] = dot(q, b.row(j), b.cols);
  });
}

}  // namespace il
