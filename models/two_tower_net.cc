#include "two_tower_net.h"

#include <cmath>
#include <limits>

namespace il {

namespace {

at::Tensor xavier(int64_t rows, int64_t cols, at::Generator& gen) {
  const double a = std::sqrt(6.0 / static_cast<double>(rows + cols));
  return at::empty({rows, cols}, at::kFloat).uniform_(-a, a, gen);
}

at::Tensor unitRows(const at::Tensor& x) { return x / x.norm(2, {-1}, true).clamp_min(1e-12); }

}  // namespace

TwoTowerNet TwoTowerNet::create(int64_t dimIn, int64_t dim, int64_t users, int64_t idRows, at::Generator& gen) {
  TwoTowerNet n;
  n.userProj = xavier(dimIn, dim, gen);
  n.userBias = at::zeros({dim}, at::kFloat);
  n.tokenType = at::zeros({2, dim}, at::kFloat);
  n.query = at::empty({dim}, at::kFloat).normal_(0, 0.01, gen);
  n.recency = at::zeros({1}, at::kFloat);
  n.nullToken = at::empty({dim}, at::kFloat).normal_(0, 0.01, gen);
  n.nullLogit = at::zeros({1}, at::kFloat);
  n.itemProj = xavier(dimIn, dim, gen);
  n.itemBias = at::zeros({dim}, at::kFloat);
  if (users > 0) n.userIds = at::zeros({users, dim}, at::kFloat);
  if (idRows > 0) n.itemIds = at::zeros({idRows, dim}, at::kFloat);
  return n;
}

std::vector<std::pair<std::string, at::Tensor*>> TwoTowerNet::named() {
  std::vector<std::pair<std::string, at::Tensor*>> v{
      {"userProj", &userProj}, {"userBias", &userBias},   {"tokenType", &tokenType}, {"query", &query},
      {"recency", &recency},   {"nullToken", &nullToken}, {"nullLogit", &nullLogit}, {"itemProj", &itemProj},
      {"itemBias", &itemBias}};
  if (userIds.defined()) v.emplace_back("userIds", &userIds);
  if (itemIds.defined()) v.emplace_back("itemIds", &itemIds);
  return v;
}

std::vector<at::Tensor> TwoTowerNet::parameters() {
  std::vector<at::Tensor> v;
  for (auto& [name, t] : named()) v.push_back(*t);
  return v;
}

void TwoTowerNet::setRequiresGrad(bool on) {
  for (auto& [name, t] : named()) t->set_requires_grad(on);
}

at::Tensor dropout(const at::Tensor& x, double p, bool training, at::Generator& gen) {
  if (!training || p <= 0) return x;
  const at::Tensor keep = at::empty_like(x).bernoulli_(1.0 - p, gen);
  return x * keep / (1.0 - p);
}

at::Tensor userTower(const TwoTowerNet& net, const HistoryBatch& h, double dropoutP, bool training, at::Generator& gen) {
  // The model is h_i = P x_i + b + type_i per token, logit_i = q . h_i / sqrt(dim) minus
  // the recency term, user = sum_i a_i h_i (+ the null token). Both are linear in x_i,
  // so they are computed on the raw tokens: logits through P q, the pooled vector as
  // P (sum_i a_i x_i). Projecting the pooled vector instead of every token saves a
  // N x dimIn x dim product per step (~30x less work at 50 tokens per row).
  const int64_t batch = h.valid.size(0), width = h.valid.size(1), dim = net.userProj.size(1);
  const double scale = 1.0 / std::sqrt(static_cast<double>(dim));
  const at::Tensor tokenQuery = at::matmul(net.userProj, net.query) * scale;                  // [dimIn]
  const at::Tensor typeQuery = at::matmul(net.tokenType + net.userBias, net.query) * scale;  // [2]
  const at::Tensor content = at::matmul(h.tokens, tokenQuery) * h.tokenScale;               // [N]
  at::Tensor logits = at::zeros({batch * width}, content.options()).scatter(0, h.tokenSlot, content).view({batch, width});
  logits = logits + at::embedding(typeQuery.unsqueeze(1), h.fromText).squeeze(2);
  logits = logits - net.recency * at::log2(h.since + 1.0);  // recent tokens have since ~ 0
  logits = logits.masked_fill(h.valid.logical_not(), -std::numeric_limits<float>::infinity());
  // The null token: always present, so an empty history is well defined and the model
  // can learn to discount a history that says little.
  const at::Tensor weights = at::softmax(at::cat({net.nullLogit.expand({batch, 1}), logits}, 1), 1);  // [B, L + 1]
  const at::Tensor nullWeight = weights.narrow(1, 0, 1), tokenWeight = weights.narrow(1, 1, width);
  at::Tensor pooledTokens;  // sum_i a_i x_i / |x_i| per row, [B, dimIn], as one weighted bag per row
  if (h.tokens.size(0) == 0) {
    pooledTokens = at::zeros({batch, h.tokens.size(1)}, content.options());
  } else {
    const at::Tensor perToken = tokenWeight.reshape({batch * width}).index_select(0, h.tokenSlot) * h.tokenScale;
    const at::Tensor all = at::arange(h.tokens.size(0), h.tokenSlot.options());
    // at::_embedding_bag, not at::embedding_bag: the latter takes a forward-only path when
    // the table needs no gradient, which breaks the gradient of the weights (libtorch 1.13).
    pooledTokens = std::get<0>(at::_embedding_bag(h.tokens, all, h.rowStart, false, /*sum*/ 0, false, perToken));
  }
  const at::Tensor textShare = (tokenWeight * h.fromText.to(at::kFloat)).sum(1, true);  // [B, 1]
  const at::Tensor itemShare = tokenWeight.sum(1, true) - textShare;
  at::Tensor pooled = at::matmul(pooledTokens, net.userProj) + (textShare + itemShare) * net.userBias +
                      itemShare * net.tokenType[0] + textShare * net.tokenType[1] + nullWeight * net.nullToken;
  pooled = dropout(pooled, dropoutP, training, gen);
  // A per-user offset: what the history does not explain, e.g. personal feedback.
  if (net.userIds.defined()) pooled = pooled + at::embedding(net.userIds, h.users);
  return unitRows(pooled);
}

at::Tensor itemTower(const TwoTowerNet& net, const at::Tensor& vectors, const at::Tensor& idRow, double dropoutP,
                     bool training, at::Generator& gen) {
  at::Tensor h = at::matmul(vectors, net.itemProj) + net.itemBias;
  if (net.itemIds.defined()) {
    const at::Tensor has = idRow.ge(0);
    const at::Tensor ids = at::embedding(net.itemIds, idRow.clamp_min(0));
    h = h + ids * has.unsqueeze(1).to(at::kFloat);
  }
  return unitRows(dropout(h, dropoutP, training, gen));
}

}  // namespace il
