// The recommender on a hand-made catalog of two kinds of items (A and B) whose
// vectors are written by hand: lists exclude what the user has, explanations point at
// the right evidence, and feedback moves the ranking at once and reversibly.
#include <QTest>
#include <algorithm>

#include "interestlens_core.h"

using namespace il;

namespace {

// Kind A items point along x, kind B along z; y separates items of one kind a little.
std::vector<float> itemVec(const std::string& id) {
  const float y = 0.1f * static_cast<float>(id.back() - '0');
  return id[0] == 'a' ? std::vector<float>{1, y, 0, 0} : std::vector<float>{0, y, 1, 0};
}

struct Fixture {
  Corpus corpus;
  Matrix texts, items;
};

Fixture makeFixture() {
  Dataset d;
  for (const char* id : {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"})
    d.items.push_back({id, std::string("Item ") + id, std::string("about ") + (id[0] == 'a' ? "apples" : "bicycles"),
                       id[0] == 'a' ? "fruit|orchard" : "cycling", id[0] == 'a' ? "Food" : "Sport", std::nullopt, true});
  auto add = [&](const char* user, const char* item, int64_t t, const char* text) {
    d.interactions.push_back({user, item, 5.0, t});
    d.texts.push_back({user, item, text, t});
  };
  add("u1", "a1", 100, "crisp apples from the orchard");
  add("u1", "a2", 200, "sweet apples, great orchard fruit");
  add("u2", "b1", 100, "a fast bicycle");
  add("u2", "b2", 200, "bicycle lights for cycling at night");
  add("u3", "a1", 100, "apples again");
  add("u3", "a3", 150, "orchard apples");
  add("u3", "b1", 200, "and a bicycle");
  add("u4", "b2", 100, "cycling gloves");
  add("u4", "b3", 150, "cycling shoes");
  Fixture f;
  f.corpus = Corpus::fromDataset(d);
  f.texts = Matrix::zeros(static_cast<int64_t>(f.corpus.texts.size()), 4);
  for (size_t i = 0; i < f.corpus.texts.size(); ++i) {
    std::vector<float> v = itemVec(f.corpus.items[static_cast<size_t>(f.corpus.texts[i].item)].id);
    v[3] = 0.05f;  // texts sit a little off their item
    std::copy(v.begin(), v.end(), f.texts.row(static_cast<int64_t>(i)));
  }
  f.items = Matrix::zeros(f.corpus.itemCount(), 4);
  for (int32_t i = 0; i < f.corpus.itemCount(); ++i) {
    const auto v = itemVec(f.corpus.items[static_cast<size_t>(i)].id);
    std::copy(v.begin(), v.end(), f.items.row(i));
  }
  return f;
}

std::unique_ptr<Recommender> makeRecommender(const Fixture& f) {
  RecommenderOptions o;
  o.clusters.k = 2;
  o.mf.factors = 4;
  o.threads = 1;
  return std::make_unique<Recommender>(f.corpus, f.texts, f.items, o);
}

std::vector<std::string> ids(const std::vector<Recommendation>& recs) {
  std::vector<std::string> out;
  for (const auto& r : recs) out.push_back(r.id);
  return out;
}

}  // namespace

class RecommenderTest : public QObject {
  Q_OBJECT
  Fixture f_ = makeFixture();

 private slots:
  void listsExcludeWhatTheUserHas() {
    auto r = makeRecommender(f_);
    const int32_t u1 = f_.corpus.findUser("u1");
    for (const std::string& model : r->models()) {
      RecommendRequest q;
      q.model = model;
      q.topN = 8;
      const auto recs = r->recommend(u1, q);
      QCOMPARE(recs.size(), size_t{6});  // 8 items, 2 already reviewed
      for (const auto& rec : recs) QVERIFY2(rec.id != "a1" && rec.id != "a2", model.c_str());
      for (size_t i = 1; i < recs.size(); ++i) QVERIFY(recs[i - 1].score >= recs[i].score);
      QCOMPARE(recs.front().modelScores.size(), r->models().size());
    }
  }

  void contentRanksTheSameKindFirst() {
    auto r = makeRecommender(f_);
    RecommendRequest q;
    q.model = "content";
    q.topN = 2;
    const auto top = ids(r->recommend(f_.corpus.findUser("u1"), q));
    QCOMPARE(top, (std::vector<std::string>{"a3", "a4"}));
  }

  void thresholdCutsTheList() {
    auto r = makeRecommender(f_);
    RecommendRequest q;
    q.model = "content";
    q.topN = 8;
    q.threshold = 0.5f;  // B items are orthogonal to u1's apple texts
    for (const auto& rec : r->recommend(f_.corpus.findUser("u1"), q)) QCOMPARE(rec.id.front(), 'a');
  }

  void explanationsPointAtTheEvidence() {
    auto r = makeRecommender(f_);
    const int32_t u1 = f_.corpus.findUser("u1"), a3 = f_.corpus.findItem("a3");
    const Explanation e = r->explain(u1, a3);
    QVERIFY(!e.texts.empty());
    for (const auto& t : e.texts) QCOMPARE(f_.corpus.texts[static_cast<size_t>(t.textRow)].user, u1);
    QVERIFY(e.texts.front().similarity > 0.9f);
    QCOMPARE(e.similarItems.size(), size_t{2});
    QVERIFY(e.similarItems.front().id == "a1" || e.similarItems.front().id == "a2");
    // Knowledge links: a3 -> fruit / orchard / Food -> a1, a2.
    QVERIFY(!e.sharedTags.empty());
    for (const auto& link : e.sharedTags) QCOMPARE(link.items, (std::vector<std::string>{"a1", "a2"}));
    QVERIFY(std::find(e.sharedTerms.begin(), e.sharedTerms.end(), "apples") != e.sharedTerms.end());
    // u3 also has a1 and a3: item-kNN explains a3 for u1 by a1.
    QVERIFY(!e.cfNeighbours.empty());
    QCOMPARE(e.cfNeighbours.front().id, std::string("a1"));
    QVERIFY(e.interest >= 0);
    QVERIFY(!e.clusterLabel.empty());
    QVERIFY(!e.summary().empty());
  }

  void dislikeSuppressesLikeMovesClearRestores() {
    auto r = makeRecommender(f_);
    const int32_t u1 = f_.corpus.findUser("u1");
    RecommendRequest q;
    q.model = "content";
    q.topN = 6;
    const auto before = r->recommend(u1, q);
    const auto beforeIds = ids(before);
    QCOMPARE(beforeIds.front(), std::string("a3"));

    r->setFeedback(u1, f_.corpus.findItem("a3"), Feedback::Dislike);
    const auto afterDislike = ids(r->recommend(u1, q));
    QVERIFY(std::find(afterDislike.begin(), afterDislike.end(), "a3") == afterDislike.end());

    // Liking a bicycle pulls the other bicycles up in the content ranking.
    const int32_t b4 = f_.corpus.findItem("b4");
    const float b4Before = r->scores(u1, "content")[static_cast<size_t>(b4)];
    r->setFeedback(u1, f_.corpus.findItem("b3"), Feedback::Like);
    const float b4After = r->scores(u1, "content")[static_cast<size_t>(b4)];
    QVERIFY2(b4After > b4Before + 0.05f, qPrintable(QString("%1 -> %2").arg(b4Before).arg(b4After)));
    QCOMPARE(r->feedback(u1, f_.corpus.findItem("b3")), Feedback::Like);
    const Explanation e = r->explain(u1, b4);
    QVERIFY(!e.likedSimilar.empty());
    QCOMPARE(e.likedSimilar.front().id, std::string("b3"));

    r->setFeedback(u1, f_.corpus.findItem("a3"), Feedback::None);
    r->setFeedback(u1, f_.corpus.findItem("b3"), Feedback::None);
    const auto restored = r->recommend(u1, q);
    QCOMPARE(ids(restored), beforeIds);
    for (size_t i = 0; i < restored.size(); ++i) QCOMPARE(restored[i].score, before[i].score);
  }

  void seedFormulaWarnsAtHalf() {
    auto r = makeRecommender(f_);
    RecommendRequest q;
    q.model = "seed-formula";
    q.alpha = 0.5;
    q.topN = 6;
    QVERIFY(r->warning(q).find("alpha = 0.5") != std::string::npos);
    for (const auto& rec : r->recommend(f_.corpus.findUser("u1"), q)) QCOMPARE(rec.score, 0.5f);
    q.alpha = 1.0;
    QVERIFY(r->warning(q).empty());
    QCOMPARE(r->recommend(f_.corpus.findUser("u1"), q).front().id, std::string("a3"));
  }

  void withoutVectorsOnlyCollaborativeModels() {
    RecommenderOptions o;
    o.mf.factors = 4;
    Recommender r(f_.corpus, std::nullopt, std::nullopt, o);
    QVERIFY(!r.hasContent());
    const auto m = r.models();
    QVERIFY(std::find(m.begin(), m.end(), "content") == m.end());
    RecommendRequest q;
    q.model = "content";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.recommend(0, q));
    q.model = "hybrid";
    QCOMPARE(r.recommend(f_.corpus.findUser("u1"), q).size(), size_t{6});
  }

  void hybridStandardizesAndBlends() {
    std::vector<float> s = {1, 2, 3, 4};
    standardize(s);
    double mean = 0, sq = 0;
    for (float x : s) mean += x, sq += x * x;
    QVERIFY(std::abs(mean) < 1e-6);
    QVERIFY(std::abs(sq / 4 - 1) < 1e-5);
    std::vector<float> flat = {2, 2, 2};
    standardize(flat);
    QCOMPARE(flat, (std::vector<float>{0, 0, 0}));
    const auto grid = blendWeightGrid(3, 0.5);
    QCOMPARE(grid.size(), size_t{6});  // (1,0,0) (.5,.5,0) (.5,0,.5) (0,1,0) (0,.5,.5) (0,0,1)
    for (const auto& w : grid) QCOMPARE(w[0] + w[1] + w[2], 1.0);
  }
};

QTEST_APPLESS_MAIN(RecommenderTest)
#include "recommender_test.moc"
