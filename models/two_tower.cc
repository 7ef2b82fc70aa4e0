#include "two_tower.h"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "two_tower_data.h"
#include "two_tower_json.h"
#include "two_tower_net.h"
#include "two_tower_trainer.h"
#include "vec_math.h"

namespace il {

namespace {

constexpr const char* kFormat = "interestlens-twotower/1";

at::Tensor tensorOf(const Matrix& m) {
  return at::from_blob(const_cast<float*>(m.data.data()), {m.rows, m.cols}, at::kFloat).clone();
}

Matrix matrixOf(const at::Tensor& t) {
  if (t.dim() != 2 || t.scalar_type() != at::kFloat) throw std::runtime_error("two-tower model: damaged embeddings");
  const at::Tensor c = t.contiguous();
  Matrix m = Matrix::zeros(c.size(0), c.size(1));
  // memcpy from/to null is undefined even for 0 bytes (UBSan): an empty model has no rows.
  if (!m.data.empty()) std::memcpy(m.data.data(), c.data_ptr<float>(), sizeof(float) * m.data.size());
  return m;
}

}  // namespace

struct TwoTowerScorer::Net {
  TwoTowerNet net;
  std::vector<int32_t> idRow;  // per item: its row of net.itemIds, -1 for none
};

TwoTowerScorer::TwoTowerScorer(TwoTowerOptions options) : o_(options) {}
TwoTowerScorer::~TwoTowerScorer() = default;
TwoTowerScorer::TwoTowerScorer(TwoTowerScorer&&) noexcept = default;
TwoTowerScorer& TwoTowerScorer::operator=(TwoTowerScorer&&) noexcept = default;

std::string TwoTowerScorer::paramsJson() const {
  return twoTowerParamsJson(o_, fittedSeed_ ? fittedSeed_ : o_.seed, bestEpoch_);
}

void TwoTowerScorer::setValidation(std::vector<std::pair<int32_t, int32_t>> pairs) { validation_ = std::move(pairs); }
void TwoTowerScorer::setFeedback(std::vector<UserItemFeedback> feedback) { feedback_ = std::move(feedback); }
void TwoTowerScorer::setEncoderHead(std::shared_ptr<const EncoderHead> head) { head_ = std::move(head); }
void TwoTowerScorer::setEpochCallback(std::function<void(const TwoTowerEpoch&)> callback) {
  onEpoch_ = std::move(callback);
}

void TwoTowerScorer::fit(const TrainingData& data, const JobControl* job) {
  if (!(o_.temperature > 0) || !(o_.lr > 0) || !(o_.dropout >= 0 && o_.dropout < 1) || o_.dim < 1 || o_.epochs < 0)
    throw std::invalid_argument("two-tower options: need temperature > 0, lr > 0, 0 <= dropout < 1, dim >= 1, epochs >= 0");
  if (o_.fineTuneEncoder && !head_)
    throw std::invalid_argument("two-tower options: fine-tuning the encoder needs its cached inputs (setEncoderHead)");
  if (o_.fineTuneEncoder && !(o_.encoderLr > 0)) throw std::invalid_argument("two-tower options: need encoderLr > 0");
  if (o_.fineTuneEncoder && (!data.corpus || head_->rows() != static_cast<int64_t>(data.corpus->texts.size())))
    throw std::runtime_error("the encoder head does not match the corpus's texts: build it from the same texts");
  const uint64_t seed = o_.seed ? o_.seed : data.seed;
  const TwoTowerInputs inputs = prepareTwoTowerInputs(data, o_, validation_, feedback_);
  const TorchThreadScope threads(o_.threads);
  TwoTowerTrainer trainer(inputs, o_, seed, o_.fineTuneEncoder ? head_.get() : nullptr);
  trainer.train(job, onEpoch_);
  users_ = trainer.userEmbeddings();
  items_ = trainer.itemEmbeddings();
  fittedSeed_ = seed;
  history_ = trainer.history();
  bestEpoch_ = trainer.bestEpoch();
  headChange_ = trainer.headChange();
  net_ = std::make_unique<Net>(Net{std::move(trainer.net()), inputs.idRow});
}

void TwoTowerScorer::score(int32_t user, std::span<float> out) const {
  if (user < 0 || user >= users_.rows || static_cast<int64_t>(out.size()) != items_.rows) {
    std::fill(out.begin(), out.end(), 0.0f);
    return;
  }
  scoreRows(users_.row(user), items_, out, 1);  // callers parallelise over users
}

float TwoTowerScorer::recencyWeight() const { return net_ ? net_->net.recency.item<float>() : 0.0f; }

std::string TwoTowerScorer::save() const {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("params", c10::IValue(paramsJson()));
  archive.write("history", c10::IValue(twoTowerHistoryJson(history_)));
  archive.write("users", tensorOf(users_));
  archive.write("items", tensorOf(items_));
  if (net_) {
    for (const auto& [name, t] : net_->net.named()) archive.write("net." + name, *t);
    std::vector<int64_t> idRow(net_->idRow.begin(), net_->idRow.end());
    archive.write("idRow", at::tensor(idRow, at::kLong));
  }
  std::ostringstream out;
  archive.save_to(out);
  return std::move(out).str();
}

TwoTowerScorer TwoTowerScorer::load(std::string_view blob) {
  try {
    torch::serialize::InputArchive archive;
    std::istringstream in{std::string(blob)};
    archive.load_from(in);
    c10::IValue v;
    archive.read("format", v);
    if (!v.isString() || v.toStringRef() != kFormat) throw std::runtime_error("two-tower model: not a two-tower model");
    archive.read("params", v);
    uint64_t seed = 0;
    int bestEpoch = 0;
    TwoTowerScorer s(twoTowerOptionsFromJson(v.toStringRef(), seed, bestEpoch));
    s.o_.seed = 0;  // what the caller set; the fitted seed is kept apart
    s.fittedSeed_ = seed;
    s.bestEpoch_ = bestEpoch;
    archive.read("history", v);
    s.history_ = twoTowerHistoryFromJson(v.toStringRef());
    at::Tensor t;
    archive.read("users", t);
    s.users_ = matrixOf(t);
    archive.read("items", t);
    s.items_ = matrixOf(t);
    if (s.users_.cols != s.items_.cols) throw std::runtime_error("two-tower model: damaged embeddings");
    // The parameters are optional for scoring; a blob without them still scores.
    auto net = std::make_unique<Net>();
    bool hasNet = true;
    for (auto& [name, p] : net->net.named()) hasNet = hasNet && archive.try_read("net." + name, *p);
    if (hasNet && archive.try_read("net.itemIds", t)) net->net.itemIds = t;
    if (hasNet && archive.try_read("idRow", t)) {
      const at::Tensor ids = t.to(at::kLong).contiguous();
      net->idRow.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
    }
    if (hasNet) s.net_ = std::move(net);
    return s;
  } catch (const c10::Error& e) {
    throw std::runtime_error(std::string("two-tower model: damaged blob (") + e.what_without_backtrace() + ")");
  }
}

}  // namespace il
