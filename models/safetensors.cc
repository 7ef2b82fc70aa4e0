#include "safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; this reader maps it without byte swapping");

namespace il {

namespace {

struct DTypeInfo {
  const char* name;
  SafeDType type;
  size_t size;
};
constexpr DTypeInfo kDTypes[] = {
    {"F64", SafeDType::F64, 8},   {"F32", SafeDType::F32, 4},        {"F16", SafeDType::F16, 2},
    {"BF16", SafeDType::BF16, 2}, {"I64", SafeDType::I64, 8},        {"I32", SafeDType::I32, 4},
    {"I16", SafeDType::I16, 2},   {"I8", SafeDType::I8, 1},          {"U64", SafeDType::U64, 8},
    {"U32", SafeDType::U32, 4},   {"U16", SafeDType::U16, 2},        {"U8", SafeDType::U8, 1},
    {"BOOL", SafeDType::Bool, 1}, {"F8_E4M3", SafeDType::F8E4M3, 1}, {"F8_E5M2", SafeDType::F8E5M2, 1},
};

std::string quoted(const QString& s) {
  QString t = s.left(80);
  if (s.size() > 80) t += QStringLiteral("...");
  return "\"" + t.toStdString() + "\"";
}

}  // namespace

bool parseSafeDType(const std::string& name, SafeDType* out) {
  for (const DTypeInfo& d : kDTypes)
    if (name == d.name) {
      *out = d.type;
      return true;
    }
  return false;
}

const char* safeDTypeName(SafeDType t) {
  for (const DTypeInfo& d : kDTypes)
    if (d.type == t) return d.name;
  return "?";
}

size_t safeDTypeSize(SafeDType t) {
  for (const DTypeInfo& d : kDTypes)
    if (d.type == t) return d.size;
  return 0;
}

int64_t SafeTensorView::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;  // validated against overflow when the file was opened
  return n;
}

std::string SafeTensorView::shapeString() const {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

float halfToFloat(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: renormalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3ffu;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);  // inf / nan
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  return std::bit_cast<float>(bits);
}

float bfloat16ToFloat(uint16_t b) { return std::bit_cast<float>(uint32_t(b) << 16); }

struct SafetensorsFile::Mapping {
  void* base = nullptr;
  size_t length = 0;
  ~Mapping() {
    if (base) munmap(base, length);
  }
};

SafetensorsFile::~SafetensorsFile() = default;

void SafetensorsFile::fail(const std::string& problem) const {
  throw SafetensorsError(path_ + ": " + problem);
}

const char* SafetensorsFile::headerData() const {
  return static_cast<const char*>(map_->base) + 8;
}

const unsigned char* SafetensorsFile::mappedData() const {
  return static_cast<const unsigned char*>(map_->base) + 8 + headerSize_;
}

std::unique_ptr<SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  std::unique_ptr<SafetensorsFile> f(new SafetensorsFile);
  f->path_ = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) f->fail(std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    f->fail(std::string("cannot stat: ") + std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    f->fail("not a regular file");
  }
  f->fileSize_ = static_cast<uint64_t>(st.st_size);
  if (f->fileSize_ < 8) {
    ::close(fd);
    f->fail("file is " + std::to_string(f->fileSize_) +
            " bytes, too small for a safetensors header (8-byte length + JSON)");
  }
  f->map_ = std::make_unique<Mapping>();
  void* base = mmap(nullptr, f->fileSize_, PROT_READ, MAP_PRIVATE, fd, 0);
  const int mapErrno = errno;
  ::close(fd);
  if (base == MAP_FAILED) f->fail(std::string("cannot memory-map: ") + std::strerror(mapErrno));
  f->map_->base = base;
  f->map_->length = f->fileSize_;
  f->parseHeader();
  return f;
}

void SafetensorsFile::parseHeader() {
  const auto* bytes = static_cast<const unsigned char*>(map_->base);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[i];
  if (n > kMaxHeaderBytes)
    fail("header length " + std::to_string(n) + " exceeds the limit of " +
         std::to_string(kMaxHeaderBytes) + " bytes (not a safetensors file, or corrupt)");
  if (n > fileSize_ - 8)
    fail("header length " + std::to_string(n) + " is larger than the " +
         std::to_string(fileSize_ - 8) + " bytes after the length field (truncated or corrupt file)");
  if (n < 2) fail("header length " + std::to_string(n) + " is too small for a JSON object");
  headerSize_ = n;
  const char* h = reinterpret_cast<const char*>(bytes + 8);
  if (h[0] != '{')
    fail("header does not start with '{' (not a safetensors file, or corrupt)");

  QJsonParseError err{};
  const QJsonDocument doc =
      QJsonDocument::fromJson(QByteArray::fromRawData(h, static_cast<qsizetype>(n)), &err);
  if (err.error != QJsonParseError::NoError)
    fail("header is not valid JSON: " + err.errorString().toStdString() + " at byte " +
         std::to_string(err.offset));
  if (!doc.isObject()) fail("header JSON is not an object");
  const QJsonObject root = doc.object();
  if (static_cast<size_t>(root.size()) > kMaxTensors + 1)
    fail("header lists " + std::to_string(root.size()) + " entries, more than the limit of " +
         std::to_string(kMaxTensors));

  const uint64_t dataSize = fileSize_ - 8 - headerSize_;
  const unsigned char* data = mappedData();
  struct Range {
    uint64_t begin, end;
    const std::string* name;
  };
  std::vector<Range> ranges;
  ranges.reserve(static_cast<size_t>(root.size()));

  for (auto it = root.begin(); it != root.end(); ++it) {
    const QString key = it.key();
    if (key == QLatin1String("__metadata__")) {
      if (!it.value().isObject()) fail("\"__metadata__\" is not an object");
      const QJsonObject md = it.value().toObject();
      for (auto m = md.begin(); m != md.end(); ++m) {
        if (!m.value().isString())
          fail("\"__metadata__\" value for " + quoted(m.key()) + " is not a string");
        metadata_[m.key().toStdString()] = m.value().toString().toStdString();
      }
      continue;
    }
    const std::string what = "tensor " + quoted(key);
    if (!it.value().isObject()) fail(what + ": entry is not an object");
    const QJsonObject e = it.value().toObject();

    SafeTensorView t;
    t.name = key.toStdString();
    const QJsonValue dt = e.value(QLatin1String("dtype"));
    if (!dt.isString()) fail(what + ": missing or non-string \"dtype\"");
    if (!parseSafeDType(dt.toString().toStdString(), &t.dtype))
      fail(what + ": unknown dtype " + quoted(dt.toString()));

    const QJsonValue sh = e.value(QLatin1String("shape"));
    if (!sh.isArray()) fail(what + ": missing or non-array \"shape\"");
    const QJsonArray shape = sh.toArray();
    if (static_cast<size_t>(shape.size()) > kMaxRank)
      fail(what + ": shape has rank " + std::to_string(shape.size()) + ", more than " +
           std::to_string(kMaxRank));
    // Element count bounded by what the file can hold; checked per factor so it cannot overflow.
    const uint64_t elemSize = safeDTypeSize(t.dtype);
    const uint64_t maxElems = dataSize / elemSize;
    uint64_t numel = 1;
    bool zero = false;
    for (const QJsonValue& d : shape) {
      const qint64 v = d.toInteger(-1);
      if (!d.isDouble() || v < 0 || static_cast<double>(v) != d.toDouble())
        fail(what + ": shape entries must be non-negative integers");
      t.shape.push_back(v);
      if (v == 0) zero = true;
    }
    if (!zero) {
      for (int64_t v : t.shape) {
        if (static_cast<uint64_t>(v) > maxElems || numel > maxElems / static_cast<uint64_t>(v))
          fail(what + ": shape " + t.shapeString() + " needs more bytes than the file holds");
        numel *= static_cast<uint64_t>(v);
      }
    } else {
      numel = 0;
    }

    const QJsonValue off = e.value(QLatin1String("data_offsets"));
    if (!off.isArray() || off.toArray().size() != 2)
      fail(what + ": \"data_offsets\" must be an array of two integers");
    const QJsonArray o = off.toArray();
    uint64_t be[2];
    for (int i = 0; i < 2; ++i) {
      const qint64 v = o[i].toInteger(-1);
      if (!o[i].isDouble() || v < 0 || static_cast<double>(v) != o[i].toDouble())
        fail(what + ": \"data_offsets\" must be non-negative integers");
      be[i] = static_cast<uint64_t>(v);
    }
    if (be[0] > be[1])
      fail(what + ": data_offsets [" + std::to_string(be[0]) + ", " + std::to_string(be[1]) +
           "] end before they begin");
    if (be[1] > dataSize)
      fail(what + ": data_offsets [" + std::to_string(be[0]) + ", " + std::to_string(be[1]) +
           "] run past the end of the data (" + std::to_string(dataSize) + " bytes)");
    const uint64_t need = numel * elemSize;
    if (be[1] - be[0] != need)
      fail(what + ": data_offsets span " + std::to_string(be[1] - be[0]) + " bytes but shape " +
           t.shapeString() + " of " + safeDTypeName(t.dtype) + " needs " + std::to_string(need));
    t.bytes = need;
    t.fileOffset = 8 + headerSize_ + be[0];
    t.data = data + be[0];
    auto ins = tensors_.emplace(t.name, std::move(t));
    if (!ins.second) fail(what + ": listed twice");
    if (need > 0) ranges.push_back({be[0], be[1], &ins.first->first});
  }

  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].begin < ranges[i - 1].end)
      fail("tensors \"" + *ranges[i - 1].name + "\" and \"" + *ranges[i].name +
           "\" overlap in the data region");
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(tensors_.size());
  for (const auto& kv : tensors_) out.push_back(kv.first);
  return out;
}

const SafeTensorView* SafetensorsFile::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

const SafeTensorView& SafetensorsFile::at(const std::string& name) const {
  const SafeTensorView* t = find(name);
  if (!t) fail("missing tensor \"" + name + "\"");
  return *t;
}

void SafetensorsFile::toFloat(const SafeTensorView& t, float* out) const {
  const size_t n = static_cast<size_t>(t.numel());
  const auto* src = static_cast<const unsigned char*>(t.data);
  // An empty tensor ([0], [N, 0]) converts to nothing; `out` may then be null (an empty vector's data()).
  const bool floating = t.dtype == SafeDType::F32 || t.dtype == SafeDType::F16 || t.dtype == SafeDType::BF16 ||
                        t.dtype == SafeDType::F64;
  if (n == 0 && floating) return;
  switch (t.dtype) {
    case SafeDType::F32:
      std::memcpy(out, src, n * 4);
      return;
    case SafeDType::F16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t v;
        std::memcpy(&v, src + 2 * i, 2);
        out[i] = halfToFloat(v);
      }
      return;
    case SafeDType::BF16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t v;
        std::memcpy(&v, src + 2 * i, 2);
        out[i] = bfloat16ToFloat(v);
      }
      return;
    case SafeDType::F64:
      for (size_t i = 0; i < n; ++i) {
        double v;
        std::memcpy(&v, src + 8 * i, 8);
        out[i] = static_cast<float>(v);
      }
      return;
    default:
      fail("tensor \"" + t.name + "\" has dtype " + safeDTypeName(t.dtype) +
           "; only F32, F16, BF16 and F64 convert to float");
  }
}

std::vector<float> SafetensorsFile::toFloat(const std::string& name) const {
  const SafeTensorView& t = at(name);
  std::vector<float> out(static_cast<size_t>(t.numel()));
  toFloat(t, out.data());
  return out;
}

}  // namespace il
