// Fair-tie ranking metrics, top-K lists and catalog coverage, against hand-computed cases.
#include <QTest>
#include <cmath>
#include <limits>

#include "eval/metrics.h"

using namespace il;

namespace {
bool near(double a, double b) { return std::abs(a - b) < 1e-12; }
}  // namespace

class EvalMetricsTest : public QObject {
  Q_OBJECT

 private slots:
  void countsHigherAndTiedCandidates() {
    //                 0    1    2    3    4    5    6
    const std::vector<float> s{0.5f, 0.9f, 0.5f, 0.5f, 0.1f, 0.9f, 0.5f};
    HeldOutRank r = heldOutRank(s, 0);
    QCOMPARE(r.higher, int64_t{2});  // items 1, 5
    QCOMPARE(r.tied, int64_t{3});    // items 2, 3, 6 (not the item itself)
    const std::vector<char> excluded{0, 1, 0, 0, 0, 0, 1};  // hide items 1 and 6
    r = heldOutRank(s, 0, excluded);
    QCOMPARE(r.higher, int64_t{1});
    QCOMPARE(r.tied, int64_t{2});
  }

  void nanScoresCountAsLowest() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> s{nan, 1.0f, nan, -std::numeric_limits<float>::infinity()};
    const HeldOutRank r = heldOutRank(s, 0);
    QCOMPARE(r.higher, int64_t{1});  // item 1
    QCOMPARE(r.tied, int64_t{2});    // item 2 (NaN) and item 3 (-inf)
  }

  void tiesAreExpectations() {
    // g = 2, e = 3: rank uniform on 3, 4, 5, 6 (probability 1/4 each).
    const HeldOutRank r{2, 3};
    // K = 3: only rank 3 is a hit -> recall 1/4; NDCG = 1/4 * 1/log2(4) = 1/8.
    QVERIFY(near(recallAtK(r, 3), 0.25));
    QVERIFY(near(ndcgAtK(r, 3), 0.125));
    // K = 5: ranks 3, 4, 5 hit -> recall 3/4; NDCG = 1/4 (1/log2 4 + 1/log2 5 + 1/log2 6).
    QVERIFY(near(recallAtK(r, 5), 0.75));
    QVERIFY(near(ndcgAtK(r, 5), 0.25 * (0.5 + 1 / std::log2(5.0) + 1 / std::log2(6.0))));
    // K >= 6: always a hit; NDCG averages all four ranks.
    QVERIFY(near(recallAtK(r, 6), 1.0));
    QVERIFY(near(recallAtK(r, 100), 1.0));
    QVERIFY(near(ndcgAtK(r, 100), 0.25 * (0.5 + 1 / std::log2(5.0) + 1 / std::log2(6.0) + 1 / std::log2(7.0))));
    // K = 2: best possible rank is 3 -> nothing.
    QVERIFY(near(recallAtK(r, 2), 0.0));
    QVERIFY(near(ndcgAtK(r, 2), 0.0));
  }

  void untiedRanks() {
    QVERIFY(near(recallAtK({0, 0}, 1), 1.0));
    QVERIFY(near(ndcgAtK({0, 0}, 1), 1.0));  // rank 1: 1/log2(2)
    QVERIFY(near(ndcgAtK({1, 0}, 10), 1 / std::log2(3.0)));
    QVERIFY(near(recallAtK({10, 0}, 10), 0.0));  // rank 11
    QVERIFY(near(recallAtK({9, 0}, 10), 1.0));   // rank 10
    // g = 0, e = 1, K = 1: rank 1 or 2 -> half a hit, NDCG 1/2 * 1.
    QVERIFY(near(recallAtK({0, 1}, 1), 0.5));
    QVERIFY(near(ndcgAtK({0, 1}, 1), 0.5));
  }

  void manyTiesStayCheapAndExact() {
    // A popularity-like case: 9000 items tied at zero, 4 above.
    const HeldOutRank r{4, 9000};
    QVERIFY(near(recallAtK(r, 10), 6.0 / 9001.0));  // ranks 5..10
  }

  void bestCandidatesBreakTiesByIndex() {
    const std::vector<float> s{1, 3, 3, 2, 3};
    QCOMPARE(bestCandidates(s, 3), (std::vector<int32_t>{1, 2, 4}));
    QCOMPARE(bestCandidates(s, 4), (std::vector<int32_t>{1, 2, 4, 3}));
    const std::vector<char> excluded{0, 0, 1, 0, 0};
    QCOMPARE(bestCandidates(s, 3, excluded), (std::vector<int32_t>{1, 4, 3}));
    QCOMPARE(bestCandidates(s, 10, excluded), (std::vector<int32_t>{1, 4, 3, 0}));
    QCOMPARE(bestCandidates(s, 0), std::vector<int32_t>{});
  }

  void coverageCountsDistinctItemsInFirstK() {
    const std::vector<std::vector<int32_t>> lists{{0, 1, 2}, {1, 3, 4}};
    QVERIFY(near(catalogCoverage(lists, 1, 10), 0.2));  // {0, 1}
    QVERIFY(near(catalogCoverage(lists, 2, 10), 0.3));  // {0, 1, 3}
    QVERIFY(near(catalogCoverage(lists, 3, 10), 0.5));  // {0, 1, 2, 3, 4}
    QVERIFY(near(catalogCoverage(lists, 20, 10), 0.5));
    QVERIFY(near(catalogCoverage({}, 10, 10), 0.0));
  }
};

QTEST_GUILESS_MAIN(EvalMetricsTest)
#include "eval_metrics_test.moc"
