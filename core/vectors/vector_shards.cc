#include "vector_shards.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

namespace il {

namespace fs = std::filesystem;

namespace {

std::string npyHeader(int64_t rows, int64_t cols) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                       std::to_string(cols) + "), }";
  const size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<uint16_t>(header.size());
  out.push_back(static_cast<char>(len & 0xFF));
  out.push_back(static_cast<char>(len >> 8));
  return out + header;
}

void writeAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw VectorShardError(path + ": cannot write (" + std::strerror(errno) + ")");
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void syncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Writes `bytes` to path through a temporary + fsync + rename.
void writeFileAtomically(const std::string& path, const std::string& bytes) {
  const fs::path p(path);
  const std::string tmp = (p.parent_path() / ("." + p.filename().string() + ".partial-" + std::to_string(::getpid())))
                              .string();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw VectorShardError(tmp + ": cannot create (" + std::strerror(errno) + ")");
  try {
    writeAll(fd, bytes.data(), bytes.size(), tmp);
    if (::fsync(fd) != 0) throw VectorShardError(tmp + ": cannot sync (" + std::strerror(errno) + ")");
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw VectorShardError(path + ": cannot rename the temporary into place (" + why + ")");
  }
  syncDirectory(p.parent_path().empty() ? "." : p.parent_path().string());
}

// Parses the header of a float32 .npy; returns the data offset and shape.
struct NpyShape {
  int64_t rows = 0, cols = 0, offset = 0;
};

NpyShape readNpyHeader(std::istream& in, const std::string& path) {
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    throw VectorShardError(path + ": not a NumPy .npy file (bad magic)");
  const int major = static_cast<unsigned char>(magic[6]);
  uint32_t hlen = 0;
  int64_t offset = 0;
  if (major == 1) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) throw VectorShardError(path + ": truncated .npy header");
    hlen = b[0] | (b[1] << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    unsigned char b[4];
    if (!in.read(reinterpret_cast<char*>(b), 4)) throw VectorShardError(path + ": truncated .npy header");
    hlen = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
    offset = 12;
  } else {
    throw VectorShardError(path + ": unsupported .npy version " + std::to_string(major));
  }
  if (hlen > (1u << 20)) throw VectorShardError(path + ": .npy header too large");
  std::string header(hlen, '\0');
  if (!in.read(header.data(), hlen)) throw VectorShardError(path + ": truncated .npy header");
  static const std::regex descr(R"('descr'\s*:\s*'([^']*)')"), fortran(R"('fortran_order'\s*:\s*(True|False))"),
      shape(R"('shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\))");
  std::smatch m;
  if (!std::regex_search(header, m, descr)) throw VectorShardError(path + ": .npy header has no descr");
  if (m[1] != "<f4") throw VectorShardError(path + ": dtype is " + m[1].str() + ", expected <f4 (float32)");
  if (!std::regex_search(header, m, fortran) || m[1] != "False")
    throw VectorShardError(path + ": .npy must be C order (fortran_order False)");
  if (!std::regex_search(header, m, shape)) throw VectorShardError(path + ": .npy shape is not 2-D (rows, dim)");
  return {std::stoll(m[1].str()), std::stoll(m[2].str()), offset + hlen};
}

}  // namespace

RowRange shardRows(int64_t rows, int k, int n, int64_t block) {
  block = std::max<int64_t>(1, block);
  const int64_t blocks = (rows + block - 1) / block;
  const int64_t b0 = blocks * k / n, b1 = blocks * (k + 1) / n;
  return {std::min(rows, b0 * block), std::min(rows, b1 * block)};
}

std::string shardStem(int k, int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "shard-%05d-of-%05d", k, n);
  return buf;
}

std::string toHex(const std::string& raw) {
  return QByteArray::fromStdString(raw).toHex().toStdString();
}

std::optional<std::string> fromHex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  for (char c : hex)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return QByteArray::fromHex(QByteArray::fromStdString(hex)).toStdString();
}

std::string fileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VectorShardError(path + ": cannot open");
  QCryptographicHash h(QCryptographicHash::Sha256);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) h.addData(QByteArrayView(buf.data(), in.gcount()));
  }
  if (in.bad()) throw VectorShardError(path + ": read error");
  return h.result().toHex().toStdString();
}

std::string hashesSha256(const std::vector<std::string>& rawHashes) {
  QCryptographicHash h(QCryptographicHash::Sha256);
  for (const auto& r : rawHashes) h.addData(QByteArrayView(r.data(), static_cast<qsizetype>(r.size())));
  return h.result().toHex().toStdString();
}

std::string weightsHashOf(const std::string& encoderId) {
  const size_t a = encoderId.find(':');
  if (a == std::string::npos) return {};
  const size_t b = encoderId.find(':', a + 1);
  return encoderId.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

std::string sidecarJson(const ShardSidecar& s) {
  QJsonArray hashes;
  for (const auto& h : s.textHashes) hashes.append(QString::fromStdString(toHex(h)));
  const QJsonObject settings = QJsonDocument::fromJson(QByteArray::fromStdString(s.settingsJson)).object();
  QJsonObject o{
      {"format", kShardFormat},
      {"version", kShardFormatVersion},
      {"encoder", QJsonObject{{"id", QString::fromStdString(s.encoderId)},
                              {"kind", QString::fromStdString(s.encoderKind)},
                              {"weights_hash", QString::fromStdString(s.weightsHash)},
                              {"settings", settings}}},
      {"dimension", s.dim},
      {"dtype", QString::fromStdString(s.dtype)},
      {"shard", QJsonObject{{"index", s.shardIndex}, {"count", s.shardCount}}},
      {"input", QJsonObject{{"name", QString::fromStdString(s.inputName)},
                            {"format", QString::fromStdString(s.inputFormat)},
                            {"rows", static_cast<qint64>(s.inputRows)},
                            {"sha256", QString::fromStdString(s.inputSha256)}}},
      {"rows", QJsonObject{{"begin", static_cast<qint64>(s.rows.begin)},
                           {"end", static_cast<qint64>(s.rows.end)},
                           {"count", static_cast<qint64>(s.rows.size())},
                           {"first_line", static_cast<qint64>(s.rows.begin + 1)},
                           {"last_line", static_cast<qint64>(s.rows.end)},
                           {"block_rows", static_cast<qint64>(s.blockRows)}}},
      {"vectors", QJsonObject{{"file", QString::fromStdString(s.vectorsFile)},
                              {"bytes", static_cast<qint64>(s.vectorsBytes)},
                              {"sha256", QString::fromStdString(s.vectorsSha256)}}},
      {"text_hashes", QJsonObject{{"algorithm", "sha1-utf8"},
                                  {"sha256", QString::fromStdString(s.hashesSha256)},
                                  {"values", hashes}}},
      {"run", QJsonObject{{"seconds", s.seconds},
                          {"threads", s.threads},
                          {"texts_per_second", s.seconds > 0 ? static_cast<double>(s.rows.size()) / s.seconds : 0.0},
                          {"created_by", QString::fromStdString(s.createdBy)}}},
  };
  return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

ShardSidecar readSidecar(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VectorShardError(path + ": cannot open");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &err);
  if (err.error != QJsonParseError::NoError)
    throw VectorShardError(path + ": not valid JSON at offset " + std::to_string(err.offset) + " (" +
                           err.errorString().toStdString() + ")");
  const QJsonObject o = doc.object();
  auto fail = [&](const std::string& why) -> VectorShardError { return VectorShardError(path + ": " + why); };
  if (o.value("format").toString() != kShardFormat) throw fail("not a vector shard sidecar (format is not \"" +
                                                               std::string(kShardFormat) + "\")");
  if (o.value("version").toInt() != kShardFormatVersion)
    throw fail("sidecar version " + std::to_string(o.value("version").toInt()) + " is not supported (expected " +
               std::to_string(kShardFormatVersion) + ")");
  auto integer = [&](const QJsonObject& obj, const char* key, const std::string& where) -> int64_t {
    const QJsonValue v = obj.value(key);
    if (!v.isDouble()) throw fail(where + "." + key + " is missing or not a number");
    const double d = v.toDouble();
    if (d < 0 || d != static_cast<double>(static_cast<int64_t>(d))) throw fail(where + "." + key + " is not a count");
    return static_cast<int64_t>(d);
  };
  auto string = [&](const QJsonObject& obj, const char* key, const std::string& where, bool required = true) {
    const QJsonValue v = obj.value(key);
    if (required && (!v.isString() || v.toString().isEmpty())) throw fail(where + "." + key + " is missing");
    return v.toString().toStdString();
  };
  ShardSidecar s;
  s.path = path;
  const QJsonObject enc = o.value("encoder").toObject();
  s.encoderId = string(enc, "id", "encoder");
  s.encoderKind = string(enc, "kind", "encoder");
  s.weightsHash = string(enc, "weights_hash", "encoder", false);
  s.settingsJson = QJsonDocument(enc.value("settings").toObject()).toJson(QJsonDocument::Compact).toStdString();
  s.dim = static_cast<int>(integer(o, "dimension", "sidecar"));
  if (s.dim <= 0) throw fail("dimension must be positive");
  s.dtype = string(o, "dtype", "sidecar");
  if (s.dtype != "float32") throw fail("dtype " + s.dtype + " is not supported (expected float32)");
  const QJsonObject shard = o.value("shard").toObject();
  s.shardIndex = static_cast<int>(integer(shard, "index", "shard"));
  s.shardCount = static_cast<int>(integer(shard, "count", "shard"));
  if (s.shardCount < 1 || s.shardIndex >= s.shardCount) throw fail("shard index must be below the shard count");
  const QJsonObject input = o.value("input").toObject();
  s.inputName = string(input, "name", "input", false);
  s.inputFormat = string(input, "format", "input", false);
  s.inputSha256 = string(input, "sha256", "input", false);
  s.inputRows = integer(input, "rows", "input");
  const QJsonObject rows = o.value("rows").toObject();
  s.rows = {integer(rows, "begin", "rows"), integer(rows, "end", "rows")};
  if (s.rows.end < s.rows.begin || s.rows.end > s.inputRows)
    throw fail("rows [" + std::to_string(s.rows.begin) + ", " + std::to_string(s.rows.end) +
               ") do not lie within the input's " + std::to_string(s.inputRows) + " rows");
  if (integer(rows, "count", "rows") != s.rows.size()) throw fail("rows.count does not equal end - begin");
  s.blockRows = rows.value("block_rows").toInteger();
  const QJsonObject vec = o.value("vectors").toObject();
  s.vectorsFile = string(vec, "file", "vectors");
  if (s.vectorsFile.find('/') != std::string::npos || s.vectorsFile.starts_with("."))
    throw fail("vectors.file must be a plain file name beside the sidecar");
  s.vectorsBytes = integer(vec, "bytes", "vectors");
  s.vectorsSha256 = string(vec, "sha256", "vectors");
  const QJsonObject th = o.value("text_hashes").toObject();
  s.hashesSha256 = string(th, "sha256", "text_hashes");
  const QJsonArray values = th.value("values").toArray();
  if (values.size() != s.rows.size())
    throw fail("text_hashes has " + std::to_string(values.size()) + " values for " + std::to_string(s.rows.size()) +
               " rows");
  s.textHashes.reserve(static_cast<size_t>(values.size()));
  for (qsizetype i = 0; i < values.size(); ++i) {
    const auto raw = fromHex(values[i].toString().toStdString());
    if (!raw || raw->size() != 20)
      throw fail("text_hashes.values[" + std::to_string(i) + "] is not a 40-digit hex SHA-1");
    s.textHashes.push_back(*raw);
  }
  if (hashesSha256(s.textHashes) != s.hashesSha256) throw fail("text hash checksum does not match its values");
  const QJsonObject run = o.value("run").toObject();
  s.seconds = run.value("seconds").toDouble();
  s.threads = run.value("threads").toInt();
  s.createdBy = run.value("created_by").toString().toStdString();
  return s;
}

namespace {
std::string vectorsPath(const ShardSidecar& s) {
  return (fs::path(s.path).parent_path() / s.vectorsFile).string();
}
}  // namespace

void verifyShardVectors(const ShardSidecar& s) {
  const std::string path = vectorsPath(s);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw VectorShardError(path + ": missing (named by " + s.path + ")");
  const auto size = static_cast<int64_t>(fs::file_size(path, ec));
  if (size != s.vectorsBytes)
    throw VectorShardError(path + ": " + std::to_string(size) + " bytes, the sidecar says " +
                           std::to_string(s.vectorsBytes) + " (truncated or replaced)");
  std::ifstream in(path, std::ios::binary);
  const NpyShape shape = readNpyHeader(in, path);
  if (shape.rows != s.rows.size() || shape.cols != s.dim)
    throw VectorShardError(path + ": shape (" + std::to_string(shape.rows) + ", " + std::to_string(shape.cols) +
                           "), the sidecar says (" + std::to_string(s.rows.size()) + ", " + std::to_string(s.dim) + ")");
  if (shape.offset + shape.rows * shape.cols * 4 != size)
    throw VectorShardError(path + ": size does not match its shape");
  if (fileSha256(path) != s.vectorsSha256)
    throw VectorShardError(path + ": SHA-256 checksum does not match " + s.path + " (corrupt file)");
}

Matrix readShardVectors(const ShardSidecar& s) {
  verifyShardVectors(s);
  const std::string path = vectorsPath(s);
  std::ifstream in(path, std::ios::binary);
  const NpyShape shape = readNpyHeader(in, path);
  Matrix m = Matrix::zeros(shape.rows, shape.cols);
  in.read(reinterpret_cast<char*>(m.data.data()), static_cast<std::streamsize>(m.data.size() * sizeof(float)));
  if (!in) throw VectorShardError(path + ": truncated data");
  return m;
}

std::optional<ShardSidecar> finishedShard(const std::string& dir, int k, int n, std::string* problem) {
  const std::string sidecar = (fs::path(dir) / (shardStem(k, n) + ".json")).string();
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return std::nullopt;
  try {
    ShardSidecar s = readSidecar(sidecar);
    if (s.shardIndex != k || s.shardCount != n)
      throw VectorShardError(sidecar + ": describes shard " + std::to_string(s.shardIndex) + "/" +
                             std::to_string(s.shardCount) + ", not " + std::to_string(k) + "/" + std::to_string(n));
    verifyShardVectors(s);
    return s;
  } catch (const VectorShardError& e) {
    if (!problem) throw;
    *problem = e.what();
    return std::nullopt;
  }
}

struct ShardWriter::Hasher {
  QCryptographicHash h{QCryptographicHash::Sha256};
};

ShardWriter::ShardWriter(const std::string& dir, ShardSidecar meta) : dir_(dir), meta_(std::move(meta)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw VectorShardError(dir_ + ": cannot create the directory (" + ec.message() + ")");
  if (static_cast<int64_t>(meta_.textHashes.size()) != meta_.rows.size())
    throw VectorShardError("shard writer: " + std::to_string(meta_.textHashes.size()) + " text hashes for " +
                           std::to_string(meta_.rows.size()) + " rows");
  const std::string stem = shardStem(meta_.shardIndex, meta_.shardCount);
  meta_.vectorsFile = stem + ".npy";
  // A previous sidecar (e.g. of a corrupt shard being redone) goes first, so no sidecar
  // ever names a .npy it was not written for.
  const std::string sidecar = (fs::path(dir_) / (stem + ".json")).string();
  if (fs::exists(sidecar, ec) && ::unlink(sidecar.c_str()) != 0)
    throw VectorShardError(sidecar + ": cannot remove the old sidecar (" + std::strerror(errno) + ")");
  tmpPath_ = (fs::path(dir_) / ("." + meta_.vectorsFile + ".partial-" + std::to_string(::getpid()))).string();
  fd_ = ::open(tmpPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw VectorShardError(tmpPath_ + ": cannot create (" + std::strerror(errno) + ")");
  sha_ = new Hasher;
  const std::string header = npyHeader(meta_.rows.size(), meta_.dim);
  sha_->h.addData(QByteArrayView(header.data(), static_cast<qsizetype>(header.size())));
  writeAll(fd_, header.data(), header.size(), tmpPath_);
  meta_.vectorsBytes = static_cast<int64_t>(header.size());
}

ShardWriter::~ShardWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!finished_ && !tmpPath_.empty()) ::unlink(tmpPath_.c_str());
  delete sha_;
}

void ShardWriter::append(const float* rows, int64_t count) {
  if (finished_) throw VectorShardError(tmpPath_ + ": shard already finished");
  if (written_ + count > meta_.rows.size())
    throw VectorShardError(tmpPath_ + ": more rows than the shard holds");
  const size_t bytes = static_cast<size_t>(count) * static_cast<size_t>(meta_.dim) * sizeof(float);
  sha_->h.addData(QByteArrayView(reinterpret_cast<const char*>(rows), static_cast<qsizetype>(bytes)));
  writeAll(fd_, reinterpret_cast<const char*>(rows), bytes, tmpPath_);
  written_ += count;
  meta_.vectorsBytes += static_cast<int64_t>(bytes);
}

ShardSidecar ShardWriter::finish() {
  if (written_ != meta_.rows.size())
    throw VectorShardError(tmpPath_ + ": " + std::to_string(written_) + " of " + std::to_string(meta_.rows.size()) +
                           " rows written");
  if (::fsync(fd_) != 0) throw VectorShardError(tmpPath_ + ": cannot sync (" + std::strerror(errno) + ")");
  ::close(fd_);
  fd_ = -1;
  meta_.vectorsSha256 = sha_->h.result().toHex().toStdString();
  meta_.hashesSha256 = hashesSha256(meta_.textHashes);
  const std::string npy = (fs::path(dir_) / meta_.vectorsFile).string();
  if (::rename(tmpPath_.c_str(), npy.c_str()) != 0)
    throw VectorShardError(npy + ": cannot rename the temporary into place (" + std::strerror(errno) + ")");
  finished_ = true;
  syncDirectory(dir_);
  const std::string sidecar = (fs::path(dir_) / (shardStem(meta_.shardIndex, meta_.shardCount) + ".json")).string();
  writeFileAtomically(sidecar, sidecarJson(meta_));
  meta_.path = sidecar;
  return meta_;
}

void removeStaleShardTemporaries(const std::string& dir, int k, int n) {
  const std::string prefix = "." + shardStem(k, n) + ".";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const size_t at = name.rfind(".partial-");
    if (!name.starts_with(prefix) || at == std::string::npos) continue;
    const long pid = std::strtol(name.c_str() + at + 9, nullptr, 10);
    const bool alive = pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
    if (!alive || pid == ::getpid()) fs::remove(e.path(), ec);
  }
}

ShardSet readShardSet(const std::string& dir, bool verifyVectors) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw VectorShardError(dir + ": not a directory");
  static const std::regex name(R"(shard-(\d{5})-of-(\d{5})\.json)");
  std::vector<std::string> sidecars;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (std::regex_match(e.path().filename().string(), name)) sidecars.push_back(e.path().string());
  if (sidecars.empty())
    throw VectorShardError(dir + ": no finished shard (no shard-KKKKK-of-NNNNN.json sidecar); unfinished shards "
                                 "leave only hidden .partial files");
  std::sort(sidecars.begin(), sidecars.end());
  ShardSet set;
  std::map<int, ShardSidecar> byIndex;
  const ShardSidecar* first = nullptr;
  for (const auto& path : sidecars) {
    ShardSidecar s = readSidecar(path);
    std::smatch m;
    const std::string fname = fs::path(path).filename().string();
    std::regex_match(fname, m, name);
    if (std::stoi(m[1].str()) != s.shardIndex || std::stoi(m[2].str()) != s.shardCount)
      throw VectorShardError(path + ": the file name says shard " + m[1].str() + " of " + m[2].str() +
                             ", the sidecar says " + std::to_string(s.shardIndex) + " of " +
                             std::to_string(s.shardCount));
    if (first) {
      auto differs = [&](const std::string& what, const std::string& a, const std::string& b) {
        if (a != b)
          throw VectorShardError(path + ": " + what + " " + b + " differs from " + a + " in " + first->path +
                                 " (shards of different runs mixed in one directory)");
      };
      differs("encoder", first->encoderId, s.encoderId);
      differs("dimension", std::to_string(first->dim), std::to_string(s.dim));
      differs("shard count", std::to_string(first->shardCount), std::to_string(s.shardCount));
      differs("input", first->inputName + " (sha256 " + first->inputSha256 + ", " +
                           std::to_string(first->inputRows) + " rows)",
              s.inputName + " (sha256 " + s.inputSha256 + ", " + std::to_string(s.inputRows) + " rows)");
    }
    const int idx = s.shardIndex;
    byIndex.emplace(idx, std::move(s));
    if (!first) first = &byIndex.begin()->second;
  }
  const int n = byIndex.begin()->second.shardCount;
  std::string missing;
  for (int k = 0; k < n; ++k)
    if (!byIndex.count(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
  if (!missing.empty())
    throw VectorShardError(dir + ": shard(s) " + missing + " of " + std::to_string(n) +
                           " are not finished (no sidecar): run them again");
  int64_t next = 0;
  for (auto& [k, s] : byIndex) {
    if (s.rows.begin > next)
      throw VectorShardError(s.path + ": starts at row " + std::to_string(s.rows.begin) + " but the previous shard "
                             "ends at row " + std::to_string(next) + " (gap of " +
                             std::to_string(s.rows.begin - next) + " rows)");
    if (s.rows.begin < next)
      throw VectorShardError(s.path + ": starts at row " + std::to_string(s.rows.begin) + " but the previous shard "
                             "ends at row " + std::to_string(next) + " (overlap of " +
                             std::to_string(next - s.rows.begin) + " rows)");
    next = s.rows.end;
    if (verifyVectors) verifyShardVectors(s);
    set.shards.push_back(std::move(s));
  }
  const ShardSidecar& last = set.shards.back();
  if (next != last.inputRows)
    throw VectorShardError(last.path + ": the shards end at row " + std::to_string(next) + " of the input's " +
                           std::to_string(last.inputRows) + " (gap at the end)");
  set.rows = next;
  set.dim = last.dim;
  set.encoderId = last.encoderId;
  return set;
}

}  // namespace il
