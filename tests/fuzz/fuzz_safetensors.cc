// libFuzzer target: safetensors files (models/safetensors.*): the 8-byte header length, the JSON
// header, and every tensor's bytes converted to float as the BERT loader does.
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = il::fuzz::scratchDir() + "/model.safetensors";
  il::fuzz::writeFile(path, std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    auto f = il::SafetensorsFile::open(path);
    if (f->headerSize() + 8 > f->fileSize()) __builtin_trap();
    (void)f->metadata();
    for (const std::string& name : f->names()) {
      const il::SafeTensorView* t = f->find(name);
      if (!t) __builtin_trap();
      (void)t->shapeString();
      const int64_t n = t->numel();
      if (n < 0 || t->fileOffset + t->bytes > f->fileSize()) __builtin_trap();
      if (static_cast<uint64_t>(n) * il::safeDTypeSize(t->dtype) != t->bytes) __builtin_trap();
      switch (t->dtype) {
        case il::SafeDType::F32: case il::SafeDType::F16: case il::SafeDType::BF16: case il::SafeDType::F64:
          (void)f->toFloat(name);
          break;
        default:
          try {
            (void)f->toFloat(name);
            __builtin_trap();  // other dtypes must be refused
          } catch (const il::SafetensorsError&) {
          }
      }
    }
  } catch (const il::SafetensorsError&) {
  }
  return 0;
}
