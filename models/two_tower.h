// A trainable two-tower recommender (libtorch behind this torch-free header).
//   user tower: attention pooling over the user's history, one token per training
//               interaction (its usable text's vector, else the item's vector), with a
//               learned recency term, so the model learns how much the latest
//               interactions matter; a learned "null" token is always present, so a user
//               without history still gets an embedding; plus a per-user id embedding
//               (optional) for what the history does not explain, like feedback.
//   item tower: a projection of the item's vector, plus an item-id embedding for items
//               with training history (optional).
// Encoder vectors are frozen inputs. Training is sequential (each interaction is
// predicted from the ones before it, as in leave-last-out evaluation), with a sampled
// softmax over in-batch negatives (or BPR), AdamW with weight decay, dropout, optional
// adversarial perturbations (APR, He et al. 2018), early stopping on validation
// Recall@20 keeping the best epoch. After fit() every user and item embedding is
// precomputed, so score() is one dot product per item and save() holds all it needs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "encoder_head.h"
#include "matrix.h"
#include "rank/scorer.h"

namespace il {

enum class TwoTowerLoss { Softmax, Bpr };
const char* toString(TwoTowerLoss loss);  // "softmax", "bpr"
std::optional<TwoTowerLoss> parseTwoTowerLoss(std::string_view name);

struct TwoTowerOptions {
  int dim = 64;           // embedding size of both towers
  int epochs = 20;        // upper bound; early stopping usually ends sooner
  int batch = 256;        // examples per step (and in-batch negatives per example)
  double lr = 3e-3;       // AdamW learning rate
  double weightDecay = 1e-2;  // AdamW's decoupled weight decay
  double dropout = 0.1;   // on the pooled user vector and the projected item vector, training only
  TwoTowerLoss loss = TwoTowerLoss::Softmax;
  double temperature = 0.1;    // logits are cosine / temperature
  bool logQCorrection = true;  // softmax: subtract log(item frequency) from in-batch logits (Yi et al. 2019)
  int bprNegatives = 4;        // bpr: uniformly sampled negatives per positive
  bool itemIdEmbedding = true;
  bool userIdEmbedding = true;  // a per-user offset on the pooled history (personal feedback needs it)
  double adversarialEpsilon = 0;  // > 0 turns adversarial training on: |delta| per embedding
  double adversarialWeight = 1;   // weight of the loss on the perturbed embeddings
  int patience = 3;       // epochs without a better validation Recall@20 before stopping;
                          // 0: no early stopping, the last epoch is kept
  int maxHistory = 20;    // the user's most recent tokens the user tower sees (on MovieLens 20
                          // beat 50 on validation NDCG@10, 0.048 vs 0.046, and trains faster)
  double likeWeight = 4;     // loss weight of a liked item as an extra positive
  double dislikeWeight = 4;  // a disliked item counts as this many hard negatives, and its
                             // push below the batch's other items weighs as much
  // libtorch threads during fit() (OpenBLAS runs single-threaded meanwhile; both are
  // process-wide and restored afterwards). A fit is bit-for-bit reproducible for a given
  // seed and thread count. 1 by default: the ops are small, and on 2 shared cores a
  // second OpenMP thread spins against other work (MovieLens-sized: 25k examples/s at
  // 1 thread, 4.8k at 2 under load; equal on an idle machine).
  int threads = 1;
  uint64_t seed = 0;      // 0: TrainingData::seed
  // Encoder fine-tuning (needs setEncoderHead): a trainable copy of the encoder's last
  // transformer layer, pooling and tanh dense layer computes the history tokens' text
  // vectors from the cached layer inputs, trained with the same loss at encoderLr and
  // without weight decay (which would pull the pretrained weights towards 0). Off: the
  // frozen text vectors, exactly as without a head.
  bool fineTuneEncoder = false;
  double encoderLr = 1e-4;
  // Tokens per step that go through the head with gradients; the step's other texts use
  // the head's vectors as of the epoch (a bound on the cost of long texts).
  int encoderBatchTokens = 8192;
};

// Explicit feedback on (user, item) given before fit(): likes are extra positives
// (predicted from the user's whole history), dislikes hard negatives in that user's loss
// that must also rank below the other items of each batch; a disliked interaction is no
// positive. Out-of-range indices and value 0 are ignored; a dislike beats a like.
struct UserItemFeedback {
  int32_t user = 0, item = 0;
  int value = 0;  // +1 like, -1 dislike
};

// What one epoch did; valRecall is NaN when there was nothing to validate on.
struct TwoTowerEpoch {
  int epoch = 0;  // 1-based
  double trainLoss = 0;
  double valRecall = 0;  // Recall@20 on the validation pairs
  double seconds = 0;
  int64_t examples = 0;  // training examples per epoch
};

class TwoTowerScorer : public Scorer {
 public:
  explicit TwoTowerScorer(TwoTowerOptions options = {});
  ~TwoTowerScorer() override;
  TwoTowerScorer(TwoTowerScorer&&) noexcept;
  TwoTowerScorer& operator=(TwoTowerScorer&&) noexcept;

  std::string name() const override { return "twotower"; }
  // Every option, with the seed actually used after fit(), and the best epoch.
  std::string paramsJson() const override;
  // Throws std::invalid_argument on unusable options, std::runtime_error without item
  // vectors (or on mismatched sizes), Cancelled
  // when job is cancelled (checked between batches). Reports one Progress per epoch.
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  // Cosine of the user and item embeddings; 0 everywhere before fit()/load().
  void score(int32_t user, std::span<float> out) const override;

  // Before fit(). Validation (user, item) pairs for early stopping, e.g. the
  // leave-last-out validation items; without them each user with at least 3
  // training interactions has the last one held out internally (and it still
  // forms the user's history in the final embeddings).
  void setValidation(std::vector<std::pair<int32_t, int32_t>> pairs);
  void setFeedback(std::vector<UserItemFeedback> feedback);
  // Before fit(), for fineTuneEncoder: the cached inputs of the encoder that made
  // TrainingData::textVectors, one row per corpus text (makeEncoderHead on the corpus's
  // texts). Shared, never modified; fit() trains its own copy of the weights.
  void setEncoderHead(std::shared_ptr<const EncoderHead> head);
  // Called after each epoch on fit()'s thread (e.g. to plot a live loss curve).
  void setEpochCallback(std::function<void(const TwoTowerEpoch&)> callback);

  const TwoTowerOptions& options() const { return o_; }
  // Per finished epoch of the last fit() (kept by save/load).
  const std::vector<TwoTowerEpoch>& history() const { return history_; }
  int bestEpoch() const { return bestEpoch_; }  // 0 before fit
  // The learned weight of recency in the user tower's attention (logit term
  // recency * -log2(1 + interactions since)); > 0: recent interactions weigh more.
  float recencyWeight() const;
  // After a fine-tuning fit: |W - W0| / |W0| over the head's weights (0 without).
  double encoderHeadChange() const { return headChange_; }
  const Matrix& userEmbeddings() const { return users_; }  // unit rows
  const Matrix& itemEmbeddings() const { return items_; }  // unit rows

  // A self-contained blob (options, history, network parameters, embeddings) for the
  // project store; load() throws std::runtime_error on a damaged blob.
  std::string save() const;
  static TwoTowerScorer load(std::string_view blob);

 private:
  struct Net;
  TwoTowerOptions o_;
  uint64_t fittedSeed_ = 0;
  std::vector<std::pair<int32_t, int32_t>> validation_;
  std::vector<UserItemFeedback> feedback_;
  std::function<void(const TwoTowerEpoch&)> onEpoch_;
  std::shared_ptr<const EncoderHead> head_;
  double headChange_ = 0;
  std::vector<TwoTowerEpoch> history_;
  int bestEpoch_ = 0;
  Matrix users_, items_;
  std::unique_ptr<Net> net_;  // the trained parameters
};

}  // namespace il
