// BERT forward pass (Hugging Face BertModel semantics, eval mode) on libtorch, behind a
// torch-free header. Weights come from a validated SafetensorsFile and are copied into
// contiguous float32 tensors (fused Q/K/V per layer); the mapping is not needed afterwards.
//
// Inputs are right-padded batches: ids[b * seq + t], mask[b * seq + t] in {0, 1}. Position ids
// are 0..seq-1 and token type ids are 0, as for single-sentence encoding.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hf_config.h"

namespace il {

class SafetensorsFile;

enum class BertPooling { Mean, Cls };

class BertModel {
 public:
  // Float32: exact (matches Hugging Face within float rounding). Int8: the encoder layers' four
  // Linear layers use int8 weights (per-tensor) and dynamically quantized activations through
  // libtorch's oneDNN engine; ~2x faster Linear layers, outputs differ from float32 by ~1e-2.
  enum class Precision { Float32, Int8 };

  // Checks every tensor the config implies (name, shape, dtype) before allocating anything;
  // names may carry a prefix such as "bert." and LayerNorm may use gamma/beta. Throws
  // EncoderError naming the file, the tensor and the problem.
  static std::unique_ptr<BertModel> load(const BertConfig& config, const SafetensorsFile& weights,
                                         Precision precision = Precision::Float32);
  ~BertModel();
  BertModel(const BertModel&) = delete;
  BertModel& operator=(const BertModel&) = delete;

  const BertConfig& config() const;
  bool hasPooler() const;
  Precision precision() const;
  std::string tensorPrefix() const;  // "" or e.g. "bert."

  struct Output {
    int64_t batch = 0, seq = 0, hidden = 0;
    std::vector<float> lastHidden;  // [batch, seq, hidden]
    std::vector<float> pooler;      // [batch, hidden]: tanh(dense(CLS)); empty without a pooler
  };
  // Full outputs, for tests and tools. Throws std::invalid_argument for malformed input
  // (sizes, ids out of the vocabulary, seq beyond max_position_embeddings).
  Output forward(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask, int64_t batch,
                 int64_t seq) const;

  // Pooled sentence vectors, [batch, hidden] into `out` (batch * hidden floats). Mean pooling
  // averages the rows whose mask is 1; CLS takes row 0 (no pooler); `normalize` divides each
  // row by max(L2 norm, 1e-12).
  void pooled(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask, int64_t batch,
              int64_t seq, BertPooling pooling, bool normalize, float* out) const;

 private:
  BertModel();
  struct Impl;
  std::unique_ptr<Impl> d_;
};

// Thread control. libtorch's fp32 matmuls run in the system BLAS (OpenBLAS), which has its own
// thread pool; libtorch's other ops use OpenMP. Mixing both pools on few cores makes OpenMP's
// spinning workers steal the BLAS threads' cores (measured 2-3x slower under load), so the
// encoder runs whole batches on its own worker threads, each computing single-threaded.
// Makes libtorch's ops on the calling thread single-threaded (the thread's own OpenMP setting;
// other threads and libtorch's process-wide default are untouched).
void useOneTorchThreadHere();
// OpenBLAS's thread count; -1 / no-op when the process's BLAS is not OpenBLAS.
int blasThreads();
void setBlasThreads(int n);

}  // namespace il
