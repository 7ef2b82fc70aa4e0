#include "similarity.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace il {

namespace {
at::Tensor view(const Matrix& m) {
  // from_blob does not copy; the Matrix outlives the tensor inside this file.
  return at::from_blob(const_cast<float*>(m.data.data()), {m.rows, m.cols}, at::kFloat);
}
at::Tensor normalizedRows(const at::Tensor& t) {
  return t / t.norm(2, {1}, /*keepdim=*/true).clamp_min(1e-12);
}
}  // namespace

Matrix cosineSimilarity(const Matrix& a, const Matrix& b) {
  if (a.cols != b.cols) throw std::invalid_argument("cosineSimilarity: dimensions differ");
  Matrix out{a.rows, b.rows, std::vector<float>(static_cast<size_t>(a.rows * b.rows))};
  if (a.rows == 0 || b.rows == 0) return out;
  const at::Tensor s = at::matmul(normalizedRows(view(a)), normalizedRows(view(b)).t()).contiguous();
  std::copy(s.data_ptr<float>(), s.data_ptr<float>() + s.numel(), out.data.begin());
  return out;
}

}  // namespace il
