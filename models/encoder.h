// Text encoders: texts in, one vector per text out. Torch-free interface; each
// implementation lives in its own files (bert_encoder, use_lite_encoder, ...).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "similarity.h"  // Matrix

namespace il {

struct EncoderSettings {
  std::string kind = "use-lite";  // bert | use-lite | tfidf | glove
  std::string modelDir;           // model folder; empty = the encoder's default location
  std::string pooling;            // bert: mean | cls; empty = the model's own choice
  int maxLength = 0;              // tokens; 0 = the model's default
  int normalize = -1;             // -1 = model default, 0 = off, 1 = L2-normalise outputs
  bool truncate = false;          // use-lite: plain truncation instead of windows
  int threads = 0;                // 0 = chosen by the encoder
  int components = 256;           // tfidf: LSA dimensions (0 = raw vocabulary space)
};

// Thrown when a model folder or file is unusable: the message names the file and the problem.
struct EncoderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Encoder {
 public:
  virtual ~Encoder() = default;

  // Identity of the vectors this encoder produces: kind, weights hash and every
  // setting that changes outputs. Vectors are cached in projects under this id.
  virtual std::string id() const = 0;
  virtual int dimension() const = 0;

  // Encoders fitted on the corpus (tfidf) need it before encode(); others ignore it.
  virtual bool needsFit() const { return false; }
  virtual void fit(const std::vector<std::string>& /*corpus*/) {}

  // Number of model tokens in `text` (for grouping texts of similar length).
  virtual int tokenCount(const std::string& text) const = 0;

  // One row per text, in order. Thread-compatible: one encode() at a time per object.
  virtual Matrix encode(const std::vector<std::string>& texts) = 0;
};

// Creates the encoder `settings.kind` describes. Throws EncoderError.
std::unique_ptr<Encoder> createEncoder(const EncoderSettings& settings);

}  // namespace il
