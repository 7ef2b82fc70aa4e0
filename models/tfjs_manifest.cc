#include "tfjs_manifest.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "encoder.h"  // EncoderError

namespace il {

static_assert(std::endian::native == std::endian::little, "TF.js shards are little-endian");

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw EncoderError(file + ": " + what);
}

std::string str(const QString& s) { return s.toStdString(); }

float halfToFloat(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1u, exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
  float v;
  if (exp == 0) v = std::ldexp(static_cast<float>(mant), -24);              // zero / subnormal
  else if (exp == 31) v = mant ? std::numeric_limits<float>::quiet_NaN()
                               : std::numeric_limits<float>::infinity();
  else v = std::ldexp(static_cast<float>(mant | 0x400u), static_cast<int>(exp) - 25);
  return sign ? -v : v;
}

struct Entry {
  TfjsWeight weight;
  std::string storage;  // float32 | int32 | bool | uint8 | uint16 | float16 (bytes as stored)
  double scale = 1, min = 0;
  int64_t bytes = 0;
};

int64_t bytesPerElement(const std::string& storage) {
  if (storage == "float32" || storage == "int32") return 4;
  if (storage == "uint16" || storage == "float16") return 2;
  if (storage == "uint8" || storage == "bool") return 1;
  return 0;
}

Entry parseEntry(const std::string& file, const QJsonValue& v) {
  if (!v.isObject()) fail(file, "weightsManifest: a weight entry is not an object");
  const QJsonObject o = v.toObject();
  Entry e;
  e.weight.name = str(o.value("name").toString());
  if (e.weight.name.empty()) fail(file, "weightsManifest: a weight has no name");
  const std::string where = "weightsManifest: weight '" + e.weight.name + "'";
  if (!o.value("shape").isArray()) fail(file, where + " has no shape");
  int64_t numel = 1;
  for (const QJsonValue& d : o.value("shape").toArray()) {
    const double dim = d.toDouble(-1);
    if (!d.isDouble() || dim < 0 || dim != std::floor(dim) || dim > 1e12)
      fail(file, where + " has an invalid shape");
    e.weight.shape.push_back(static_cast<int64_t>(dim));
    // Checked before multiplying: [1e12, 1e12] must not overflow into a small or negative size.
    if (dim > 0 && numel > (int64_t{1} << 40) / static_cast<int64_t>(dim))
      fail(file, where + " is implausibly large");
    numel *= static_cast<int64_t>(dim);
  }
  e.weight.dtype = str(o.value("dtype").toString());
  e.storage = e.weight.dtype;
  if (e.weight.dtype != "float32" && e.weight.dtype != "int32" && e.weight.dtype != "bool")
    fail(file, where + " has unsupported dtype '" + e.weight.dtype + "'");
  if (o.contains("quantization")) {
    const QJsonObject q = o.value("quantization").toObject();
    e.storage = str(q.value("dtype").toString());
    if (e.storage != "uint8" && e.storage != "uint16" && e.storage != "float16")
      fail(file, where + " has unsupported quantization dtype '" + e.storage + "'");
    if (e.storage != "float16") {
      if (!q.value("scale").isDouble() || !q.value("min").isDouble())
        fail(file, where + " is quantised without scale/min");
      e.scale = q.value("scale").toDouble();
      e.min = q.value("min").toDouble();
    }
  }
  e.bytes = numel * bytesPerElement(e.storage);
  return e;
}

void decode(Entry& e, const unsigned char* p) {
  const int64_t n = e.bytes / bytesPerElement(e.storage);
  std::vector<float>& out = e.weight.values;
  out.resize(static_cast<size_t>(n));
  if (e.storage == "float32") {
    std::memcpy(out.data(), p, static_cast<size_t>(e.bytes));
  } else if (e.storage == "int32") {
    for (int64_t i = 0; i < n; ++i) {
      int32_t v;
      std::memcpy(&v, p + 4 * i, 4);
      out[i] = static_cast<float>(v);
    }
  } else if (e.storage == "bool") {
    for (int64_t i = 0; i < n; ++i) out[i] = p[i] ? 1.f : 0.f;
  } else if (e.storage == "uint8") {
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(p[i] * e.scale + e.min);
  } else if (e.storage == "uint16") {
    for (int64_t i = 0; i < n; ++i) {
      uint16_t v;
      std::memcpy(&v, p + 2 * i, 2);
      out[i] = static_cast<float>(v * e.scale + e.min);
    }
  } else {  // float16
    for (int64_t i = 0; i < n; ++i) {
      uint16_t v;
      std::memcpy(&v, p + 2 * i, 2);
      out[i] = halfToFloat(v);
    }
  }
  if (e.weight.dtype == "int32" && e.storage != "int32")
    for (float& v : out) v = std::round(v);
}

}  // namespace

int64_t TfjsWeight::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

const TfjsWeight* TfjsWeights::find(std::string_view name) const {
  for (const TfjsWeight& w : weights)
    if (w.name == name) return &w;
  return nullptr;
}

const TfjsWeight& TfjsWeights::get(std::string_view name, const std::vector<int64_t>& shape) const {
  const TfjsWeight* w = find(name);
  auto shapeStr = [](const std::vector<int64_t>& s) {
    std::string r = "[";
    for (size_t i = 0; i < s.size(); ++i) r += (i ? "," : "") + std::to_string(s[i]);
    return r + "]";
  };
  if (!w) fail(modelJsonPath, "weightsManifest has no weight '" + std::string(name) + "'");
  if (w->shape != shape)
    fail(modelJsonPath, "weight '" + std::string(name) + "' has shape " + shapeStr(w->shape) +
                            ", expected " + shapeStr(shape));
  return *w;
}

TfjsWeights readTfjsWeights(const std::string& modelJsonPath) {
  namespace fs = std::filesystem;
  const std::string& file = modelJsonPath;
  QFile f(QString::fromStdString(file));
  if (!f.exists()) fail(file, "file not found");
  if (!f.open(QIODevice::ReadOnly)) fail(file, "cannot open: " + str(f.errorString()));
  // USE-Lite's model.json is 50 KB; a larger one is not a weights manifest (and is not read whole).
  constexpr qint64 kMaxModelJsonBytes = 64 << 20;
  if (f.size() > kMaxModelJsonBytes)
    fail(file, "file of " + std::to_string(f.size()) + " bytes; a model.json this large is not plausible");
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.read(std::min(f.size(), kMaxModelJsonBytes) + 1), &err);
  if (doc.isNull()) fail(file, "invalid JSON: " + str(err.errorString()) + " at offset " +
                                   std::to_string(err.offset));
  if (!doc.isObject() || !doc.object().value("weightsManifest").isArray())
    fail(file, "no \"weightsManifest\" array (not a TF.js model.json?)");
  const QJsonArray groups = doc.object().value("weightsManifest").toArray();
  const fs::path dir = fs::path(file).parent_path();

  TfjsWeights out;
  out.modelJsonPath = file;
  // Every shard is read once: listing one file many times would otherwise make the
  // reader allocate the sum of the listed sizes from a tiny model folder.
  std::set<fs::path> shardFiles;
  // USE-Lite is 28 MB; a manifest of more than this is refused before any allocation.
  constexpr int64_t kMaxWeightBytes = int64_t{2} << 30;
  uint64_t hash = 0xcbf29ce484222325ull;
  int groupNo = 0;
  for (const QJsonValue& gv : groups) {
    ++groupNo;
    const std::string gname = "weightsManifest group " + std::to_string(groupNo);
    const QJsonObject g = gv.toObject();
    if (!g.value("paths").isArray() || !g.value("weights").isArray())
      fail(file, gname + " lacks \"paths\" or \"weights\"");

    std::vector<Entry> entries;
    int64_t need = 0;
    for (const QJsonValue& wv : g.value("weights").toArray()) {
      entries.push_back(parseEntry(file, wv));
      need += entries.back().bytes;
    }

    // Shards: sizes first (so a missing or short file is reported before reading 28 MB).
    std::vector<std::string> paths;
    std::vector<int64_t> sizes;
    int64_t have = 0;
    for (const QJsonValue& pv : g.value("paths").toArray()) {
      const std::string rel = str(pv.toString());
      if (rel.empty()) fail(file, gname + " has an empty shard path");
      // Shards live next to model.json: a path that leaves the folder could read any file as weights.
      const fs::path relPath(rel);
      if (relPath.is_absolute() || std::find(relPath.begin(), relPath.end(), fs::path("..")) != relPath.end())
        fail(file, gname + " shard path \"" + rel.substr(0, 200) + "\" leaves the model folder");
      const std::string p = (dir / rel).string();
      std::error_code ec;
      const auto size = fs::file_size(p, ec);
      if (ec) fail(p, "weight shard listed in " + fs::path(file).filename().string() +
                          " is missing or unreadable (" + ec.message() + ")");
      if (!shardFiles.insert(fs::weakly_canonical(p, ec)).second)
        fail(file, gname + " lists shard \"" + rel.substr(0, 200) + "\" again: each shard file holds its own bytes");
      paths.push_back(p);
      sizes.push_back(static_cast<int64_t>(size));
      have += static_cast<int64_t>(size);
    }
    if (paths.empty() && need > 0) fail(file, gname + " has weights but no shard files");
    if (have != need) {
      // TF.js writes equal-size shards except the last: a smaller earlier one is the likely culprit.
      int64_t full = 0;
      for (size_t i = 0; i + 1 < paths.size(); ++i) full = std::max(full, sizes[i]);
      size_t culprit = paths.size() - 1;
      for (size_t i = 0; i + 1 < paths.size(); ++i)
        if (sizes[i] != full) { culprit = i; break; }
      const std::string detail =
          gname + "'s weights need " + std::to_string(need) + " bytes but its " +
          std::to_string(paths.size()) + " shard file(s) hold " + std::to_string(have) + " (" +
          (have < need ? std::to_string(need - have) + " bytes too few" :
                         std::to_string(have - need) + " bytes too many") +
          "): truncated, corrupt or mismatched model files; reinstall the model";
      fail(paths[culprit], detail);
    }

    if (out.dataBytes + need > kMaxWeightBytes)
      fail(file, "weights of more than " + std::to_string(kMaxWeightBytes >> 20) +
                     " MB in total are not supported (a TF.js text encoder is far smaller)");
    std::vector<unsigned char> buf(static_cast<size_t>(need));
    int64_t at = 0;
    for (size_t i = 0; i < paths.size(); ++i) {
      std::ifstream in(paths[i], std::ios::binary);
      if (!in) fail(paths[i], "cannot open weight shard");
      in.read(reinterpret_cast<char*>(buf.data() + at), sizes[i]);
      if (in.gcount() != sizes[i]) fail(paths[i], "weight shard changed size or could not be read");
      at += sizes[i];
    }
    hash = contentHash64(buf.data(), buf.size(), hash);
    out.dataBytes += need;

    int64_t off = 0;
    for (Entry& e : entries) {
      decode(e, buf.data() + off);
      off += e.bytes;
      if (out.find(e.weight.name)) fail(file, "weightsManifest lists '" + e.weight.name + "' twice");
      out.weights.push_back(std::move(e.weight));
    }
  }
  out.dataHash = hash;
  return out;
}

}  // namespace il
