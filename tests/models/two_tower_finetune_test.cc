// Two-tower encoder fine-tuning (TwoTowerOptions::fineTuneEncoder) with the installed
// USE-Lite model on a small world of real texts: users write about topic k and interact
// with items of topic k+1, every history token is a text, no user-id embedding (so the
// user embedding is the texts'). Off = bit-identical to a fit without a head; the
// untouched head gives the frozen fit (1e-5, the head reproduces the encoder to ~2e-7);
// fine-tuning moves the head and the user embeddings, deterministically for a seed,
// and ranks the held-out items no worse than frozen vectors; the per-step token budget.
#include <QTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <random>

#include "encoder.h"
#include "encoder_head.h"
#include "paths.h"
#include "rank/corpus.h"
#include "rank/scorer.h"
#include "two_tower.h"
#include "use_lite_encoder.h"
#include "use_lite_installed.h"

using namespace il;

namespace {

const std::vector<std::vector<std::string>> kTopics = {
    {"pizza", "pasta", "cheese", "tomato sauce", "garlic bread"},
    {"football", "goal", "referee", "penalty kick", "stadium"},
    {"guitar", "concert", "drummer", "song lyrics", "live album"},
    {"compiler", "source code", "debugger", "python script", "unit tests"}};
constexpr int kItemsPerTopic = 8, kUsersPerTopic = 4, kTrainPerUser = 5;

std::string id(const char* prefix, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%03d", prefix, i);
  return buf;
}

struct World {
  Corpus corpus;
  Matrix textVectors, itemVectors;
  TrainingData data;
  std::vector<int32_t> testItem;
  std::shared_ptr<const EncoderHead> head;
};

std::unique_ptr<World> makeWorld(Encoder& encoder) {
  auto w = std::make_unique<World>();
  std::mt19937_64 rng(5);
  Dataset d;
  const int topics = static_cast<int>(kTopics.size());
  for (int i = 0; i < topics * kItemsPerTopic; ++i) {
    const auto& words = kTopics[static_cast<size_t>(i / kItemsPerTopic)];
    d.items.push_back({id("i", i), words[static_cast<size_t>(i) % words.size()] + " " + std::to_string(i), "", "", "",
                       std::nullopt, true});
  }
  for (int u = 0; u < topics * kUsersPerTopic; ++u) {
    const int topic = u / kUsersPerTopic;
    const auto& words = kTopics[static_cast<size_t>(topic)];
    for (int e = 0; e <= kTrainPerUser; ++e) {
      const int item = ((topic + 1) % topics) * kItemsPerTopic + static_cast<int>(rng() % kItemsPerTopic);
      const std::string text = "I liked the " + words[rng() % words.size()] + " and the " + words[rng() % words.size()];
      const int64_t t = 1700000000 + 3600LL * e;
      d.interactions.push_back({id("u", u), id("i", item), std::nullopt, t});
      d.texts.push_back({id("u", u), id("i", item), text, t});
    }
  }
  w->corpus = Corpus::fromDataset(d);
  std::vector<std::string> texts, itemTexts;
  for (const CorpusText& t : w->corpus.texts) texts.push_back(t.text);
  for (const ItemRow& it : w->corpus.items) itemTexts.push_back(it.title);
  w->textVectors = encoder.encode(texts);
  w->itemVectors = encoder.encode(itemTexts);
  w->head = makeEncoderHead(encoder, texts);
  // Leave-last-out: the latest interaction (duplicates of an item collapse to one event).
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
  w->data.corpus = &w->corpus;
  w->data.seed = 3;
  w->data.setEvents(std::move(training));
  w->data.textVectors = &w->textVectors;
  w->data.itemVectors = &w->itemVectors;
  return w;
}

TwoTowerOptions options(bool fineTune) {
  TwoTowerOptions o;
  o.dim = 16;
  o.epochs = 12;
  o.batch = 32;
  o.lr = 0.01;
  o.dropout = 0;
  o.patience = 0;
  o.userIdEmbedding = false;  // the user is their texts
  o.fineTuneEncoder = fineTune;
  o.encoderLr = 1e-3;
  return o;
}

double maxAbsDiff(const Matrix& a, const Matrix& b) {
  double d = a.data.size() == b.data.size() ? 0 : 1e9;
  for (size_t i = 0; i < std::min(a.data.size(), b.data.size()); ++i) d = std::max(d, double(std::fabs(a.data[i] - b.data[i])));
  return d;
}

// Share of users whose held-out item is within the top k of their unseen items.
double recallAt(const World& w, const Scorer& s, int k) {
  int hits = 0;
  std::vector<float> scores(static_cast<size_t>(w.corpus.itemCount()));
  for (int32_t u = 0; u < w.corpus.userCount(); ++u) {
    s.score(u, scores);
    const int32_t target = w.testItem[static_cast<size_t>(u)];
    int rank = 1;
    for (int32_t j = 0; j < w.corpus.itemCount(); ++j)
      if (j != target && !w.data.userItems.contains(u, j) && scores[static_cast<size_t>(j)] >= scores[static_cast<size_t>(target)])
        ++rank;
    hits += rank <= k;
  }
  return static_cast<double>(hits) / w.corpus.userCount();
}

}  // namespace

class TwoTowerFineTuneTest : public QObject {
  Q_OBJECT

  std::unique_ptr<Encoder> encoder_;
  std::unique_ptr<World> world_;

 private slots:
  void initTestCase() {
    if (!il::test::useLiteInstalled()) return;
    EncoderSettings s;
    s.kind = "use-lite";
    encoder_ = createEncoder(s);
    world_ = makeWorld(*encoder_);
  }

  void needsAHead() {
    TwoTowerScorer s(options(true));
    Corpus c;
    TrainingData data;
    data.corpus = &c;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.fit(data));
  }

  void offIsBitIdentical() {
    IL_REQUIRE_USE_LITE();
    TwoTowerScorer plain(options(false)), withHead(options(false));
    withHead.setEncoderHead(world_->head);
    plain.fit(world_->data);
    withHead.fit(world_->data);
    QVERIFY(plain.userEmbeddings().data == withHead.userEmbeddings().data);
    QVERIFY(plain.itemEmbeddings().data == withHead.itemEmbeddings().data);
    QCOMPARE(withHead.encoderHeadChange(), 0.0);
  }

  void untouchedHeadGivesTheFrozenModel() {
    IL_REQUIRE_USE_LITE();
    TwoTowerOptions o = options(true), frozenOptions = options(false);
    o.epochs = frozenOptions.epochs = 0;
    TwoTowerScorer tuned(o), frozen(frozenOptions);
    tuned.setEncoderHead(world_->head);
    tuned.fit(world_->data);
    frozen.fit(world_->data);
    const double d = maxAbsDiff(tuned.userEmbeddings(), frozen.userEmbeddings());
    qInfo("untrained user embeddings, head vs frozen vectors: max |diff| %.2g", d);
    QVERIFY2(d <= 1e-5, qPrintable(QString::number(d)));
    QVERIFY(tuned.itemEmbeddings().data == frozen.itemEmbeddings().data);
  }

  void fineTuningMovesTheHeadDeterministically() {
    IL_REQUIRE_USE_LITE();
    TwoTowerScorer frozen(options(false)), a(options(true)), b(options(true));
    a.setEncoderHead(world_->head);
    b.setEncoderHead(world_->head);
    const auto t0 = std::chrono::steady_clock::now();
    frozen.fit(world_->data);
    const auto t1 = std::chrono::steady_clock::now();
    a.fit(world_->data);
    const auto t2 = std::chrono::steady_clock::now();
    b.fit(world_->data);
    const double sf = std::chrono::duration<double>(t1 - t0).count(), sa = std::chrono::duration<double>(t2 - t1).count();
    const double rf = recallAt(*world_, frozen, 4), ra = recallAt(*world_, a, 4);
    qInfo("fit: frozen %.2f s, fine-tuned %.2f s; head change %.3g; last train loss frozen %.4f, fine-tuned %.4f; "
          "Recall@4 frozen %.3f, fine-tuned %.3f",
          sf, sa, a.encoderHeadChange(), frozen.history().back().trainLoss, a.history().back().trainLoss, rf, ra);
    QVERIFY(a.encoderHeadChange() > 1e-4);
    QVERIFY(maxAbsDiff(a.userEmbeddings(), frozen.userEmbeddings()) > 1e-3);
    QVERIFY(a.userEmbeddings().data == b.userEmbeddings().data);
    QVERIFY(a.itemEmbeddings().data == b.itemEmbeddings().data);
    QCOMPARE(a.encoderHeadChange(), b.encoderHeadChange());
    // More trainable capacity on the same loss: it fits the training data at least as
    // well, and ranks held-out items no worse (one user's worth of slack).
    QVERIFY(a.history().back().trainLoss <= frozen.history().back().trainLoss + 1e-3);
    QVERIFY(ra >= rf - 1.0 / world_->corpus.userCount());
  }

  void tokenBudgetBoundsTheStep() {
    IL_REQUIRE_USE_LITE();
    TwoTowerOptions o = options(true);
    o.epochs = 3;
    TwoTowerScorer full(o);
    o.encoderBatchTokens = 1;  // one text a step with gradients, the rest as of the epoch
    TwoTowerScorer budget(o);
    full.setEncoderHead(world_->head);
    budget.setEncoderHead(world_->head);
    full.fit(world_->data);
    budget.fit(world_->data);
    qInfo("head change: full %.3g, one text a step %.3g", full.encoderHeadChange(), budget.encoderHeadChange());
    QVERIFY(budget.encoderHeadChange() > 0);
    QVERIFY(budget.encoderHeadChange() < full.encoderHeadChange());
  }

  void savedModelScoresWithoutTheEncoder() {
    IL_REQUIRE_USE_LITE();
    TwoTowerOptions o = options(true);
    o.epochs = 2;
    TwoTowerScorer s(o);
    s.setEncoderHead(world_->head);
    s.fit(world_->data);
    const TwoTowerScorer loaded = TwoTowerScorer::load(s.save());
    QVERIFY(loaded.options().fineTuneEncoder);
    QCOMPARE(loaded.options().encoderLr, o.encoderLr);
    QVERIFY(loaded.userEmbeddings().data == s.userEmbeddings().data);
  }
};

QTEST_APPLESS_MAIN(TwoTowerFineTuneTest)
#include "two_tower_finetune_test.moc"
