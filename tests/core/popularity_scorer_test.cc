// Popularity: training interaction counts, the same list for everyone.
#include <QTest>

#include "eval/metrics.h"
#include "eval_test_util.h"
#include "rank/popularity_scorer.h"

using namespace il;
using namespace il::test;

class PopularityScorerTest : public QObject {
  Q_OBJECT

 private slots:
  void ranksMostPopularUnseenItemFirst() {
    // Item 1: 3 users, item 2: 2 users, item 3: 1 user, item 4: nobody in training.
    const Corpus c = corpusOfLists({{1, 2, 3}, {1, 2}, {1}, {}});
    TrainingData data = TrainingData::all(c);
    PopularityScorer pop;
    pop.fit(data);
    QCOMPARE(pop.name(), std::string("popularity"));
    QCOMPARE(pop.paramsJson(), std::string("{}"));
    const int32_t u2 = c.findUser("u2");  // has seen item 1 only
    const std::vector<float> s = scoresOf(pop, u2, c.itemCount());
    QCOMPARE(s[c.findItem("1")], 3.0f);
    QCOMPARE(s[c.findItem("2")], 2.0f);
    QCOMPARE(s[c.findItem("3")], 1.0f);
    std::vector<char> seen(c.itemCount(), 0);
    for (int32_t i : data.userItems.row(u2)) seen[i] = 1;
    QCOMPARE(bestCandidates(s, 1, seen), std::vector<int32_t>{c.findItem("2")});
    // Everyone gets the same scores.
    QCOMPARE(scoresOf(pop, c.findUser("u0"), c.itemCount()), s);
  }

  void countsOnlyTrainingEvents() {
    const Corpus c = corpusOfLists({{1, 2}, {2}});
    TrainingData data = TrainingData::all(c);
    data.setEvents({c.events.front()});  // u0 -> item 1 only
    PopularityScorer pop;
    pop.fit(data);
    QCOMPARE(pop.counts(), (std::vector<float>{1.0f, 0.0f}));
  }

  void cancelledFitThrows() {
    const Corpus c = corpusOfLists({{1}});
    const TrainingData data = TrainingData::all(c);
    JobControl job;
    job.cancel();
    PopularityScorer pop;
    QVERIFY_THROWS_EXCEPTION(Cancelled, pop.fit(data, &job));
  }
};

QTEST_GUILESS_MAIN(PopularityScorerTest)
#include "popularity_scorer_test.moc"
