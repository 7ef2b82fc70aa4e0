// Reader for TensorFlow.js model weights: the "weightsManifest" of a TF.js model.json plus its
// binary shard files. Torch-free and Qt-free header (the .cc uses QtCore's JSON parser).
//
// Format (tfjs-core io): model.json holds "weightsManifest": [ group, ... ], each group being
//   { "paths": ["group1-shard1of7", ...],            shard files, relative to model.json's folder
//     "weights": [ {"name", "shape", "dtype", "quantization"?}, ... ] }
// The bytes of a group's shards, concatenated in the listed order, hold the group's weights back to
// back in the listed order, little-endian, with no padding. dtype float32/int32 take 4 bytes per
// element, bool 1; a quantised weight takes 1 (uint8) or 2 (uint16, float16) bytes per element and is
// dequantised as q * scale + min (float16: converted). `string`/`complex64` weights are rejected.
//
// Every size is checked: a group's shards must hold exactly the bytes its weights describe, otherwise
// EncoderError names the file (missing shard, short/long shard, unreadable file, bad JSON).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace il {

struct TfjsWeight {
  std::string name;             // graph node name
  std::vector<int64_t> shape;   // [] = scalar
  std::string dtype;            // the manifest dtype: float32, int32 or bool
  std::vector<float> values;    // row-major; int32/bool and quantised data converted to float
  int64_t numel() const;
};

struct TfjsWeights {
  std::string modelJsonPath;
  std::vector<TfjsWeight> weights;  // in manifest order
  uint64_t dataHash = 0;            // contentHash64 over all shard bytes, groups in manifest order
  int64_t dataBytes = 0;            // total shard bytes

  const TfjsWeight* find(std::string_view name) const;
  // The weight `name`, checked to have `shape`; EncoderError naming model.json otherwise.
  const TfjsWeight& get(std::string_view name, const std::vector<int64_t>& shape) const;
};

// Reads model.json's weights manifest and all shard files. Throws EncoderError.
TfjsWeights readTfjsWeights(const std::string& modelJsonPath);

// 64-bit FNV-1a, continuing from `h` (used for the weights/vocabulary fingerprints).
inline uint64_t fnv1a64(const void* data, size_t n, uint64_t h = 0xcbf29ce484222325ull) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// Fast 64-bit content fingerprint: FNV-1a over 8-byte little-endian words (then the tail bytes),
// continuing from `h`. ~30x faster than byte-wise FNV on the 28 MB of USE-Lite weights.
inline uint64_t contentHash64(const void* data, size_t n, uint64_t h = 0xcbf29ce484222325ull) {
  const auto* p = static_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; --k) w = (w << 8) | p[i + static_cast<size_t>(k)];
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  return fnv1a64(p + i, n - i, h);
}

}  // namespace il
