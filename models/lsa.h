// Truncated SVD of a sparse document-term matrix (LSA), computed with libtorch by
// randomized range finding (Halko, Martinsson, Tropp 2011). Torch-free header.
#pragma once

#include <cstdint>
#include <vector>

#include "similarity.h"

namespace il {

struct SparseEntries {
  int64_t rows = 0, cols = 0;
  std::vector<int64_t> rowIndex, colIndex;  // one entry per non-zero
  std::vector<float> values;
};

// Returns the top-`k` right singular vectors as a cols x k matrix (columns sorted by
// singular value, signs fixed so each column's largest entry is positive), so a
// row x projects to x * V. Deterministic for a given seed.
Matrix lsaComponents(const SparseEntries& a, int k, uint64_t seed = 42, int powerIterations = 3);

}  // namespace il
