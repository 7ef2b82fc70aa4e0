// ItemIndex: the int8 scan with exact rescoring returns exactly the brute-force float
// top-k (same items, scores, order) on random data, with exclusions and thresholds, with
// many exact ties, across threads, and with either int8 kernel.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "interestlens_core.h"

using namespace il;

namespace {
Matrix normalRows(int64_t rows, int64_t dim, uint64_t seed, bool unit) {
  Matrix m = Matrix::zeros(rows, dim);
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> n;
  for (float& x : m.data) x = n(rng);
  if (unit) normalizeRows(m);
  return m;
}

std::vector<ScoredItem> bruteForce(const float* q, const Matrix& items, const TopKOptions& o) {
  std::vector<ScoredItem> all;
  for (int64_t j = 0; j < items.rows; ++j) {
    if (std::binary_search(o.excluded.begin(), o.excluded.end(), static_cast<int32_t>(j))) continue;
    const float s = dot(q, items.row(j), items.cols);
    if (!std::isnan(s) && s >= o.threshold) all.push_back({static_cast<int32_t>(j), s});
  }
  std::sort(all.begin(), all.end(), betterThan);
  all.resize(std::min<size_t>(all.size(), static_cast<size_t>(std::max(0, o.k))));
  return all;
}

// Same items, bit-identical scores, same order.
bool sameList(const std::vector<ScoredItem>& got, const std::vector<ScoredItem>& want) {
  if (got.size() != want.size()) {
    qWarning("size %zu, want %zu", got.size(), want.size());
    return false;
  }
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i].item != want[i].item || got[i].score != want[i].score) {
      qWarning("rank %zu: item %d (%.9g), want %d (%.9g)", i, got[i].item, static_cast<double>(got[i].score),
               want[i].item, static_cast<double>(want[i].score));
      return false;
    }
  return true;
}

// Runs plain, with exclusions of the true best items, and with a threshold that cuts the
// list short, for several queries, k and thread counts.
void checkAgainstBruteForce(const Matrix& items, const Matrix& queries, const std::vector<int>& threadCounts) {
  const ItemIndex index(items);
  for (int64_t u = 0; u < queries.rows; ++u) {
    const float* q = queries.row(u);
    for (int k : {1, 10, 100}) {
      TopKOptions plain;
      plain.k = k;
      const auto want = bruteForce(q, items, plain);
      // Exclude every other true winner plus some fixed items, so the next ones must be found.
      std::vector<int32_t> ex = {0, 1, 7, static_cast<int32_t>(items.rows - 1)};
      for (size_t i = 0; i < want.size(); i += 2) ex.push_back(want[i].item);
      std::sort(ex.begin(), ex.end());
      ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
      TopKOptions excluded = plain;
      excluded.excluded = ex;
      TopKOptions thresholded = plain;
      thresholded.threshold = want[want.size() / 3].score;  // keeps about a third
      TopKOptions both = excluded;
      both.threshold = thresholded.threshold;
      for (const TopKOptions* o : {&plain, &excluded, &thresholded, &both}) {
        const auto ref = bruteForce(q, items, *o);
        for (int t : threadCounts) {
          const auto got = index.topK(q, *o, t);
          if (!sameList(got, ref))
            QFAIL(qPrintable(QString("query %1 k %2 threads %3 excluded %4 threshold %5")
                                 .arg(u)
                                 .arg(k)
                                 .arg(t)
                                 .arg(o->excluded.size())
                                 .arg(static_cast<double>(o->threshold))));
        }
      }
    }
  }
}
}  // namespace

class ItemIndexTest : public QObject {
  Q_OBJECT
 private slots:
  void cleanup() { detail::forcePortableInt8Kernel(false); }

  void randomSmallDimMatchesBruteForce() {
    checkAgainstBruteForce(normalRows(50000, 64, 1, false), normalRows(4, 64, 2, false), {1, 2});
  }
  void randomUnitVectorsDim384MatchBruteForce() {
    checkAgainstBruteForce(normalRows(20000, 384, 3, true), normalRows(4, 384, 4, true), {1, 2});
  }
  void twoThreadsSplitTheCatalog() {
    // Above 2 x 65,536 rows the scan really runs on two threads and merges their lists.
    checkAgainstBruteForce(normalRows(140000, 40, 5, true), normalRows(3, 40, 6, true), {1, 2});
  }
  void portableKernelMatchesBruteForce() {
    detail::forcePortableInt8Kernel(true);
    QVERIFY(!detail::usingAvx2Int8Kernel());
    checkAgainstBruteForce(normalRows(20000, 384, 7, true), normalRows(3, 384, 8, true), {1, 2});
  }
  void rescoresFewItems() {
    const Matrix items = normalRows(20000, 384, 9, true), q = normalRows(1, 384, 10, true);
    const ItemIndex index(items);
    TopKOptions o;
    o.k = 10;
    QVERIFY(sameList(index.topK(q.row(0), o, 1), bruteForce(q.row(0), items, o)));
    qInfo("rescored %lld of %lld items", static_cast<long long>(ItemIndex::lastRescored()),
          static_cast<long long>(items.rows));
    QVERIFY(ItemIndex::lastRescored() >= 10);
    QVERIFY(ItemIndex::lastRescored() < items.rows / 20);
  }

  void manyExactTiesGoToTheLowerIndex() {
    // 6 distinct rows repeated at random: every score occurs thousands of times, exactly.
    const Matrix distinct = normalRows(6, 48, 11, true);
    Matrix items = Matrix::zeros(140000, 48);
    std::mt19937_64 rng(12);
    for (int64_t j = 0; j < items.rows; ++j)
      std::copy_n(distinct.row(static_cast<int64_t>(rng() % 6)), 48, items.row(j));
    const ItemIndex index(items);
    const Matrix queries = normalRows(3, 48, 13, false);
    for (int64_t u = 0; u < queries.rows; ++u)
      for (int k : {5, 300}) {
        TopKOptions o;
        o.k = k;
        const std::vector<int32_t> ex = {2, 3, 5, 70000, 70001};
        o.excluded = ex;
        const auto want = bruteForce(queries.row(u), items, o);
        for (int t : {1, 2}) {
          const auto got = index.topK(queries.row(u), o, t);
          QVERIFY(sameList(got, want));
          for (size_t i = 1; i < got.size(); ++i)
            if (got[i].score == got[i - 1].score) QVERIFY(got[i].item > got[i - 1].item);
        }
      }
    // All rows equal: the list is simply the lowest indices not excluded.
    Matrix same = Matrix::zeros(1000, 48);
    for (int64_t j = 0; j < same.rows; ++j) std::copy_n(distinct.row(0), 48, same.row(j));
    const ItemIndex sameIndex(same);
    TopKOptions o;
    o.k = 4;
    const std::vector<int32_t> ex = {0, 2};
    o.excluded = ex;
    const auto got = sameIndex.topK(distinct.row(1), o);
    QCOMPARE(got.size(), size_t{4});
    QCOMPARE(got[0].item, 1);
    QCOMPARE(got[1].item, 3);
    QCOMPARE(got[2].item, 4);
    QCOMPARE(got[3].item, 5);
  }

  void kernelsAgree() {
    // Both kernels sum integers exactly, so they agree bit for bit, for every length
    // (tails, the 16-wide step) and at the extreme codes.
    if (!__builtin_cpu_supports("avx2")) QSKIP("no AVX2 on this CPU");
    QVERIFY(detail::usingAvx2Int8Kernel());
    std::mt19937_64 rng(14);
    for (int64_t d : {1, 7, 15, 16, 17, 31, 32, 33, 48, 64, 100, 384, 385, 10000}) {
      std::vector<int16_t> u(static_cast<size_t>(d));
      std::vector<int8_t> c(static_cast<size_t>(d));
      for (int rep = 0; rep < 20; ++rep) {
        int64_t exact = 0;
        for (size_t i = 0; i < u.size(); ++i) {
          u[i] = rep == 0 ? int16_t{16383} : static_cast<int16_t>(static_cast<int>(rng() % 32767) - 16383);
          c[i] = rep == 0 ? int8_t{-127} : static_cast<int8_t>(static_cast<int>(rng() % 255) - 127);
          exact += static_cast<int64_t>(u[i]) * c[i];
        }
        const float fast = detail::dotInt8(u.data(), c.data(), d);
        detail::forcePortableInt8Kernel(true);
        const float portable = detail::dotInt8(u.data(), c.data(), d);
        detail::forcePortableInt8Kernel(false);
        QCOMPARE(fast, static_cast<float>(exact));
        QCOMPARE(portable, static_cast<float>(exact));
      }
    }
  }

  void oddInputsFollowTheFloatScan() {
    Matrix items = normalRows(3000, 20, 15, true);
    items.row(10)[3] = std::numeric_limits<float>::infinity();
    items.row(20)[0] = std::nanf("");
    for (int c = 0; c < 20; ++c) items.row(30)[c] = 0;  // zero row scores exactly 0
    items.row(40)[5] = 1e30f;                             // huge but finite
    const ItemIndex index(items);
    const Matrix q = normalRows(1, 20, 16, true);
    std::vector<float> zero(20, 0.0f);
    for (int k : {0, 1, 5, 5000}) {
      TopKOptions o;
      o.k = k;
      QVERIFY(sameList(index.topK(q.row(0), o), bruteForce(q.row(0), items, o)));
      QVERIFY(sameList(index.topK(zero.data(), o), bruteForce(zero.data(), items, o)));
    }
    const Matrix empty = Matrix::zeros(0, 20);
    const ItemIndex none(empty);
    TopKOptions o;
    QVERIFY(none.topK(q.row(0), o).empty());
  }

  void batchMatchesOneByOne() {
    const Matrix items = normalRows(900, 64, 17, true), users = normalRows(37, 64, 18, true);
    std::vector<std::vector<int32_t>> ex(37);
    for (int32_t u = 0; u < 37; ++u) ex[static_cast<size_t>(u)] = {u, u + 100};
    const ItemIndex index(items);
    const auto batch = index.topKBatch(users, 7, ex, 2);
    QCOMPARE(batch.size(), size_t{37});
    for (int64_t u = 0; u < users.rows; ++u) {
      TopKOptions o;
      o.k = 7;
      o.excluded = ex[static_cast<size_t>(u)];
      QVERIFY(sameList(batch[static_cast<size_t>(u)], bruteForce(users.row(u), items, o)));
    }
  }
};

QTEST_APPLESS_MAIN(ItemIndexTest)
#include "item_index_test.moc"
