// USE-Lite's weights and its layers above the input of the last transformer layer, as
// tensors (private to models/: includes ATen). Shared by the encoder's forward pass
// (use_lite_model.cc) and the trainable head of encoder fine-tuning (encoder_head.cc),
// so both compute the same function with the same ops.
#pragma once

#include <ATen/ATen.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "use_lite_model.h"

namespace il {

struct UseLiteLayer {
  at::Tensor lnAttnG, lnAttnB, qkvW, qkvB, outW, outB, resW, resB, lnFfnG, lnFfnB, w1, b1, w2, b2;
};

// The last transformer layer, masked mean pooling and the tanh dense layer.
struct UseLiteTop {
  UseLiteLayer last;
  at::Tensor poolW, poolB;
  // Stable names (ARCHITECTURE.md §4 style, without the layer prefix for `last`).
  std::vector<std::pair<std::string, at::Tensor*>> named();
};

struct UseLiteModel::Impl {
  static constexpr int kLayers = 2;
  static constexpr int kHidden = 512;
  at::Tensor embeddings, timing;  // timing: [128, 256] sin|cos table
  at::Tensor poolW, poolB;
  std::array<UseLiteLayer, kLayers> layers;

  at::Tensor run(const at::Tensor& ids, const at::Tensor& lengths,
                 std::map<std::string, at::Tensor>* trace, bool normalize) const;
  // The last layer's input, [B*T, 512] (rows padded to T = ids.size(1)).
  at::Tensor lastLayerInput(const at::Tensor& ids, const at::Tensor& lengths) const;
  // Copies of the last layer and the pooler (plain tensors, not inference tensors).
  UseLiteTop top() const;
};

// Additive attention bias for padded keys, per (batch, head): [B*H, 1, T].
at::Tensor useLiteKeyBias(const at::Tensor& lengths, int64_t T);

// The top on the last layer's input x [B*T, 512] of B rows of T slots (lengths [B]):
// tanh outputs [B, 512], L2-normalised when `normalize`. Differentiable in `top`.
at::Tensor useLiteTopForward(const UseLiteTop& top, const at::Tensor& x, const at::Tensor& lengths,
                             int64_t B, int64_t T, bool normalize);

}  // namespace il
