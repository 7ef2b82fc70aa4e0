// libFuzzer target: word-vector files (models/word_vectors.*): GloVe text, word2vec text and
// binary, and the words.txt + float32 matrix folder layout.
//
// Input: one flag byte, then up to two parts separated by "\n----\n".
// Flag bits 0-1, the layout: 0 one file "vectors.txt" (part 1; text or binary is detected by
// content), 1 one file "vectors.bin", 2 a folder with words.txt (part 1) and matrix.bin (part 2),
// 3 a folder with vectors.vec (part 1). Bits 2-3: maxWords 0 (no limit), 1, 3, 100.
#include <cstdint>
#include <string>

#include "encoder.h"
#include "fuzz_util.h"
#include "word_vectors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t flags = data[0];
  const auto parts = il::fuzz::splitParts(data + 1, size - 1, 2);
  const std::string dir = il::fuzz::freshDir("vectors");
  std::string path;
  switch (flags & 3) {
    case 0: path = dir + "/vectors.txt"; il::fuzz::writeFile(path, parts[0]); break;
    case 1: path = dir + "/vectors.bin"; il::fuzz::writeFile(path, parts[0]); break;
    case 2:
      il::fuzz::writeFile(dir + "/words.txt", parts[0]);
      il::fuzz::writeFile(dir + "/matrix.bin", parts[1]);
      path = dir;
      break;
    default: il::fuzz::writeFile(dir + "/vectors.vec", parts[0]); path = dir; break;
  }
  static const int64_t kMaxWords[] = {0, 1, 3, 100};
  const int64_t maxWords = kMaxWords[(flags >> 2) & 3];
  try {
    const il::WordVectors wv = il::WordVectors::load(path, maxWords);
    if (wv.dimension() < 1 || wv.size() < 1) __builtin_trap();  // a usable set, or an error
    if (maxWords > 0 && static_cast<int64_t>(wv.size()) > maxWords) __builtin_trap();
    (void)wv.fingerprint();
    // Every word looked up the way the GloVe encoder does.
    for (const std::string& word : {std::string("the"), std::string("a"), std::string()}) {
      if (const float* v = wv.find(word)) {
        volatile float sum = 0;
        for (int i = 0; i < wv.dimension(); ++i) sum = sum + v[i];
      }
    }
  } catch (const il::EncoderError&) {
  }
  return 0;
}
