// Cosine similarity between two sets of vectors (rows), computed with libtorch.
// Torch-free header: callers pass plain row-major float buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il {

struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<float> data;  // row-major
  float at(int64_t r, int64_t c) const { return data[static_cast<size_t>(r * cols + c)]; }
};

// result(i, j) = cos(a_i, b_j); zero vectors give similarity 0. a.cols == b.cols.
Matrix cosineSimilarity(const Matrix& a, const Matrix& b);

}  // namespace il
