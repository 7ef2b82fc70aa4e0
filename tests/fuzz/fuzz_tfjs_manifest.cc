// libFuzzer target: a TF.js model.json weights manifest and its shard files
// (models/tfjs_manifest.*), as the USE-Lite encoder loads them.
//
// Input: up to four parts separated by "\n----\n": model.json, then the shard files
// "group1-shard1of2", "group1-shard2of2" and "group2-shard1of1" (the seeds' manifests name them).
#include <cmath>
#include <cstdint>
#include <string>

#include "encoder.h"
#include "fuzz_util.h"
#include "tfjs_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts = il::fuzz::splitParts(data, size, 4);
  const std::string dir = il::fuzz::freshDir("tfjs");
  il::fuzz::writeFile(dir + "/model.json", parts[0]);
  il::fuzz::writeFile(dir + "/group1-shard1of2", parts[1]);
  il::fuzz::writeFile(dir + "/group1-shard2of2", parts[2]);
  il::fuzz::writeFile(dir + "/group2-shard1of1", parts[3]);
  try {
    const il::TfjsWeights w = il::readTfjsWeights(dir + "/model.json");
    int64_t total = 0;
    for (const il::TfjsWeight& x : w.weights) {
      if (x.numel() != static_cast<int64_t>(x.values.size())) __builtin_trap();
      if (w.find(x.name) != &x) __builtin_trap();  // names are unique
      (void)w.get(x.name, x.shape);
      total += static_cast<int64_t>(x.values.size());
    }
    if (total > w.dataBytes) __builtin_trap();  // every value has at least one byte behind it
  } catch (const il::EncoderError&) {
  }
  return 0;
}
