#include "recommender.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>

#include "../rank/embedding_scorer.h"
#include "../rank/itemknn_scorer.h"
#include "../rank/popularity_scorer.h"
#include "../rank/top_k.h"
#include "../store/corpus_vectors.h"
#include "../store/project.h"
#include "../store/trained_model_store.h"
#include "../text/terms.h"
#include "../vec_math.h"

namespace il {

namespace {

constexpr int kEvidence = 3;  // texts, similar items and neighbours shown per item

int64_t feedbackKey(int32_t user, int32_t item, int32_t items) {
  return static_cast<int64_t>(user) * items + item;
}

std::vector<std::string> distinctTerms(const std::string& text) {
  std::vector<std::string> t = extractTerms(text);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

std::vector<double> normalizedBlend(std::vector<double> w, bool content) {
  w.resize(kBlendParts.size(), 0.0);
  if (!content) w[3] = 0;
  double sum = 0;
  for (double x : w) sum += std::max(0.0, x);
  if (sum <= 0) w = {0.0, 0.5, 0.5, 0.0}, sum = 1;
  for (double& x : w) x = std::max(0.0, x) / sum;
  return w;
}

}  // namespace

Recommender::Recommender(Corpus corpus, std::optional<Matrix> textVectors, std::optional<Matrix> itemVectors,
                         RecommenderOptions options, const JobControl* job)
    : corpus_(std::move(corpus)), options_(std::move(options)), textVectors_(std::move(textVectors)),
      itemVectors_(std::move(itemVectors)) {
  data_ = TrainingData::all(corpus_, options_.seed);
  const bool content = textVectors_ && itemVectors_ && itemVectors_->rows == corpus_.itemCount();
  if (content) {
    data_.textVectors = &*textVectors_;
    data_.itemVectors = &*itemVectors_;
    unitItems_ = *itemVectors_;
    normalizeRows(*unitItems_);
  }
  textStart_.assign(static_cast<size_t>(corpus_.userCount()) + 1, 0);
  for (const CorpusText& t : corpus_.texts) ++textStart_[static_cast<size_t>(t.user) + 1];
  for (size_t u = 0; u + 1 < textStart_.size(); ++u) textStart_[u + 1] += textStart_[u];

  auto report = [&](int64_t step, const std::string& phase) {
    if (job) job->report({step, 5, phase});
  };
  report(0, "fitting popularity");
  popularity_ = std::make_shared<SharedModel>(std::make_unique<PopularityScorer>());
  popularity_->fitOnce(data_, job);
  report(1, "fitting item-kNN");
  itemKnn_ = std::make_shared<SharedModel>(std::make_unique<ItemKnnScorer>(options_.itemKnnK, options_.threads));
  itemKnn_->fitOnce(data_, job);
  report(2, "fitting matrix factorization");
  MfOptions mf = options_.mf;
  mf.threads = options_.threads;
  mf_ = std::make_shared<SharedModel>(std::make_unique<MfScorer>(mf));
  mf_->fitOnce(data_, job);
  if (content) {
    report(3, "clustering interests");
    GlobalClusterOptions co = options_.clusters;
    bool anyText = false;
    for (size_t i = 0; i < corpus_.texts.size() && !anyText; ++i) anyText = norm(textVectors_->row(static_cast<int64_t>(i)), textVectors_->cols) > 0;
    if (anyText && corpus_.texts.size() >= static_cast<size_t>(std::max(2, co.kMin)))
      clusters_ = buildGlobalClusters(data_, co, job);
    report(4, "building interest profiles");
    auto scorer = std::make_unique<ContentScorer>(options_.content);
    content_ = scorer.get();
    if (clusters_) content_->setGlobalClusters(&*clusters_);
    contentShared_ = std::make_shared<SharedModel>(std::move(scorer));
    contentShared_->fitOnce(data_, job);
    buildAnnIndex(job);
  }
  // Terms of every item, for shared-term evidence ranked by rarity.
  itemTerms_.resize(static_cast<size_t>(corpus_.itemCount()));
  for (int32_t i = 0; i < corpus_.itemCount(); ++i) {
    itemTerms_[static_cast<size_t>(i)] = distinctTerms(itemText(corpus_.items[static_cast<size_t>(i)]));
    for (const std::string& t : itemTerms_[static_cast<size_t>(i)]) ++termItems_[t];
  }
  setBlend(options_.blend);
  report(5, "ready");
}

Recommender::~Recommender() = default;

void Recommender::setTrainedModel(const TrainedModel& model) {
  trained_ = std::make_unique<EmbeddingScorer>(corpus_, model);
  trainedId_ = model.id;
}

std::unique_ptr<Recommender> Recommender::fromProject(Project& project, RecommenderOptions options,
                                                      const JobControl* job) {
  if (job) job->report({0, 0, "reading the project"});
  Corpus corpus = Corpus::fromDataset(project.readDataset());
  std::optional<Matrix> texts, items;
  std::string encoderId;
  const bool anyVectors = !projectEncoders(project).empty();
  if (anyVectors || !options.encoderId.empty()) {
    try {
      CorpusVectors cv = loadCorpusVectors(project, corpus, options.encoderId);
      encoderId = cv.encoder.id;
      texts = std::move(cv.texts);
      items = std::move(cv.items);
    } catch (const ProjectError&) {
      if (!options.encoderId.empty()) throw;  // asked for by name: say it is not there
    }
  }
  std::vector<FeedbackRow> feedback = FeedbackStore(project).list();
  auto r = std::make_unique<Recommender>(std::move(corpus), std::move(texts), std::move(items), std::move(options), job);
  r->encoderId_ = encoderId;
  for (const FeedbackRow& f : feedback) {
    const int32_t u = r->corpus_.findUser(f.user), i = r->corpus_.findItem(f.item);
    if (u >= 0 && i >= 0) r->setFeedback(u, i, f.value);
  }
  if (auto trained = TrainedModelStore(project).latest("twotower")) r->setTrainedModel(*trained);
  return r;
}

std::vector<std::string> Recommender::models() const {
  std::vector<std::string> m = {"popularity", "itemknn", "mf"};
  if (content_) m.insert(m.end(), {"content", "seed-formula"});
  if (trained_) m.push_back(trained_->name());
  m.push_back("hybrid");
  return m;
}

void Recommender::setBlend(const std::vector<double>& weights) {
  blend_ = normalizedBlend(weights, content_ != nullptr);
  std::vector<HybridScorer::Part> parts = {{popularity_, blend_[0]}, {itemKnn_, blend_[1]}, {mf_, blend_[2]}};
  if (content_) parts.push_back({contentShared_, blend_[3]});
  hybrid_ = std::make_unique<HybridScorer>(std::move(parts));
}

const Scorer& Recommender::scorer(const std::string& model) const {
  if (model == "popularity") return popularity_->scorer();
  if (model == "itemknn") return itemKnn_->scorer();
  if (model == "mf") return mf_->scorer();
  if (model == "hybrid") return *hybrid_;
  if (trained_ && model == trained_->name()) return *trained_;
  if (model == "content") {
    if (!content_) throw std::invalid_argument("the content model needs vectors: encode the project first");
    return *content_;
  }
  throw std::invalid_argument("unknown model \"" + model + "\" (models: popularity, itemknn, mf, content, seed-formula, twotower once trained, hybrid)");
}

std::vector<float> Recommender::scores(int32_t user, const std::string& model, double alpha) const {
  std::vector<float> out(static_cast<size_t>(corpus_.itemCount()));
  if (model == "seed-formula") {
    if (!content_) throw std::invalid_argument("the seed formula needs vectors: encode the project first");
    // r = alpha*S + (1-alpha)*(1-S) with S = (1 + cos)/2, from the content profile.
    std::vector<float> cosine(out.size());
    content_->score(user, cosine);
    const UserProfile& p = content_->profile(user);
    std::vector<float> longTerm(out.size(), 0.0f);
    if (!p.longTerm.empty()) scoreRows(p.longTerm.data(), *unitItems_, longTerm, 1);
    for (size_t j = 0; j < out.size(); ++j) {
      const double s = (1.0 + longTerm[j]) / 2.0;
      out[j] = static_cast<float>(alpha * s + (1 - alpha) * (1 - s));
    }
    return out;
  }
  scorer(model).score(user, out);
  return out;
}

std::string Recommender::warning(const RecommendRequest& request) const {
  if (request.model == "seed-formula" && std::abs(request.alpha - 0.5) < 1e-12)
    return "alpha = 0.5 makes every score equal (r = 0.5 for all items): the list is in item id order";
  if ((request.model == "content" || request.model == "seed-formula") && !content_)
    return "no vectors in this project: encode it first";
  return {};
}

std::vector<int32_t> Recommender::excludedFor(int32_t user) const {
  std::vector<int32_t> ex(data_.userItems.row(user).begin(), data_.userItems.row(user).end());
  const int32_t n = corpus_.itemCount();
  for (const auto& [key, value] : feedback_)
    if (value == Feedback::Dislike && key / n == user) ex.push_back(static_cast<int32_t>(key % n));
  std::sort(ex.begin(), ex.end());
  ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
  return ex;
}

std::vector<Recommendation> Recommender::recommend(int32_t user, const RecommendRequest& request) const {
  if (user < 0 || user >= corpus_.userCount()) throw std::invalid_argument("no such user");
  const std::vector<int32_t> excluded = excludedFor(user);
  TopKOptions o;
  o.k = request.topN;
  o.threshold = request.threshold;
  o.excluded = excluded;
  // The content model on a huge catalog: candidates from the approximate index, scored
  // exactly; `main` then stays empty and the list's own scores stand for it.
  const bool approximate = request.model == "content" && ann_;
  const std::vector<float> main = approximate ? std::vector<float>() : scores(user, request.model, request.alpha);
  const std::vector<ScoredItem> top = approximate ? annContentTopK(user, o) : topK(main, o);

  std::vector<std::pair<std::string, std::vector<float>>> all;
  for (const std::string& m : models()) all.emplace_back(m, m == request.model ? main : scores(user, m, request.alpha));
  std::vector<Recommendation> out;
  for (const ScoredItem& s : top) {
    Recommendation r;
    r.rank = static_cast<int>(out.size()) + 1;
    r.item = s.item;
    r.id = corpus_.items[static_cast<size_t>(s.item)].id;
    r.title = corpus_.items[static_cast<size_t>(s.item)].title;
    r.score = s.score;
    for (const auto& [m, v] : all) r.modelScores.emplace_back(m, v.empty() ? s.score : v[static_cast<size_t>(s.item)]);
    if (request.explain) r.why = explain(user, s.item);
    else r.why.feedback = feedback(user, s.item);
    out.push_back(std::move(r));
  }
  return out;
}

void Recommender::buildAnnIndex(const JobControl* job) {
  const AnnMethod method = resolveAnnMethod(options_.ann, corpus_.itemCount());
  if (method == AnnMethod::Off || !content_ || corpus_.itemCount() < 2) return;
  if (job) job->report({0, 0, std::string("building the approximate item index (") + toString(method) + ")"});
  ann_ = std::make_unique<AnnIndex>(content_->unitItemVectors(), method, options_.ann);
  // Recall@10 on the long-term profiles of up to recallSample users, spread evenly.
  std::vector<int32_t> users;
  for (int32_t u = 0; u < corpus_.userCount(); ++u)
    if (!content_->profile(u).longTerm.empty()) users.push_back(u);
  const size_t want = std::min(users.size(), static_cast<size_t>(std::max(1, options_.ann.recallSample)));
  Matrix queries = Matrix::zeros(static_cast<int64_t>(want), content_->unitItemVectors().cols);
  for (size_t i = 0; i < want; ++i) {
    const auto& v = content_->profile(users[i * users.size() / want]).longTerm;
    std::copy(v.begin(), v.end(), queries.row(static_cast<int64_t>(i)));
  }
  annRecall_ = ann_->measureRecall(queries, 10);
}

std::string Recommender::annSummary() const {
  if (!ann_) return "exact search (" + std::to_string(corpus_.itemCount()) + " items)";
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "approximate search for the content model: %s, built in %.1f s; recall@10 %.3f against exact on %d "
                "users' profiles (%.2f ms vs %.2f ms a query)",
                ann_->describe().c_str(), ann_->buildSeconds(), annRecall_.recall, annRecall_.queries,
                annRecall_.annMsPerQuery, annRecall_.exactMsPerQuery);
  return buf;
}

std::vector<ScoredItem> Recommender::annContentTopK(int32_t user, const TopKOptions& o) const {
  // Candidates for every vector the content mode scores with, then the exact content
  // score of each candidate (the same formula as ContentScorer::score).
  const UserProfile& p = content_->profile(user);
  std::vector<const std::vector<float>*> queries;
  const ContentMode mode = content_->options().mode;
  if (mode == ContentMode::LongTerm || mode == ContentMode::Blend) queries.push_back(&p.longTerm);
  if (mode == ContentMode::ShortTerm || mode == ContentMode::Blend) queries.push_back(&p.shortTerm);
  if (mode == ContentMode::MultiInterest || mode == ContentMode::Blend) {
    if (p.interests.empty()) queries.push_back(&p.longTerm);
    for (const auto& in : p.interests) queries.push_back(&in.centroid);
  }
  std::vector<int32_t> cand;
  for (const auto* q : queries) {
    if (q->empty()) continue;
    TopKOptions each = o;
    each.threshold = -std::numeric_limits<float>::infinity();
    for (const ScoredItem& s : ann_->topK(q->data(), each)) cand.push_back(s.item);
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::vector<float> exact(cand.size());
  content_->scoreItems(user, cand, exact);
  BestItems best(o.k);
  for (size_t i = 0; i < cand.size(); ++i)
    if (exact[i] >= o.threshold) best.offer(cand[i], exact[i]);
  return best.sorted();
}

float Recommender::itemCosine(int32_t a, int32_t b) const {
  if (!unitItems_) return 0;
  return dot(unitItems_->row(a), unitItems_->row(b), unitItems_->cols);
}

std::vector<int64_t> Recommender::userTexts(int32_t user) const {
  std::vector<int64_t> rows;
  for (int64_t t = textStart_[static_cast<size_t>(user)]; t < textStart_[static_cast<size_t>(user) + 1]; ++t)
    rows.push_back(t);
  return rows;
}

Explanation Recommender::explain(int32_t user, int32_t item) const {
  Explanation e;
  e.feedback = feedback(user, item);
  const ItemRow& target = corpus_.items[static_cast<size_t>(item)];
  auto evidence = [&](int32_t i, float sim) {
    const ItemRow& it = corpus_.items[static_cast<size_t>(i)];
    return ItemEvidence{i, it.id, it.title, sim};
  };
  auto byScore = [](const auto& a, const auto& b) { return a.similarity > b.similarity; };
  const auto history = data_.userItems.row(user);

  if (content_) {
    const float* iv = unitItems_->row(item);
    const bool itemEncoded = norm(iv, unitItems_->cols) > 0;
    // The user's own texts (only usable ones: in evaluation, held-out texts are hidden).
    for (int64_t t : userTexts(user)) {
      if (!data_.textUsable[static_cast<size_t>(t)] || !itemEncoded) continue;
      const float* tv = textVectors_->row(t);
      const float n = norm(tv, textVectors_->cols);
      if (n <= 0) continue;
      const CorpusText& ct = corpus_.texts[static_cast<size_t>(t)];
      e.texts.push_back({t, corpus_.items[static_cast<size_t>(ct.item)].id, ct.text, dot(tv, iv, textVectors_->cols) / n});
    }
    // Only evidence that points toward the item counts as a reason.
    std::erase_if(e.texts, [](const TextEvidence& t) { return t.similarity <= 0; });
    std::stable_sort(e.texts.begin(), e.texts.end(), byScore);
    if (e.texts.size() > kEvidence) e.texts.resize(kEvidence);
    // The interest it matches best.
    const UserProfile& p = content_->profile(user);
    for (size_t k = 0; k < p.interests.size() && itemEncoded; ++k) {
      const float s = dot(p.interests[k].centroid.data(), iv, unitItems_->cols);
      if (e.interest < 0 || s > e.interestSimilarity) {
        e.interest = static_cast<int>(k);
        e.interestSimilarity = s;
        e.interestWeight = p.interests[k].weight;
        e.cluster = p.interests[k].globalCluster;
      }
    }
    if (e.interest >= 0 && e.interestSimilarity <= 0) e.interest = -1, e.cluster = -1;
    if (e.interest < 0 && clusters_ && itemEncoded) e.cluster = clusters_->nearest(iv);
    if (clusters_ && e.cluster >= 0 && e.cluster < clusters_->k()) e.clusterLabel = clusters_->clusters[static_cast<size_t>(e.cluster)].label;
    // The user's items most like it, and liked items most like it.
    for (int32_t i : history)
      if (i != item && itemEncoded) e.similarItems.push_back(evidence(i, itemCosine(i, item)));
    std::erase_if(e.similarItems, [](const ItemEvidence& i) { return i.similarity <= 0; });
    std::stable_sort(e.similarItems.begin(), e.similarItems.end(), byScore);
    if (e.similarItems.size() > kEvidence) e.similarItems.resize(kEvidence);
  }
  for (const auto& [key, value] : feedback_) {
    const int32_t n = corpus_.itemCount();
    if (value != Feedback::Like || key / n != user || key % n == item) continue;
    const int32_t liked = static_cast<int32_t>(key % n);
    e.likedSimilar.push_back(evidence(liked, itemCosine(liked, item)));
  }
  std::erase_if(e.likedSimilar, [](const ItemEvidence& i) { return i.similarity <= 0; });
  std::stable_sort(e.likedSimilar.begin(), e.likedSimilar.end(), [](const auto& a, const auto& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.item < b.item;
  });
  if (e.likedSimilar.size() > kEvidence) e.likedSimilar.resize(kEvidence);

  // Shared terms: in the item's text and in the user's texts (or their items' texts), rarest first.
  std::set<std::string> userTerms;
  for (int64_t t : userTexts(user))
    if (data_.textUsable[static_cast<size_t>(t)])
      for (std::string& term : extractTerms(corpus_.texts[static_cast<size_t>(t)].text)) userTerms.insert(std::move(term));
  if (userTerms.empty())
    for (int32_t i : history) userTerms.insert(itemTerms_[static_cast<size_t>(i)].begin(), itemTerms_[static_cast<size_t>(i)].end());
  std::vector<std::pair<int, std::string>> shared;
  for (const std::string& t : itemTerms_[static_cast<size_t>(item)])
    if (userTerms.count(t)) shared.emplace_back(termItems_.at(t), t);
  std::sort(shared.begin(), shared.end());
  // Shown as the item's own wording (its text is what gets highlighted), not as the stem.
  SurfaceForms itemWords;
  if (!shared.empty()) itemWords.add(analyzeTerms(itemText(target)));
  for (size_t i = 0; i < shared.size() && i < 8; ++i) e.sharedTerms.push_back(itemWords.display(shared[i].second));

  // Knowledge links: item -> tag -> the user's items with that tag.
  for (const std::string& tag : itemTags(target.tags, target.category)) {
    TagLink link{tag, {}};
    for (int32_t i : history) {
      const ItemRow& it = corpus_.items[static_cast<size_t>(i)];
      const auto tags = itemTags(it.tags, it.category);
      if (std::find(tags.begin(), tags.end(), tag) != tags.end()) link.items.push_back(it.id);
    }
    if (!link.items.empty()) e.sharedTags.push_back(std::move(link));
  }
  std::stable_sort(e.sharedTags.begin(), e.sharedTags.end(),
                   [](const TagLink& a, const TagLink& b) { return a.items.size() > b.items.size(); });
  for (TagLink& l : e.sharedTags)
    if (l.items.size() > 5) l.items.resize(5);

  // The CF neighbours behind the item-kNN score.
  const auto& knn = static_cast<const ItemKnnScorer&>(itemKnn_->scorer());
  for (const auto& n : knn.contributors(user, item)) {
    if (e.cfNeighbours.size() >= kEvidence) break;
    e.cfNeighbours.push_back(evidence(n.item, n.similarity));
  }
  return e;
}

void Recommender::setFeedback(int32_t user, int32_t item, Feedback value) {
  const int64_t key = feedbackKey(user, item, corpus_.itemCount());
  if (value == Feedback::None) feedback_.erase(key);
  else feedback_[key] = value;
  if (!content_) return;
  std::vector<int32_t> liked, disliked;
  const int32_t n = corpus_.itemCount();
  for (const auto& [k, v] : feedback_) {
    if (k / n != user) continue;
    (v == Feedback::Like ? liked : disliked).push_back(static_cast<int32_t>(k % n));
  }
  std::sort(liked.begin(), liked.end());
  std::sort(disliked.begin(), disliked.end());
  content_->setFeedback(user, liked, disliked);
}

Feedback Recommender::feedback(int32_t user, int32_t item) const {
  const auto it = feedback_.find(feedbackKey(user, item, corpus_.itemCount()));
  return it == feedback_.end() ? Feedback::None : it->second;
}

const UserProfile* Recommender::profile(int32_t user) const {
  return content_ ? &content_->profile(user) : nullptr;
}

std::string Recommender::paramsJson() const {
  std::ostringstream s;
  s << "{\"seed\":" << options_.seed << ",\"encoder\":\"" << encoderId_ << "\",\"blend\":{";
  for (size_t i = 0; i < kBlendParts.size(); ++i) s << (i ? "," : "") << '"' << kBlendParts[i] << "\":" << blend_[i];
  s << "},\"models\":{\"popularity\":" << popularity_->scorer().paramsJson()
    << ",\"itemknn\":" << itemKnn_->scorer().paramsJson() << ",\"mf\":" << mf_->scorer().paramsJson();
  if (content_) s << ",\"content\":" << content_->paramsJson();
  if (trained_) s << ",\"" << trained_->name() << "\":" << trained_->paramsJson();
  s << "}";
  if (clusters_) s << ",\"clusters\":" << clusters_->paramsJson(options_.clusters);
  s << "}";
  return s.str();
}

}  // namespace il
