// Exact top-k by dot product over a large catalog, reading 4x less memory than a float
// scan: items are kept as int8 rows (row ~ scale_j * q_j, q_j in [-127, 127]) and scanned
// first against an int16-rounded query (exact integer sums, AVX2 when the CPU has it);
// only items whose approximate score plus a proven per-row error bound can still enter
// the top k are rescored in float with il::dot. So the result equals topKDot (same items,
// same scores, same order, ties by item index) - never an approximation.
#pragma once

#include <cstdint>
#include <vector>

#include "../matrix.h"
#include "top_k.h"

namespace il {

class ItemIndex {
 public:
  ItemIndex() = default;
  // Quantises every row of `items` (threads 0 = hardware). The index keeps a pointer to
  // `items` for exact rescoring instead of a copy (a 1M x 384 catalog is 1.5 GB): `items`
  // must outlive the index and stay unchanged.
  explicit ItemIndex(const Matrix& items, int threads = 0);

  int64_t rows() const { return rows_; }
  int64_t cols() const { return cols_; }
  const Matrix* items() const { return items_; }

  // Best o.k items by query . items_j, best first; same result as topKDot(query, items, o).
  // `query` has cols() floats; threads 0 = hardware.
  std::vector<ScoredItem> topK(const float* query, const TopKOptions& o, int threads = 0) const;

  // topK for every row of `queries`, spread over threads by query (each query one thread).
  // excludedPerQuery may be empty or hold one ascending exclusion list per query.
  std::vector<std::vector<ScoredItem>> topKBatch(const Matrix& queries, int k,
                                                 const std::vector<std::vector<int32_t>>& excludedPerQuery = {},
                                                 int threads = 0) const;

  // How many exact float rescorings the last topK on this thread needed (tests, tuning).
  static int64_t lastRescored();

 private:
  const Matrix* items_ = nullptr;
  int64_t rows_ = 0, cols_ = 0;
  std::vector<int8_t> codes_;   // rows_ x cols_, row-major
  std::vector<float> scale_;    // per row; 0 for a zero row
  std::vector<float> radius_;   // per row: |approx - exact| <= |query| * radius (see .cc); inf = always rescore
};

namespace detail {
// Test hook: true forces the portable int8 kernel even where AVX2 is available.
void forcePortableInt8Kernel(bool force);
// True when the AVX2/FMA kernel is in use (CPU supports it and not forced off).
bool usingAvx2Int8Kernel();
// sum_i u[i] * c[i] (exact integer, rounded to float) with the kernel currently selected.
float dotInt8(const int16_t* u, const int8_t* c, int64_t n);
}  // namespace detail

}  // namespace il
