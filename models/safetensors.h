// Reader for the safetensors format (Hugging Face): an 8-byte little-endian header length N,
// N bytes of JSON {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
// then the raw little-endian tensor bytes (offsets relative to the end of the header).
//
// The file is memory-mapped and validated completely when opened, before anything large is
// allocated: header length bounded (kMaxHeaderBytes) and inside the file, JSON well-formed and
// shallow, dtypes known, shapes of bounded rank with no overflow, every byte range inside the
// file, exactly the size its shape and dtype need, and no two ranges overlapping. Any violation
// throws SafetensorsError naming the file and the problem.
//
// Torch-free and Qt-free header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace il {

struct SafetensorsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class SafeDType { F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, Bool, F8E4M3, F8E5M2 };

// "F32" -> SafeDType::F32 etc.; false for names the format does not define.
bool parseSafeDType(const std::string& name, SafeDType* out);
const char* safeDTypeName(SafeDType t);
size_t safeDTypeSize(SafeDType t);

struct SafeTensorView {
  std::string name;
  SafeDType dtype = SafeDType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;  // inside the mapping; may be unaligned
  uint64_t bytes = 0;
  uint64_t fileOffset = 0;     // absolute offset of the first byte in the file

  int64_t numel() const;
  std::string shapeString() const;  // "[384, 384]"
};

class SafetensorsFile {
 public:
  // Limits; the header limit is the one the reference implementation uses.
  static constexpr uint64_t kMaxHeaderBytes = 100'000'000;
  static constexpr size_t kMaxRank = 8;
  static constexpr size_t kMaxTensors = 1'000'000;

  // Maps and validates `path`. Throws SafetensorsError.
  static std::unique_ptr<SafetensorsFile> open(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return path_; }
  uint64_t fileSize() const { return fileSize_; }
  // The JSON header bytes as stored (for hashing).
  const char* headerData() const;
  uint64_t headerSize() const { return headerSize_; }
  // Start of the data region (8 + header size) inside the mapping.
  const unsigned char* mappedData() const;

  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const { return tensors_.count(name) != 0; }
  const SafeTensorView* find(const std::string& name) const;  // nullptr when absent
  const SafeTensorView& at(const std::string& name) const;    // throws when absent
  size_t size() const { return tensors_.size(); }

  // Converts a F32/F16/BF16/F64 tensor to float32 (little-endian source) into `out`, which must
  // hold numel() floats. Throws for other dtypes.
  void toFloat(const SafeTensorView& t, float* out) const;
  std::vector<float> toFloat(const std::string& name) const;

 private:
  SafetensorsFile() = default;
  void parseHeader();
  [[noreturn]] void fail(const std::string& problem) const;

  struct Mapping;
  std::unique_ptr<Mapping> map_;
  std::string path_;
  uint64_t fileSize_ = 0;
  uint64_t headerSize_ = 0;
  std::map<std::string, SafeTensorView> tensors_;
  std::map<std::string, std::string> metadata_;
};

// IEEE half / bfloat16 -> float.
float halfToFloat(uint16_t h);
float bfloat16ToFloat(uint16_t b);

}  // namespace il
