// libFuzzer target: a Hugging Face model folder's configuration (models/hf_config.*): config.json,
// the sentence-transformers modules.json, 1_Pooling/config.json, sentence_bert_config.json and
// tokenizer_config.json.
//
// Input: one flag byte, then up to five parts separated by "\n----\n", in the order above.
// Flag bit i set = part i is written (so "absent" and "empty" files are both tried).
#include <cstdint>
#include <string>

#include "encoder.h"
#include "fuzz_util.h"
#include "hf_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t flags = data[0];
  const auto parts = il::fuzz::splitParts(data + 1, size - 1, 5);
  const std::string dir = il::fuzz::freshDir("hf_model");
  const char* const names[] = {"config.json", "modules.json", "1_Pooling/config.json",
                               "sentence_bert_config.json", "tokenizer_config.json"};
  std::error_code ec;
  std::filesystem::create_directories(dir + "/1_Pooling", ec);
  for (int i = 0; i < 5; ++i)
    if (flags & (1 << i)) il::fuzz::writeFile(dir + "/" + names[i], parts[static_cast<size_t>(i)]);

  try {
    const il::BertConfig c = il::BertConfig::fromFile(dir + "/config.json");
    // What fromFile accepts must be inside the documented bounds (weights are sized from it).
    if (c.hiddenSize < 1 || c.hiddenSize > il::BertConfig::kMaxHidden || c.numLayers < 1 ||
        c.numLayers > il::BertConfig::kMaxLayers || c.numHeads < 1 || c.hiddenSize % c.numHeads != 0 ||
        c.vocabSize < 1 || c.vocabSize > il::BertConfig::kMaxVocab || c.intermediateSize < 1 ||
        c.intermediateSize > il::BertConfig::kMaxIntermediate || c.maxPositions < 1 ||
        c.maxPositions > il::BertConfig::kMaxPositions || c.typeVocabSize > il::BertConfig::kMaxTypeVocab)
      __builtin_trap();
  } catch (const il::EncoderError&) {
  }
  try {
    const il::SentenceTransformersInfo st = il::readSentenceTransformersInfo(dir);
    if (st.maxSeqLength < 0 || st.maxSeqLength > il::BertConfig::kMaxPositions) __builtin_trap();
  } catch (const il::EncoderError&) {
  }
  try {
    const int m = il::readTokenizerMaxLength(dir);
    if (m < 0 || m > 1000000) __builtin_trap();
  } catch (const il::EncoderError&) {
  }
  return 0;
}
