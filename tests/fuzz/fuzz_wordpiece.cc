// libFuzzer target: a BERT tokenizer folder (models/wordpiece_tokenizer.*): vocab.txt,
// tokenizer.json (normalizer flags, model.vocab), tokenizer_config.json, then the text it encodes.
//
// Input: one flag byte, one max-length byte, then up to four parts separated by "\n----\n":
//   vocab.txt, tokenizer.json, tokenizer_config.json, text to tokenize.
// Flag bits: 0 write vocab.txt, 1 write tokenizer.json, 2 write tokenizer_config.json.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "encoder.h"
#include "fuzz_util.h"
#include "wordpiece_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t flags = data[0];
  const int maxLength = data[1];
  const auto parts = il::fuzz::splitParts(data + 2, size - 2, 4);
  const std::string dir = il::fuzz::freshDir("tokenizer");
  if (flags & 1) il::fuzz::writeFile(dir + "/vocab.txt", parts[0]);
  if (flags & 2) il::fuzz::writeFile(dir + "/tokenizer.json", parts[1]);
  if (flags & 4) il::fuzz::writeFile(dir + "/tokenizer_config.json", parts[2]);
  const std::string text(parts[3]);
  try {
    const il::WordPieceTokenizer tok = il::WordPieceTokenizer::fromDirectory(dir);
    const auto n = static_cast<int32_t>(tok.vocabSize());
    const il::TokenizedText full = tok.encode(text);
    if (full.ids.size() < 2 || full.ids.front() != tok.clsId() || full.ids.back() != tok.sepId()) __builtin_trap();
    for (int32_t id : full.ids) {
      if (id < 0 || id >= n) __builtin_trap();
      (void)tok.idToToken(id);
    }
    if (tok.tokenCount(text) != full.ids.size()) __builtin_trap();
    const il::TokenizedText cut = tok.encode(text, maxLength);
    if (maxLength >= 2 && cut.ids.size() > static_cast<size_t>(maxLength)) __builtin_trap();
    (void)tok.tokenize(text);
    (void)il::basicTokenize(text, tok.flags());
  } catch (const il::EncoderError&) {
  }
  return 0;
}
