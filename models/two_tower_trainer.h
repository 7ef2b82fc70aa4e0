// The two-tower training loop (private to models/: includes ATen): batches of examples,
// sampled softmax over in-batch negatives or BPR, feedback as extra positives and hard
// negatives, optional adversarial perturbation, validation Recall@20 per epoch, early
// stopping that keeps the best epoch's parameters.
#pragma once

#include <ATen/ATen.h>

#include <functional>
#include <vector>

#include "encoder_head_impl.h"
#include "job.h"
#include "matrix.h"
#include "two_tower.h"
#include "two_tower_data.h"
#include "two_tower_net.h"

namespace torch::optim {
class Optimizer;
}

namespace il {

// libtorch's intra-op thread count while it lives (fit and the final embeddings), and
// OpenBLAS single-threaded; then the previous counts again (both are process-wide).
class TorchThreadScope {
 public:
  explicit TorchThreadScope(int threads);
  ~TorchThreadScope();
  TorchThreadScope(const TorchThreadScope&) = delete;
  TorchThreadScope& operator=(const TorchThreadScope&) = delete;

 private:
  int previous_, previousBlas_;
};

class TwoTowerTrainer {
 public:
  // `in` (and `head`) outlive the trainer. The network is initialised from `seed`. With a
  // head, a copy of its pretrained weights computes the text tokens and is trained too.
  TwoTowerTrainer(const TwoTowerInputs& in, const TwoTowerOptions& options, uint64_t seed,
                  const EncoderHead* head = nullptr);

  // Trains up to options.epochs; afterwards net() holds the best epoch's parameters
  // (the last epoch's without validation pairs). Throws Cancelled.
  void train(const JobControl* job, const std::function<void(const TwoTowerEpoch&)>& onEpoch);
  const std::vector<TwoTowerEpoch>& history() const { return history_; }
  int bestEpoch() const { return bestEpoch_; }
  TwoTowerNet& net() { return net_; }
  double headChange();  // |W - W0| / |W0| over the head's weights; 0 without a head

  // Evaluation-mode embeddings (unit rows): every user from their whole history, every item.
  Matrix userEmbeddings();
  Matrix itemEmbeddings();

 private:
  struct Batch;
  double trainEpoch(const JobControl* job, torch::optim::Optimizer& optimizer);
  at::Tensor lossOf(const Batch& b, const at::Tensor& users, const at::Tensor& items) const;
  Batch makeBatch(const std::vector<int64_t>& order, size_t begin, size_t end);
  int32_t columnFor(int32_t item);  // the item's column in the batch being built, added if new
  at::Tensor usersOf(const std::vector<std::pair<int32_t, int32_t>>& userHistory, bool training);
  at::Tensor itemsOf(const std::vector<int32_t>& items, bool training);
  double validationRecall();
  // Encoder fine-tuning: the text tokens of `h` from the head (with gradients when
  // training, else from the current weights' cached vectors).
  void applyHead(HistoryBatch& h, bool training);
  const at::Tensor& evalTextVectors();
  std::vector<at::Tensor> allParameters();

  const TwoTowerInputs& in_;
  TwoTowerOptions o_;
  at::Generator gen_;
  uint64_t shuffleSeed_;
  TwoTowerNet net_;
  const EncoderHead::Impl* head_ = nullptr;
  UseLiteTop top_;                  // the trained copy of head_->pretrained
  std::vector<int64_t> usedTexts_;  // distinct head texts some history token uses
  at::Tensor evalText_;             // [distinct, 512] under the current weights; undefined = stale
  std::vector<TwoTowerEpoch> history_;
  int bestEpoch_ = 0;
  std::vector<int32_t> columnOf_;  // per item: its column in the batch being built, -1 when absent
  std::vector<int32_t> columns_;   // the items of that batch's columns
};

}  // namespace il
