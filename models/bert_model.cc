// The only translation unit of the BERT encoder that sees libtorch. No Qt headers here.
#include "bert_model.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <c10/core/InferenceMode.h>
#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "encoder.h"
#include "safetensors.h"

namespace il {

namespace {

enum class Act { GeluErf, GeluTanh, Relu, Silu };

const c10::OperatorHandle& dynamicInt8Linear() {
  static const c10::OperatorHandle op =
      c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_dynamic", "");
  return op;
}

struct Linear {
  at::Tensor wt;  // [in, out], contiguous (nn.Linear's weight transposed: plain NN GEMM)
  at::Tensor b;   // [out]
  c10::IValue packed;  // int8 weights prepacked for oneDNN (Int8 mode), else None
  at::Tensor operator()(const at::Tensor& x) const {
    if (packed.isNone()) return at::addmm(b, x, wt);
    std::vector<c10::IValue> stack{x, packed, false};
    dynamicInt8Linear().callBoxed(&stack);
    return stack[0].toTensor();
  }
  // Replaces the float weights by int8 ones (per-tensor symmetric), activations quantized per
  // call by the op.
  void quantize() {
    const at::Tensor w = wt.t().contiguous();
    const double scale = std::max(w.abs().max().item<float>() / 127.0, 1e-12);
    std::vector<c10::IValue> stack{at::quantize_per_tensor(w, scale, 0, at::kQInt8), c10::optional<at::Tensor>(b)};
    static const c10::OperatorHandle prepack =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_prepack", "");
    prepack.callBoxed(&stack);
    packed = stack[0];
    wt = at::Tensor();
  }
};

// nn.Linear weight [out, in] -> Linear with the weight stored transposed.
Linear makeLinear(const at::Tensor& w, const at::Tensor& b) { return {w.t().contiguous(), b}; }

struct Norm {
  at::Tensor w, b;
};

struct Layer {
  Linear qkv;  // [3H, H]: query, key, value stacked
  Linear attnOut;
  Norm ln1;
  Linear inter;
  Linear out;
  Norm ln2;
};

std::string shapeStr(const std::vector<int64_t>& s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + "]";
}

// Name resolution and shape checks, all done before any weight is copied.
class TensorPlan {
 public:
  TensorPlan(const SafetensorsFile& f, std::string prefix) : f_(f), prefix_(std::move(prefix)) {}

  // `alt` is an alternative suffix (LayerNorm gamma/beta); first match wins.
  const SafeTensorView* need(const std::string& name, std::vector<int64_t> shape,
                             const char* altFrom = nullptr, const char* altTo = nullptr) {
    const SafeTensorView* t = f_.find(prefix_ + name);
    if (!t && altFrom) {
      std::string alt = name;
      const size_t pos = alt.rfind(altFrom);
      if (pos != std::string::npos) {
        alt.replace(pos, std::strlen(altFrom), altTo);
        t = f_.find(prefix_ + alt);
      }
    }
    if (!t) throw EncoderError(f_.path() + ": missing tensor \"" + prefix_ + name + "\"");
    check(*t, shape);
    return t;
  }
  const SafeTensorView* optional(const std::string& name, std::vector<int64_t> shape) {
    const SafeTensorView* t = f_.find(prefix_ + name);
    if (t) check(*t, shape);
    return t;
  }

 private:
  void check(const SafeTensorView& t, const std::vector<int64_t>& shape) {
    if (t.shape != shape)
      throw EncoderError(f_.path() + ": tensor \"" + t.name + "\" has shape " + t.shapeString() +
                         " but config.json implies " + shapeStr(shape));
    if (t.dtype != SafeDType::F32 && t.dtype != SafeDType::F16 && t.dtype != SafeDType::BF16 &&
        t.dtype != SafeDType::F64)
      throw EncoderError(f_.path() + ": tensor \"" + t.name + "\" has dtype " +
                         safeDTypeName(t.dtype) + "; weights must be F32, F16 or BF16");
  }
  const SafetensorsFile& f_;
  std::string prefix_;
};

at::Tensor toTensor(const SafetensorsFile& f, const SafeTensorView* t) {
  at::Tensor out = at::empty(t->shape, at::kFloat);
  f.toFloat(*t, out.data_ptr<float>());
  return out;
}

}  // namespace

struct BertModel::Impl {
  BertConfig cfg;
  std::string prefix;
  at::Tensor wordEmb;      // [V, H]
  at::Tensor posTypeEmb;   // [P, H]: position embeddings + token type 0
  Norm embLn;
  std::vector<Layer> layers;
  bool hasPooler = false;
  Linear pooler;
  Act act = Act::GeluErf;
  bool int8 = false;

  at::Tensor run(const at::Tensor& ids, const at::Tensor& mask) const;  // -> [B, S, H]
  void checkInput(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask, int64_t batch,
                  int64_t seq) const;
};

BertModel::BertModel() : d_(std::make_unique<Impl>()) {}
BertModel::~BertModel() = default;
const BertConfig& BertModel::config() const { return d_->cfg; }
bool BertModel::hasPooler() const { return d_->hasPooler; }
BertModel::Precision BertModel::precision() const { return d_->int8 ? Precision::Int8 : Precision::Float32; }
std::string BertModel::tensorPrefix() const { return d_->prefix; }

std::unique_ptr<BertModel> BertModel::load(const BertConfig& cfg, const SafetensorsFile& f, Precision precision) {
  cfg.validate("config.json");
  // Prefix: whatever precedes the word embeddings ("", "bert.", "model.", ...).
  static const std::string kWord = "embeddings.word_embeddings.weight";
  std::string prefix;
  bool found = false;
  if (f.contains(kWord)) {
    found = true;
  } else {
    for (const std::string& n : f.names())
      if (n.size() > kWord.size() && n.compare(n.size() - kWord.size(), kWord.size(), kWord) == 0 &&
          n[n.size() - kWord.size() - 1] == '.') {
        prefix = n.substr(0, n.size() - kWord.size());
        found = true;
        break;
      }
  }
  if (!found)
    throw EncoderError(f.path() + ": missing tensor \"" + kWord +
                       "\" (with or without a \"bert.\" prefix); not a BERT checkpoint?");

  const int64_t H = cfg.hiddenSize, I = cfg.intermediateSize;
  TensorPlan plan(f, prefix);
  struct LayerViews {
    const SafeTensorView *q, *qb, *k, *kb, *v, *vb, *ao, *aob, *ln1w, *ln1b, *i, *ib, *o, *ob, *ln2w, *ln2b;
  };
  const SafeTensorView* word = plan.need(kWord, {cfg.vocabSize, H});
  const SafeTensorView* pos = plan.need("embeddings.position_embeddings.weight", {cfg.maxPositions, H});
  const SafeTensorView* type = plan.need("embeddings.token_type_embeddings.weight", {cfg.typeVocabSize, H});
  const SafeTensorView* elw = plan.need("embeddings.LayerNorm.weight", {H}, "weight", "gamma");
  const SafeTensorView* elb = plan.need("embeddings.LayerNorm.bias", {H}, "bias", "beta");
  std::vector<LayerViews> lv(static_cast<size_t>(cfg.numLayers));
  for (int l = 0; l < cfg.numLayers; ++l) {
    const std::string p = "encoder.layer." + std::to_string(l) + ".";
    LayerViews& v = lv[static_cast<size_t>(l)];
    v.q = plan.need(p + "attention.self.query.weight", {H, H});
    v.qb = plan.need(p + "attention.self.query.bias", {H});
    v.k = plan.need(p + "attention.self.key.weight", {H, H});
    v.kb = plan.need(p + "attention.self.key.bias", {H});
    v.v = plan.need(p + "attention.self.value.weight", {H, H});
    v.vb = plan.need(p + "attention.self.value.bias", {H});
    v.ao = plan.need(p + "attention.output.dense.weight", {H, H});
    v.aob = plan.need(p + "attention.output.dense.bias", {H});
    v.ln1w = plan.need(p + "attention.output.LayerNorm.weight", {H}, "weight", "gamma");
    v.ln1b = plan.need(p + "attention.output.LayerNorm.bias", {H}, "bias", "beta");
    v.i = plan.need(p + "intermediate.dense.weight", {I, H});
    v.ib = plan.need(p + "intermediate.dense.bias", {I});
    v.o = plan.need(p + "output.dense.weight", {H, I});
    v.ob = plan.need(p + "output.dense.bias", {H});
    v.ln2w = plan.need(p + "output.LayerNorm.weight", {H}, "weight", "gamma");
    v.ln2b = plan.need(p + "output.LayerNorm.bias", {H}, "bias", "beta");
  }
  const SafeTensorView* pw = plan.optional("pooler.dense.weight", {H, H});
  const SafeTensorView* pb = plan.optional("pooler.dense.bias", {H});

  // Everything checked: the weights fit in the file, so allocating them is bounded.
  std::unique_ptr<BertModel> m(new BertModel);
  Impl& d = *m->d_;
  d.cfg = cfg;
  d.prefix = prefix;
  if (cfg.hiddenAct == "gelu") d.act = Act::GeluErf;
  else if (cfg.hiddenAct == "relu") d.act = Act::Relu;
  else if (cfg.hiddenAct == "silu" || cfg.hiddenAct == "swish") d.act = Act::Silu;
  else d.act = Act::GeluTanh;  // gelu_new, gelu_pytorch_tanh, gelu_fast: the tanh approximation

  c10::InferenceMode guard;
  d.wordEmb = toTensor(f, word);
  d.posTypeEmb = toTensor(f, pos) + toTensor(f, type)[0];
  d.embLn = {toTensor(f, elw), toTensor(f, elb)};
  d.layers.reserve(lv.size());
  for (const LayerViews& v : lv) {
    Layer L;
    // The attention scale 1/sqrt(head_dim) is folded into the query weights and bias once here
    // (float rounding only), so the scores need neither a scaled GEMM nor a separate multiply.
    const float qScale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(H / cfg.numHeads)));
    L.qkv = makeLinear(at::cat({toTensor(f, v.q).mul_(qScale), toTensor(f, v.k), toTensor(f, v.v)}, 0),
                       at::cat({toTensor(f, v.qb).mul_(qScale), toTensor(f, v.kb), toTensor(f, v.vb)}, 0));
    L.attnOut = makeLinear(toTensor(f, v.ao), toTensor(f, v.aob));
    L.ln1 = {toTensor(f, v.ln1w), toTensor(f, v.ln1b)};
    L.inter = makeLinear(toTensor(f, v.i), toTensor(f, v.ib));
    L.out = makeLinear(toTensor(f, v.o), toTensor(f, v.ob));
    L.ln2 = {toTensor(f, v.ln2w), toTensor(f, v.ln2b)};
    d.layers.push_back(std::move(L));
  }
  if (pw && pb) {
    d.hasPooler = true;
    d.pooler = makeLinear(toTensor(f, pw), toTensor(f, pb));
  }
  if (precision == Precision::Int8) {
    auto& ctx = at::globalContext();
    const auto& engines = ctx.supportedQEngines();
    if (std::find(engines.begin(), engines.end(), at::QEngine::ONEDNN) == engines.end())
      throw EncoderError("int8 BERT needs libtorch's oneDNN quantized engine, which this libtorch lacks");
    const at::QEngine previous = ctx.qEngine();
    ctx.setQEngine(at::QEngine::ONEDNN);  // the packed weights remember their engine
    try {
      for (Layer& L : d.layers)
        for (Linear* lin : {&L.qkv, &L.attnOut, &L.inter, &L.out}) lin->quantize();
    } catch (...) {
      ctx.setQEngine(previous);
      throw;
    }
    ctx.setQEngine(previous);
    d.int8 = true;
  }
  return m;
}

void BertModel::Impl::checkInput(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask,
                                 int64_t batch, int64_t seq) const {
  if (batch < 1 || seq < 1) throw std::invalid_argument("BertModel: empty batch");
  if (seq > cfg.maxPositions)
    throw std::invalid_argument("BertModel: sequence of " + std::to_string(seq) +
                                " tokens exceeds max_position_embeddings " +
                                std::to_string(cfg.maxPositions));
  const size_t n = static_cast<size_t>(batch * seq);
  if (ids.size() != n || mask.size() != n)
    throw std::invalid_argument("BertModel: ids/mask size does not match batch x seq");
  for (int64_t id : ids)
    if (id < 0 || id >= cfg.vocabSize)
      throw std::invalid_argument("BertModel: token id " + std::to_string(id) +
                                  " outside the vocabulary of " + std::to_string(cfg.vocabSize));
}

at::Tensor BertModel::Impl::run(const at::Tensor& ids, const at::Tensor& mask) const {
  const int64_t B = ids.size(0), S = ids.size(1), H = cfg.hiddenSize, NH = cfg.numHeads,
                D = H / NH;
  const double eps = cfg.layerNormEps;
  // Embeddings: word + position + token type 0, then LayerNorm. x is [B*S, H].
  at::Tensor x = at::index_select(wordEmb, 0, ids.reshape({B * S}));
  x = x.view({B, S, H}).add_(posTypeEmb.narrow(0, 0, S)).view({B * S, H});
  x = at::layer_norm(x, {H}, embLn.w, embLn.b, eps);

  // Additive key mask as HF: (1 - mask) * finfo(float32).min, shaped [B, 1, 1, S] and added in
  // place to the scores (measured ~1.7x faster than baddbmm, which first copies the expanded mask).
  const bool anyPad = (mask.sum().item<int64_t>() != B * S);
  at::Tensor maskAdd;
  if (anyPad) maskAdd = ((1.0 - mask.to(at::kFloat)) * std::numeric_limits<float>::lowest()).view({B, 1, 1, S});

  for (const Layer& L : layers) {
    // One GEMM for Q, K and V, one copy into head-major [3, B*NH, S, D].
    const at::Tensor qkv =
        L.qkv(x).view({B, S, 3, NH, D}).permute({2, 0, 3, 1, 4}).contiguous().view({3, B * NH, S, D});
    const at::Tensor q = qkv[0], k = qkv[1], v = qkv[2];
    at::Tensor scores = at::bmm(q, k.transpose(1, 2));  // q carries the 1/sqrt(D) scale
    if (anyPad) scores.view({B, NH, S, S}).add_(maskAdd);
    at::Tensor probs = at::_softmax(scores, -1, false);
    at::Tensor ctx = at::bmm(probs, v).view({B, NH, S, D}).permute({0, 2, 1, 3}).reshape({B * S, H});
    at::Tensor a = L.attnOut(ctx).add_(x);
    x = at::layer_norm(a, {H}, L.ln1.w, L.ln1.b, eps);
    at::Tensor h = L.inter(x);
    switch (act) {
      // In place: no second [B*S, FFN] buffer (GELU measured 2-3x faster this way).
      case Act::GeluErf: at::gelu_(h); break;
      case Act::GeluTanh: at::gelu_(h, "tanh"); break;
      case Act::Relu: h.relu_(); break;
      case Act::Silu: at::silu_(h); break;
    }
    at::Tensor o = L.out(h).add_(x);
    x = at::layer_norm(o, {H}, L.ln2.w, L.ln2.b, eps);
  }
  return x.view({B, S, H});
}

BertModel::Output BertModel::forward(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask,
                                     int64_t batch, int64_t seq) const {
  d_->checkInput(ids, mask, batch, seq);
  c10::InferenceMode guard;
  const at::Tensor tIds = at::from_blob(const_cast<int64_t*>(ids.data()), {batch, seq}, at::kLong);
  const at::Tensor tMask = at::from_blob(const_cast<int64_t*>(mask.data()), {batch, seq}, at::kLong);
  const at::Tensor h = d_->run(tIds, tMask).contiguous();
  Output out;
  out.batch = batch;
  out.seq = seq;
  out.hidden = d_->cfg.hiddenSize;
  out.lastHidden.assign(h.data_ptr<float>(), h.data_ptr<float>() + h.numel());
  if (d_->hasPooler) {
    const at::Tensor p = at::tanh(d_->pooler(h.select(1, 0))).contiguous();
    out.pooler.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
  }
  return out;
}

void BertModel::pooled(const std::vector<int64_t>& ids, const std::vector<int64_t>& mask, int64_t batch,
                       int64_t seq, BertPooling pooling, bool normalize, float* out) const {
  d_->checkInput(ids, mask, batch, seq);
  c10::InferenceMode guard;
  const at::Tensor tIds = at::from_blob(const_cast<int64_t*>(ids.data()), {batch, seq}, at::kLong);
  const at::Tensor tMask = at::from_blob(const_cast<int64_t*>(mask.data()), {batch, seq}, at::kLong);
  const at::Tensor h = d_->run(tIds, tMask);
  at::Tensor v;
  if (pooling == BertPooling::Cls) {
    v = h.select(1, 0);
  } else {
    const at::Tensor m = tMask.to(at::kFloat);
    v = at::bmm(m.unsqueeze(1), h).squeeze(1) / m.sum(1, true).clamp_min(1.0);
  }
  if (normalize) v = v / v.norm(2, {1}, true).clamp_min(1e-12);
  v = v.contiguous();
  std::memcpy(out, v.data_ptr<float>(), sizeof(float) * static_cast<size_t>(v.numel()));
}

void useOneTorchThreadHere() {
  (void)at::get_num_threads();  // runs libtorch's per-thread lazy init first, which would override us
  using SetFn = void (*)(int);
  static const auto fn = reinterpret_cast<SetFn>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (fn) fn(1);  // per-thread ICV in libgomp
}

int blasThreads() {
  using GetFn = int (*)();
  static const auto fn = reinterpret_cast<GetFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return fn ? fn() : -1;
}

void setBlasThreads(int n) {
  using SetFn = void (*)(int);
  static const auto fn = reinterpret_cast<SetFn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (fn && n > 0) fn(n);
}

}  // namespace il
