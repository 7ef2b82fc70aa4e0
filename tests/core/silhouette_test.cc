// Silhouette with cosine distance (checked by hand and against the O(n^2) definition)
// and choosing k by it.
#include <QTest>

#include "interest/silhouette.h"
#include "interest_test_util.h"
#include "vec_math.h"

using namespace il;
using namespace il::test;

namespace {

// The textbook definition, pair by pair.
double bruteSilhouette(const Matrix& rows, const std::vector<int32_t>& a, int32_t k) {
  double total = 0;
  for (int64_t i = 0; i < rows.rows; ++i) {
    std::vector<double> sum(static_cast<size_t>(k), 0.0);
    std::vector<int64_t> n(static_cast<size_t>(k), 0);
    for (int64_t j = 0; j < rows.rows; ++j) {
      if (j == i) continue;
      sum[static_cast<size_t>(a[j])] += 1.0 - dot(rows.row(i), rows.row(j), rows.cols);
      ++n[static_cast<size_t>(a[j])];
    }
    const int32_t own = a[static_cast<size_t>(i)];
    if (n[static_cast<size_t>(own)] == 0) continue;
    const double ai = sum[static_cast<size_t>(own)] / n[static_cast<size_t>(own)];
    double bi = 1e300;
    for (int32_t c = 0; c < k; ++c)
      if (c != own && n[static_cast<size_t>(c)] > 0) bi = std::min(bi, sum[static_cast<size_t>(c)] / n[static_cast<size_t>(c)]);
    total += (bi - ai) / std::max(ai, bi);
  }
  return total / rows.rows;
}

}  // namespace

class SilhouetteTest : public QObject {
  Q_OBJECT

 private slots:
  void handComputedFourPoints() {
    // p0 = (1,0), p1 = (0.6,0.8), p2 = (0,1), p3 = (-1,0); clusters {p0,p1} and {p2,p3}.
    // Cosine distances: d01 = 0.4, d02 = 1, d03 = 2, d12 = 0.2, d13 = 1.6, d23 = 1.
    // s0 = (1.5-0.4)/1.5, s1 = (0.9-0.4)/0.9, s2 = (0.6-1)/1, s3 = (1.8-1)/1.8.
    Matrix rows = Matrix::zeros(4, 2);
    rows.data = {1, 0, 0.6f, 0.8f, 0, 1, -1, 0};
    const std::vector<int32_t> a{0, 0, 1, 1};
    const double expected = ((1.1 / 1.5) + (0.5 / 0.9) + (-0.4) + (0.8 / 1.8)) / 4;  // = 1/3
    QVERIFY(std::abs(meanSilhouette(rows, a, 2) - expected) < 1e-6);
  }

  void singletonsAndOneCluster() {
    Matrix rows = Matrix::zeros(3, 2);
    rows.data = {1, 0, 0.8f, 0.6f, 0, 1};
    // {p0,p1} and the singleton {p2}: p2 scores 0.
    const std::vector<int32_t> a{0, 0, 1};
    QVERIFY(std::abs(meanSilhouette(rows, a, 2) - bruteSilhouette(rows, a, 2)) < 1e-6);
    QCOMPARE(meanSilhouette(rows, std::vector<int32_t>{0, 0, 0}, 1), 0.0);
    QCOMPARE(meanSilhouette(rows, std::vector<int32_t>{1, 1, 1}, 2), 0.0);  // one non-empty cluster
  }

  void matchesDefinitionOnRandomPartitions() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(5, {12, 9, 14}, 21, truth, 0.7f);
    std::mt19937_64 rng(4);
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<int32_t> a(static_cast<size_t>(rows.rows));
      for (auto& x : a) x = static_cast<int32_t>(rng() % 4);
      QVERIFY(std::abs(meanSilhouette(rows, a, 4) - bruteSilhouette(rows, a, 4)) < 1e-5);
    }
    QVERIFY(std::abs(meanSilhouette(rows, truth, 3) - bruteSilhouette(rows, truth, 3)) < 1e-5);
  }

  void chooseKFindsThreeBlobs() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(10, {25, 30, 20}, 8, truth);
    const KChoice c = chooseK(rows, 2, 7, 42);
    QCOMPARE(c.k, 3);
    QVERIFY(samePartition(c.clustering.assignment, truth));
    QCOMPARE(c.tried.size(), size_t{6});
    for (const auto& [k, s] : c.tried) QVERIFY(s <= c.silhouette);
  }

  void chooseKOnSampleStillFitsAllRows() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(10, {300, 200, 250, 250}, 2, truth);
    ChooseKOptions o;
    o.kMin = 2, o.kMax = 6, o.sampleRows = 200;
    const KChoice c = chooseK(rows, o);
    QCOMPARE(c.k, 4);
    QCOMPARE(c.clustering.assignment.size(), size_t{1000});
    QVERIFY(samePartition(c.clustering.assignment, truth));
  }

  void oneClusterWhenThereIsNoStructure() {
    std::vector<int32_t> truth;
    const Matrix one = blobs(10, {40}, 3, truth, 0.3f);
    ChooseKOptions o;
    o.kMin = 1, o.kMax = 4;
    QCOMPARE(chooseK(one, o).k, 1);
    const Matrix two = blobs(10, {20, 20}, 3, truth);
    QCOMPARE(chooseK(two, o).k, 2);
  }
};

QTEST_GUILESS_MAIN(SilhouetteTest)
#include "silhouette_test.moc"
