// The only libtorch translation unit of the USE-Lite encoder. ATen only (no <torch/torch.h>, no Qt).
#include "use_lite_model.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>

#include "encoder.h"        // EncoderError
#include "tfjs_manifest.h"
#include "use_lite_layers.h"

namespace il {

namespace {

constexpr int kLayers = 2;
constexpr int kHeads = 4;
constexpr int kEmbedDim = 256;
constexpr int kHidden = 512;
constexpr int kFfn = 1536;
constexpr int kVocabRows = 8002;
constexpr int kTimescales = 128;
constexpr double kLnEps = 9.999999974752427e-07;     // float32(1e-6)
constexpr float kL2Eps = 9.999999960041972e-13f;     // float32(1e-12)
constexpr float kMaskBias = -1e9f;
constexpr std::array<float, 2> kQueryScale = {0.125f, 0.0883883461356163f};  // float32 1/sqrt(hd)

int layerDim(int layer) { return layer == 0 ? kEmbedDim : kHidden; }

struct Mapping {
  std::string param;
  std::string node;
  std::vector<int64_t> graphShape;
};

// ARCHITECTURE.md §4: safetensors name <- graph weight node.
std::vector<Mapping> mappings() {
  const std::string G = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
  const std::string M = "module/Encoder_en/KonaTransformer/Encode/";
  std::vector<Mapping> m = {
      {"embeddings.weight", "module/Embeddings_en", {kVocabRows, kEmbedDim}},
      {"timing.inv_timescales", G + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1",
       {1, kTimescales}},
      {"pooler.tanh.weight", "module/Encoder_en/hidden_layers/tanh_layer_0/weights", {kHidden, kHidden}},
      {"pooler.tanh.bias", "module/Encoder_en/hidden_layers/tanh_layer_0/bias", {kHidden}},
  };
  for (int L = 0; L < kLayers; ++L) {
    const int64_t D = layerDim(L);
    const std::string l = "layers." + std::to_string(L) + ".";
    const std::string g = G + "Layer_" + std::to_string(L) + "/TransformerLayer/";
    const std::string mm = M + "Layer_" + std::to_string(L) + "/TransformerLayer/";
    const std::string s = G + "TransformerStack/Layer_" + std::to_string(L) + "/TransformerLayer/";
    const std::string ln = "layer_prepostprocess/layer_norm/layer_norm_";
    const std::string cc = "/ConcatPartitions/concat";
    m.push_back({l + "attn_ln.scale", g + ln + "scale" + cc, {D}});
    m.push_back({l + "attn_ln.bias", g + ln + "bias" + cc, {D}});
    m.push_back({l + "attn.qkv.weight", mm + "MultiheadAttention/qkv_transform_single/kernel/part_0",
                 {1, 1, D, 3 * D}});
    m.push_back({l + "attn.qkv.bias", g + "MultiheadAttention/qkv_transform_single/bias" + cc, {3 * D}});
    m.push_back({l + "attn.out.weight", mm + "MultiheadAttention/output_transform_single/kernel/part_0",
                 {1, 1, D, kHidden}});
    m.push_back({l + "attn.out.bias", g + "MultiheadAttention/output_transform_single/bias" + cc, {kHidden}});
    if (L == 0) {
      m.push_back({l + "residual_proj.weight", g + "dense/kernel" + cc, {kEmbedDim, kHidden}});
      m.push_back({l + "residual_proj.bias", g + "dense/bias" + cc, {kHidden}});
    }
    m.push_back({l + "ffn_ln.scale", g + "FFN/" + ln + "scale" + cc, {kHidden}});
    m.push_back({l + "ffn_ln.bias", g + "FFN/" + ln + "bias" + cc, {kHidden}});
    m.push_back({l + "ffn.conv1.weight", s + "FFN/conv1/Tensordot/Reshape_1", {kHidden, kFfn}});
    m.push_back({l + "ffn.conv1.bias", g + "FFN/conv1/bias" + cc, {kFfn}});
    m.push_back({l + "ffn.conv2.weight", s + "FFN/conv2/Tensordot/Reshape_1", {kFfn, kHidden}});
    m.push_back({l + "ffn.conv2.bias", g + "FFN/conv2/bias" + cc, {kHidden}});
  }
  return m;
}

// Parameter shapes after the pure reshapes of §4 (drop leading 1x1 dims).
std::vector<int64_t> paramShape(std::vector<int64_t> graphShape) {
  while (graphShape.size() > 1 && graphShape.front() == 1) graphShape.erase(graphShape.begin());
  return graphShape;
}

}  // namespace

UseLiteParameters useLiteParametersFromTfjs(TfjsWeights&& w) {
  UseLiteParameters out;
  for (const Mapping& m : mappings()) {
    const TfjsWeight& src = w.get(m.node, m.graphShape);  // throws naming model.json
    if (src.dtype != "float32")
      throw EncoderError(w.modelJsonPath + ": weight '" + m.node + "' is " + src.dtype +
                         ", expected float32");
    auto& dst = const_cast<TfjsWeight&>(src);
    out[m.param] = UseLiteTensor{paramShape(m.graphShape), std::move(dst.values)};
  }
  return out;
}

namespace {

at::Tensor tensorOf(const UseLiteParameters& p, const std::string& name, std::vector<int64_t> shape) {
  const auto it = p.find(name);
  if (it == p.end()) throw EncoderError("USE-Lite parameters: missing '" + name + "'");
  const UseLiteTensor& t = it->second;
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  if (t.shape != shape || static_cast<int64_t>(t.values.size()) != n)
    throw EncoderError("USE-Lite parameters: '" + name + "' has the wrong shape");
  return at::from_blob(const_cast<float*>(t.values.data()), shape, at::kFloat).clone();
}

}  // namespace

UseLiteModel::UseLiteModel(const UseLiteParameters& p) : impl_(std::make_unique<Impl>()) {
  c10::InferenceMode guard;
  Impl& m = *impl_;
  m.embeddings = tensorOf(p, "embeddings.weight", {kVocabRows, kEmbedDim});
  const at::Tensor inv = tensorOf(p, "timing.inv_timescales", {kTimescales});
  // float32 position * inv_timescale, then sin and cos in float32, as the graph does.
  const at::Tensor pos = at::arange(kMaxLength, at::kFloat).unsqueeze(1) * inv.unsqueeze(0);
  m.timing = at::cat({at::sin(pos), at::cos(pos)}, 1).contiguous();  // [128, 256]
  m.poolW = tensorOf(p, "pooler.tanh.weight", {kHidden, kHidden});
  m.poolB = tensorOf(p, "pooler.tanh.bias", {kHidden});
  for (int L = 0; L < kLayers; ++L) {
    const int64_t D = layerDim(L);
    const std::string l = "layers." + std::to_string(L) + ".";
    UseLiteLayer& y = m.layers[static_cast<size_t>(L)];
    y.lnAttnG = tensorOf(p, l + "attn_ln.scale", {D});
    y.lnAttnB = tensorOf(p, l + "attn_ln.bias", {D});
    y.qkvW = tensorOf(p, l + "attn.qkv.weight", {D, 3 * D});
    y.qkvB = tensorOf(p, l + "attn.qkv.bias", {3 * D});
    y.outW = tensorOf(p, l + "attn.out.weight", {D, kHidden});
    y.outB = tensorOf(p, l + "attn.out.bias", {kHidden});
    if (L == 0) {
      y.resW = tensorOf(p, l + "residual_proj.weight", {kEmbedDim, kHidden});
      y.resB = tensorOf(p, l + "residual_proj.bias", {kHidden});
    }
    y.lnFfnG = tensorOf(p, l + "ffn_ln.scale", {kHidden});
    y.lnFfnB = tensorOf(p, l + "ffn_ln.bias", {kHidden});
    y.w1 = tensorOf(p, l + "ffn.conv1.weight", {kHidden, kFfn});
    y.b1 = tensorOf(p, l + "ffn.conv1.bias", {kFfn});
    y.w2 = tensorOf(p, l + "ffn.conv2.weight", {kFfn, kHidden});
    y.b2 = tensorOf(p, l + "ffn.conv2.bias", {kHidden});
  }
}

UseLiteModel::~UseLiteModel() = default;

namespace {

using Keep = std::function<void(const char* what, const at::Tensor& t)>;

// Layer L on x [B*T, D] up to its FFN's ReLU: returns the residual stream after the
// attention block and the ReLU activations [B*T, 1536].
std::pair<at::Tensor, at::Tensor> layerFront(const UseLiteLayer& y, int L, const at::Tensor& x,
                                             const at::Tensor& bias, int64_t B, int64_t T, const Keep& keep) {
  const int64_t D = layerDim(L), hd = D / kHeads;
  // a) attention on LN(x)
  const at::Tensor h = at::layer_norm(x, {D}, y.lnAttnG, y.lnAttnB, kLnEps);
  const at::Tensor qkv = at::addmm(y.qkvB, h, y.qkvW);          // [B*T, 3D]
  auto heads = [&](const at::Tensor& t) {                       // [B*T, D] -> [B*H, T, hd]
    return t.view({B, T, kHeads, hd}).transpose(1, 2).reshape({B * kHeads, T, hd});
  };
  const at::Tensor q = heads(qkv.narrow(1, 0, D) * kQueryScale[static_cast<size_t>(L)]);
  const at::Tensor k = heads(qkv.narrow(1, D, D));
  const at::Tensor v = heads(qkv.narrow(1, 2 * D, D));
  const at::Tensor a = at::baddbmm(bias, q, k.transpose(1, 2)).softmax(-1);  // [B*H, T, T]
  const at::Tensor ctx = at::bmm(a, v).view({B, kHeads, T, hd}).transpose(1, 2).reshape({B * T, D});
  const at::Tensor o = at::addmm(y.outB, ctx, y.outW);          // [B*T, 512]
  if (keep) {
    keep("attn_ln", h);
    if (L == 0) keep("qkv", qkv);
    keep("attention_weights", a);
    if (L == 0) keep("attn_out", o);
  }
  // b) residual (layer 0 projects the un-normalised input 256 -> 512)
  at::Tensor after;
  if (L == 0) {
    const at::Tensor r = at::addmm(y.resB, x, y.resW);
    if (keep) keep("residual_proj", r);
    after = o + r;
  } else {
    after = o + x;
  }
  if (keep) keep("after_attn", after);
  // c) FFN on LN(x); its second matrix and residual are the caller's
  const at::Tensor h2 = at::layer_norm(after, {kHidden}, y.lnFfnG, y.lnFfnB, kLnEps);
  at::Tensor f = at::addmm(y.b1, h2, y.w1).relu_();             // [B*T, 1536]
  if (keep) {
    keep("ffn_ln", h2);
    if (L == 0) keep("ffn_relu", f);
  }
  return {after, f};
}

// Masked mean over the real tokens of each row, sum / max(len, 1): [B*T, C] -> [B, C].
at::Tensor maskedMean(const at::Tensor& t, const at::Tensor& lengths, int64_t B, int64_t T, int64_t C) {
  const at::Tensor validF = (at::arange(T, at::kLong).unsqueeze(0) < lengths.unsqueeze(1)).to(at::kFloat);
  const at::Tensor meanWeights = (validF / lengths.clamp_min(1).to(at::kFloat).unsqueeze(1)).unsqueeze(1);
  return at::bmm(meanWeights, t.view({B, T, C})).squeeze(1);
}

// 5-6. tanh head, L2 normalisation.
at::Tensor pooler(const at::Tensor& poolW, const at::Tensor& poolB, const at::Tensor& pooled, bool normalize,
                  const Keep& keep) {
  at::Tensor out = at::addmm(poolB, pooled, poolW).tanh_();
  if (keep) keep("tanh", out);
  if (normalize) out = out * out.square().sum(1, true).clamp_min(kL2Eps).rsqrt();
  return out;
}

// 1-2. embeddings + timing; the graph adds the embedding twice: x = e + (e + s). [B*T, 256]
at::Tensor embed(const UseLiteModel::Impl& m, const at::Tensor& ids, const Keep& keep) {
  const int64_t B = ids.size(0), T = ids.size(1);
  const at::Tensor e = at::embedding(m.embeddings, ids);  // [B, T, 256]
  const at::Tensor s = m.timing.narrow(0, 0, T);          // [T, 256]
  const at::Tensor x = e + (e + s);
  if (keep) {
    keep("embedding_lookup", e);
    keep("timing_signal", s);
    keep("layer0_input", x);
  }
  return x.reshape({B * T, kEmbedDim});
}

}  // namespace

std::vector<std::pair<std::string, at::Tensor*>> UseLiteTop::named() {
  UseLiteLayer& y = last;
  return {{"attn_ln.scale", &y.lnAttnG}, {"attn_ln.bias", &y.lnAttnB},   {"attn.qkv.weight", &y.qkvW},
          {"attn.qkv.bias", &y.qkvB},    {"attn.out.weight", &y.outW},   {"attn.out.bias", &y.outB},
          {"ffn_ln.scale", &y.lnFfnG},   {"ffn_ln.bias", &y.lnFfnB},     {"ffn.conv1.weight", &y.w1},
          {"ffn.conv1.bias", &y.b1},     {"ffn.conv2.weight", &y.w2},    {"ffn.conv2.bias", &y.b2},
          {"pooler.tanh.weight", &poolW}, {"pooler.tanh.bias", &poolB}};
}

at::Tensor useLiteKeyBias(const at::Tensor& lengths, int64_t T) {
  const int64_t B = lengths.size(0);
  const at::Tensor validF = (at::arange(T, at::kLong).unsqueeze(0) < lengths.unsqueeze(1)).to(at::kFloat);
  return ((1.0f - validF) * kMaskBias).view({B, 1, 1, T}).expand({B, kHeads, 1, T}).reshape({B * kHeads, 1, T});
}

at::Tensor useLiteTopForward(const UseLiteTop& top, const at::Tensor& x, const at::Tensor& lengths, int64_t B,
                             int64_t T, bool normalize) {
  const auto [after, f] = layerFront(top.last, kLayers - 1, x, useLiteKeyBias(lengths, T), B, T, {});
  // 4. (fused) Only the mean of the last layer's output is used and conv2 is linear, so
  //    mean_t(f_t W2 + b2 + x_t) = mean_t(f_t) W2 + b2 + mean_t(x_t): conv2 runs once per row
  //    instead of once per token (-17% FLOPs). Rows without tokens pool to 0 (no b2).
  const at::Tensor nonEmpty = (lengths > 0).to(at::kFloat).unsqueeze(1);  // [B, 1]
  const at::Tensor fMean = maskedMean(f, lengths, B, T, kFfn);
  const at::Tensor xMean = maskedMean(after, lengths, B, T, kHidden);
  const at::Tensor pooled = at::addmm(xMean, fMean, top.last.w2) + top.last.b2 * nonEmpty;
  return pooler(top.poolW, top.poolB, pooled, normalize, {});
}

at::Tensor UseLiteModel::Impl::lastLayerInput(const at::Tensor& ids, const at::Tensor& lengths) const {
  const int64_t B = ids.size(0), T = ids.size(1);
  const at::Tensor bias = useLiteKeyBias(lengths, T);
  at::Tensor x = embed(*this, ids, {});
  for (int L = 0; L < kLayers - 1; ++L) {
    const UseLiteLayer& y = layers[static_cast<size_t>(L)];
    const auto [after, f] = layerFront(y, L, x, bias, B, T, {});
    x = at::addmm(y.b2, f, y.w2).add_(after);
  }
  return x;
}

UseLiteTop UseLiteModel::Impl::top() const {
  UseLiteTop t{layers[kLayers - 1], poolW, poolB};
  for (auto& [name, p] : t.named()) *p = p->clone();
  return t;
}

// ids [B, T] int64 (padding = 0), lengths [B] int64 (<= T). Returns [B, 512].
at::Tensor UseLiteModel::Impl::run(const at::Tensor& ids, const at::Tensor& lengths,
                                   std::map<std::string, at::Tensor>* trace, bool normalize) const {
  const int64_t B = ids.size(0), T = ids.size(1);
  if (!trace) {
    const UseLiteTop t{layers[kLayers - 1], poolW, poolB};  // shares the tensors
    return useLiteTopForward(t, lastLayerInput(ids, lengths), lengths, B, T, normalize).contiguous();
  }
  // Traced: every layer in full (no fused conv2), keeping each intermediate.
  const Keep keep = [&](const char* name, const at::Tensor& t) { (*trace)[name] = t.clone(); };
  const at::Tensor bias = useLiteKeyBias(lengths, T);
  at::Tensor x = embed(*this, ids, keep);
  for (int L = 0; L < kLayers; ++L) {
    const UseLiteLayer& y = layers[static_cast<size_t>(L)];
    const std::string prefix = "layer" + std::to_string(L) + "_";
    const Keep keepL = [&](const char* what, const at::Tensor& t) { (*trace)[prefix + what] = t.clone(); };
    const auto [after, f] = layerFront(y, L, x, bias, B, T, keepL);
    x = at::addmm(y.b2, f, y.w2).add_(after);
    keepL("output", x);
  }
  // 4. masked mean over real tokens (sum / max(len, 1)).
  const at::Tensor pooled = maskedMean(x, lengths, B, T, kHidden);
  keep("mean_pooled", pooled);
  at::Tensor out = pooler(poolW, poolB, pooled, normalize, keep);
  keep("output", out);
  return out.contiguous();
}

Matrix UseLiteModel::forward(std::span<const std::span<const int32_t>> rows, bool normalize) const {
  const int64_t B = static_cast<int64_t>(rows.size());
  Matrix out{B, kDimension, std::vector<float>(static_cast<size_t>(B * kDimension))};
  if (B == 0) return out;
  int64_t T = 1;  // at least one (masked) position, so all-empty batches still work
  for (const auto& r : rows) T = std::max<int64_t>(T, std::min<int64_t>(r.size(), kMaxLength));
  std::vector<int64_t> ids(static_cast<size_t>(B * T), 0), lengths(static_cast<size_t>(B));
  for (int64_t b = 0; b < B; ++b) {
    const auto& r = rows[static_cast<size_t>(b)];
    const int64_t n = std::min<int64_t>(r.size(), kMaxLength);
    lengths[static_cast<size_t>(b)] = n;
    for (int64_t t = 0; t < n; ++t) {
      const int32_t id = r[static_cast<size_t>(t)];
      if (id < 0 || id >= kVocabRows) throw std::out_of_range("UseLiteModel: token id out of range");
      ids[static_cast<size_t>(b * T + t)] = id;
    }
  }
  c10::InferenceMode guard;
  const at::Tensor y = impl_->run(at::from_blob(ids.data(), {B, T}, at::kLong),
                                  at::from_blob(lengths.data(), {B}, at::kLong), nullptr, normalize);
  std::copy(y.data_ptr<float>(), y.data_ptr<float>() + y.numel(), out.data.begin());
  return out;
}

std::map<std::string, std::vector<float>> UseLiteModel::trace(std::span<const int32_t> ids) const {
  std::vector<int64_t> v(ids.begin(), ids.begin() + std::min<size_t>(ids.size(), kMaxLength));
  if (v.empty()) throw std::invalid_argument("UseLiteModel::trace needs at least one token");
  int64_t len = static_cast<int64_t>(v.size());
  c10::InferenceMode guard;
  std::map<std::string, at::Tensor> t;
  impl_->run(at::from_blob(v.data(), {1, len}, at::kLong), at::from_blob(&len, {1}, at::kLong), &t,
             true);
  std::map<std::string, std::vector<float>> out;
  for (auto& [name, tensor] : t) {
    const at::Tensor c = tensor.contiguous();
    out[name].assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  }
  return out;
}

namespace {
// OpenBLAS (Debian's libopenblas0-pthread behind libblas.so.3) keeps its own thread pool, which
// at::set_num_threads does not reach; look its setter up at run time (absent with other BLASes).
template <typename F>
F openblasFunction(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_DEFAULT, name));
}
}  // namespace

void UseLiteModel::setThreads(int n) {
  if (n <= 0) return;
  if (auto set = openblasFunction<void (*)(int)>("openblas_set_num_threads")) set(n);
  else at::set_num_threads(n);
}
int UseLiteModel::threads() { return at::get_num_threads(); }
int UseLiteModel::blasThreads() {
  auto get = openblasFunction<int (*)()>("openblas_get_num_threads");
  return get ? get() : 0;
}

}  // namespace il
