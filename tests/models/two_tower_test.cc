// The two-tower recommender on a synthetic world whose answer is known: users write about
// topic k and interact with items of topic k+1 (mod 5), so text similarity alone points
// the wrong way and only training finds the held-out items. Checked against the same
// model untrained; determinism, save/load, feedback, adversarial training, BPR, recency,
// cancellation.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "rank/corpus.h"
#include "rank/scorer.h"
#include "two_tower.h"

using namespace il;

namespace {

constexpr int kDim = 8;
constexpr int kTopics = 5;
constexpr int kItemsPerTopic = 10;
constexpr int kUsersPerTopic = 6;
constexpr int kTrainPerUser = 6;  // plus one held-out test item
constexpr int64_t kT0 = 1700000000;

std::vector<float> nearAxis(int axis, std::mt19937_64& rng, float noise = 0.2f) {
  std::uniform_real_distribution<float> u(-noise, noise);
  std::vector<float> v(kDim);
  for (float& x : v) x = u(rng);
  v[static_cast<size_t>(axis)] += 1.0f;
  return v;
}

std::string id(const char* prefix, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%03d", prefix, i);
  return buf;
}

struct World {
  Corpus corpus;
  Matrix textVectors, itemVectors;
  TrainingData data;
  std::vector<int32_t> testItem;  // per user
  std::vector<int> topicOfUser, topicOfItem;
};

// `shift`: users of topic k interact with items of topic (k + shift) % 3.
// `switcher`: users write about topic k early and about topic k+1 late, and their
// items (and held-out item) follow the late topic (or the early one with lateWins false).
std::unique_ptr<World> makeWorld(int shift = 1, bool switcher = false, bool lateWins = true) {
  auto w = std::make_unique<World>();
  std::mt19937_64 rng(7);
  Dataset d;
  std::map<std::string, std::vector<float>> itemVec, textVec;
  for (int i = 0; i < kTopics * kItemsPerTopic; ++i) {
    const std::string item = id("i", i);
    d.items.push_back({item, "title " + item, "", "", "", std::nullopt, true});
    itemVec[item] = nearAxis(i / kItemsPerTopic, rng);
  }
  int textNo = 0;
  for (int u = 0; u < kTopics * kUsersPerTopic; ++u) {
    const int topic = u / kUsersPerTopic;
    std::vector<int> pool(kItemsPerTopic);
    std::iota(pool.begin(), pool.end(), 0);
    std::shuffle(pool.begin(), pool.end(), rng);
    for (int e = 0; e <= kTrainPerUser; ++e) {
      const bool late = e >= kTrainPerUser / 2;
      const int writesAbout = switcher && late ? (topic + 1) % kTopics : topic;
      int itemTopic = (topic + shift) % kTopics;
      if (switcher) itemTopic = lateWins ? (late ? (topic + 1) % kTopics : topic) : topic;
      if (switcher && e == kTrainPerUser) itemTopic = lateWins ? (topic + 1) % kTopics : topic;
      const std::string item = id("i", itemTopic * kItemsPerTopic + pool[static_cast<size_t>(e)]);
      const std::string text = "text " + std::to_string(textNo++);
      textVec[text] = nearAxis(writesAbout, rng);
      const int64_t t = kT0 + 3600LL * e;
      d.interactions.push_back({id("u", u), item, std::nullopt, t});
      d.texts.push_back({id("u", u), item, text, t});
    }
  }
  w->corpus = Corpus::fromDataset(d);
  w->textVectors = Matrix::zeros(static_cast<int64_t>(w->corpus.texts.size()), kDim);
  for (size_t i = 0; i < w->corpus.texts.size(); ++i) {
    const auto& v = textVec.at(w->corpus.texts[i].text);
    std::copy(v.begin(), v.end(), w->textVectors.row(static_cast<int64_t>(i)));
  }
  w->itemVectors = Matrix::zeros(w->corpus.itemCount(), kDim);
  for (int32_t j = 0; j < w->corpus.itemCount(); ++j) {
    const auto& v = itemVec.at(w->corpus.items[static_cast<size_t>(j)].id);
    std::copy(v.begin(), v.end(), w->itemVectors.row(j));
    w->topicOfItem.push_back(std::stoi(w->corpus.items[static_cast<size_t>(j)].id.substr(1)) / kItemsPerTopic);
  }
  // Leave-last-out: each user's latest interaction is the test item.
  w->testItem.assign(static_cast<size_t>(w->corpus.userCount()), -1);
  std::vector<int64_t> latest(static_cast<size_t>(w->corpus.userCount()), -1);
  for (const Event& e : w->corpus.events)
    if (e.time > latest[static_cast<size_t>(e.user)]) {
      latest[static_cast<size_t>(e.user)] = e.time;
      w->testItem[static_cast<size_t>(e.user)] = e.item;
    }
  std::vector<Event> training;
  for (const Event& e : w->corpus.events)
    if (e.item != w->testItem[static_cast<size_t>(e.user)]) training.push_back(e);
  for (int32_t u = 0; u < w->corpus.userCount(); ++u)
    w->topicOfUser.push_back(std::stoi(w->corpus.users[static_cast<size_t>(u)].substr(1)) / kUsersPerTopic);
  w->data.corpus = &w->corpus;
  w->data.seed = 11;
  w->data.setEvents(std::move(training));
  w->data.textVectors = &w->textVectors;
  w->data.itemVectors = &w->itemVectors;
  return w;
}

TwoTowerOptions smallOptions() {
  TwoTowerOptions o;
  o.dim = 16;
  o.epochs = 40;
  o.batch = 32;
  o.lr = 0.01;
  o.dropout = 0;
  o.patience = 0;  // no early stopping: these tests compare whole fits
  o.threads = 1;
  return o;
}

std::vector<float> scoresOf(const Scorer& s, int32_t user, int32_t items) {
  std::vector<float> out(static_cast<size_t>(items));
  s.score(user, out);
  return out;
}

// 1-based rank of `item` among the items the user has not trained on (ties: worst case).
int rankOf(const World& w, const std::vector<float>& scores, int32_t user, int32_t item) {
  int rank = 1;
  for (int32_t j = 0; j < w.corpus.itemCount(); ++j)
    if (j != item && !w.data.userItems.contains(user, j) && scores[static_cast<size_t>(j)] >= scores[static_cast<size_t>(item)])
      ++rank;
  return rank;
}

// Share of users whose held-out item ranks within the top k of their unseen items.
double recallAt(const World& w, const Scorer& s, int k) {
  int hits = 0;
  for (int32_t u = 0; u < w.corpus.userCount(); ++u) {
    const auto scores = scoresOf(s, u, w.corpus.itemCount());
    hits += rankOf(w, scores, u, w.testItem[static_cast<size_t>(u)]) <= k;
  }
  return static_cast<double>(hits) / w.corpus.userCount();
}

}  // namespace

class TwoTowerTest : public QObject {
  Q_OBJECT

 private slots:
  void learnsWhatTextSimilarityCannot() {
    auto w = makeWorld();
    // 4 unseen items of the right topic among 44: the top 4 should be those.
    TwoTowerOptions untrainedOptions = smallOptions();
    untrainedOptions.epochs = 0;
    TwoTowerScorer untrained(untrainedOptions);
    untrained.fit(w->data);
    TwoTowerScorer trained(smallOptions());
    const auto start = std::chrono::steady_clock::now();
    trained.fit(w->data);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double before = recallAt(*w, untrained, 4), after = recallAt(*w, trained, 4);
    qInfo("Recall@4 untrained %.3f, trained %.3f (random %.3f); fit %.2f s, best epoch %d of %zu", before, after,
          4.0 / 44, seconds, trained.bestEpoch(), trained.history().size());
    QVERIFY2(after >= 0.8, qPrintable(QString::number(after)));
    QVERIFY2(before <= 0.5, qPrintable(QString::number(before)));
    QVERIFY(trained.history().front().trainLoss > trained.history().back().trainLoss);
  }

  void bprLearnsToo() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    o.loss = TwoTowerLoss::Bpr;
    TwoTowerScorer s(o);
    s.fit(w->data);
    const double r = recallAt(*w, s, 4);
    qInfo("BPR Recall@4 %.3f", r);
    QVERIFY2(r >= 0.8, qPrintable(QString::number(r)));
  }

  void sameSeedSameScoresBitForBit() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    o.epochs = 8;
    o.dropout = 0.2;  // dropout draws from the seeded generator as well
    o.threads = 2;
    TwoTowerScorer a(o), b(o);
    a.fit(w->data);
    b.fit(w->data);
    QVERIFY(a.userEmbeddings().data == b.userEmbeddings().data);
    QVERIFY(a.itemEmbeddings().data == b.itemEmbeddings().data);
    for (int32_t u = 0; u < w->corpus.userCount(); ++u)
      QVERIFY(scoresOf(a, u, w->corpus.itemCount()) == scoresOf(b, u, w->corpus.itemCount()));
    QCOMPARE(a.paramsJson(), b.paramsJson());
    w->data.seed = 12;
    TwoTowerScorer c(o);
    c.fit(w->data);
    QVERIFY(c.userEmbeddings().data != a.userEmbeddings().data);
  }

  void saveLoadRoundTrip() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    o.epochs = 5;
    TwoTowerScorer s(o);
    s.fit(w->data);
    const std::string blob = s.save();
    const TwoTowerScorer loaded = TwoTowerScorer::load(blob);
    QCOMPARE(loaded.name(), std::string("twotower"));
    QCOMPARE(loaded.paramsJson(), s.paramsJson());
    QCOMPARE(loaded.history().size(), s.history().size());
    QCOMPARE(loaded.history().back().trainLoss, s.history().back().trainLoss);
    QCOMPARE(loaded.bestEpoch(), s.bestEpoch());
    QCOMPARE(loaded.recencyWeight(), s.recencyWeight());
    for (int32_t u = 0; u < w->corpus.userCount(); ++u)
      QVERIFY(scoresOf(loaded, u, w->corpus.itemCount()) == scoresOf(s, u, w->corpus.itemCount()));
    const TwoTowerScorer twice = TwoTowerScorer::load(loaded.save());  // nothing lost on the way
    for (int32_t u = 0; u < w->corpus.userCount(); ++u)
      QVERIFY(scoresOf(twice, u, w->corpus.itemCount()) == scoresOf(s, u, w->corpus.itemCount()));
    QCOMPARE(twice.paramsJson(), s.paramsJson());
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, TwoTowerScorer::load("not a model"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, TwoTowerScorer::load(blob.substr(0, blob.size() / 2)));
  }

  void dislikePushesDownLikePullsUp() {
    auto w = makeWorld();
    const int32_t user = 0, items = w->corpus.itemCount();
    TwoTowerScorer plain(smallOptions());
    plain.fit(w->data);
    const auto before = scoresOf(plain, user, items);
    // The best unseen item of the user's item topic, and an unseen item of another topic.
    int32_t disliked = -1, liked = -1;
    for (int32_t j = 0; j < items; ++j) {
      if (w->data.userItems.contains(user, j)) continue;
      const bool right = w->topicOfItem[static_cast<size_t>(j)] == (w->topicOfUser[user] + 1) % kTopics;
      if (right && (disliked < 0 || before[static_cast<size_t>(j)] > before[static_cast<size_t>(disliked)])) disliked = j;
      if (!right && liked < 0) liked = j;
    }
    const int dislikedBefore = rankOf(*w, before, user, disliked), likedBefore = rankOf(*w, before, user, liked);
    TwoTowerScorer withFeedback(smallOptions());
    withFeedback.setFeedback({{user, disliked, -1}, {user, liked, +1}});
    withFeedback.fit(w->data);
    const auto after = scoresOf(withFeedback, user, items);
    const int dislikedAfter = rankOf(*w, after, user, disliked), likedAfter = rankOf(*w, after, user, liked);
    qInfo("disliked item: rank %d -> %d; liked item: rank %d -> %d (of 44)", dislikedBefore, dislikedAfter, likedBefore,
          likedAfter);
    QCOMPARE(dislikedBefore, 1);
    QVERIFY(dislikedAfter >= dislikedBefore + 3);
    QVERIFY(likedAfter <= likedBefore - 3);
    // Another user of the same topic keeps the disliked item high: the feedback is personal.
    const int32_t other = 1;
    QVERIFY(rankOf(*w, scoresOf(withFeedback, other, items), other, disliked) <= 6 ||
            w->data.userItems.contains(other, disliked));
  }

  void adversarialRunsAndChangesTheModel() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    TwoTowerScorer plain(o);
    plain.fit(w->data);
    o.adversarialEpsilon = 0.5;
    o.adversarialWeight = 1;
    TwoTowerScorer adversarial(o);
    adversarial.fit(w->data);
    QVERIFY(adversarial.userEmbeddings().data != plain.userEmbeddings().data);
    QVERIFY(adversarial.itemEmbeddings().data != plain.itemEmbeddings().data);
    const double r = recallAt(*w, adversarial, 4);
    qInfo("adversarial Recall@4 %.3f", r);
    QVERIFY2(r >= 0.8, qPrintable(QString::number(r)));
    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(adversarial.paramsJson())).object();
    QCOMPARE(p["adversarialEpsilon"].toDouble(), 0.5);
  }

  void learnsHowMuchRecencyMatters() {
    // Interests switch half-way: when the next item follows the late topic, recent
    // texts must weigh more; when it follows the early topic, less.
    TwoTowerOptions o = smallOptions();
    o.itemIdEmbedding = false;  // the towers alone must carry it
    o.userIdEmbedding = false;
    auto late = makeWorld(0, true, true), early = makeWorld(0, true, false);
    TwoTowerScorer a(o), b(o);
    a.fit(late->data);
    b.fit(early->data);
    qInfo("recency weight: late topic wins %.3f, early topic wins %.3f", a.recencyWeight(), b.recencyWeight());
    QVERIFY(a.recencyWeight() > 0.1f);
    QVERIFY(a.recencyWeight() > b.recencyWeight() + 0.1f);
  }

  void paramsRecordEveryOption() {
    TwoTowerOptions o;
    o.dim = 24, o.loss = TwoTowerLoss::Bpr, o.seed = 99;
    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(TwoTowerScorer(o).paramsJson())).object();
    for (const char* key : {"dim", "epochs", "batch", "lr", "weightDecay", "dropout", "loss", "temperature",
                            "logQCorrection", "itemIdEmbedding", "userIdEmbedding", "adversarialEpsilon", "adversarialWeight", "patience",
                            "maxHistory", "likeWeight", "dislikeWeight", "threads", "seed"})
      QVERIFY2(p.contains(key), key);
    QCOMPARE(p["dim"].toInt(), 24);
    QCOMPARE(p["loss"].toString(), QString("bpr"));
    QCOMPARE(p["seed"].toString(), QString("99"));
  }

  void progressEarlyStopAndCancel() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    o.epochs = 60;
    o.patience = 2;
    std::vector<Progress> reports;
    JobControl job([&](const Progress& p) { reports.push_back(p); });
    std::vector<TwoTowerEpoch> seen;
    TwoTowerScorer s(o);
    s.setEpochCallback([&](const TwoTowerEpoch& e) { seen.push_back(e); });
    s.fit(w->data, &job);
    QVERIFY(!reports.empty());
    QCOMPARE(reports.size(), s.history().size());
    QCOMPARE(seen.size(), s.history().size());
    QCOMPARE(reports.front().total, int64_t{60});
    QVERIFY(QString::fromStdString(reports.front().phase).startsWith("Training: epoch 1, loss "));
    QVERIFY(QString::fromStdString(reports.front().phase).contains("val Recall@20"));
    // Stopped early: `patience` epochs after the best one.
    QVERIFY(s.history().size() < 60u);
    QCOMPARE(static_cast<int>(s.history().size()), s.bestEpoch() + 2);
    double best = -1;
    for (const auto& e : s.history()) best = std::max(best, e.valRecall);
    QCOMPARE(s.history()[static_cast<size_t>(s.bestEpoch() - 1)].valRecall, best);

    JobControl cancelled;
    cancelled.cancel();
    TwoTowerScorer c(o);
    QVERIFY_THROWS_EXCEPTION(Cancelled, c.fit(w->data, &cancelled));
  }

  void explicitValidationPairs() {
    auto w = makeWorld();
    TwoTowerOptions o = smallOptions();
    o.epochs = 3;
    TwoTowerScorer s(o);
    std::vector<std::pair<int32_t, int32_t>> pairs;
    for (int32_t u = 0; u < w->corpus.userCount(); ++u) pairs.emplace_back(u, w->testItem[static_cast<size_t>(u)]);
    s.setValidation(pairs);
    s.fit(w->data);
    QCOMPARE(s.history().size(), 3u);
    QVERIFY(s.history().back().valRecall > 0.5);  // the test items, learned as the fit goes
    QCOMPARE(s.history().front().examples, static_cast<int64_t>(w->data.events.size()));  // nothing held out
  }

  void needsItemVectors() {
    auto w = makeWorld();
    w->data.itemVectors = nullptr;
    TwoTowerScorer s;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.fit(w->data));
    TwoTowerOptions bad;
    bad.temperature = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TwoTowerScorer(bad).fit(w->data));
    std::vector<float> out(static_cast<size_t>(w->corpus.itemCount()), 1.0f);
    s.score(0, out);  // unfitted: zeros, no crash
    QVERIFY(std::all_of(out.begin(), out.end(), [](float x) { return x == 0.0f; }));
    const TwoTowerScorer empty = TwoTowerScorer::load(s.save());  // and it saves as such
    std::fill(out.begin(), out.end(), 1.0f);
    empty.score(0, out);
    QVERIFY(std::all_of(out.begin(), out.end(), [](float x) { return x == 0.0f; }));
  }
};

QTEST_APPLESS_MAIN(TwoTowerTest)
#include "two_tower_test.moc"
