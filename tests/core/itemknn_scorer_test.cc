// ItemKNN: cosine on the binary user x item matrix, top-k neighbours, and the
// neighbours behind each score.
#include <QTest>
#include <cmath>

#include "eval_test_util.h"
#include "rank/itemknn_scorer.h"

using namespace il;
using namespace il::test;

namespace {
// Items 1..5. Users of each item: 1 {u0,u1,u4}, 2 {u0,u1,u5}, 3 {u2,u3}, 4 {u2,u3}, 5 {u4}.
// cos(1,2) = 2/sqrt(3*3) = 2/3, cos(1,5) = 1/sqrt(3*1), cos(3,4) = 2/2 = 1, others 0.
Corpus sample() { return corpusOfLists({{1, 2}, {1, 2}, {3, 4}, {3, 4}, {1, 5}, {2}}); }
bool near(float a, double b) { return std::abs(a - b) < 1e-6; }
}  // namespace

class ItemKnnScorerTest : public QObject {
  Q_OBJECT

 private slots:
  void cosineNeighbours() {
    const Corpus c = sample();
    const TrainingData data = TrainingData::all(c);
    ItemKnnScorer knn(10, 2);
    knn.fit(data);
    const auto n1 = knn.neighbours(c.findItem("1"));
    QCOMPARE(n1.size(), size_t{2});  // items with no common user are not neighbours
    QCOMPARE(n1[0].item, c.findItem("2"));
    QVERIFY(near(n1[0].similarity, 2.0 / 3.0));
    QCOMPARE(n1[1].item, c.findItem("5"));
    QVERIFY(near(n1[1].similarity, 1 / std::sqrt(3.0)));
    const auto n3 = knn.neighbours(c.findItem("3"));
    QCOMPARE(n3.size(), size_t{1});
    QCOMPARE(n3[0].item, c.findItem("4"));
    QVERIFY(near(n3[0].similarity, 1.0));
  }

  void recommendsTheCoConsumedItem() {
    const Corpus c = sample();
    const TrainingData data = TrainingData::all(c);
    ItemKnnScorer knn(10, 1);
    knn.fit(data);
    const int32_t u5 = c.findUser("u5");  // has item 2 only
    const std::vector<float> s = scoresOf(knn, u5, c.itemCount());
    QVERIFY(near(s[c.findItem("1")], 2.0 / 3.0));  // co-consumed with 2 by u0 and u1
    QCOMPARE(s[c.findItem("3")], 0.0f);
    QCOMPARE(s[c.findItem("4")], 0.0f);
    QCOMPARE(s[c.findItem("5")], 0.0f);
    // u4 has items 1 and 5: item 2 is reached through 1 only.
    const int32_t u4 = c.findUser("u4");
    QVERIFY(near(scoresOf(knn, u4, c.itemCount())[c.findItem("2")], 2.0 / 3.0));
  }

  void keepsOnlyTopKNeighbours() {
    const Corpus c = sample();
    const TrainingData data = TrainingData::all(c);
    ItemKnnScorer knn(1);
    knn.fit(data);
    QCOMPARE(knn.paramsJson(), std::string("{\"k\":1}"));
    QCOMPARE(knn.neighbours(c.findItem("1")).size(), size_t{1});
    // Item 5 is only a second neighbour of 1: with k = 1 a user of 1 gets nothing for 5...
    const int32_t u0 = c.findUser("u0");
    QCOMPARE(scoresOf(knn, u0, c.itemCount())[c.findItem("5")], 0.0f);
    // ...but 1 is 5's only neighbour, so a user of 5 gets 1.
    QVERIFY(near(knn.neighbours(c.findItem("5"))[0].similarity, 1 / std::sqrt(3.0)));
  }

  void contributorsExplainTheScore() {
    // u0 has 1, 2, 3; item 4 shares a user with 1 and with 3.
    const Corpus c = corpusOfLists({{1, 2, 3}, {1, 4}, {3, 4}, {2}});
    const TrainingData data = TrainingData::all(c);
    ItemKnnScorer knn(10);
    knn.fit(data);
    const int32_t u0 = c.findUser("u0"), item4 = c.findItem("4");
    // Users: 1 {u0,u1}, 2 {u0,u3}, 3 {u0,u2}, 4 {u1,u2}: cos(1,4) = cos(3,4) = 1/2, cos(2,4) = 0.
    const auto why = knn.contributors(u0, item4);
    QCOMPARE(why.size(), size_t{2});
    QCOMPARE(why[0].item, c.findItem("1"));  // equal similarity: lower index first
    QCOMPARE(why[1].item, c.findItem("3"));
    QVERIFY(near(why[0].similarity, 0.5));
    float sum = 0;
    for (const auto& n : why) sum += n.similarity;
    QVERIFY(near(scoresOf(knn, u0, c.itemCount())[item4], sum));
    QVERIFY(knn.contributors(c.findUser("u3"), item4).empty());
  }

  void sameResultForAnyThreadCount() {
    std::vector<std::vector<int>> lists;
    for (int u = 0; u < 60; ++u) {
      lists.emplace_back();
      for (int i = 0; i < 300; ++i)
        if ((u * 7 + i * 13) % 11 < 3) lists.back().push_back(i);
    }
    const Corpus c = corpusOfLists(lists);
    const TrainingData data = TrainingData::all(c);
    ItemKnnScorer one(20, 1), three(20, 3);
    one.fit(data);
    three.fit(data);
    for (int32_t u = 0; u < c.userCount(); u += 7)
      QCOMPARE(scoresOf(one, u, c.itemCount()), scoresOf(three, u, c.itemCount()));
  }

  void cancelledFitThrows() {
    const Corpus c = sample();
    const TrainingData data = TrainingData::all(c);
    JobControl job;
    job.cancel();
    ItemKnnScorer knn;
    QVERIFY_THROWS_EXCEPTION(Cancelled, knn.fit(data, &job));
  }
};

QTEST_GUILESS_MAIN(ItemKnnScorerTest)
#include "itemknn_scorer_test.moc"
