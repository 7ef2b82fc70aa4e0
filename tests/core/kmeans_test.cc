// Spherical k-means: recovers separated blobs exactly, repeats itself per seed and
// thread count, copes with too few rows or duplicates, and stops when cancelled.
#include <QTest>
#include <cmath>

#include "interest/kmeans.h"
#include "interest_test_util.h"
#include "vec_math.h"

using namespace il;
using namespace il::test;

class KMeansTest : public QObject {
  Q_OBJECT

 private slots:
  void recoversBlobs() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(8, {30, 20, 25}, 7, truth);
    for (uint64_t seed : {1ull, 2ull, 42ull}) {
      KMeansOptions o;
      o.k = 3, o.seed = seed;
      const KMeansResult r = sphericalKMeans(rows, o);
      QCOMPARE(r.k(), 3);
      QVERIFY(r.converged);
      QVERIFY(samePartition(r.assignment, truth));
      std::vector<int64_t> sizes = r.sizes;
      std::sort(sizes.begin(), sizes.end());
      QCOMPARE(sizes, (std::vector<int64_t>{20, 25, 30}));
      for (int32_t c = 0; c < r.k(); ++c) QVERIFY(std::abs(norm(r.centroids.row(c), 8) - 1.0f) < 1e-5f);
      // Inertia is the sum of 1 - cos to the own centroid.
      double inertia = 0;
      for (int64_t i = 0; i < rows.rows; ++i)
        inertia += 1.0 - dot(rows.row(i), r.centroids.row(r.assignment[static_cast<size_t>(i)]), 8);
      QVERIFY(std::abs(inertia - r.inertia) < 1e-4);
    }
  }

  void recoversUnevenHighDimensionalGroups() {
    // Like sentence vectors: within a group cos is only ~0.6, so plain k-means++ often
    // seeds two centroids in one big group and none in a small one.
    const int dim = 128, groups = 12;
    std::mt19937_64 rng(1);
    auto gauss = [&] {  // Box-Muller on our own uniform draws: the same on every platform
      const double u1 = (static_cast<double>(rng() >> 11) + 1) * 0x1.0p-53, u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
      return static_cast<float>(std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2));
    };
    std::vector<std::vector<float>> centers(groups, std::vector<float>(dim));
    for (auto& c : centers)
      for (auto& x : c) x = gauss();
    std::vector<int32_t> truth;
    for (int g = 0; g < groups; ++g)
      for (int i = 0; i < (g % 3 == 2 ? 60 : 120); ++i) truth.push_back(g);
    Matrix rows = Matrix::zeros(static_cast<int64_t>(truth.size()), dim);
    for (size_t i = 0; i < truth.size(); ++i)
      for (int d = 0; d < dim; ++d) rows.row(static_cast<int64_t>(i))[d] = centers[static_cast<size_t>(truth[i])][static_cast<size_t>(d)] + 0.8f * gauss();
    normalizeRows(rows);
    KMeansOptions o;
    o.k = groups, o.restarts = 3;
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      o.seed = seed;
      QVERIFY2(samePartition(sphericalKMeans(rows, o).assignment, truth), std::to_string(seed).c_str());
    }
  }

  void deterministicPerSeed() {
    std::vector<int32_t> truth;
    // Overlapping blobs, so different seeds can end differently but one seed cannot.
    const Matrix rows = blobs(6, {40, 40, 40, 40}, 3, truth, 0.9f);
    KMeansOptions o;
    o.k = 5, o.seed = 11;
    const KMeansResult a = sphericalKMeans(rows, o), b = sphericalKMeans(rows, o);
    QCOMPARE(a.assignment, b.assignment);
    QCOMPARE(a.centroids.data, b.centroids.data);
    QCOMPARE(a.inertia, b.inertia);
  }

  void sameResultOnAnyThreadCount() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(16, {400, 300, 300}, 5, truth, 0.8f);  // enough rows for 2 threads
    KMeansOptions o;
    o.k = 4, o.seed = 9, o.threads = 1;
    const KMeansResult one = sphericalKMeans(rows, o);
    o.threads = 2;
    const KMeansResult two = sphericalKMeans(rows, o);
    QCOMPARE(one.assignment, two.assignment);
    QCOMPARE(one.centroids.data, two.centroids.data);
    QCOMPARE(one.iterations, two.iterations);
  }

  void kCappedByRowsAndDistinctRows() {
    Matrix rows = Matrix::zeros(3, 2);
    rows.data = {1, 0, 0, 1, 1, 0};  // two distinct rows
    KMeansOptions o;
    o.k = 10;
    const KMeansResult r = sphericalKMeans(rows, o);
    QCOMPARE(r.k(), 2);
    QCOMPARE(r.assignment[0], r.assignment[2]);
    QVERIFY(r.assignment[0] != r.assignment[1]);
    QVERIFY(r.inertia < 1e-6);

    const KMeansResult none = sphericalKMeans(Matrix::zeros(0, 4), o);
    QCOMPARE(none.k(), 0);
    QVERIFY(none.assignment.empty());
  }

  void nearestCentroidPicksLargestDot() {
    Matrix c = Matrix::zeros(3, 2);
    c.data = {1, 0, 0, 1, -1, 0};
    const float v[2] = {0.2f, 0.9f};
    QCOMPARE(nearestCentroid(c, v), 1);
  }

  void cancels() {
    std::vector<int32_t> truth;
    const Matrix rows = blobs(8, {50, 50}, 1, truth);
    JobControl job;
    job.cancel();
    KMeansOptions o;
    o.k = 2;
    QVERIFY_THROWS_EXCEPTION(Cancelled, sphericalKMeans(rows, o, &job));
  }
};

QTEST_GUILESS_MAIN(KMeansTest)
#include "kmeans_test.moc"
