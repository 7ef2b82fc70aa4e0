// A dense row-major float matrix: the one vector type the engine passes around
// (text vectors, item vectors, centroids). Plain buffers, so core stays torch-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il {

struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<float> data;  // row-major

  static Matrix zeros(int64_t r, int64_t c) { return {r, c, std::vector<float>(static_cast<size_t>(r * c))}; }

  float at(int64_t r, int64_t c) const { return data[static_cast<size_t>(r * cols + c)]; }
  float* row(int64_t r) { return data.data() + r * cols; }
  const float* row(int64_t r) const { return data.data() + r * cols; }
};

}  // namespace il
