// Content scorers: long-term / short-term / multi-interest / blend cosines, the seed
// formula and its alpha = 0.5 warning, reversible feedback.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <numeric>

#include "interest_test_util.h"
#include "rank/content_scorer.h"

using namespace il;
using namespace il::test;

namespace {

constexpr int kDim = 4;
constexpr int64_t kT0 = 1700000000;
constexpr int64_t kDay = 86400;

// Items by index, best first; ties by index (= id order), as lists are shown.
std::vector<int32_t> ranking(const std::vector<float>& scores) {
  std::vector<int32_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return scores[a] > scores[b]; });
  return order;
}

int rankOf(const std::vector<float>& scores, int32_t item) {
  const auto r = ranking(scores);
  return static_cast<int>(std::find(r.begin(), r.end(), item) - r.begin()) + 1;
}

struct World {
  Corpus corpus;
  Matrix textVectors, itemVectors;
  TrainingData data;
  int32_t item(const char* id) const { return corpus.findItem(id); }
  int32_t user(const char* id) const { return corpus.findUser(id); }
};

// "u" writes about axis 0 only; "two" about axis 0 (early) and axis 1 (late).
std::unique_ptr<World> makeWorld() {
  auto w = std::make_unique<World>();
  std::map<std::string, std::vector<float>> items{
      {"A", axisVector(kDim, 0)},
      {"B", unit({1, 0, 0.6f, 0})},
      {"C", unit({1, 0, 0, 0.6f})},
      {"L", unit({1, 0.6f, 0, 0})},
      {"S", unit({1, 0.7f, 0, 0.1f})},
      {"M", unit({1, 1, 0, 0})},
      {"Y", axisVector(kDim, 1)},
      {"Z", axisVector(kDim, 2)},
  };
  std::vector<TextSpec> texts;
  std::map<std::string, std::vector<float>> byText;
  for (int i = 0; i < 3; ++i) {
    const std::string t = "u" + std::to_string(i);
    byText[t] = axisVector(kDim, 0, 3, 0.01f * static_cast<float>(i));
    texts.push_back({"u", "t" + std::to_string(i), t, kT0 + i * kDay});
  }
  for (int i = 0; i < 10; ++i) {
    const std::string t = "two" + std::to_string(i);
    byText[t] = i < 5 ? axisVector(kDim, 0, 2, 0.02f * static_cast<float>(i)) : axisVector(kDim, 1, 3, 0.02f * static_cast<float>(i));
    texts.push_back({"two", "t" + std::to_string(i), t, kT0 + i * 20 * kDay});
  }
  std::vector<std::string> ids;
  for (const auto& [id, v] : items) ids.push_back(id);
  w->corpus = Corpus::fromDataset(datasetOf(texts, ids, {{"silent", "A"}}));
  w->textVectors = textVectorsOf(w->corpus, kDim, [&](const CorpusText& t) { return byText.at(t.text); });
  w->itemVectors = itemVectorsOf(w->corpus, kDim, [&](const std::string& id) {
    const auto it = items.find(id);
    return it == items.end() ? axisVector(kDim, 3) : it->second;  // t0..t9 carry no meaning here
  });
  w->data = TrainingData::all(w->corpus, 5);
  w->data.textVectors = &w->textVectors;
  w->data.itemVectors = &w->itemVectors;
  return w;
}

std::vector<float> scoresOf(const Scorer& s, int32_t user, int32_t items) {
  std::vector<float> out(static_cast<size_t>(items));
  s.score(user, out);
  return out;
}

}  // namespace

class ContentScorerTest : public QObject {
  Q_OBJECT

 private slots:
  void needsItemVectors() {
    auto w = makeWorld();
    w->data.itemVectors = nullptr;
    ContentScorer s;
    try {
      s.fit(w->data);
      QFAIL("fit() accepted data without item vectors");
    } catch (const std::runtime_error& e) {
      QVERIFY(std::string(e.what()).find("item vectors") != std::string::npos);
    }
  }

  void nearestItemFirst() {
    auto w = makeWorld();
    ContentScorer s;
    s.fit(w->data);
    const auto scores = scoresOf(s, w->user("u"), w->data.items());
    QCOMPARE(ranking(scores).front(), w->item("A"));
    QVERIFY(std::abs(scores[static_cast<size_t>(w->item("Z"))]) < 0.05f);
    QCOMPARE(s.profile(w->user("u")).source, ProfileSource::Texts);
    // The user who wrote nothing is profiled from the item they interacted with.
    QCOMPARE(s.profile(w->user("silent")).source, ProfileSource::Items);
    QCOMPARE(ranking(scoresOf(s, w->user("silent"), w->data.items())).front(), w->item("A"));
  }

  void modes() {
    auto w = makeWorld();
    const int32_t two = w->user("two");
    ContentOptions o;
    ContentScorer longTerm(o);
    longTerm.fit(w->data);
    QCOMPARE(ranking(scoresOf(longTerm, two, w->data.items())).front(), w->item("M"));  // between both interests

    o.mode = ContentMode::MultiInterest;
    o.profile.buildInterests = false;  // the mode needs them, so it builds them anyway
    ContentScorer multi(o);
    multi.fit(w->data);
    QCOMPARE(multi.profile(two).interests.size(), size_t{2});
    const auto m = scoresOf(multi, two, w->data.items());
    QVERIFY(m[static_cast<size_t>(w->item("A"))] > m[static_cast<size_t>(w->item("M"))]);
    QVERIFY(m[static_cast<size_t>(w->item("Y"))] > m[static_cast<size_t>(w->item("M"))]);

    o.mode = ContentMode::ShortTerm;
    o.profile.buildInterests = true;
    o.profile.halfLifeDays = 10;
    ContentScorer shortTerm(o);
    shortTerm.fit(w->data);
    QCOMPARE(ranking(scoresOf(shortTerm, two, w->data.items())).front(), w->item("Y"));  // the late interest

    o.mode = ContentMode::Blend;
    o.blendLongTerm = 1, o.blendShortTerm = 0, o.blendInterest = 0;
    ContentScorer blend(o);
    blend.fit(w->data);
    QCOMPARE(scoresOf(blend, two, w->data.items()), scoresOf(longTerm, two, w->data.items()));

    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(shortTerm.paramsJson())).object();
    QCOMPARE(p["mode"].toString(), QString("short-term"));
    QCOMPARE(p["halfLifeDays"].toDouble(), 10.0);
    QCOMPARE(p["maxInterests"].toInt(), 4);
    QCOMPARE(p["seed"].toString(), QString("5"));
    QCOMPARE(parseContentMode("multi-interest"), std::optional(ContentMode::MultiInterest));
    QVERIFY(!parseContentMode("nonsense"));
  }

  void seedFormula() {
    auto w = makeWorld();
    const int32_t u = w->user("u");
    SeedFormulaScorer half(0.5);
    half.fit(w->data);
    QCOMPARE(half.name(), std::string("seed-formula"));
    for (const float x : scoresOf(half, u, w->data.items())) QCOMPARE(x, 0.5f);
    QVERIFY(half.warning().find("alpha = 0.5 makes every score equal") != std::string::npos);

    SeedFormulaScorer one(1.0);
    one.fit(w->data);
    QVERIFY(one.warning().empty());
    ContentScorer cosine;
    cosine.fit(w->data);
    const auto c = scoresOf(cosine, u, w->data.items()), r = scoresOf(one, u, w->data.items());
    QCOMPARE(ranking(r), ranking(c));
    for (size_t j = 0; j < c.size(); ++j) QVERIFY(std::abs(r[j] - (1 + c[j]) / 2) < 1e-6f);

    SeedFormulaScorer zero(0.0);  // the opposite ranking
    zero.fit(w->data);
    const auto z = scoresOf(zero, u, w->data.items());
    QCOMPARE(ranking(z).back(), w->item("A"));
    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(zero.paramsJson())).object();
    QCOMPARE(p["alpha"].toDouble(), 0.0);
  }

  void feedbackIsReversible() {
    auto w = makeWorld();
    const int32_t u = w->user("u");
    ContentScorer s;
    s.fit(w->data);
    const auto before = scoresOf(s, u, w->data.items());
    const int32_t liked = w->item("L"), similar = w->item("S"), disliked = w->item("B");
    const std::vector<int32_t> up{liked}, down{disliked};
    s.setFeedback(u, up, down);
    const auto after = scoresOf(s, u, w->data.items());
    QVERIFY(rankOf(after, disliked) > rankOf(before, disliked));
    QVERIFY(after[static_cast<size_t>(disliked)] < before[static_cast<size_t>(disliked)]);
    QVERIFY(rankOf(after, similar) < rankOf(before, similar));
    QCOMPARE(s.profile(u).liked, up);
    // Again with the same feedback: applied to a fresh profile, not on top.
    s.setFeedback(u, up, down);
    QCOMPARE(scoresOf(s, u, w->data.items()), after);
    // Clearing restores the original exactly.
    s.setFeedback(u, {}, {});
    QCOMPARE(scoresOf(s, u, w->data.items()), before);
    QVERIFY(s.profile(u).liked.empty());
  }

  void parallelFitMatchesSerial() {
    auto w = makeWorld();
    ContentOptions o;
    o.mode = ContentMode::Blend;
    o.threads = 1;
    ContentScorer serial(o);
    serial.fit(w->data);
    o.threads = 2;
    ContentScorer parallel(o);
    parallel.fit(w->data);
    for (int32_t u = 0; u < w->data.users(); ++u) {
      QCOMPARE(parallel.profile(u).longTerm, serial.profile(u).longTerm);
      QCOMPARE(scoresOf(parallel, u, w->data.items()), scoresOf(serial, u, w->data.items()));
    }
  }

  void cancels() {
    auto w = makeWorld();
    JobControl job;
    job.cancel();
    ContentScorer s;
    QVERIFY_THROWS_EXCEPTION(Cancelled, s.fit(w->data, &job));
  }
};

QTEST_GUILESS_MAIN(ContentScorerTest)
#include "content_scorer_test.moc"
