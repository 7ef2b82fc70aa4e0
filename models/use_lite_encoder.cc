#include "use_lite_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <span>

#include "paths.h"
#include "tfjs_manifest.h"
#include "use_lite_model.h"

namespace il {

namespace {

// Batches: rows sorted by length, at most this many rows and padded tokens (rows x longest row).
constexpr size_t kMaxBatchRows = 64;
constexpr size_t kMaxBatchTokens = 2048;

std::string hex12(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 12);
}

}  // namespace

std::string UseLiteEncoder::findModelJson(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const char* rel : {"model.json", "dist/model.json"}) {
    const fs::path p = fs::path(dir) / rel;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return {};
}

UseLiteEncoder::UseLiteEncoder(const EncoderSettings& s) {
  namespace fs = std::filesystem;
  const std::string dir = s.modelDir.empty() ? modelDirectory("use-lite") : s.modelDir;
  modelJson_ = findModelJson(dir);
  if (modelJson_.empty())
    throw EncoderError(dir + ": the USE-Lite model is not installed here (no model.json or "
                             "dist/model.json); run installer/setup.sh (or installer/fetch_use_lite.sh) "
                             "to install it");
  const std::string vocab = (fs::path(modelJson_).parent_path() / "vocab.json").string();
  tokenizer_ = std::make_unique<UseLiteTokenizer>(UseLiteTokenizer::fromVocabJson(vocab));

  TfjsWeights w = readTfjsWeights(modelJson_);
  const uint64_t weightsHash = w.dataHash;
  model_ = std::make_unique<UseLiteModel>(useLiteParametersFromTfjs(std::move(w)));

  window_ = (s.maxLength > 0 && s.maxLength < UseLiteModel::kMaxLength) ? s.maxLength
                                                                         : UseLiteModel::kMaxLength;
  truncate_ = s.truncate;
  normalize_ = s.normalize != 0;
  if (s.threads > 0) UseLiteModel::setThreads(s.threads);

  const uint64_t h = fnv1a64(&weightsHash, sizeof weightsHash, tokenizer_->fingerprint());
  id_ = "use-lite:" + hex12(h) + ":" + (truncate_ ? "trunc" : "win") + std::to_string(window_) +
        (normalize_ ? "" : ":raw");
}

UseLiteEncoder::~UseLiteEncoder() = default;

int UseLiteEncoder::tokenCount(const std::string& text) const {
  return static_cast<int>(tokenizer_->encode(text).size());
}

Matrix UseLiteEncoder::encode(const std::vector<std::string>& texts) {
  const size_t n = texts.size();
  const int64_t dim = dimension();
  Matrix out{static_cast<int64_t>(n), dim, std::vector<float>(n * static_cast<size_t>(dim))};
  if (n == 0) return out;

  // Token ids, and the windows (segments) each text is encoded as.
  struct Segment {
    size_t text;
    size_t begin, length;
  };
  std::vector<std::vector<int32_t>> ids(n);
  std::vector<Segment> segs;
  const size_t W = static_cast<size_t>(window_);
  for (size_t i = 0; i < n; ++i) {
    ids[i] = tokenizer_->encode(texts[i]);
    const size_t len = ids[i].size();
    if (len <= W || truncate_) {
      segs.push_back({i, 0, std::min(len, W)});
    } else {
      for (size_t b = 0; b < len; b += W) segs.push_back({i, b, std::min(W, len - b)});
    }
  }

  // Length-sorted batches.
  std::vector<size_t> order(segs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return segs[a].length < segs[b].length; });
  std::vector<float> segOut(segs.size() * static_cast<size_t>(dim));
  std::vector<std::span<const int32_t>> rows;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    rows.clear();
    while (end < order.size() && rows.size() < kMaxBatchRows) {
      const Segment& sg = segs[order[end]];
      // Sorted ascending, so this row is the longest so far.
      if (!rows.empty() && (rows.size() + 1) * std::max<size_t>(sg.length, 1) > kMaxBatchTokens) break;
      rows.emplace_back(ids[sg.text].data() + sg.begin, sg.length);
      ++end;
    }
    const Matrix y = model_->forward(rows, normalize_);
    for (size_t r = 0; r < rows.size(); ++r)
      std::copy_n(y.data.begin() + static_cast<ptrdiff_t>(r * dim), dim,
                  segOut.begin() + static_cast<ptrdiff_t>(order[start + r] * dim));
    start = end;
  }

  // Combine: one segment -> copy; several windows -> token-weighted mean, re-normalised.
  std::vector<double> acc(static_cast<size_t>(dim));
  for (size_t s = 0; s < segs.size();) {
    const size_t text = segs[s].text;
    size_t e = s;
    while (e < segs.size() && segs[e].text == text) ++e;
    float* dst = out.data.data() + text * static_cast<size_t>(dim);
    if (e - s == 1) {
      std::copy_n(segOut.begin() + static_cast<ptrdiff_t>(s * dim), dim, dst);
    } else {
      std::fill(acc.begin(), acc.end(), 0.0);
      double total = 0;
      for (size_t k = s; k < e; ++k) {
        const double wgt = static_cast<double>(segs[k].length);
        total += wgt;
        const float* v = segOut.data() + k * static_cast<size_t>(dim);
        for (int64_t d = 0; d < dim; ++d) acc[static_cast<size_t>(d)] += wgt * v[d];
      }
      double norm2 = 0;
      for (double& a : acc) {
        a /= total;
        norm2 += a * a;
      }
      const double scale = normalize_ ? 1.0 / std::sqrt(std::max(norm2, 1e-12)) : 1.0;
      for (int64_t d = 0; d < dim; ++d) dst[d] = static_cast<float>(acc[static_cast<size_t>(d)] * scale);
    }
    s = e;
  }
  return out;
}

std::unique_ptr<Encoder> createUseLiteEncoder(const EncoderSettings& settings) {
  return std::make_unique<UseLiteEncoder>(settings);
}

}  // namespace il
