// USE-Lite forward pass (libtorch), behind a torch-free header.
// Exact spec: ../shared/models/use-lite/ARCHITECTURE.md §3; in short, per sentence of T <= 128 ids:
//   x = 2*emb[ids] + timing(T)                         (sinusoidal, sin|cos, positions from 0)
//   2 pre-LN layers (4 heads; layer 0 is 256 -> 512 wide with a dense residual projection):
//     x = attn(LN(x)) + residual(x);  x = ffn_relu(LN(x)) + x        (LN eps 1e-6)
//   pooled = masked mean over the T real tokens (0 tokens -> zeros)
//   y = tanh(pooled @ W + b), then L2-normalised (eps 1e-12 on the squared norm) when asked.
// Rows of a batch are padded to the longest row; padded keys get -1e9 in the attention logits and
// are excluded from the mean, so a row's output does not depend on its batch-mates (to ~2e-7).
// The last layer's second FFN matrix is applied after pooling (it is linear, so the mean commutes
// with it; equal up to float rounding, -17% FLOPs).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "similarity.h"  // Matrix

namespace il {

struct TfjsWeights;

struct UseLiteTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;  // row-major; matrices are [in, out]
};
// Parameters by the names of ARCHITECTURE.md §4 (the names of ../shared/.../model.safetensors).
using UseLiteParameters = std::map<std::string, UseLiteTensor>;

// Maps the TF.js graph weight nodes to the 30 parameters (ARCHITECTURE.md §4 table), reshaping the
// 1x1 conv kernels [1,1,in,out] -> [in,out] and the timing vector [1,128] -> [128]. Every shape is
// checked; EncoderError names model.json and the weight otherwise. Moves the data out of `w`.
UseLiteParameters useLiteParametersFromTfjs(TfjsWeights&& w);

class UseLiteModel {
 public:
  static constexpr int kMaxLength = 128;  // the graph keeps only positions < 128
  static constexpr int kDimension = 512;

  // Copies the parameters into tensors; throws EncoderError when one is missing or misshapen.
  explicit UseLiteModel(const UseLiteParameters& params);
  ~UseLiteModel();
  UseLiteModel(const UseLiteModel&) = delete;
  UseLiteModel& operator=(const UseLiteModel&) = delete;

  // One output row per id sequence, in order; sequences longer than kMaxLength are clipped (as the
  // graph does). Ids must be in [0, 8002). `normalize` = L2-normalise the tanh outputs (the model's
  // own output); false returns the tanh layer. Thread-compatible (const, no shared scratch).
  Matrix forward(std::span<const std::span<const int32_t>> rows, bool normalize = true) const;

  // The intermediate activations of one sentence (batch of 1), named as in reference.json's
  // "intermediates" (embedding_lookup, timing_signal, layer0_input, ..., mean_pooled, tanh, output),
  // flattened row-major. For tests and debugging.
  std::map<std::string, std::vector<float>> trace(std::span<const int32_t> ids) const;

  // n > 0: the matrix products' threads: OpenBLAS's thread count when the BLAS is OpenBLAS (looked up
  // at run time), else libtorch's intra-op threads. Process-wide. n <= 0: no change.
  // libtorch's own pool is deliberately left alone with OpenBLAS: the GEMMs are ~75% of the time and
  // its OpenMP threads spin against OpenBLAS's (2 cores, 500 reviews: 110 texts/s with both pools at
  // 2 threads vs 165 with OpenBLAS at 2 and libtorch at 1).
  static void setThreads(int n);
  static int threads();      // libtorch intra-op threads
  static int blasThreads();  // OpenBLAS threads; 0 when the BLAS is not OpenBLAS

  // The weights as tensors, defined in use_lite_layers.h (ATen; models/ only), e.g. for the
  // trainable head of encoder fine-tuning.
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace il
