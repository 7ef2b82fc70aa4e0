#include "byte_source.h"

#include <algorithm>

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace il {

namespace {
constexpr size_t kChunk = 1 << 16;
}

struct ByteSource::Gzip {
  z_stream zs{};
  std::vector<unsigned char> in = std::vector<unsigned char>(kChunk);
  bool streamEnded = false;  // the last member ended cleanly
  ~Gzip() { inflateEnd(&zs); }
};

ByteSource::ByteSource(const std::string& path, int64_t maxBytes) : maxBytes_(maxBytes) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) {
    error_ = std::string("cannot open: ") + std::strerror(errno);
    return;
  }
  if (std::fseek(file_, 0, SEEK_END) == 0) {
    fileSize_ = std::ftell(file_);
    std::fseek(file_, 0, SEEK_SET);
  }
  unsigned char magic[2] = {0, 0};
  const size_t n = std::fread(magic, 1, 2, file_);
  std::fseek(file_, 0, SEEK_SET);
  if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
    gzip_ = std::make_unique<Gzip>();
    // 15 + 32: zlib or gzip header, detected automatically.
    if (inflateInit2(&gzip_->zs, 15 + 32) != Z_OK) error_ = "cannot start gzip decoder";
  }
}

ByteSource::~ByteSource() {
  if (file_) std::fclose(file_);
}

bool ByteSource::read(std::string& chunk) {
  chunk.clear();
  if (!ok() || eof_) return false;
  const bool got = gzip_ ? inflateMore(chunk) : readRaw(chunk);
  if (!got) return false;
  produced_ += static_cast<int64_t>(chunk.size());
  // Text compresses 3-20x; a stream past 256 MiB at over 200x is a decompression bomb, refused
  // now rather than after gigabytes of inflating.
  if (gzip_ && produced_ > (int64_t{256} << 20) && produced_ > 200 * std::max<int64_t>(rawRead_, 1)) {
    error_ = "gzip data expands " + std::to_string(produced_ / std::max<int64_t>(rawRead_, 1)) + ":1 (" +
             std::to_string(produced_ >> 20) + " MiB from " + std::to_string(rawRead_ >> 10) +
             " KiB), far beyond any text file: a decompression bomb?";
    chunk.clear();
    return false;
  }
  if (produced_ > maxBytes_) {
    error_ = "data larger than the limit of " + std::to_string(maxBytes_ >> 20) +
             " MiB (a compressed file that expands without bound?)";
    chunk.clear();
    return false;
  }
  return true;
}

bool ByteSource::readRaw(std::string& out) {
  out.resize(kChunk);
  const size_t n = std::fread(out.data(), 1, kChunk, file_);
  out.resize(n);
  rawRead_ += static_cast<int64_t>(n);
  if (n == 0) {
    if (std::ferror(file_)) error_ = std::string("read error: ") + std::strerror(errno);
    eof_ = true;
    return false;
  }
  return true;
}

bool ByteSource::inflateMore(std::string& out) {
  z_stream& zs = gzip_->zs;
  out.resize(kChunk);
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(kChunk);
  while (zs.avail_out > 0) {
    if (zs.avail_in == 0) {
      const size_t n = std::fread(gzip_->in.data(), 1, gzip_->in.size(), file_);
      rawRead_ += static_cast<int64_t>(n);
      if (n == 0) {
        if (std::ferror(file_)) {
          error_ = std::string("read error: ") + std::strerror(errno);
        } else if (!gzip_->streamEnded) {
          error_ = "truncated gzip data: the compressed stream ends before its end marker";
        }
        eof_ = true;
        break;
      }
      zs.next_in = gzip_->in.data();
      zs.avail_in = static_cast<uInt>(n);
    }
    gzip_->streamEnded = false;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      gzip_->streamEnded = true;
      // Concatenated gzip members are legal (gzip -c a >> b): continue with the next.
      if (inflateReset(&zs) != Z_OK) {
        error_ = "cannot restart gzip decoder";
        break;
      }
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = std::string("corrupt gzip data: ") + (zs.msg ? zs.msg : "inflate failed");
      break;
    }
  }
  out.resize(kChunk - zs.avail_out);
  if (!ok()) {
    out.clear();
    return false;
  }
  return !out.empty();
}

}  // namespace il
