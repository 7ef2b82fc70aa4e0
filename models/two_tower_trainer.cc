#include "two_tower_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "bert_model.h"  // blasThreads, setBlasThreads
#include "interest/seeded_random.h"

namespace il {

namespace {

constexpr int kRecallK = 20;
constexpr int64_t kEvalChunk = 512;
constexpr float kMasked = -std::numeric_limits<float>::infinity();

// The user tower's input for (user, tokens visible) rows: each row's last
// min(visible, maxHistory) tokens, oldest first. `texts`: record the text tokens.
HistoryBatch historyBatch(const TwoTowerInputs& in, const std::vector<std::pair<int32_t, int32_t>>& rows,
                          int maxHistory, bool texts) {
  maxHistory = std::max(maxHistory, 1);
  const int64_t batch = static_cast<int64_t>(rows.size()), d = in.dimIn;
  int64_t width = 1, total = 0;  // at least one (padding) slot keeps shapes simple
  for (const auto& [u, n] : rows) {
    width = std::max<int64_t>(width, std::min(n, maxHistory));
    total += std::min(n, maxHistory);
  }
  HistoryBatch h;
  h.users = at::empty({batch}, at::kLong);
  h.rowStart = at::empty({batch}, at::kLong);
  h.tokens = at::empty({total, d}, at::kFloat);
  h.tokenScale = at::empty({total}, at::kFloat);
  h.tokenSlot = at::empty({total}, at::kLong);
  h.fromText = at::zeros({batch, width}, at::kLong);
  h.since = at::zeros({batch, width}, at::kFloat);
  h.valid = at::zeros({batch, width}, at::kBool);
  float* tok = h.tokens.data_ptr<float>();
  float* tokScale = h.tokenScale.data_ptr<float>();
  int64_t* tokSlot = h.tokenSlot.data_ptr<int64_t>();
  int64_t* text = h.fromText.data_ptr<int64_t>();
  float* since = h.since.data_ptr<float>();
  bool* valid = h.valid.data_ptr<bool>();
  int64_t n = 0;
  for (int64_t r = 0; r < batch; ++r) {
    const auto [u, visible] = rows[static_cast<size_t>(r)];
    h.users.data_ptr<int64_t>()[r] = u;
    h.rowStart.data_ptr<int64_t>()[r] = n;
    const auto seq = in.sequence(u).first(static_cast<size_t>(visible));
    const int64_t take = std::min<int64_t>(visible, maxHistory), first = visible - take;
    for (int64_t q = 0; q < take; ++q, ++n) {
      const HistoryToken& t = seq[static_cast<size_t>(first + q)];
      const int64_t slot = r * width + q;
      std::memcpy(tok + n * d, t.vector, sizeof(float) * static_cast<size_t>(d));
      tokScale[n] = t.scale;
      tokSlot[n] = slot;
      text[slot] = t.fromText ? 1 : 0;
      since[slot] = static_cast<float>(take - 1 - q);
      valid[slot] = true;
      if (texts && t.fromText) {
        h.textToken.push_back(n);
        h.textRow.push_back(t.text);
      }
    }
  }
  return h;
}

// Unit item vectors and id rows for a list of items.
std::pair<at::Tensor, at::Tensor> itemTensors(const TwoTowerInputs& in, const std::vector<int32_t>& items,
                                              const float* itemVectors) {
  const int64_t n = static_cast<int64_t>(items.size()), d = in.dimIn;
  at::Tensor v = at::empty({n, d}, at::kFloat), id = at::empty({n}, at::kLong);
  float* pv = v.data_ptr<float>();
  int64_t* pid = id.data_ptr<int64_t>();
  for (int64_t c = 0; c < n; ++c) {
    const int32_t j = items[static_cast<size_t>(c)];
    const float* src = itemVectors + static_cast<int64_t>(j) * d;
    const float s = in.itemScale[static_cast<size_t>(j)];
    for (int64_t k = 0; k < d; ++k) pv[c * d + k] = src[k] * s;
    pid[c] = in.idRow[static_cast<size_t>(j)];
  }
  return {v, id};
}

at::Tensor unitRowsOf(const at::Tensor& x) { return x / x.norm(2, {-1}, true).clamp_min(1e-12); }

// Matrix <- a contiguous float tensor [rows, cols].
void copyRows(const at::Tensor& t, Matrix& m, int64_t firstRow) {
  const at::Tensor c = t.contiguous();
  std::memcpy(m.row(firstRow), c.data_ptr<float>(), sizeof(float) * static_cast<size_t>(c.numel()));
}

}  // namespace

TorchThreadScope::TorchThreadScope(int threads) : previous_(at::get_num_threads()), previousBlas_(blasThreads()) {
  if (threads > 0) at::set_num_threads(threads);
  // The products here are small (a batch by dim): OpenBLAS's own threads only spin
  // against libtorch's (2 cores, MovieLens-sized, examples/s: 13k with OpenBLAS at 1,
  // 11k at 2, 5.7k with both pools at 2).
  setBlasThreads(1);
}
TorchThreadScope::~TorchThreadScope() {
  at::set_num_threads(previous_);
  if (previousBlas_ > 0) setBlasThreads(previousBlas_);
}

struct TwoTowerTrainer::Batch {
  HistoryBatch history;
  at::Tensor columnVectors, columnIds;  // the item tower's inputs, one row per distinct column item
  at::Tensor target;                    // [B] column of each row's positive
  at::Tensor weight;                    // [B] example weights
  at::Tensor adjust;                    // softmax: [B, C] added to the logits (masks, log q, hard negatives)
  at::Tensor negatives, negativeWeight; // bpr: [B, K] columns and weights (0 = padding)
  double sampledNegatives = 1;          // bpr: K without hard negatives, the per-row normaliser
  // Dislikes, once per (user in the batch, disliked item): that user's row, the item's
  // column, and which columns it is compared with (1) or not (0) [D, C].
  at::Tensor dislikeRow, dislikeColumn, dislikeVersus;
};

TwoTowerTrainer::TwoTowerTrainer(const TwoTowerInputs& in, const TwoTowerOptions& options, uint64_t seed,
                                 const EncoderHead* head)
    : in_(in),
      o_(options),
      gen_(at::make_generator<at::CPUGeneratorImpl>(mixSeed(seed, 1))),
      shuffleSeed_(mixSeed(seed, 2)),
      columnOf_(static_cast<size_t>(in.items), -1) {
  net_ = TwoTowerNet::create(in.dimIn, std::max(o_.dim, 1), o_.userIdEmbedding ? in.users : 0,
                             o_.itemIdEmbedding ? in.idRows : 0, gen_);
  if (head) {
    head_ = &head->impl();
    top_ = head_->pretrained;
    for (auto& [name, p] : top_.named()) *p = p->clone();
    std::vector<char> used(static_cast<size_t>(head_->distinct()), 0);
    for (const HistoryToken& t : in.tokens)
      if (t.fromText && head_->rowText[static_cast<size_t>(t.text)] >= 0) used[static_cast<size_t>(head_->rowText[static_cast<size_t>(t.text)])] = 1;
    for (size_t i = 0; i < used.size(); ++i)
      if (used[i]) usedTexts_.push_back(static_cast<int64_t>(i));
  }
}

std::vector<at::Tensor> TwoTowerTrainer::allParameters() {
  std::vector<at::Tensor> v = net_.parameters();
  if (head_)
    for (auto& [name, p] : top_.named()) v.push_back(*p);
  return v;
}

double TwoTowerTrainer::headChange() {
  if (!head_) return 0;
  at::NoGradGuard noGrad;
  UseLiteTop pretrained = head_->pretrained;
  const auto now = top_.named(), before = pretrained.named();
  double diff = 0, base = 0;
  for (size_t i = 0; i < now.size(); ++i) {
    diff += (*now[i].second - *before[i].second).square().sum().item<double>();
    base += before[i].second->square().sum().item<double>();
  }
  return base > 0 ? std::sqrt(diff / base) : 0.0;
}

const at::Tensor& TwoTowerTrainer::evalTextVectors() {
  if (!evalText_.defined()) {
    at::NoGradGuard noGrad;
    evalText_ = at::zeros({head_->distinct(), head_->cache.size(1)}, at::kFloat);
    if (!usedTexts_.empty())
      evalText_.index_copy_(0, at::tensor(usedTexts_, at::kLong), encoderHeadForward(*head_, top_, usedTexts_));
  }
  return evalText_;
}

void TwoTowerTrainer::applyHead(HistoryBatch& h, bool training) {
  if (!head_ || h.textToken.empty()) return;
  // The batch's distinct texts, each computed once; uncached (empty) texts keep their vectors.
  std::vector<int64_t> token, which, distinct;
  std::vector<int32_t> slotOf(static_cast<size_t>(head_->distinct()), -1);
  for (size_t k = 0; k < h.textToken.size(); ++k) {
    const int32_t t = head_->rowText[static_cast<size_t>(h.textRow[k])];
    if (t < 0) continue;
    int32_t& slot = slotOf[static_cast<size_t>(t)];
    if (slot < 0) {
      slot = static_cast<int32_t>(distinct.size());
      distinct.push_back(t);
    }
    token.push_back(h.textToken[k]);
    which.push_back(slot);
  }
  if (token.empty()) return;
  at::Tensor vectors;
  if (!training) {
    vectors = evalTextVectors().index_select(0, at::tensor(distinct, at::kLong));
  } else {
    // A step runs at most encoderBatchTokens tokens through the head with gradients (the
    // texts first seen in the batch; the batch order is shuffled every epoch); the
    // others take the head's vectors as of this epoch, without gradients. Long reviews
    // would otherwise make a step cost thousands of texts.
    size_t fresh = 0;
    for (int64_t budget = std::max(o_.encoderBatchTokens, 1); fresh < distinct.size(); ++fresh) {
      budget -= head_->tokens(distinct[fresh]);
      if (budget < 0 && fresh > 0) break;
    }
    const std::vector<int64_t> tuned(distinct.begin(), distinct.begin() + static_cast<ptrdiff_t>(fresh));
    vectors = encoderHeadForward(*head_, top_, tuned);
    if (fresh < distinct.size()) {
      const std::vector<int64_t> rest(distinct.begin() + static_cast<ptrdiff_t>(fresh), distinct.end());
      vectors = at::cat({vectors, evalTextVectors().index_select(0, at::tensor(rest, at::kLong))}, 0);
    }
  }
  const at::Tensor rows = at::tensor(token, at::kLong);
  h.tokens = h.tokens.index_copy(0, rows, vectors.index_select(0, at::tensor(which, at::kLong)));
  h.tokenScale = h.tokenScale.index_fill(0, rows, 1.0);  // the head's vectors are unit
}

int32_t TwoTowerTrainer::columnFor(int32_t item) {
  int32_t& c = columnOf_[static_cast<size_t>(item)];
  if (c < 0) {
    c = static_cast<int32_t>(columns_.size());
    columns_.push_back(item);
  }
  return c;
}

TwoTowerTrainer::Batch TwoTowerTrainer::makeBatch(const std::vector<int64_t>& order, size_t begin, size_t end) {
  Batch b;
  const int64_t rows = static_cast<int64_t>(end - begin);
  const bool bpr = o_.loss == TwoTowerLoss::Bpr;
  std::vector<std::pair<int32_t, int32_t>> history;
  std::vector<int64_t> target;
  std::vector<float> weight;
  for (size_t i = begin; i < end; ++i) {
    const TwoTowerExample& x = in_.examples[static_cast<size_t>(order[i])];
    history.emplace_back(x.user, x.history);
    target.push_back(columnFor(x.item));
    weight.push_back(x.weight);
  }
  const auto userOf = [&](int64_t r) { return history[static_cast<size_t>(r)].first; };

  // bpr: uniform negatives that are not the user's positives.
  std::vector<std::vector<std::pair<int32_t, float>>> negatives(static_cast<size_t>(rows));
  if (bpr) {
    SeededRandom rng(mixSeed(shuffleSeed_, static_cast<uint64_t>(history_.size() * 1000003 + begin)));
    for (int64_t r = 0; r < rows; ++r)
      for (int k = 0; k < std::max(o_.bprNegatives, 1); ++k) {
        int32_t j = static_cast<int32_t>(rng.below(in_.items));
        for (int tries = 0; tries < 8 && in_.isPositive(userOf(r), j); ++tries) j = static_cast<int32_t>(rng.below(in_.items));
        if (!in_.isPositive(userOf(r), j)) negatives[static_cast<size_t>(r)].emplace_back(columnFor(j), 1.0f);
      }
  }
  // Columns up to here are everyone's negatives; disliked items only their user's.
  const int64_t shared = static_cast<int64_t>(columns_.size());
  std::vector<int64_t> dislikeRow, dislikeColumn;
  std::vector<int32_t> dislikers;  // users with dislikes already in dislikeRow
  for (int64_t r = 0; r < rows; ++r) {
    const int32_t u = userOf(r);
    if (in_.dislikes[static_cast<size_t>(u)].empty()) continue;
    const bool first = std::find(dislikers.begin(), dislikers.end(), u) == dislikers.end();
    if (first) dislikers.push_back(u);
    for (const int32_t d : in_.dislikes[static_cast<size_t>(u)]) {
      const int32_t c = columnFor(d);
      if (bpr) negatives[static_cast<size_t>(r)].emplace_back(c, static_cast<float>(o_.dislikeWeight));
      if (first) dislikeRow.push_back(r), dislikeColumn.push_back(c);
    }
  }

  const int64_t cols = static_cast<int64_t>(columns_.size());
  b.history = historyBatch(in_, history, o_.maxHistory, head_ != nullptr);
  std::tie(b.columnVectors, b.columnIds) = itemTensors(in_, columns_, in_.itemVectors);
  b.target = at::tensor(target, at::kLong);
  b.weight = at::tensor(weight, at::kFloat);

  if (!bpr) {
    b.adjust = at::zeros({rows, cols}, at::kFloat);
    float* adj = b.adjust.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
      float* row = adj + r * cols;
      for (int64_t c = 0; c < cols; ++c) {
        if (c >= shared) {
          row[c] = kMasked;  // another user's disliked item
        } else if (o_.logQCorrection) {
          const double q = in_.targetFrequency[static_cast<size_t>(columns_[static_cast<size_t>(c)])];
          row[c] = static_cast<float>(-std::log(std::max(q, 1e-12)));
        }
      }
      for (const int32_t p : in_.positives[static_cast<size_t>(userOf(r))]) {  // no negatives
        const int32_t c = columnOf_[static_cast<size_t>(p)];
        if (c >= 0 && c != target[static_cast<size_t>(r)]) row[c] = kMasked;
      }
      for (const int32_t d : in_.dislikes[static_cast<size_t>(userOf(r))])  // as dislikeWeight negatives
        row[columnOf_[static_cast<size_t>(d)]] = static_cast<float>(std::log(std::max(o_.dislikeWeight, 1e-6)));
    }
  } else {
    size_t width = 1;
    for (const auto& n : negatives) width = std::max(width, n.size());
    b.negatives = at::zeros({rows, static_cast<int64_t>(width)}, at::kLong);
    b.negativeWeight = at::zeros({rows, static_cast<int64_t>(width)}, at::kFloat);
    int64_t* col = b.negatives.data_ptr<int64_t>();
    float* w = b.negativeWeight.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
      for (size_t k = 0; k < negatives[static_cast<size_t>(r)].size(); ++k) {
        const int64_t slot = r * static_cast<int64_t>(width) + static_cast<int64_t>(k);
        col[slot] = negatives[static_cast<size_t>(r)][k].first;
        w[slot] = negatives[static_cast<size_t>(r)][k].second;
      }
    b.sampledNegatives = std::max(o_.bprNegatives, 1);
  }

  // A disliked item must fall below the batch's other items, not only below the
  // user's positives (which the loss above asks for): ranked among unseen items, it
  // competes with those.
  if (!dislikeRow.empty()) {
    const int64_t n = static_cast<int64_t>(dislikeRow.size());
    b.dislikeRow = at::tensor(dislikeRow, at::kLong);
    b.dislikeColumn = at::tensor(dislikeColumn, at::kLong);
    b.dislikeVersus = at::zeros({n, cols}, at::kFloat);
    float* versus = b.dislikeVersus.data_ptr<float>();
    for (int64_t k = 0; k < n; ++k) {
      for (int64_t c = 0; c < shared; ++c) versus[k * cols + c] = 1;
      for (const int32_t d : in_.dislikes[static_cast<size_t>(userOf(dislikeRow[static_cast<size_t>(k)]))])
        versus[k * cols + columnOf_[static_cast<size_t>(d)]] = 0;
    }
  }
  for (const int32_t j : columns_) columnOf_[static_cast<size_t>(j)] = -1;
  columns_.clear();
  return b;
}

at::Tensor TwoTowerTrainer::lossOf(const Batch& b, const at::Tensor& users, const at::Tensor& items) const {
  const at::Tensor logits = at::matmul(users, items.t()) / o_.temperature;
  at::Tensor perRow;
  if (o_.loss == TwoTowerLoss::Softmax) {
    const at::Tensor logp = at::log_softmax(logits + b.adjust, 1);
    perRow = -logp.gather(1, b.target.unsqueeze(1)).squeeze(1);
  } else {
    const at::Tensor pos = logits.gather(1, b.target.unsqueeze(1));
    const at::Tensor neg = logits.gather(1, b.negatives);
    perRow = (at::softplus(neg - pos) * b.negativeWeight).sum(1) / b.sampledNegatives;
  }
  at::Tensor total = (perRow * b.weight).sum();
  if (b.dislikeRow.defined()) {
    const at::Tensor rows = logits.index_select(0, b.dislikeRow);             // [D, C]
    const at::Tensor disliked = rows.gather(1, b.dislikeColumn.unsqueeze(1));  // [D, 1]
    const at::Tensor versus = b.dislikeVersus;
    const at::Tensor term = (at::softplus(disliked - rows) * versus).sum(1) / versus.sum(1).clamp_min(1);
    total = total + o_.dislikeWeight * term.sum();
  }
  return total / b.weight.sum().clamp_min(1e-12);
}

double TwoTowerTrainer::trainEpoch(const JobControl* job, torch::optim::Optimizer& optimizer) {
  std::vector<int64_t> order(in_.examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
  SeededRandom rng(mixSeed(shuffleSeed_, history_.size()));
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<size_t>(rng.below(static_cast<int64_t>(i)))]);

  double lossSum = 0, weightSum = 0;
  const size_t step = static_cast<size_t>(std::max(o_.batch, 2));
  for (size_t begin = 0; begin < order.size(); begin += step) {
    if (job && job->cancelled()) throw Cancelled{};
    const size_t end = std::min(order.size(), begin + step);
    const Batch b = makeBatch(order, begin, end);
    HistoryBatch history = b.history;
    applyHead(history, true);
    const at::Tensor users = userTower(net_, history, o_.dropout, true, gen_);
    const at::Tensor items = itemTower(net_, b.columnVectors, b.columnIds, o_.dropout, true, gen_);
    at::Tensor loss = lossOf(b, users, items);
    at::Tensor total = loss;
    if (o_.adversarialEpsilon > 0) {
      // APR: the worst-case perturbation of bounded size, to first order, is along the
      // gradient: delta = eps * g / |g| per embedding.
      const auto g = torch::autograd::grad({loss}, {users, items}, {}, /*retain_graph=*/true);
      const at::Tensor du = o_.adversarialEpsilon * unitRowsOf(g[0].detach());
      const at::Tensor di = o_.adversarialEpsilon * unitRowsOf(g[1].detach());
      total = loss + o_.adversarialWeight * lossOf(b, users + du, items + di);
    }
    optimizer.zero_grad();
    total.backward();
    optimizer.step();
    const double w = static_cast<double>(end - begin);
    lossSum += loss.item<double>() * w;
    weightSum += w;
  }
  return weightSum > 0 ? lossSum / weightSum : 0.0;
}

at::Tensor TwoTowerTrainer::usersOf(const std::vector<std::pair<int32_t, int32_t>>& userHistory, bool training) {
  HistoryBatch h = historyBatch(in_, userHistory, o_.maxHistory, head_ != nullptr);
  applyHead(h, training);
  return userTower(net_, h, o_.dropout, training, gen_);
}

at::Tensor TwoTowerTrainer::itemsOf(const std::vector<int32_t>& items, bool training) {
  auto [v, id] = itemTensors(in_, items, in_.itemVectors);
  return itemTower(net_, v, id, o_.dropout, training, gen_);
}

Matrix TwoTowerTrainer::itemEmbeddings() {
  at::NoGradGuard noGrad;
  Matrix m = Matrix::zeros(in_.items, net_.itemProj.size(1));
  for (int32_t begin = 0; begin < in_.items; begin += static_cast<int32_t>(kEvalChunk)) {
    std::vector<int32_t> items;
    for (int32_t j = begin; j < std::min<int32_t>(in_.items, begin + static_cast<int32_t>(kEvalChunk)); ++j) items.push_back(j);
    copyRows(itemsOf(items, false), m, begin);
  }
  return m;
}

Matrix TwoTowerTrainer::userEmbeddings() {
  at::NoGradGuard noGrad;
  Matrix m = Matrix::zeros(in_.users, net_.userProj.size(1));
  for (int32_t begin = 0; begin < in_.users; begin += static_cast<int32_t>(kEvalChunk)) {
    std::vector<std::pair<int32_t, int32_t>> rows;
    for (int32_t u = begin; u < std::min<int32_t>(in_.users, begin + static_cast<int32_t>(kEvalChunk)); ++u)
      rows.emplace_back(u, static_cast<int32_t>(in_.sequence(u).size()));
    copyRows(usersOf(rows, false), m, begin);
  }
  return m;
}

double TwoTowerTrainer::validationRecall() {
  at::NoGradGuard noGrad;
  const Matrix items = itemEmbeddings();
  const at::Tensor itemT = at::from_blob(const_cast<float*>(items.data.data()), {items.rows, items.cols}, at::kFloat);
  double recall = 0;
  const auto& val = in_.validation;
  for (size_t begin = 0; begin < val.size(); begin += kEvalChunk) {
    const size_t end = std::min(val.size(), begin + kEvalChunk);
    std::vector<std::pair<int32_t, int32_t>> rows;
    for (size_t i = begin; i < end; ++i) rows.emplace_back(val[i].user, val[i].history);
    const at::Tensor scores = at::matmul(usersOf(rows, false), itemT.t()).contiguous();
    const float* s = scores.data_ptr<float>();
    std::vector<char> excluded(static_cast<size_t>(in_.items), 0);
    for (size_t i = begin; i < end; ++i) {
      const TwoTowerExample& v = val[i];
      const float* row = s + static_cast<int64_t>(i - begin) * in_.items;
      const auto seq = in_.sequence(v.user);
      for (const HistoryToken& t : seq) excluded[static_cast<size_t>(t.item)] = 1;  // ranked among unseen items
      excluded[static_cast<size_t>(v.item)] = 0;
      const float target = row[v.item];
      int64_t higher = 0, equal = 0;
      for (int32_t j = 0; j < in_.items; ++j) {
        if (excluded[static_cast<size_t>(j)] || j == v.item) continue;
        higher += row[j] > target;
        equal += row[j] == target;
      }
      // Ties count as the expected rank over the tied range (DESIGN.md).
      recall += std::clamp(static_cast<double>(kRecallK - higher) / static_cast<double>(equal + 1), 0.0, 1.0);
      for (const HistoryToken& t : seq) excluded[static_cast<size_t>(t.item)] = 0;
    }
  }
  return val.empty() ? std::numeric_limits<double>::quiet_NaN() : recall / static_cast<double>(val.size());
}

void TwoTowerTrainer::train(const JobControl* job, const std::function<void(const TwoTowerEpoch&)>& onEpoch) {
  net_.setRequiresGrad(true);
  const auto netOptions = torch::optim::AdamWOptions(o_.lr).weight_decay(o_.weightDecay);
  std::vector<torch::optim::OptimizerParamGroup> groups{{net_.parameters(), std::make_unique<torch::optim::AdamWOptions>(netOptions)}};
  if (head_) {
    std::vector<at::Tensor> headParams;
    for (auto& [name, p] : top_.named()) headParams.push_back(p->set_requires_grad(true));
    groups.emplace_back(headParams, std::make_unique<torch::optim::AdamWOptions>(
                                        torch::optim::AdamWOptions(o_.encoderLr).weight_decay(0)));
  }
  torch::optim::AdamW optimizer(std::move(groups), netOptions);
  std::vector<at::Tensor> best;
  double bestRecall = -1;
  int sinceBest = 0;
  for (int epoch = 1; epoch <= o_.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    TwoTowerEpoch e;
    e.epoch = epoch;
    e.examples = static_cast<int64_t>(in_.examples.size());
    e.trainLoss = trainEpoch(job, optimizer);
    evalText_.reset();  // the head moved (also what over-budget texts use in the next epoch)
    e.valRecall = validationRecall();
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    history_.push_back(e);
    const bool keepLast = o_.patience <= 0 || std::isnan(e.valRecall);
    if (keepLast || e.valRecall > bestRecall) {
      bestRecall = std::isnan(e.valRecall) ? bestRecall : e.valRecall;
      bestEpoch_ = epoch;
      best.clear();
      for (const at::Tensor& p : allParameters()) best.push_back(p.detach().clone());
      sinceBest = 0;
    } else {
      ++sinceBest;
    }
    if (job) {
      char phase[128];
      std::snprintf(phase, sizeof phase, "Training: epoch %d, loss %.4f, val Recall@20 %.4f", epoch, e.trainLoss,
                    e.valRecall);
      job->report({epoch, o_.epochs, phase});
    }
    if (onEpoch) onEpoch(e);
    if (o_.patience > 0 && sinceBest >= o_.patience) break;
  }
  net_.setRequiresGrad(false);
  if (head_)
    for (auto& [name, p] : top_.named()) p->set_requires_grad(false);
  if (!best.empty()) {
    at::NoGradGuard noGrad;
    const auto params = allParameters();
    for (size_t i = 0; i < params.size(); ++i) params[i].copy_(best[i]);
  }
  evalText_.reset();
}

}  // namespace il
