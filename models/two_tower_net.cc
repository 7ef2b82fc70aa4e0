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

at::Tensor userTower(const TwoTowerNet& net, const at::Tensor& users, const at::Tensor& tokens, const at::Tensor& fromText,
                     const at::Tensor& since, const at::Tensor& valid, double dropoutP, bool training,
                     at::Generator& gen) {
  const int64_t batch = tokens.size(0), dim = net.userProj.size(1);
  at::Tensor h = at::matmul(tokens, net.userProj) + net.userBias + at::embedding(net.tokenType, fromText);
  h = dropout(h, dropoutP, training, gen);                                    // [B, L, dim]
  at::Tensor logits = at::matmul(h, net.query) / std::sqrt(static_cast<double>(dim));  // [B, L]
  logits = logits - net.recency * at::log2(since + 1.0);  // recent tokens have since ~ 0
  logits = logits.masked_fill(valid.logical_not(), -std::numeric_limits<float>::infinity());
  // The null token: always present, so an empty history is well defined and the model
  // can learn to discount a history that says little.
  const at::Tensor nullH = net.nullToken.expand({batch, 1, dim});
  const at::Tensor nullL = net.nullLogit.expand({batch, 1});
  const at::Tensor weights = at::softmax(at::cat({nullL, logits}, 1), 1);          // [B, L + 1]
  at::Tensor pooled = at::matmul(weights.unsqueeze(1), at::cat({nullH, h}, 1)).squeeze(1);
  // A per-user offset: what the history does not explain, e.g. personal feedback.
  if (net.userIds.defined()) pooled = pooled + at::embedding(net.userIds, users);
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
