// cosineSimilarity (libtorch behind a torch-free header) against a direct computation.
#include <QTest>
#include <cmath>
#include <random>

#include "interestlens_models.h"

class SimilarityTest : public QObject {
  Q_OBJECT

  static double naiveCosine(const il::Matrix& a, int64_t i, const il::Matrix& b, int64_t j) {
    double dot = 0, na = 0, nb = 0;
    for (int64_t k = 0; k < a.cols; ++k) {
      dot += double(a.at(i, k)) * b.at(j, k);
      na += double(a.at(i, k)) * a.at(i, k);
      nb += double(b.at(j, k)) * b.at(j, k);
    }
    return (na == 0 || nb == 0) ? 0.0 : dot / std::sqrt(na * nb);
  }

 private slots:
  void matchesDirectComputation() {
    std::mt19937 rng(42);
    std::normal_distribution<float> gauss;
    il::Matrix a{7, 33, {}}, b{5, 33, {}};
    for (int i = 0; i < 7 * 33; ++i) a.data.push_back(gauss(rng));
    for (int i = 0; i < 5 * 33; ++i) b.data.push_back(gauss(rng));
    const il::Matrix s = il::cosineSimilarity(a, b);
    QCOMPARE(s.rows, 7);
    QCOMPARE(s.cols, 5);
    for (int64_t i = 0; i < 7; ++i)
      for (int64_t j = 0; j < 5; ++j)
        QVERIFY(std::fabs(s.at(i, j) - naiveCosine(a, i, b, j)) < 1e-5);
  }

  void identicalAndOppositeAndZeroVectors() {
    il::Matrix a{3, 2, {1, 2, -1, -2, 0, 0}};
    const il::Matrix s = il::cosineSimilarity(a, a);
    QVERIFY(std::fabs(s.at(0, 0) - 1.0f) < 1e-6);
    QVERIFY(std::fabs(s.at(0, 1) + 1.0f) < 1e-6);
    QCOMPARE(s.at(2, 2), 0.0f);  // a zero vector is similar to nothing, not NaN
    QCOMPARE(s.at(0, 2), 0.0f);
  }

  void rejectsMismatchedDimensions() {
    il::Matrix a{1, 2, {1, 2}}, b{1, 3, {1, 2, 3}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, il::cosineSimilarity(a, b));
  }
};

QTEST_APPLESS_MAIN(SimilarityTest)
#include "similarity_test.moc"
