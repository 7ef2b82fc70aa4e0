// Small dense kernels the engine shares (dot products, norms, A * B^T in blocks).
// Plain loops the compiler vectorises; heavy model math stays in models/ (libtorch).
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "matrix.h"

namespace il {

float dot(const float* a, const float* b, int64_t n);
float norm(const float* a, int64_t n);
// Scales every row to unit length; zero rows stay zero.
void normalizeRows(Matrix& m);
// out(i, j) = a_i . b_j for all rows; out is resized to a.rows x b.rows.
// Blocked over b so a block stays in cache; spread over `threads` (0 = hardware).
void multiplyTransposed(const Matrix& a, const Matrix& b, Matrix& out, int threads = 0);
// out[j] = q . b_j for every row of b (one query against many rows).
void scoreRows(const float* q, const Matrix& b, std::span<float> out, int threads = 0);
// Runs f(begin, end) over [0, n) split into contiguous parts, one per thread
// (0 = hardware), each part at least `minPerThread` long; returns when all are done.
void parallelRanges(int64_t n, int threads, int64_t minPerThread, const std::function<void(int64_t, int64_t)>& f);

}  // namespace il
