#include "two_tower_project.h"

#include <chrono>
#include <cmath>
#include <sstream>

#include "rank/corpus.h"
#include "store/corpus_vectors.h"
#include "store/feedback_store.h"
#include "store/project.h"
#include "two_tower_json.h"

namespace il {

TrainResult trainTwoTowerOnProject(Project& project, const TrainRequest& request, const JobControl* job,
                                   const std::function<void(const TwoTowerEpoch&)>& onEpoch) {
  const auto t0 = std::chrono::steady_clock::now();
  if (job) job->report({0, 0, "reading the project"});
  const Corpus corpus = Corpus::fromDataset(project.readDataset());
  const CorpusVectors vectors = loadCorpusVectors(project, corpus, request.encoderId);
  TrainingData data = TrainingData::all(corpus, request.options.seed ? request.options.seed : 42);
  data.textVectors = &vectors.texts;
  data.itemVectors = &vectors.items;

  TwoTowerScorer scorer(request.options);
  TrainResult result;
  if (request.useFeedback) {
    std::vector<UserItemFeedback> feedback;
    for (const FeedbackRow& f : FeedbackStore(project).list()) {
      const int32_t u = corpus.findUser(f.user), i = corpus.findItem(f.item);
      if (u >= 0 && i >= 0 && f.value != Feedback::None) feedback.push_back({u, i, static_cast<int>(f.value)});
    }
    result.feedbackRows = static_cast<int64_t>(feedback.size());
    scorer.setFeedback(std::move(feedback));
  }
  if (onEpoch) scorer.setEpochCallback(onEpoch);
  scorer.fit(data, job);

  TrainedModel& m = result.model;
  m.kind = scorer.name();
  m.encoderId = vectors.encoder.id;
  m.paramsJson = scorer.paramsJson();
  m.historyJson = twoTowerHistoryJson(scorer.history());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::ostringstream metrics;
  const auto& h = scorer.history();
  const int best = scorer.bestEpoch();
  metrics << "{\"best_epoch\":" << best << ",\"epochs_run\":" << h.size() << ",\"seconds\":" << result.seconds
          << ",\"feedback_rows\":" << result.feedbackRows << ",\"recency_weight\":" << scorer.recencyWeight();
  if (best > 0 && best <= static_cast<int>(h.size()) && std::isfinite(h[static_cast<size_t>(best - 1)].valRecall))
    metrics << ",\"val_recall20\":" << h[static_cast<size_t>(best - 1)].valRecall;
  metrics << '}';
  m.metricsJson = metrics.str();
  m.userIds = corpus.users;
  for (const ItemRow& item : corpus.items) m.itemIds.push_back(item.id);
  m.userVectors = scorer.userEmbeddings();
  m.itemVectors = scorer.itemEmbeddings();
  m.state = scorer.save();
  m.id = TrainedModelStore(project).save(m);
  return result;
}

std::optional<ModelSpec> twoTowerModel(const std::string& name, TwoTowerOptions base) {
  if (name == "twotower") return ModelSpec{name, {[base] { return std::make_unique<TwoTowerScorer>(base); }}};
  if (name == "twotower-apr") {
    // Epsilon is tuned on validation unless one was given: the perturbation acts on
    // unit-norm towers at temperature 0.1, where 0.5 was far too strong on MovieLens.
    ModelSpec spec{name, {}};
    const std::vector<double> epsilons =
        base.adversarialEpsilon > 0 ? std::vector<double>{base.adversarialEpsilon} : kAprEpsilons;
    for (const double eps : epsilons) {
      TwoTowerOptions o = base;
      o.adversarialEpsilon = eps;
      spec.candidates.push_back([o] { return std::make_unique<TwoTowerScorer>(o); });
    }
    return spec;
  }
  return std::nullopt;
}

}  // namespace il
