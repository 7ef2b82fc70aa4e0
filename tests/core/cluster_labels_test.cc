// c-TF-IDF keyword labels: the word that sets a cluster apart wins over words every
// cluster uses, however frequent.
#include <QTest>

#include "interest/cluster_labels.h"

using namespace il;

class ClusterLabelsTest : public QObject {
  Q_OBJECT

 private slots:
  void distinctiveWordPerCluster() {
    ClusterTermCounter counter(3);
    // "great" and "product" are everywhere, more often than any distinctive word.
    counter.add(0, "Great lipstick, great product");
    counter.add(0, "The lipstick shade is great");
    counter.add(0, "great product, lovely matte finish");
    counter.add(1, "Great coffee! Great product");
    counter.add(1, "coffee beans, great roast");
    counter.add(1, "great product and fresh coffee");
    counter.add(2, "great tent, great product");
    counter.add(2, "the tent kept us dry, great");
    counter.add(2, "great product, tent poles sturdy");
    counter.add(-1, "ignored lipstick lipstick lipstick");  // no cluster
    const auto top = counter.topTerms(3);
    QCOMPARE(top.size(), size_t{3});
    QCOMPARE(top[0].front().term, std::string("lipstick"));
    QCOMPARE(top[1].front().term, std::string("coffee"));
    QCOMPARE(top[2].front().term, std::string("tent"));
    for (const auto& terms : top) {
      QCOMPARE(terms.size(), size_t{3});
      for (size_t i = 1; i < terms.size(); ++i) QVERIFY(terms[i - 1].weight >= terms[i].weight);
    }
  }

  void weightFollowsTheFormula() {
    // Cluster 0: "apple apple pear" (3 words), cluster 1: "pear plum" (2 words).
    // A = 2.5 words per cluster; f(apple) = 2, f(pear) = 2, f(plum) = 1.
    ClusterTermCounter counter(2);
    counter.add(0, "apple apple pear");
    counter.add(1, "pear plum");
    const auto top = counter.topTerms(5);
    QCOMPARE(top[0].size(), size_t{2});
    QCOMPARE(top[0][0].term, std::string("apple"));
    QVERIFY(std::abs(top[0][0].weight - 2.0 / 3 * std::log(1 + 2.5 / 2)) < 1e-12);
    QVERIFY(std::abs(top[0][1].weight - 1.0 / 3 * std::log(1 + 2.5 / 2)) < 1e-12);
    QCOMPARE(top[1][0].term, std::string("plum"));
    QVERIFY(std::abs(top[1][0].weight - 0.5 * std::log(1 + 2.5 / 1)) < 1e-12);
  }

  void emptyClusterAndLabel() {
    ClusterTermCounter counter(2);
    counter.add(0, "matte lipstick shade");
    const auto top = counter.topTerms(3);
    QVERIFY(top[1].empty());
    QCOMPARE(top[0].size(), size_t{3});
    // Equal weights: alphabetical.
    QCOMPARE(keywordLabel(top[0]), std::string("lipstick \u00b7 matte \u00b7 shade"));
    QCOMPARE(keywordLabel(top[0], 1), std::string("lipstick"));
    QCOMPARE(keywordLabel({}), std::string());
  }
};

QTEST_GUILESS_MAIN(ClusterLabelsTest)
#include "cluster_labels_test.moc"
