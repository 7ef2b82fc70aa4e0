// The two towers' parameters and forward passes (private to models/: includes ATen).
// Plain tensors rather than torch::nn modules: a handful of weights, a fixed layout,
// and initialisation and dropout drawn from the caller's generator, so a fit is
// reproducible without touching libtorch's global random state.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace il {

struct TwoTowerNet {
  // user tower
  at::Tensor userProj, userBias;  // [dimIn, dim], [dim]
  at::Tensor tokenType;           // [2, dim]: added to item-vector (0) / text-vector (1) tokens
  at::Tensor query;               // [dim]: content part of the attention logits
  at::Tensor recency;             // [1]: weight of -log2(1 + interactions since) in the logits
  at::Tensor nullToken;           // [dim], with logit nullLogit [1]: always attended
  at::Tensor nullLogit;
  at::Tensor userIds;             // [users, dim] added to the pooled history; undefined without
  // item tower
  at::Tensor itemProj, itemBias;  // [dimIn, dim], [dim]
  at::Tensor itemIds;             // [idRows, dim]; undefined without id embeddings

  // Xavier-uniform projections, zero id embeddings (users = 0 / idRows = 0: none) and recency, small query and null token.
  static TwoTowerNet create(int64_t dimIn, int64_t dim, int64_t users, int64_t idRows, at::Generator& gen);
  // Stable names, for save/load and for snapshotting the best epoch.
  std::vector<std::pair<std::string, at::Tensor*>> named();
  std::vector<at::Tensor> parameters();
  void setRequiresGrad(bool on);
};

// Dropout with the caller's generator; identity when p <= 0 or not training.
at::Tensor dropout(const at::Tensor& x, double p, bool training, at::Generator& gen);

// The user tower's input for B rows: the visible history tokens of every row, stored
// back to back without padding (raw vectors, N of them), and per-row slots [B, L] for
// the attention (L = the longest row).
struct HistoryBatch {
  at::Tensor users;       // [B] long
  at::Tensor tokens;      // [N, dimIn] float, the rows' tokens in order, oldest first
  at::Tensor tokenScale;  // [N] float: 1 / |token|, so tokens count at unit length
  at::Tensor tokenSlot;   // [N] long: r * L + position of the token in its row
  at::Tensor rowStart;    // [B] long: first token of row r
  at::Tensor fromText;    // [B, L] long 0/1
  at::Tensor since;       // [B, L] float: the row's tokens after this one
  at::Tensor valid;       // [B, L] bool
  // Encoder fine-tuning: which tokens are texts (their row of `tokens`, their corpus text
  // row), so the trainable head can replace their frozen vectors. Empty otherwise.
  std::vector<int64_t> textToken, textRow;
};

// Unit user embeddings [B, dim].
at::Tensor userTower(const TwoTowerNet& net, const HistoryBatch& h, double dropoutP, bool training, at::Generator& gen);

// Unit item embeddings [C, dim]. vectors [C, dimIn] (unit rows), idRow [C] (long, -1: none).
at::Tensor itemTower(const TwoTowerNet& net, const at::Tensor& vectors, const at::Tensor& idRow, double dropoutP,
                     bool training, at::Generator& gen);

}  // namespace il
