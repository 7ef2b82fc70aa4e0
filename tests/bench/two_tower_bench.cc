// Two-tower training throughput and quality.
//   BM_TwoTowerFitSynthetic: a MovieLens-sized synthetic problem (610 users, 9,742
//     items, 100,000 interactions, 384-d item vectors, no texts, so every history token
//     is an item vector), two epochs; examples/s per thread count and loss.
//   BM_TwoTowerMovieLens/N: ml-latest-small ratings + movies (../shared/data), TF-IDF/LSA
//     item vectors (128-d), leave-last-out evaluation: /0 popularity, mf and twotower with
//     default options, /1.. twotower with one option changed (see variant()). Recall@20,
//     NDCG@10 and fit seconds of each.
// Run: build/tests/bench/two_tower_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "eval/cf_models.h"
#include "eval/evaluator.h"
#include "interestlens_core.h"
#include "io/importer.h"
#include "tfidf_encoder.h"
#include "two_tower.h"

namespace {

struct Synthetic {
  il::Corpus corpus;
  il::Matrix itemVectors;
  il::TrainingData data;
};

// Items around 50 topics; each user draws ~164 interactions from 2-3 topics, a popular
// head inside each topic (Zipf-like), times in order.
const Synthetic& synthetic() {
  static const Synthetic* s = [] {
    auto* w = new Synthetic;
    constexpr int kUsers = 610, kItems = 9742, kTopics = 50, kDim = 384, kEvents = 100000;
    std::mt19937_64 rng(3);
    std::normal_distribution<float> gauss;
    il::Matrix topics = il::Matrix::zeros(kTopics, kDim);
    for (float& x : topics.data) x = gauss(rng);
    il::normalizeRows(topics);
    il::Dataset d;
    w->itemVectors = il::Matrix::zeros(kItems, kDim);
    for (int j = 0; j < kItems; ++j) {
      d.items.push_back({std::to_string(j), "", "", "", "", std::nullopt, true});
      for (int k = 0; k < kDim; ++k) w->itemVectors.row(j)[k] = topics.row(j % kTopics)[k] + 0.5f * gauss(rng) / 20;
    }
    std::uniform_int_distribution<int> topic(0, kTopics - 1);
    const int perTopic = kItems / kTopics;
    for (int u = 0; u < kUsers; ++u) {
      const int t[3] = {topic(rng), topic(rng), topic(rng)};
      const int n = kEvents / kUsers;
      std::vector<char> seen(kItems, 0);
      for (int e = 0; e < n; ++e) {
        const double r = std::uniform_real_distribution<double>(0, 1)(rng);
        const int rank = static_cast<int>(std::pow(r, 3.0) * perTopic);  // head-heavy
        const int item = t[e % 3] + kTopics * std::min(rank, perTopic - 1);
        if (seen[static_cast<size_t>(item)]++) continue;
        d.interactions.push_back({std::to_string(u), std::to_string(item), std::nullopt, 1000000LL + e});
      }
    }
    w->corpus = il::Corpus::fromDataset(d);
    // Item rows follow the corpus's id order.
    il::Matrix ordered = il::Matrix::zeros(kItems, kDim);
    for (int32_t j = 0; j < w->corpus.itemCount(); ++j) {
      const int original = std::stoi(w->corpus.items[static_cast<size_t>(j)].id);
      std::copy(w->itemVectors.row(original), w->itemVectors.row(original) + kDim, ordered.row(j));
    }
    w->itemVectors = std::move(ordered);
    w->data = il::TrainingData::all(w->corpus, 42);
    w->data.itemVectors = &w->itemVectors;
    return w;
  }();
  return *s;
}

void BM_TwoTowerFitSynthetic(benchmark::State& state) {
  const Synthetic& s = synthetic();
  il::TwoTowerOptions o;
  o.epochs = 2;
  o.patience = 100;
  o.threads = static_cast<int>(state.range(0));
  int64_t examples = 0;
  double loss = 0;
  for (auto _ : state) {
    il::TwoTowerScorer t(o);
    t.fit(s.data);
    for (const auto& e : t.history()) examples += e.examples;
    loss = t.history().back().trainLoss;
  }
  state.counters["examples/s"] = benchmark::Counter(static_cast<double>(examples), benchmark::Counter::kIsRate);
  state.counters["interactions"] = static_cast<double>(s.data.events.size());
  state.counters["loss"] = loss;
}
BENCHMARK(BM_TwoTowerFitSynthetic)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

il::ModelSpec twoTowerModel(il::TwoTowerOptions o) {
  return {"twotower", {[o] { return std::make_unique<il::TwoTowerScorer>(o); }}};
}

struct MovieLens {
  il::Corpus corpus;
  il::Matrix itemVectors;
  bool ok = false;
  std::string error;
};

const MovieLens& movieLens() {
  static const MovieLens* m = [] {
    auto* w = new MovieLens;
    il::ImportOptions io;
    io.interactionFiles = {IL_SHARED_DIR "/data/ml-latest-small/ratings.csv"};
    io.itemFiles = {IL_SHARED_DIR "/data/ml-latest-small/movies.csv"};
    const il::ImportResult imported = il::readImport(io);
    w->ok = imported.ok;
    w->error = imported.error;
    if (!w->ok) return w;
    w->corpus = il::Corpus::fromDataset(imported.data);
    std::vector<std::string> texts;
    for (const auto& item : w->corpus.items) texts.push_back(il::itemText(item));
    il::TfidfEncoder encoder({128, 50000, 0, 42});
    encoder.fit(texts);
    w->itemVectors = encoder.encode(texts);
    return w;
  }();
  return *m;
}

// Arg 0: popularity, mf and twotower with default options; 1..: one twotower option changed.
il::TwoTowerOptions variant(int64_t v, std::string& label) {
  il::TwoTowerOptions o;
  switch (v) {
    case 1: label = "logQ off", o.logQCorrection = false; break;
    case 2: label = "no user ids", o.userIdEmbedding = false; break;
    case 3: label = "no item ids", o.itemIdEmbedding = false; break;
    case 4: label = "bpr", o.loss = il::TwoTowerLoss::Bpr; break;
    case 5: label = "adversarial 0.1", o.adversarialEpsilon = 0.1; break;
    case 6: label = "maxHistory 20", o.maxHistory = 20; break;
    default: label = "defaults";
  }
  return o;
}

void BM_TwoTowerMovieLens(benchmark::State& state) {
  const MovieLens& ml = movieLens();
  if (!ml.ok) {
    state.SkipWithError(ml.error.c_str());
    return;
  }
  il::EvalOptions eo;
  eo.itemVectors = &ml.itemVectors;
  eo.threads = 2;
  std::string label;
  const il::TwoTowerOptions o = variant(state.range(0), label);
  std::vector<il::ModelSpec> models{twoTowerModel(o)};
  if (state.range(0) == 0) models.insert(models.begin(), {il::popularityModel(), il::mfModel(2)});
  for (auto _ : state) {
    const il::EvalReport r = il::evaluate(ml.corpus, eo, models);
    for (const il::ModelResult& m : r.results) {
      std::printf("%-11s %-16s Recall@20 %.4f  NDCG@10 %.4f  (validation NDCG@10 %.4f)  fit %.1f s  %s\n",
                  m.model.c_str(), m.model == "twotower" ? label.c_str() : "", m.atK[1].recall, m.atK[0].ndcg,
                  m.validationNdcg, m.fitSeconds, m.paramsJson.c_str());
      state.counters[m.model + " R@20"] = m.atK[1].recall;
      state.counters[m.model + " fit_s"] = m.fitSeconds;
    }
  }
  state.SetLabel(label);
}
BENCHMARK(BM_TwoTowerMovieLens)->DenseRange(0, 6)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// Amazon All_Beauty 5-core: reviews as the users' texts (TF-IDF/LSA over reviews and
// item texts together), so history tokens are text vectors; content vs mf vs twotower.
void BM_TwoTowerAllBeauty(benchmark::State& state) {
  il::ImportOptions io;
  io.interactionFiles = {IL_SHARED_DIR "/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz"};
  const il::ImportResult imported = il::readImport(io);
  if (!imported.ok) {
    state.SkipWithError(imported.error.c_str());
    return;
  }
  const il::Corpus corpus = il::Corpus::fromDataset(imported.data);
  std::vector<std::string> texts, itemTexts;
  for (const auto& t : corpus.texts) texts.push_back(t.text);
  for (const auto& item : corpus.items) itemTexts.push_back(il::itemText(item));
  // Items without a catalog row have no text of their own: the mean of their reviews stands for them.
  il::TfidfEncoder encoder({128, 50000, 0, 42});
  std::vector<std::string> all = texts;
  all.insert(all.end(), itemTexts.begin(), itemTexts.end());
  encoder.fit(all);
  const il::Matrix textVectors = encoder.encode(texts);
  il::Matrix itemVectors = encoder.encode(itemTexts);
  for (int32_t j = 0; j < corpus.itemCount(); ++j) {
    if (il::norm(itemVectors.row(j), itemVectors.cols) > 0) continue;
    for (size_t i = 0; i < corpus.texts.size(); ++i)
      if (corpus.texts[i].item == j)
        for (int64_t k = 0; k < itemVectors.cols; ++k) itemVectors.row(j)[k] += textVectors.at(static_cast<int64_t>(i), k);
  }
  il::EvalOptions eo;
  eo.textVectors = &textVectors;
  eo.itemVectors = &itemVectors;
  eo.threads = 2;
  const std::vector<il::ModelSpec> models{il::popularityModel(), il::mfModel(2), twoTowerModel({})};
  for (auto _ : state) {
    const il::EvalReport r = il::evaluate(corpus, eo, models);
    std::printf("All_Beauty: %d users, %d items\n", r.users, r.items);
    for (const il::ModelResult& m : r.results) {
      std::printf("%-11s Recall@20 %.4f  NDCG@10 %.4f  (validation NDCG@10 %.4f)  fit %.1f s  %s\n", m.model.c_str(),
                  m.atK[1].recall, m.atK[0].ndcg, m.validationNdcg, m.fitSeconds, m.paramsJson.c_str());
      state.counters[m.model + " R@20"] = m.atK[1].recall;
    }
  }
}
BENCHMARK(BM_TwoTowerAllBeauty)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
