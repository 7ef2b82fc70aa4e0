// EncoderHead's tensors and its forward pass (private to models/: includes ATen).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <vector>

#include "encoder_head.h"
#include "use_lite_layers.h"

namespace il {

struct EncoderHead::Impl {
  std::string encoderId;
  UseLiteTop pretrained;  // never trained; the trainer copies it
  bool normalize = true;  // the encoder's window vectors are unit (else raw tanh)
  at::Tensor cache;       // [tokens + 1, 512]: the last layer's inputs; the last row pads
  std::vector<int64_t> segStart, segLength;  // per window: its first cache row and token count
  std::vector<int64_t> textSegments;         // per distinct text + 1: its windows [b, e)
  std::vector<int32_t> rowText;              // per row: its distinct text, -1 for an empty text
  double buildSeconds = 0;

  int64_t distinct() const { return static_cast<int64_t>(textSegments.size()) - 1; }
  int64_t tokens(int64_t text) const {
    int64_t n = 0;
    for (int64_t s = textSegments[static_cast<size_t>(text)]; s < textSegments[static_cast<size_t>(text) + 1]; ++s)
      n += segLength[static_cast<size_t>(s)];
    return n;
  }
};

// Unit vectors [n, 512] of the distinct texts `texts`, combined over windows as the
// encoder does (token-weighted mean, re-normalised), computed by `top` on the cached
// inputs. Differentiable in top's tensors.
at::Tensor encoderHeadForward(const EncoderHead::Impl& head, const UseLiteTop& top, const std::vector<int64_t>& texts);

}  // namespace il
