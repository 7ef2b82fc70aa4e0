// Top-k selection: ties by item index, threshold, exclusions, and the blocked
// dot-product forms against a brute-force ranking.
#include <QTest>
#include <algorithm>
#include <random>

#include "interestlens_core.h"

using namespace il;

namespace {
Matrix randomRows(int64_t rows, int64_t dim, uint64_t seed) {
  Matrix m = Matrix::zeros(rows, dim);
  std::mt19937_64 rng(seed);
  for (float& x : m.data) x = static_cast<float>(static_cast<int64_t>(rng() % 2001) - 1000) / 1000.0f;
  return m;
}
std::vector<ScoredItem> bruteForce(const float* q, const Matrix& items, int k, const std::vector<int32_t>& ex) {
  std::vector<ScoredItem> all;
  for (int64_t j = 0; j < items.rows; ++j)
    if (!std::binary_search(ex.begin(), ex.end(), static_cast<int32_t>(j)))
      all.push_back({static_cast<int32_t>(j), dot(q, items.row(j), items.cols)});
  std::sort(all.begin(), all.end(), betterThan);
  all.resize(std::min<size_t>(all.size(), static_cast<size_t>(k)));
  return all;
}
}  // namespace

class TopKTest : public QObject {
  Q_OBJECT
 private slots:
  void tiesGoToTheLowerItemIndex() {
    const std::vector<float> s = {1, 3, 3, 2, 3};
    TopKOptions o;
    o.k = 3;
    const auto top = topK(s, o);
    QCOMPARE(top.size(), size_t{3});
    QCOMPARE(top[0].item, 1);
    QCOMPARE(top[1].item, 2);
    QCOMPARE(top[2].item, 4);
  }
  void thresholdAndExclusions() {
    const std::vector<float> s = {0.9f, 0.1f, 0.8f, 0.7f, 0.5f};
    const std::vector<int32_t> ex = {0, 3};
    TopKOptions o;
    o.k = 10;
    o.threshold = 0.5f;
    o.excluded = ex;
    const auto top = topK(s, o);
    QCOMPARE(top.size(), size_t{2});  // 0 and 3 excluded, 1 below the threshold
    QCOMPARE(top[0].item, 2);
    QCOMPARE(top[1].item, 4);
  }
  void nanScoresNeverRank() {
    const std::vector<float> s = {std::nanf(""), 1.0f};
    TopKOptions o;
    o.k = 2;
    const auto top = topK(s, o);
    QCOMPARE(top.size(), size_t{1});
    QCOMPARE(top[0].item, 1);
  }
  void blockedDotMatchesBruteForce() {
    const Matrix items = randomRows(20000, 24, 1), q = randomRows(3, 24, 2);
    const std::vector<int32_t> ex = {5, 17, 900, 19999};
    for (int threads : {1, 2}) {
      TopKOptions o;
      o.k = 15;
      o.excluded = ex;
      const auto got = topKDot(q.row(0), items, o, threads);
      const auto want = bruteForce(q.row(0), items, 15, ex);
      QCOMPARE(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) QCOMPARE(got[i].item, want[i].item);
    }
  }
  void batchMatchesOneByOne() {
    const Matrix items = randomRows(3000, 16, 3), users = randomRows(37, 16, 4);
    std::vector<std::vector<int32_t>> ex(37);
    for (int32_t u = 0; u < 37; ++u) ex[static_cast<size_t>(u)] = {u, u + 100};
    const auto batch = topKDotBatch(users, items, 7, ex, 2);
    QCOMPARE(batch.size(), size_t{37});
    for (int32_t u = 0; u < 37; ++u) {
      const auto want = bruteForce(users.row(u), items, 7, ex[static_cast<size_t>(u)]);
      QCOMPARE(batch[static_cast<size_t>(u)].size(), want.size());
      for (size_t i = 0; i < want.size(); ++i) QCOMPARE(batch[static_cast<size_t>(u)][i].item, want[i].item);
    }
  }
};

QTEST_APPLESS_MAIN(TopKTest)
#include "top_k_test.moc"
