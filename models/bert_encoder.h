// The `bert` encoder: any Hugging Face BERT-family folder (config.json, vocab.txt or
// tokenizer.json, model.safetensors), optionally a sentence-transformers folder whose
// modules.json / 1_Pooling/config.json / sentence_bert_config.json choose pooling,
// normalisation and maximum length. Torch-free header.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bert_model.h"
#include "encoder.h"

namespace il {

class WordPieceTokenizer;

class BertEncoder : public Encoder {
 public:
  // Throws EncoderError naming the file and the problem. Int8 precision is the opt-in fast mode
  // (kind "bert-int8"); see BertModel::Precision.
  explicit BertEncoder(const EncoderSettings& settings,
                       BertModel::Precision precision = BertModel::Precision::Float32);
  ~BertEncoder() override;

  // "bert:<16 hex>:<mean|cls>:<norm|raw>:<maxLength>[:int8]". The hash is SHA-256 over the model
  // folder's identity: model.safetensors size, its full JSON header and a sample of its data
  // (all of it up to 16 MiB, else 256 evenly spaced 64 KiB blocks including the last), plus the
  // full contents of config.json and the tokenizer files. Sampling keeps opening a 400 MB
  // checkpoint from reading all of it just for the id; fine-tuned or retrained weights change
  // every sampled block, and any change of shapes, names or size changes the header or size.
  std::string id() const override;
  int dimension() const override;
  int tokenCount(const std::string& text) const override;
  // Sorts by token count, runs batches of up to kBatchSize (fewer for long texts, bounding the
  // attention buffers) on `threads` workers (EncoderSettings::threads; 0 = all cores), each
  // batch computed single-threaded, and returns rows in input order.
  Matrix encode(const std::vector<std::string>& texts) override;

  // Lower level, for tests and tools.
  std::vector<int32_t> tokenize(const std::string& text) const;  // [CLS] ... [SEP], truncated
  Matrix encodeIds(const std::vector<std::vector<int32_t>>& ids) const;  // pooled, input order
  const BertModel& model() const { return *model_; }
  const WordPieceTokenizer& tokenizer() const { return *tokenizer_; }
  BertPooling pooling() const { return pooling_; }
  bool normalize() const { return normalize_; }
  int maxLength() const { return maxLength_; }
  int threads() const { return threads_; }
  const std::string& modelDir() const { return dir_; }

  static constexpr int kBatchSize = 32;
  // Upper bound on one batch's attention scores (batch * heads * seq^2 floats).
  static constexpr int64_t kMaxScoreFloats = 16 * 1024 * 1024;

 private:
  std::string dir_;
  std::unique_ptr<BertModel> model_;
  std::unique_ptr<WordPieceTokenizer> tokenizer_;
  int32_t padId_ = 0;
  BertPooling pooling_ = BertPooling::Mean;
  bool normalize_ = false;
  int maxLength_ = 512;
  int threads_ = 1;
  std::string hash_;
};

}  // namespace il
