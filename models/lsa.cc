#include "lsa.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

namespace il {

Matrix lsaComponents(const SparseEntries& a, int k, uint64_t seed, int powerIterations) {
  k = static_cast<int>(std::min<int64_t>({k, a.rows, a.cols}));
  Matrix out{a.cols, k, std::vector<float>(static_cast<size_t>(a.cols * k))};
  if (k <= 0 || a.values.empty()) return out;
  const auto nnz = static_cast<int64_t>(a.values.size());
  at::Tensor idx = at::empty({2, nnz}, at::kLong);
  std::copy(a.rowIndex.begin(), a.rowIndex.end(), idx.data_ptr<int64_t>());
  std::copy(a.colIndex.begin(), a.colIndex.end(), idx.data_ptr<int64_t>() + nnz);
  at::Tensor vals = at::from_blob(const_cast<float*>(a.values.data()), {nnz}, at::kFloat).clone();
  const at::Tensor A = at::sparse_coo_tensor(idx, vals, {a.rows, a.cols}).coalesce();
  const at::Tensor At = A.t().coalesce();

  const int64_t l = std::min<int64_t>(k + 10, std::min(a.rows, a.cols));
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Tensor omega = at::randn({a.cols, l}, gen, at::kFloat);
  // Range of A: Q spans A * omega, sharpened by power iterations (A A^T)^q.
  at::Tensor Q = std::get<0>(at::linalg_qr(at::mm(A, omega)));
  for (int i = 0; i < powerIterations; ++i) {
    const at::Tensor Z = std::get<0>(at::linalg_qr(at::mm(At, Q)));
    Q = std::get<0>(at::linalg_qr(at::mm(A, Z)));
  }
  const at::Tensor B = at::mm(At, Q).t();  // l x cols = Q^T A
  const auto svd = at::linalg_svd(B, /*full_matrices=*/false);
  at::Tensor V = std::get<2>(svd).narrow(0, 0, k).t().contiguous();  // cols x k
  // SVD signs are arbitrary; fix them so results do not flip between runs or builds.
  const at::Tensor maxIdx = V.abs().argmax(0);
  const at::Tensor signs = V.gather(0, maxIdx.unsqueeze(0)).sign();
  V = (V * at::where(signs == 0, at::ones_like(signs), signs)).contiguous();
  std::copy(V.data_ptr<float>(), V.data_ptr<float>() + V.numel(), out.data.begin());
  return out;
}

}  // namespace il
