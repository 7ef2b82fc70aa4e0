#include "item_index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>

#include "../vec_math.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define IL_ITEM_INDEX_X86 1
#endif

// Why the result is exact. The query is rounded to int16 codes (q ~ sq * u, |u| <= 16383)
// and each row to int8 codes (x_j ~ s_j * c_j), so the kernel's sum u . c_j is an exact
// integer; the approximate score is a_j = fl(fl(u . c_j) * fl(sq * s_j)). In real arithmetic
//   q.x_j - sq s_j (u.c_j) = q.(x_j - s_j c_j) + (q - sq u).(s_j c_j)
// so with e_j = |x_j - s_j c_j|, |q - sq u| <= rho |q| (rho = 0.52 sqrt(d) / 16383) and
// il::dot's own rounding (gamma_d |q| |x_j|, any summation order), the exact float score
// f_j that topKDot would compute satisfies
//   |f_j - a_j| <= |q| (e_j + (rho + gamma_d + 12u) (|x_j| + 2 e_j)) = |q| radius_j
// (the 12u covers the three roundings of a_j and the final a_j + bound). radius_j and |q|
// carry a further 1e-5 relative margin for their own roundings. An item is skipped only
// when a_j + |q| radius_j proves f_j cannot enter the list, so nothing is approximated.

namespace il {

namespace {

thread_local int64_t tLastRescored = 0;
std::atomic<bool> gForcePortable{false};

constexpr double kUnit = 0x1p-24;       // float unit roundoff
constexpr double kMargin = 1.0 + 1e-5;  // covers the float roundings of the bound itself
constexpr float kTiny = 1e-41f;         // absolute slack for subnormal products
constexpr int kQueryMax = 16383;        // int16 query codes: u.c stays exact in int32 lanes
constexpr int64_t kChunk = 8192;        // elements per int32 partial sum (no overflow)

// out[r] = u . codes_r (exact integer, then rounded to float) for `count` rows of d codes.
void scoreBlockPortable(const int16_t* u, const int8_t* codes, int64_t count, int64_t d, float* out) {
  for (int64_t r = 0; r < count; ++r) {
    const int8_t* c = codes + r * d;
    int64_t total = 0;
    for (int64_t i = 0; i < d; ++i) total += static_cast<int32_t>(u[i]) * c[i];
    out[r] = static_cast<float>(total);
  }
}

#ifdef IL_ITEM_INDEX_X86
// 16 codes at a time: sign-extend int8 -> int16 straight from memory, multiply-add pairs
// against the int16 query into int32 lanes. About half the instructions of converting the
// codes to float for FMAs, and the loads are d bytes per row, a quarter of a float row.
__attribute__((target("avx2"))) inline __m256i codes16(const int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
__attribute__((target("avx2"))) inline __m256i query16(const int16_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

__attribute__((target("avx2"))) void scoreBlockAvx2(const int16_t* u, const int8_t* codes, int64_t count,
                                                    int64_t d, float* out) {
  for (int64_t r = 0; r < count; ++r) {
    const int8_t* c = codes + r * d;
    int64_t total = 0;
    for (int64_t c0 = 0; c0 < d; c0 += kChunk) {
      const int64_t c1 = std::min(d, c0 + kChunk);
      __m256i a0 = _mm256_setzero_si256(), a1 = _mm256_setzero_si256();
      int64_t i = c0;
      for (; i + 32 <= c1; i += 32) {
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(codes16(c + i), query16(u + i)));
        a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(codes16(c + i + 16), query16(u + i + 16)));
      }
      if (i + 16 <= c1) {
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(codes16(c + i), query16(u + i)));
        i += 16;
      }
      alignas(32) int32_t lanes[8];
      _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), a0);
      for (int32_t v : lanes) total += v;
      _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), a1);
      for (int32_t v : lanes) total += v;
      for (; i < c1; ++i) total += static_cast<int32_t>(u[i]) * c[i];
    }
    out[r] = static_cast<float>(total);
  }
}

bool cpuHasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

using BlockFn = void (*)(const int16_t*, const int8_t*, int64_t, int64_t, float*);

BlockFn blockKernel() {
#ifdef IL_ITEM_INDEX_X86
  if (cpuHasAvx2() && !gForcePortable.load(std::memory_order_relaxed)) return scoreBlockAvx2;
#endif
  return scoreBlockPortable;
}

}  // namespace

namespace detail {
void forcePortableInt8Kernel(bool force) { gForcePortable.store(force); }
bool usingAvx2Int8Kernel() { return blockKernel() != scoreBlockPortable; }
float dotInt8(const int16_t* u, const int8_t* c, int64_t n) {
  float out = 0;
  blockKernel()(u, c, 1, n, &out);
  return out;
}
}  // namespace detail

ItemIndex::ItemIndex(const Matrix& items, int threads)
    : items_(&items),
      rows_(items.rows),
      cols_(items.cols),
      codes_(static_cast<size_t>(items.rows * items.cols)),
      scale_(static_cast<size_t>(items.rows)),
      radius_(static_cast<size_t>(items.rows)) {
  const double nu = static_cast<double>(cols_) * kUnit;
  const double rho = 0.52 * std::sqrt(static_cast<double>(cols_)) / kQueryMax;
  const double g = rho + nu / (1.0 - nu) + 12.0 * kUnit;
  parallelRanges(rows_, threads, 4096, [&](int64_t begin, int64_t end) {
    for (int64_t j = begin; j < end; ++j) {
      const float* x = items.row(j);
      int8_t* c = codes_.data() + j * cols_;
      float m = 0;
      bool finite = true;
      for (int64_t i = 0; i < cols_; ++i) {
        finite = finite && std::isfinite(x[i]);
        m = std::max(m, std::fabs(x[i]));
      }
      if (!finite) {  // NaN/inf rows: no bound, always rescored
        std::fill(c, c + cols_, int8_t{0});
        scale_[static_cast<size_t>(j)] = 0;
        radius_[static_cast<size_t>(j)] = std::numeric_limits<float>::infinity();
        continue;
      }
      // Any rounding of the codes is fine: the bound uses the residual actually left.
      const float s = m / 127.0f, inv = m > 0 ? 127.0f / m : 0.0f;
      double e2 = 0, x2 = 0;
      for (int64_t i = 0; i < cols_; ++i) {
        const float t = x[i] * inv;
        const int v = std::clamp(static_cast<int>(t + (t >= 0 ? 0.5f : -0.5f)), -127, 127);
        c[i] = static_cast<int8_t>(v);
        const double r = static_cast<double>(x[i]) - static_cast<double>(s) * v;
        e2 += r * r;
        x2 += static_cast<double>(x[i]) * x[i];
      }
      const double e = std::sqrt(e2), nx = std::sqrt(x2);
      scale_[static_cast<size_t>(j)] = s;
      radius_[static_cast<size_t>(j)] = static_cast<float>((e + g * (nx + 2.0 * e)) * kMargin);
    }
  });
}

int64_t ItemIndex::lastRescored() { return tLastRescored; }

std::vector<ScoredItem> ItemIndex::topK(const float* query, const TopKOptions& o, int threads) const {
  tLastRescored = 0;
  if (!items_ || rows_ == 0 || o.k <= 0) return {};
  float m = 0;
  bool finite = true;
  double q2 = 0;
  for (int64_t i = 0; i < cols_; ++i) {
    finite = finite && std::isfinite(query[i]);
    m = std::max(m, std::fabs(query[i]));
    q2 += static_cast<double>(query[i]) * query[i];
  }
  // A zero query ties every item (no bound separates ties) and a NaN/inf one has no bound:
  // both go to the exact float scan, which also defines what "exact" means here.
  if (m == 0 || !finite) {
    tLastRescored = rows_;
    return topKDot(query, *items_, o, threads);
  }
  const float sq = m / kQueryMax, inv = kQueryMax / m;
  std::vector<int16_t> u(static_cast<size_t>(cols_));
  for (int64_t i = 0; i < cols_; ++i) {
    const float t = query[i] * inv;
    u[static_cast<size_t>(i)] =
        static_cast<int16_t>(std::clamp(static_cast<int>(t + (t >= 0 ? 0.5f : -0.5f)), -kQueryMax, kQueryMax));
  }
  const float nq = static_cast<float>(std::sqrt(q2) * kMargin);
  const BlockFn kernel = blockKernel();
  const Matrix& items = *items_;

  BestItems all(o.k);
  std::mutex mu;
  std::atomic<int64_t> rescored{0};
  parallelRanges(rows_, threads, 65536, [&](int64_t begin, int64_t end) {
    constexpr int64_t kBlock = 1024;  // approximate scores of one block stay in L1
    float raw[kBlock];
    BestItems best(o.k);
    int64_t count = 0;
    auto ex = std::lower_bound(o.excluded.begin(), o.excluded.end(), static_cast<int32_t>(begin));
    for (int64_t b = begin; b < end; b += kBlock) {
      const int64_t e = std::min(end, b + kBlock);
      kernel(u.data(), codes_.data() + b * cols_, e - b, cols_, raw);
      for (int64_t j = b; j < e; ++j) {
        const size_t jj = static_cast<size_t>(j);
        const float upper = raw[j - b] * (sq * scale_[jj]) + (nq * radius_[jj] + kTiny);
        // Rows are visited in index order, so an item that can at best tie the worst kept
        // one loses the tie and is skipped too. NaN bounds fall through and are rescored.
        if (upper < o.threshold || (best.full() && upper <= best.bar())) continue;
        while (ex != o.excluded.end() && *ex < j) ++ex;
        if (ex != o.excluded.end() && *ex == j) continue;
        const float s = dot(query, items.row(j), cols_);
        ++count;
        if (s >= o.threshold) best.offer(static_cast<int32_t>(j), s);
      }
    }
    rescored += count;
    std::lock_guard lock(mu);
    all.merge(best);
  });
  tLastRescored = rescored.load();
  return all.sorted();
}

std::vector<std::vector<ScoredItem>> ItemIndex::topKBatch(const Matrix& queries, int k,
                                                          const std::vector<std::vector<int32_t>>& excludedPerQuery,
                                                          int threads) const {
  std::vector<std::vector<ScoredItem>> out(static_cast<size_t>(queries.rows));
  parallelRanges(queries.rows, threads, 8, [&](int64_t begin, int64_t end) {
    for (int64_t u = begin; u < end; ++u) {
      TopKOptions o;
      o.k = k;
      if (!excludedPerQuery.empty()) o.excluded = excludedPerQuery[static_cast<size_t>(u)];
      out[static_cast<size_t>(u)] = topK(queries.row(u), o, 1);
    }
  });
  return out;
}

}  // namespace il
