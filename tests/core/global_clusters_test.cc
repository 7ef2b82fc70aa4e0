// Global interest clusters over a corpus (k chosen by silhouette, keyword labels,
// held-out texts left out) and a user's timeline of cluster shares.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "interest/global_clusters.h"
#include "interest_test_util.h"

using namespace il;
using namespace il::test;

namespace {

const char* kTopics[] = {"lipstick", "coffee", "tent"};
constexpr int kDim = 6;
constexpr int64_t kMarch2024 = 1709251200;  // 2024-03-01T00:00:00Z
constexpr int64_t kDay = 86400;

// The text's topic word decides its vector: near the topic's axis, tilted a little
// toward axis 3..5 by the text's length so no two vectors are equal.
std::vector<float> vectorOfText(const CorpusText& t) {
  for (int a = 0; a < 3; ++a)
    if (t.text.find(kTopics[a]) != std::string::npos)
      return axisVector(kDim, a, 3 + static_cast<int>(t.text.size() % 3), 0.05f * static_cast<float>(t.text.size() % 5));
  return axisVector(kDim, 5);
}

struct World {
  Dataset dataset;
  Corpus corpus;
  Matrix textVectors;
  TrainingData data;
};

// Six users writing about the three topics; u1 moves from lipstick (March) to tents (April).
std::unique_ptr<World> makeWorld() {
  auto w = std::make_unique<World>();
  std::vector<TextSpec> texts;
  int n = 0;
  for (int u = 2; u <= 6; ++u)
    for (int a = 0; a < 3; ++a)
      for (int j = 0; j < 3; ++j, ++n)
        texts.push_back({"u" + std::to_string(u), std::string(kTopics[a]) + std::to_string(j),
                         std::string("nice ") + kTopics[a] + (j ? " works well" : " indeed") + std::string(static_cast<size_t>(n % 4), '!'),
                         kMarch2024 + n * kDay});
  texts.push_back({"u1", "lipstick0", "my lipstick pick", kMarch2024 + 2 * kDay});
  texts.push_back({"u1", "lipstick1", "another lipstick day", kMarch2024 + 9 * kDay});
  texts.push_back({"u1", "tent0", "first tent trip", kMarch2024 + 20 * kDay});
  texts.push_back({"u1", "tent1", "tent in the rain", kMarch2024 + 35 * kDay});  // April
  texts.push_back({"u1", "tent2", "tent again", kMarch2024 + 40 * kDay});
  w->dataset = datasetOf(texts, {});
  w->corpus = Corpus::fromDataset(w->dataset);
  w->textVectors = textVectorsOf(w->corpus, kDim, vectorOfText);
  w->data = TrainingData::all(w->corpus, 7);
  w->data.textVectors = &w->textVectors;
  return w;
}

int32_t clusterOfWord(const GlobalClusters& g, const char* word) {
  for (int32_t c = 0; c < g.k(); ++c)
    if (!g.clusters[static_cast<size_t>(c)].keywords.empty() && g.clusters[static_cast<size_t>(c)].keywords.front().term == word)
      return c;
  return -1;
}

}  // namespace

class GlobalClustersTest : public QObject {
  Q_OBJECT

 private slots:
  void findsTopicsWithLabels() {
    auto w = makeWorld();
    GlobalClusterOptions o;
    o.kMin = 2, o.kMax = 6;
    const GlobalClusters g = buildGlobalClusters(w->data, o);
    QCOMPARE(g.k(), 3);
    QVERIFY(g.kChosen);
    QVERIFY(g.silhouette > 0.5);
    for (const char* word : kTopics) {
      const int32_t c = clusterOfWord(g, word);
      QVERIFY2(c >= 0, word);
      QVERIFY(g.clusters[static_cast<size_t>(c)].label.rfind(word, 0) == 0);  // label starts with it
      // Every text of the topic is in that cluster, and only they are.
      for (size_t i = 0; i < w->corpus.texts.size(); ++i)
        QCOMPARE(g.textCluster[i] == c, w->corpus.texts[i].text.find(word) != std::string::npos);
    }
    // Largest first.
    for (int32_t c = 1; c < g.k(); ++c) QVERIFY(g.clusters[static_cast<size_t>(c - 1)].size >= g.clusters[static_cast<size_t>(c)].size);
    const QJsonObject params = QJsonDocument::fromJson(QByteArray::fromStdString(g.paramsJson(o))).object();
    QCOMPARE(params["k"].toInt(), 3);
    QCOMPARE(params["seed"].toString(), QString("7"));
  }

  void fixedKAndDeterminism() {
    auto w = makeWorld();
    GlobalClusterOptions o;
    o.k = 2;
    const GlobalClusters a = buildGlobalClusters(w->data, o), b = buildGlobalClusters(w->data, o);
    QCOMPARE(a.k(), 2);
    QVERIFY(!a.kChosen);
    QCOMPARE(a.textCluster, b.textCluster);
    QCOMPARE(a.centroids.data, b.centroids.data);
  }

  void heldOutTextsAreLeftOut() {
    auto w = makeWorld();
    // Hide u1's April tent texts as if they were held out.
    std::vector<Event> training;
    for (const Event& e : w->corpus.events)
      if (!(w->corpus.users[static_cast<size_t>(e.user)] == "u1" && e.time >= kMarch2024 + 35 * kDay)) training.push_back(e);
    w->data.setEvents(training);
    GlobalClusterOptions o;
    o.k = 3;
    const GlobalClusters g = buildGlobalClusters(w->data, o);
    int64_t clustered = 0;
    for (size_t i = 0; i < w->corpus.texts.size(); ++i) {
      QCOMPARE(g.textCluster[i] >= 0, w->data.textUsable[i] != 0);
      clustered += g.textCluster[i] >= 0;
    }
    QCOMPARE(clustered, static_cast<int64_t>(w->corpus.texts.size()) - 2);
    int64_t sizes = 0;
    for (const auto& c : g.clusters) sizes += c.size;
    QCOMPARE(sizes, clustered);
  }

  void needsTextVectors() {
    auto w = makeWorld();
    w->data.textVectors = nullptr;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, buildGlobalClusters(w->data));
  }

  void monthlyTimeline() {
    auto w = makeWorld();
    GlobalClusterOptions o;
    o.k = 3;
    const GlobalClusters g = buildGlobalClusters(w->data, o);
    const InterestTimeline t = userTimeline(w->data, g, w->corpus.findUser("u1"));
    QVERIFY(t.byMonth);
    QCOMPARE(t.buckets.size(), size_t{2});
    QCOMPARE(t.buckets[0].label, std::string("2024-03"));
    QCOMPARE(t.buckets[1].label, std::string("2024-04"));
    QCOMPARE(t.buckets[0].start, kMarch2024);
    QCOMPARE(t.buckets[0].end, kMarch2024 + 31 * kDay - 1);
    QCOMPARE(t.buckets[0].texts, int64_t{3});
    QCOMPARE(t.buckets[1].texts, int64_t{2});
    const auto lip = static_cast<size_t>(clusterOfWord(g, "lipstick")), tent = static_cast<size_t>(clusterOfWord(g, "tent"));
    QVERIFY(std::abs(t.buckets[0].shares[lip] - 2.0 / 3) < 1e-12);
    QVERIFY(std::abs(t.buckets[0].shares[tent] - 1.0 / 3) < 1e-12);
    QVERIFY(std::abs(t.buckets[1].shares[tent] - 1.0) < 1e-12);
  }

  void equalBucketsWithoutTimes() {
    std::vector<TextSpec> texts;
    for (int i = 0; i < 6; ++i) texts.push_back({"u", "i" + std::to_string(i), i < 3 ? "lipstick" : "tent", 0});
    for (int i = 0; i < 6; ++i) texts.push_back({"v", "i" + std::to_string(i), "coffee", 0});
    const Dataset d = datasetOf(texts, {});
    const Corpus corpus = Corpus::fromDataset(d);
    const Matrix vectors = textVectorsOf(corpus, kDim, vectorOfText);
    TrainingData data = TrainingData::all(corpus);
    data.textVectors = &vectors;
    GlobalClusterOptions o;
    o.k = 3;
    const GlobalClusters g = buildGlobalClusters(data, o);
    const InterestTimeline t = userTimeline(data, g, corpus.findUser("u"), 3);
    QVERIFY(!t.byMonth);
    QCOMPARE(t.buckets.size(), size_t{3});
    QCOMPARE(t.buckets[0].label, std::string("texts 1\u20132"));
    QCOMPARE(t.buckets[1].start, int64_t{2});
    QCOMPARE(t.buckets[1].end, int64_t{4});
    // Items are in id order without times: i0..i2 lipstick, i3..i5 tent.
    const int32_t lip = g.textCluster[static_cast<size_t>(0)];
    QCOMPARE(t.buckets[0].shares[static_cast<size_t>(lip)], 1.0);
    QCOMPARE(t.buckets[1].shares[static_cast<size_t>(lip)], 0.5);
    QCOMPARE(t.buckets[2].shares[static_cast<size_t>(lip)], 0.0);
    QCOMPARE(userTimeline(data, g, corpus.findUser("v"), 10).buckets.size(), size_t{6});
  }
};

QTEST_GUILESS_MAIN(GlobalClustersTest)
#include "global_clusters_test.moc"
