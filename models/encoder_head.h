// What encoder fine-tuning needs (issue 8): for every text, the input of the encoder's
// last transformer layer, computed once and cached, plus the pretrained weights of that
// layer, the pooling and the tanh dense layer above it. The two-tower model trains a copy
// of those weights (TwoTowerOptions::fineTuneEncoder, TwoTowerScorer::setEncoderHead) to
// produce the text vectors of its history tokens. Running only the top of the encoder on
// cached activations makes a training step cost one layer, not the whole encoder.
// USE-Lite only (the real default encoder); torch-free header, libtorch behind it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "matrix.h"

namespace il {

class Encoder;

struct EncoderHeadOptions {
  // Tokens cached per text; 0 = all of them (every window of a long text). A clipped
  // text's head vector differs from its encoder vector.
  int maxTokens = 0;
  // The cache holds 2 KB per token (512 floats); larger caches are refused.
  int64_t maxBytes = int64_t{1} << 30;
};

class EncoderHead {
 public:
  struct Impl;  // encoder_head_impl.h (ATen; models/ only)
  explicit EncoderHead(std::unique_ptr<Impl> impl);
  ~EncoderHead();

  const std::string& encoderId() const;
  int64_t rows() const;  // the texts it was made from, in order
  int64_t distinctTexts() const;
  int64_t cachedTokens() const;
  int64_t cacheBytes() const;
  double buildSeconds() const;  // the encoder time spent filling the cache

  // The untouched head's vector of every row: the encoder's own vectors up to float
  // rounding (unit rows; zero rows for empty texts).
  Matrix encode() const;

  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Runs the encoder up to its last layer on every distinct non-empty text of `texts`
// (rows of the head align with `texts`). Throws EncoderError for an encoder without a
// head (anything but USE-Lite), std::runtime_error when the cache would exceed maxBytes
// (the message says how to get under it).
std::shared_ptr<const EncoderHead> makeEncoderHead(const Encoder& encoder, const std::vector<std::string>& texts,
                                                   const EncoderHeadOptions& options = {});

}  // namespace il
