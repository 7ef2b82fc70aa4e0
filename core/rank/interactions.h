// Interactions with dense indices, the form every scorer and the evaluator work on:
// users and items are numbered 0..n-1 (see Corpus), events carry time and rating.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace il {

struct Event {
  int32_t user = 0, item = 0;
  int64_t time = 0;   // Unix seconds; 0 when the data has no times
  float rating = 0;   // 0 when the data has no ratings (implicit feedback)
};

// A binary sparse matrix in CSR form: row r holds the ascending, distinct columns
// index[start[r] .. start[r+1]).
struct SparseRows {
  int32_t rows = 0, cols = 0;
  std::vector<int64_t> start{0};
  std::vector<int32_t> index;

  std::span<const int32_t> row(int32_t r) const {
    return {index.data() + start[r], static_cast<size_t>(start[r + 1] - start[r])};
  }
  int64_t nonZeros() const { return static_cast<int64_t>(index.size()); }
  bool contains(int32_t r, int32_t c) const;
  SparseRows transposed() const;

  // Rows are users (byUser) or items; duplicate (user, item) pairs count once.
  static SparseRows fromEvents(int32_t users, int32_t items, const std::vector<Event>& events, bool byUser = true);
};

}  // namespace il
