#include "encoder_head.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "encoder.h"
#include "encoder_head_impl.h"
#include "use_lite_encoder.h"

namespace il {

namespace {

// Batches of windows sorted by length, as the encoder runs them: at most this many rows
// and padded tokens (rows x longest row).
constexpr size_t kMaxBatchRows = 64;
constexpr size_t kMaxBatchTokens = 2048;
constexpr int64_t kWidth = 512;
constexpr int64_t kBytesPerToken = kWidth * static_cast<int64_t>(sizeof(float));

// Batches [begin, end) of `order` (indices into lengths, ascending by length).
std::vector<std::pair<size_t, size_t>> batchesOf(const std::vector<size_t>& order,
                                                 const std::vector<int64_t>& lengths) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && end - start < kMaxBatchRows) {
      const size_t longest = static_cast<size_t>(std::max<int64_t>(lengths[order[end]], 1));
      if (end > start && (end - start + 1) * longest > kMaxBatchTokens) break;
      ++end;
    }
    out.emplace_back(start, end);
    start = end;
  }
  return out;
}

std::vector<size_t> lengthOrder(const std::vector<int64_t>& lengths) {
  std::vector<size_t> order(lengths.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lengths[a] < lengths[b]; });
  return order;
}

at::Tensor unitRows(const at::Tensor& x) { return x / x.norm(2, {-1}, true).clamp_min(1e-12); }

}  // namespace

EncoderHead::EncoderHead(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EncoderHead::~EncoderHead() = default;
const std::string& EncoderHead::encoderId() const { return impl_->encoderId; }
int64_t EncoderHead::rows() const { return static_cast<int64_t>(impl_->rowText.size()); }
int64_t EncoderHead::distinctTexts() const { return impl_->distinct(); }
int64_t EncoderHead::cachedTokens() const { return impl_->cache.size(0) - 1; }
int64_t EncoderHead::cacheBytes() const { return impl_->cache.size(0) * kBytesPerToken; }
double EncoderHead::buildSeconds() const { return impl_->buildSeconds; }

at::Tensor encoderHeadForward(const EncoderHead::Impl& head, const UseLiteTop& top, const std::vector<int64_t>& texts) {
  // The windows of the requested texts, each with its text's position in `texts`.
  std::vector<int64_t> segs, segOf, lengths;
  for (size_t i = 0; i < texts.size(); ++i)
    for (int64_t s = head.textSegments[static_cast<size_t>(texts[i])]; s < head.textSegments[static_cast<size_t>(texts[i]) + 1]; ++s) {
      segs.push_back(s);
      segOf.push_back(static_cast<int64_t>(i));
      lengths.push_back(head.segLength[static_cast<size_t>(s)]);
    }
  const std::vector<size_t> order = lengthOrder(lengths);
  const int64_t pad = head.cache.size(0) - 1;
  std::vector<at::Tensor> outs;
  for (const auto& [begin, end] : batchesOf(order, lengths)) {
    const int64_t B = static_cast<int64_t>(end - begin);
    const int64_t T = std::max<int64_t>(lengths[order[end - 1]], 1);
    std::vector<int64_t> rows(static_cast<size_t>(B * T), pad), len(static_cast<size_t>(B));
    for (int64_t b = 0; b < B; ++b) {
      const size_t k = order[begin + static_cast<size_t>(b)];
      const int64_t s = segs[k], start = head.segStart[static_cast<size_t>(s)];
      len[static_cast<size_t>(b)] = lengths[k];
      for (int64_t t = 0; t < lengths[k]; ++t) rows[static_cast<size_t>(b * T + t)] = start + t;
    }
    const at::Tensor x = head.cache.index_select(0, at::tensor(rows, at::kLong));
    outs.push_back(useLiteTopForward(top, x, at::tensor(len, at::kLong), B, T, head.normalize));
  }
  const int64_t n = static_cast<int64_t>(texts.size());
  if (outs.empty()) return at::zeros({n, kWidth}, at::kFloat);
  // Back to the requested texts: a token-weighted sum of each text's windows, then unit
  // length (one window: its own vector, up to rounding).
  std::vector<int64_t> target(order.size());
  std::vector<float> weight(order.size());
  for (size_t r = 0; r < order.size(); ++r) {
    target[r] = segOf[order[r]];
    weight[r] = static_cast<float>(std::max<int64_t>(lengths[order[r]], 1));
  }
  const at::Tensor windows = at::cat(outs, 0) * at::tensor(weight, at::kFloat).unsqueeze(1);
  return unitRows(at::zeros({n, kWidth}, at::kFloat).index_add(0, at::tensor(target, at::kLong), windows));
}

Matrix EncoderHead::encode() const {
  const Impl& h = *impl_;
  Matrix out = Matrix::zeros(rows(), kWidth);
  std::vector<int64_t> all(static_cast<size_t>(h.distinct()));
  std::iota(all.begin(), all.end(), int64_t{0});
  c10::InferenceMode guard;
  const at::Tensor v = encoderHeadForward(h, h.pretrained, all).contiguous();
  for (int64_t r = 0; r < rows(); ++r)
    if (const int32_t t = h.rowText[static_cast<size_t>(r)]; t >= 0)
      std::memcpy(out.row(r), v.data_ptr<float>() + t * kWidth, sizeof(float) * kWidth);
  return out;
}

std::shared_ptr<const EncoderHead> makeEncoderHead(const Encoder& encoder, const std::vector<std::string>& texts,
                                                   const EncoderHeadOptions& options) {
  const auto* useLite = dynamic_cast<const UseLiteEncoder*>(&encoder);
  if (!useLite)
    throw EncoderError("encoder fine-tuning works with USE-Lite vectors only, not " + encoder.id() +
                       ": encode the project with --encoder use-lite, or train without --fine-tune-encoder");
  const auto t0 = std::chrono::steady_clock::now();
  auto impl = std::make_unique<EncoderHead::Impl>();
  EncoderHead::Impl& h = *impl;
  h.encoderId = encoder.id();
  h.normalize = useLite->normalizes();

  // Distinct texts and their windows, as UseLiteEncoder::encode cuts them.
  std::unordered_map<std::string, int32_t> index;
  std::vector<std::vector<int32_t>> ids;
  std::vector<int64_t> segBegin;  // per window: its first token in its text's ids
  std::vector<int32_t> segText;
  h.textSegments.push_back(0);
  h.rowText.reserve(texts.size());
  const int64_t W = useLite->window();
  int64_t tokens = 0;
  for (const std::string& text : texts) {
    if (text.empty()) {
      h.rowText.push_back(-1);
      continue;
    }
    const auto [it, added] = index.emplace(text, static_cast<int32_t>(ids.size()));
    h.rowText.push_back(it->second);
    if (!added) continue;
    ids.push_back(useLite->tokenize(text));
    int64_t len = static_cast<int64_t>(ids.back().size());
    if (useLite->truncates()) len = std::min(len, W);
    if (options.maxTokens > 0) len = std::min<int64_t>(len, options.maxTokens);
    for (int64_t b = 0; b == 0 || b < len; b += W) {  // an empty text is one empty window
      segBegin.push_back(b);
      segText.push_back(it->second);
      h.segLength.push_back(std::min(W, len - b));
      tokens += h.segLength.back();
    }
    h.textSegments.push_back(static_cast<int64_t>(h.segLength.size()));
  }
  const int64_t bytes = (tokens + 1) * kBytesPerToken;
  if (bytes > options.maxBytes)
    throw std::runtime_error("encoder fine-tuning would cache " + std::to_string(bytes >> 20) + " MB of layer inputs (" +
                             std::to_string(tokens) + " tokens of " + std::to_string(ids.size()) +
                             " texts), above the limit of " + std::to_string(options.maxBytes >> 20) +
                             " MB: clip the texts (--encoder-max-tokens, e.g. 32) or train without --fine-tune-encoder");

  // The last layer's input of every window, in encoder-sized batches.
  h.cache = at::zeros({tokens + 1, kWidth}, at::kFloat);
  h.segStart.resize(h.segLength.size());
  for (size_t s = 0, row = 0; s < h.segLength.size(); row += static_cast<size_t>(h.segLength[s]), ++s)
    h.segStart[s] = static_cast<int64_t>(row);
  const std::vector<size_t> order = lengthOrder(h.segLength);
  const UseLiteModel::Impl& model = useLite->model().impl();
  float* cache = h.cache.data_ptr<float>();
  for (const auto& [begin, end] : batchesOf(order, h.segLength)) {
    const int64_t B = static_cast<int64_t>(end - begin);
    const int64_t T = std::max<int64_t>(h.segLength[order[end - 1]], 1);
    std::vector<int64_t> batchIds(static_cast<size_t>(B * T), 0), len(static_cast<size_t>(B));
    for (int64_t b = 0; b < B; ++b) {
      const size_t s = order[begin + static_cast<size_t>(b)];
      const auto& textIds = ids[static_cast<size_t>(segText[s])];
      len[static_cast<size_t>(b)] = h.segLength[s];
      for (int64_t t = 0; t < h.segLength[s]; ++t)
        batchIds[static_cast<size_t>(b * T + t)] = textIds[static_cast<size_t>(segBegin[s] + t)];
    }
    c10::InferenceMode guard;
    const at::Tensor x = model.lastLayerInput(at::from_blob(batchIds.data(), {B, T}, at::kLong),
                                              at::from_blob(len.data(), {B}, at::kLong)).contiguous();
    for (int64_t b = 0; b < B; ++b) {
      const size_t s = order[begin + static_cast<size_t>(b)];
      std::memcpy(cache + h.segStart[s] * kWidth, x.data_ptr<float>() + b * T * kWidth,
                  sizeof(float) * static_cast<size_t>(h.segLength[s] * kWidth));
    }
  }
  h.pretrained = model.top();
  h.buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::make_shared<const EncoderHead>(std::move(impl));
}

}  // namespace il
