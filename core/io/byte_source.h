// Reads a file in chunks, transparently inflating gzip (detected by its magic bytes,
// not the name). Output is bounded so a zip bomb fails with a message instead of
// filling memory or disk.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace il {

class ByteSource {
 public:
  static constexpr int64_t kDefaultMaxBytes = int64_t{16} << 30;  // 16 GiB of text

  // Opens `path`; on failure error() says why and read() returns false.
  explicit ByteSource(const std::string& path, int64_t maxBytes = kDefaultMaxBytes);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Replaces `chunk` with the next bytes; false at end of data or on error.
  bool read(std::string& chunk);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool compressed() const { return gzip_ != nullptr; }
  int64_t fileSize() const { return fileSize_; }
  int64_t compressedBytesRead() const { return rawRead_; }  // for progress

 private:
  struct Gzip;
  bool readRaw(std::string& out);
  bool inflateMore(std::string& out);

  std::FILE* file_ = nullptr;
  std::unique_ptr<Gzip> gzip_;
  std::string error_;
  int64_t fileSize_ = 0;
  int64_t rawRead_ = 0;
  int64_t produced_ = 0;
  int64_t maxBytes_;
  bool eof_ = false;
};

}  // namespace il
