// Hugging Face model-folder configuration for BERT-family encoders: config.json, and the
// sentence-transformers files (modules.json, 1_Pooling/config.json, sentence_bert_config.json)
// that decide pooling, normalisation and maximum length. Torch-free, Qt-free header.
#pragma once

#include <string>

namespace il {

struct BertConfig {
  std::string modelType = "bert";
  int vocabSize = 0;
  int hiddenSize = 0;
  int numLayers = 0;
  int numHeads = 0;
  int intermediateSize = 0;
  int maxPositions = 0;
  int typeVocabSize = 0;
  std::string hiddenAct = "gelu";  // gelu | gelu_new | gelu_pytorch_tanh | gelu_fast | relu | silu
  double layerNormEps = 1e-12;
  int padTokenId = 0;

  // Plausibility bounds, enforced before any weight is allocated.
  static constexpr int kMaxHidden = 16384, kMaxLayers = 256, kMaxIntermediate = 65536,
                       kMaxVocab = 4'000'000, kMaxPositions = 65536, kMaxTypeVocab = 1024;

  // Reads and validates `path` (config.json). Throws EncoderError naming the file and the problem.
  static BertConfig fromFile(const std::string& path);
  // Throws EncoderError("<where>: ...") when a value is absurd or inconsistent.
  void validate(const std::string& where) const;
};

// What a sentence-transformers folder says about its pipeline (defaults when files are absent).
struct SentenceTransformersInfo {
  bool present = false;          // modules.json found
  std::string transformerDir;    // folder of the Transformer module (the model folder itself if "")
  std::string pooling;           // "mean" | "cls" | "" (no Pooling module / no config)
  bool normalize = false;        // a Normalize module is listed
  int maxSeqLength = 0;          // sentence_bert_config.json max_seq_length, 0 if absent
};

// Reads modules.json and friends under `dir`. Throws EncoderError for files that exist but are
// unreadable or ask for something unsupported (e.g. max pooling).
SentenceTransformersInfo readSentenceTransformersInfo(const std::string& dir);

// tokenizer_config.json model_max_length when present and sane (<= 1e6), else 0.
int readTokenizerMaxLength(const std::string& dir);

}  // namespace il
