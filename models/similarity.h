// Cosine similarity between two sets of vectors (rows), computed with libtorch.
// Torch-free header: callers pass plain row-major float buffers.
#pragma once

#include "matrix.h"

namespace il {

// result(i, j) = cos(a_i, b_j); zero vectors give similarity 0. a.cols == b.cols.
Matrix cosineSimilarity(const Matrix& a, const Matrix& b);

}  // namespace il
