// Implicit ALS: recovers a clear block structure, is deterministic for a seed and
// independent of the thread count.
#include <QTest>
#include <algorithm>
#include <cmath>

#include "eval_test_util.h"
#include "rank/mf_scorer.h"

using namespace il;
using namespace il::test;

namespace {

// Two communities of 12 users and 12 items each. Every user has seen all items of
// their own block but one (a different one per user) and nothing of the other block.
Corpus twoBlocks() {
  std::vector<std::vector<int>> lists;
  for (int u = 0; u < 24; ++u) {
    const int block = u / 12, missing = u % 12;
    lists.emplace_back();
    for (int i = 0; i < 12; ++i)
      if (i != missing) lists.back().push_back(100 + block * 12 + i);
  }
  return corpusOfLists(lists);
}

// Two factors for two blocks; strong regularisation so no user is fitted on its own.
MfOptions small(int threads = 1) { return {2, 1.0, 10, 10, threads}; }

}  // namespace

class MfScorerTest : public QObject {
  Q_OBJECT

 private slots:
  void recoversTwoBlocks() {
    const Corpus c = twoBlocks();
    const TrainingData data = TrainingData::all(c, 7);
    MfScorer mf(small());
    mf.fit(data);
    QCOMPARE(mf.name(), std::string("mf"));
    QCOMPARE(mf.userFactors().rows, int64_t{24});
    QCOMPARE(mf.itemFactors().cols, int64_t{2});
    for (int u = 0; u < 24; ++u) {
      const int block = u / 12;
      const int32_t user = c.findUser("u" + std::to_string(u));
      const std::vector<float> s = scoresOf(mf, user, c.itemCount());
      const float unseenOwn = s[c.findItem(std::to_string(100 + block * 12 + u % 12))];
      float bestOther = -1e30f;
      for (int i = 0; i < 12; ++i)
        bestOther = std::max(bestOther, s[c.findItem(std::to_string(100 + (1 - block) * 12 + i))]);
      QVERIFY2(unseenOwn > bestOther + 0.2f, qPrintable(QStringLiteral("user %1: own %2, other %3")
                                                            .arg(u).arg(unseenOwn).arg(bestOther)));
    }
  }

  void deterministicForSeedAndThreads() {
    const Corpus c = twoBlocks();
    const TrainingData data = TrainingData::all(c, 7);
    MfScorer a(small(1)), b(small(3));
    a.fit(data);
    b.fit(data);
    QCOMPARE(a.userFactors().data, b.userFactors().data);
    QCOMPARE(a.itemFactors().data, b.itemFactors().data);
    const TrainingData otherSeed = TrainingData::all(c, 8);
    MfScorer d(small(1));
    d.fit(otherSeed);
    QVERIFY(d.itemFactors().data != a.itemFactors().data);
  }

  void itemFactorsSolveTheirNormalEquations() {
    // Item j is seen by 1 + j users: rows with few users take the n x n (Woodbury)
    // route, the others the direct f x f one; both must solve the same system.
    std::vector<Row> rows;
    for (int j = 0; j < 30; ++j)
      for (int k = 0; k <= j; ++k) rows.push_back({std::to_string((j * 7 + k * 3) % 40), std::to_string(j), k});
    const Corpus c = corpusOf(rows);
    const TrainingData data = TrainingData::all(c);
    const MfOptions o{16, 0.5, 5, 3, 2};
    MfScorer mf(o);
    mf.fit(data);
    // The last half-step solved the items: (X^T X + alpha sum_u x_u x_u^T + lambda I) y_j
    // = (1 + alpha) sum_u x_u, over the users u of item j.
    const Matrix& x = mf.userFactors();
    const Matrix& y = mf.itemFactors();
    const int f = 16;
    const SparseRows itemUsers = data.userItems.transposed();
    for (int32_t j = 0; j < c.itemCount(); ++j) {
      double worst = 0;
      for (int a = 0; a < f; ++a) {
        double lhs = o.regularization * y.at(j, a), rhs = 0;
        for (int64_t u = 0; u < x.rows; ++u) {
          double xy = 0;
          for (int b = 0; b < f; ++b) xy += x.at(u, b) * y.at(j, b);
          lhs += x.at(u, a) * xy;
        }
        for (int32_t u : itemUsers.row(j)) {
          double xy = 0;
          for (int b = 0; b < f; ++b) xy += x.at(u, b) * y.at(j, b);
          lhs += o.alpha * x.at(u, a) * xy;
          rhs += (1 + o.alpha) * x.at(u, a);
        }
        worst = std::max(worst, std::abs(lhs - rhs) / (1 + std::abs(rhs)));
      }
      QVERIFY2(worst < 1e-4, qPrintable(QStringLiteral("item %1 (%2 users): residual %3")
                                            .arg(j).arg(itemUsers.row(j).size()).arg(worst)));
    }
  }

  void paramsRecordEverySetting() {
    MfScorer mf({32, 0.01, 40, 15, 0});
    QCOMPARE(mf.paramsJson(), std::string("{\"factors\":32,\"regularization\":0.01,\"alpha\":40,\"iterations\":15}"));
  }

  void userWithoutTrainingScoresZero() {
    Corpus c = twoBlocks();
    TrainingData data = TrainingData::all(c);
    std::vector<Event> events;
    for (const Event& e : c.events)
      if (e.user != 0) events.push_back(e);
    data.setEvents(events);
    MfScorer mf(small());
    mf.fit(data);
    const std::vector<float> s = scoresOf(mf, 0, c.itemCount());
    QVERIFY(std::all_of(s.begin(), s.end(), [](float v) { return v == 0.0f; }));
  }

  void cancelledFitThrows() {
    const Corpus c = twoBlocks();
    const TrainingData data = TrainingData::all(c);
    JobControl job;
    job.cancel();
    MfScorer mf(small());
    QVERIFY_THROWS_EXCEPTION(Cancelled, mf.fit(data, &job));
  }
};

QTEST_GUILESS_MAIN(MfScorerTest)
#include "mf_scorer_test.moc"
