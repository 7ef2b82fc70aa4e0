// 2-D projections: PCA recovers a known plane (order, explained variance, signs, both
// covariance paths), t-SNE separates blobs, repeats itself per seed whatever the thread
// count, steps in pieces exactly as at once, and stops when cancelled.
#include <QElapsedTimer>
#include <QTest>
#include <cmath>
#include <random>

#include "interest/projection.h"
#include "interest_test_util.h"
#include "vec_math.h"

using namespace il;
using namespace il::test;

namespace {

struct Rng {
  std::mt19937_64 engine;
  explicit Rng(uint64_t seed) : engine(seed) {}
  double uniform() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
  double gauss() {  // Box-Muller on our own uniform draws
    const double u1 = 1 - uniform(), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
  }
};

// Points a*3*u + b*v + noise on a plane through `offset` spanned by orthonormal u, v.
Matrix planePoints(int64_t n, int dim, std::vector<float>& u, std::vector<float>& v, double noise = 0.01) {
  Rng rng(3);
  u.assign(static_cast<size_t>(dim), 0), v.assign(static_cast<size_t>(dim), 0);
  for (auto& x : u) x = static_cast<float>(rng.gauss());
  for (auto& x : v) x = static_cast<float>(rng.gauss());
  u = unit(u);
  const float uv = dot(u.data(), v.data(), dim);
  for (int i = 0; i < dim; ++i) v[static_cast<size_t>(i)] -= uv * u[static_cast<size_t>(i)];
  v = unit(v);
  Matrix m = Matrix::zeros(n, dim);
  for (int64_t r = 0; r < n; ++r) {
    const double a = 3 * rng.gauss(), b = rng.gauss();
    for (int i = 0; i < dim; ++i)
      m.row(r)[i] = static_cast<float>(5.0 + a * u[static_cast<size_t>(i)] + b * v[static_cast<size_t>(i)] + noise * rng.gauss());
  }
  return m;
}

// Gaussian blobs around random centres; truth[i] = blob of row i.
Matrix gaussianBlobs(int dim, int blobs, int per, double spread, std::vector<int>& truth, uint64_t seed = 5) {
  Rng rng(seed);
  std::vector<std::vector<double>> centre(static_cast<size_t>(blobs), std::vector<double>(static_cast<size_t>(dim)));
  for (auto& c : centre)
    for (auto& x : c) x = rng.gauss();
  Matrix m = Matrix::zeros(blobs * per, dim);
  truth.clear();
  for (int b = 0; b < blobs; ++b)
    for (int i = 0; i < per; ++i) {
      const int64_t r = static_cast<int64_t>(truth.size());
      truth.push_back(b);
      for (int d = 0; d < dim; ++d) m.row(r)[d] = static_cast<float>(centre[static_cast<size_t>(b)][static_cast<size_t>(d)] + spread * rng.gauss());
    }
  return m;
}

// Share of each point's `k` nearest map neighbours that come from its own blob.
double knnPurity(const std::vector<float>& xy, const std::vector<int>& truth, int k = 10) {
  const int64_t n = static_cast<int64_t>(truth.size());
  int64_t same = 0;
  for (int64_t i = 0; i < n; ++i) {
    std::vector<std::pair<double, int64_t>> d;
    for (int64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = xy[static_cast<size_t>(2 * i)] - xy[static_cast<size_t>(2 * j)];
      const double dy = xy[static_cast<size_t>(2 * i + 1)] - xy[static_cast<size_t>(2 * j + 1)];
      d.push_back({dx * dx + dy * dy, j});
    }
    std::partial_sort(d.begin(), d.begin() + k, d.end());
    for (int m = 0; m < k; ++m) same += truth[static_cast<size_t>(d[static_cast<size_t>(m)].second)] == truth[static_cast<size_t>(i)];
  }
  return static_cast<double>(same) / static_cast<double>(n * k);
}

// Each blob's points are closer to their own centroid than to any other blob's.
bool blobsSeparate(const std::vector<float>& xy, const std::vector<int>& truth, int blobs) {
  std::vector<double> cx(static_cast<size_t>(blobs)), cy(static_cast<size_t>(blobs)), count(static_cast<size_t>(blobs));
  for (size_t i = 0; i < truth.size(); ++i) {
    cx[static_cast<size_t>(truth[i])] += xy[2 * i], cy[static_cast<size_t>(truth[i])] += xy[2 * i + 1], count[static_cast<size_t>(truth[i])] += 1;
  }
  for (int b = 0; b < blobs; ++b) cx[static_cast<size_t>(b)] /= count[static_cast<size_t>(b)], cy[static_cast<size_t>(b)] /= count[static_cast<size_t>(b)];
  for (size_t i = 0; i < truth.size(); ++i) {
    int best = 0;
    double bestD = 1e300;
    for (int b = 0; b < blobs; ++b) {
      const double d = std::hypot(xy[2 * i] - cx[static_cast<size_t>(b)], xy[2 * i + 1] - cy[static_cast<size_t>(b)]);
      if (d < bestD) bestD = d, best = b;
    }
    if (best != truth[i]) return false;
  }
  return true;
}

double absDot(const float* a, const std::vector<float>& b) {
  return std::abs(dot(a, b.data(), static_cast<int64_t>(b.size())));
}

}  // namespace

class ProjectionTest : public QObject {
  Q_OBJECT

 private slots:
  void pcaRecoversPlane() {
    std::vector<float> u, v;
    const Matrix m = planePoints(2000, 20, u, v);
    const PcaResult r = pca(m);
    QCOMPARE(r.points.rows, m.rows);
    QCOMPARE(r.points.cols, int64_t{2});
    QVERIFY(absDot(r.components.row(0), u) > 0.9999);
    QVERIFY(absDot(r.components.row(1), v) > 0.9999);
    QVERIFY(r.variance[0] > r.variance[1]);
    // Variances 9 and 1 (sampled), noise 20 * 1e-4 on top.
    QVERIFY(std::abs(r.variance[0] / r.variance[1] - 9) < 1.5);
    QVERIFY(r.explained(0) + r.explained(1) > 0.999);
    QVERIFY(r.explained(0) > 0.85);
    // The largest-magnitude entry of each direction is positive.
    for (int c = 0; c < 2; ++c) {
      const float* w = r.components.row(c);
      int64_t big = 0;
      for (int64_t i = 1; i < 20; ++i)
        if (std::abs(w[i]) > std::abs(w[big])) big = i;
      QVERIFY(w[big] > 0);
      QVERIFY(std::abs(norm(w, 20) - 1) < 1e-5f);
    }
    // project() gives a row's coordinates; coordinates are centred.
    float xy[2];
    r.project(m.row(17), xy);
    QVERIFY(std::abs(xy[0] - r.points.row(17)[0]) < 1e-4f && std::abs(xy[1] - r.points.row(17)[1]) < 1e-4f);
    double mean0 = 0;
    for (int64_t i = 0; i < r.points.rows; ++i) mean0 += r.points.row(i)[0];
    QVERIFY(std::abs(mean0 / static_cast<double>(r.points.rows)) < 1e-3);
  }

  void pcaWideDataUsesTheSameDirections() {
    // Wider than 2048 columns: the covariance is applied through the data, not formed.
    std::vector<float> u, v;
    const Matrix m = planePoints(300, 2100, u, v, 0.001);
    const PcaResult r = pca(m);
    QVERIFY(absDot(r.components.row(0), u) > 0.999);
    QVERIFY(absDot(r.components.row(1), v) > 0.999);
    QVERIFY(r.explained(0) + r.explained(1) > 0.99);
  }

  void pcaRepeatsAndHandlesDegenerateInput() {
    std::vector<float> u, v;
    const Matrix m = planePoints(500, 3, u, v, 0);  // exactly rank 2
    const PcaResult a = pca(m), b = pca(m);
    QCOMPARE(a.points.data, b.points.data);
    PcaOptions one;
    one.threads = 1;
    const PcaResult c = pca(m, one);
    QCOMPARE(a.points.data, c.points.data);  // thread count does not matter
    QVERIFY(a.explained(0) + a.explained(1) > 0.999999);
    Matrix single = Matrix::zeros(1, 4);
    const PcaResult s = pca(single);
    QCOMPARE(s.points.rows, int64_t{1});
    QCOMPARE(s.points.row(0)[0], 0.0f);
    QCOMPARE(pca(Matrix::zeros(0, 4)).points.rows, int64_t{0});
  }

  void tsneSeparatesBlobs() {
    std::vector<int> truth;
    const Matrix m = gaussianBlobs(50, 3, 200, 0.3, truth);
    TsneOptions o;
    o.maxIterations = 600;
    TsneState t(m, o);
    QCOMPARE(t.size(), int64_t{600});
    QCOMPARE(t.neighbours(), 90);
    QCOMPARE(t.learningRate(), 200.0);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(t.step(10000), 600);
    QVERIFY(t.finished());
    QCOMPARE(t.step(5), 0);
    const std::vector<float> xy = t.coordinates();
    const double purity = knnPurity(xy, truth);
    qInfo("600 points: %lld ms, kNN purity %.4f", static_cast<long long>(clock.elapsed()), purity);
    QVERIFY(purity > 0.95);
    QVERIFY(blobsSeparate(xy, truth, 3));
    for (float c : xy) QVERIFY(std::isfinite(c));
  }

  void tsneRepeatsPerSeedAndSteps() {
    std::vector<int> truth;
    const Matrix m = gaussianBlobs(50, 3, 200, 0.3, truth);
    TsneOptions o;
    TsneState once(m, o), pieces(m, o);
    QCOMPARE(once.step(200), 200);
    QCOMPARE(pieces.step(100), 100);
    QCOMPARE(pieces.iteration(), 100);
    QCOMPARE(pieces.step(100), 100);
    QCOMPARE(once.coordinates(), pieces.coordinates());
    o.threads = 1;
    TsneState single(m, o);
    single.step(200);
    QCOMPARE(once.coordinates(), single.coordinates());
    o.seed = 7, o.pcaInit = false;
    TsneState other(m, o);
    other.step(200);
    QVERIFY(once.coordinates() != other.coordinates());
    TsneState other2(m, o);
    other2.step(200);
    QCOMPARE(other.coordinates(), other2.coordinates());
  }

  void tsneOnReducedNeighbourSpace() {
    // The large-input path (neighbours on PCA dimensions), forced on a small input.
    std::vector<int> truth;
    const Matrix m = gaussianBlobs(80, 4, 100, 0.3, truth, 9);
    TsneOptions o;
    o.exactUpTo = 10, o.pcaDimensions = 20, o.maxIterations = 500;
    TsneState t(m, o);
    t.step(500);
    QVERIFY(knnPurity(t.coordinates(), truth) > 0.95);
  }

  void tsneTinyInputs() {
    for (int64_t n : {0, 1, 2, 5}) {
      std::vector<int> truth;
      Matrix m = gaussianBlobs(4, 1, static_cast<int>(n), 1.0, truth);
      TsneState t(m);
      t.step(50);
      QCOMPARE(static_cast<int64_t>(t.coordinates().size()), 2 * n);
      for (float c : t.coordinates()) QVERIFY(std::isfinite(c));
    }
  }

  void cancels() {
    std::vector<int> truth;
    const Matrix m = gaussianBlobs(20, 2, 100, 0.3, truth);
    JobControl cancelled;
    cancelled.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, TsneState(m, {}, &cancelled));
    QVERIFY_THROWS_EXCEPTION(Cancelled, pca(m, {}, &cancelled));
    TsneState t(m);
    t.step(20);
    QVERIFY_THROWS_EXCEPTION(Cancelled, t.step(20, &cancelled));
    QCOMPARE(t.iteration(), 20);  // nothing half-done
    TsneState u(m);
    u.step(40);
    t.step(20);
    QCOMPARE(t.coordinates(), u.coordinates());
  }

  void timingLarge() {
    // Opt-in: IL_TSNE_BENCH=n points (e.g. 10000) of IL_TSNE_BENCH_DIM-d (64) blobs, 1000 iterations.
    const int n = qEnvironmentVariableIntValue("IL_TSNE_BENCH");
    const int dim = qEnvironmentVariableIsSet("IL_TSNE_BENCH_DIM") ? qEnvironmentVariableIntValue("IL_TSNE_BENCH_DIM") : 64;
    if (n <= 0) QSKIP("set IL_TSNE_BENCH=points to time t-SNE");
    std::vector<int> truth;
    const Matrix m = gaussianBlobs(dim, 10, n / 10, 0.5, truth);
    QElapsedTimer clock;
    clock.start();
    TsneState t(m);
    const qint64 prepared = clock.elapsed();
    t.step(250);
    const qint64 early = clock.elapsed() - prepared;
    t.step(750);
    qInfo("t-SNE %d x %d: affinities %lld ms, 250 iterations %lld ms, 1000 total %lld ms, kNN purity %.3f", n, dim,
          static_cast<long long>(prepared), static_cast<long long>(early), static_cast<long long>(clock.elapsed()),
          n <= 20000 ? knnPurity(t.coordinates(), truth) : 0.0);
    QElapsedTimer p;
    p.start();
    pca(m);
    qInfo("PCA %d x %d: %lld ms", n, dim, static_cast<long long>(p.elapsed()));
  }
};

QTEST_GUILESS_MAIN(ProjectionTest)
#include "projection_test.moc"
