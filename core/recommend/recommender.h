// The engine behind `recommend` and the Recommendations view: every model fitted on
// all of a project's interactions, top-N lists that exclude what the user already has
// (and what they disliked), the score of each model side by side, an explanation for
// every item, and like/dislike feedback applied at once.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../interest/global_clusters.h"
#include "../rank/content_scorer.h"
#include "../rank/hybrid_scorer.h"
#include "../rank/mf_scorer.h"
#include "../vectors/ann_index.h"
#include "explanation.h"

namespace il {

class Project;
class EmbeddingScorer;
class ItemKnnScorer;
class PopularityScorer;
struct TrainedModel;

struct RecommenderOptions {
  uint64_t seed = 42;
  std::string encoderId;        // project vectors to use; "" = the newest encoder with vectors
  ContentOptions content;       // mode and profile options (half-life, interests)
  GlobalClusterOptions clusters;
  int itemKnnK = 50;
  MfOptions mf;
  // Hybrid weights over popularity, itemknn, mf, content (content's share is moved to
  // the CF models when there are no vectors).
  std::vector<double> blend = {0.0, 0.4, 0.3, 0.3};
  int threads = 0;
  // Approximate search for the content model (FAISS): auto = HNSW from
  // ann.autoThreshold items on; its recall@10 is measured against exact on sample users.
  AnnOptions ann{AnnMethod::Auto};
  RecommenderOptions() { content.mode = ContentMode::MultiInterest; }
};

inline const std::vector<std::string> kBlendParts = {"popularity", "itemknn", "mf", "content"};

struct RecommendRequest {
  std::string model = "hybrid";  // popularity | itemknn | mf | content | seed-formula | twotower | hybrid
  int topN = 10;
  float threshold = -std::numeric_limits<float>::infinity();  // on the chosen model's score
  bool explain = true;
  double alpha = 0.7;            // seed-formula's alpha
};

struct Recommendation {
  int rank = 0;                  // 1-based
  int32_t item = 0;
  std::string id, title;
  float score = 0;               // of the requested model
  std::vector<std::pair<std::string, float>> modelScores;  // every model's score, side by side
  Explanation why;
};

class Recommender {
 public:
  // Fits every model on all interactions. Without vectors only the CF models exist.
  Recommender(Corpus corpus, std::optional<Matrix> textVectors, std::optional<Matrix> itemVectors,
              RecommenderOptions options = {}, const JobControl* job = nullptr);
  ~Recommender();
  // Reads the dataset, the vectors of options.encoderId (if the project has any) and
  // the stored feedback. Throws ProjectError.
  static std::unique_ptr<Recommender> fromProject(Project& project, RecommenderOptions options = {},
                                                  const JobControl* job = nullptr);

  const Corpus& corpus() const { return corpus_; }
  const RecommenderOptions& options() const { return options_; }
  const std::string& encoderId() const { return encoderId_; }
  bool hasContent() const { return content_ != nullptr; }
  std::vector<std::string> models() const;
  // Throws std::invalid_argument for an unknown (or, without vectors, unavailable) model.
  std::vector<Recommendation> recommend(int32_t user, const RecommendRequest& request) const;
  // One model's scores for every item (raw, not normalised).
  std::vector<float> scores(int32_t user, const std::string& model, double alpha = 0.7) const;
  Explanation explain(int32_t user, int32_t item) const;
  std::string warning(const RecommendRequest& request) const;  // e.g. seed-formula with alpha 0.5

  // In memory only; the caller stores it (FeedbackStore). Not concurrent with recommend().
  void setFeedback(int32_t user, int32_t item, Feedback value);
  Feedback feedback(int32_t user, int32_t item) const;
  void setBlend(const std::vector<double>& weights);  // same order as kBlendParts
  // A trained model's embeddings (fromProject loads the newest "twotower"): one more
  // model beside the others, scored by dot product. Its id in the store, 0 = none.
  void setTrainedModel(const TrainedModel& model);
  int64_t trainedModelId() const { return trainedId_; }
  const std::vector<double>& blend() const { return blend_; }

  const GlobalClusters* clusters() const { return clusters_ ? &*clusters_ : nullptr; }
  const UserProfile* profile(int32_t user) const;
  const TrainingData& data() const { return data_; }
  // The approximate index the content model ranks with (null: exact), its measured
  // recall@10 against exact on sample users, and a one-line description of both.
  const AnnIndex* annIndex() const { return ann_.get(); }
  const AnnRecall& annRecall() const { return annRecall_; }
  std::string annSummary() const;
  // Texts of one user (rows of corpus().texts), in time order.
  std::vector<int64_t> userTexts(int32_t user) const;
  // Every parameter that made these results, as JSON.
  std::string paramsJson() const;

 private:
  const Scorer& scorer(const std::string& model) const;
  std::vector<int32_t> excludedFor(int32_t user) const;
  void buildAnnIndex(const JobControl* job);
  std::vector<ScoredItem> annContentTopK(int32_t user, const TopKOptions& o) const;
  float itemCosine(int32_t a, int32_t b) const;

  Corpus corpus_;
  RecommenderOptions options_;
  std::string encoderId_;
  std::optional<Matrix> textVectors_, itemVectors_, unitItems_;
  TrainingData data_;
  std::shared_ptr<SharedModel> popularity_, itemKnn_, mf_;
  std::shared_ptr<SharedModel> contentShared_;
  ContentScorer* content_ = nullptr;  // owned by contentShared_
  std::unique_ptr<HybridScorer> hybrid_;
  std::unique_ptr<EmbeddingScorer> trained_;
  int64_t trainedId_ = 0;
  std::vector<double> blend_;
  std::optional<GlobalClusters> clusters_;
  std::vector<int64_t> textStart_;  // per user, into corpus_.texts (sorted by user)
  std::vector<std::vector<std::string>> itemTerms_;
  std::unordered_map<std::string, int> termItems_;  // items whose text holds the term
  std::unordered_map<int64_t, Feedback> feedback_;  // key user * items + item
  std::unique_ptr<AnnIndex> ann_;
  AnnRecall annRecall_;
};

}  // namespace il
