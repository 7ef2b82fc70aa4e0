// Lexical analysis on the demo dataset, end to end: keyword labels of Chinese reviews are
// Chinese words of several characters (never single characters or stems), English labels are
// words as written, per category over the Chinese reviews and in the engine's global clusters.
#include <QRegularExpression>
#include <QTest>
#include <map>
#include <set>

#include "demo_recommender.h"
#include "interestlens_core.h"
#include "text/chinese_segmenter.h"

using namespace il;

namespace {

const QRegularExpression kHan(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
const QRegularExpression kAllHan(QStringLiteral("^[\\x{4e00}-\\x{9fff}]+$"));

bool chinese(const std::string& s) { return QString::fromStdString(s).contains(kHan); }

// A Chinese word of at least two characters.
bool chineseWord(const std::string& s) {
  const QString q = QString::fromStdString(s);
  return q.size() >= 2 && kAllHan.match(q).hasMatch();
}

}  // namespace

class LexicalDemoTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!ChineseSegmenter::shared())
      QSKIP(qPrintable("jieba's dictionary is not installed (python3-jieba): " +
                       QString::fromStdString(ChineseSegmenter::sharedError())));
  }

  void categoryLabelsOfChineseReviewsAreWords() {
    ImportOptions io;
    io.interactionFiles = {IL_SOURCE_DIR "/resources/demo/reviews.csv"};
    io.itemFiles = {IL_SOURCE_DIR "/resources/demo/items.csv"};
    ImportResult imported = readImport(io);
    QVERIFY2(imported.ok, imported.error.c_str());
    const Corpus corpus = Corpus::fromDataset(imported.data);
    std::map<std::string, int32_t> category;
    ClusterTermCounter counter(8);
    int texts = 0;
    for (const CorpusText& t : corpus.texts) {
      if (!chinese(t.text)) continue;
      const std::string prefix = corpus.items[static_cast<size_t>(t.item)].id.substr(0, 3);
      const auto [it, added] = category.try_emplace(prefix, static_cast<int32_t>(category.size()));
      QVERIFY(it->second < 8);
      counter.add(it->second, t.text);
      ++texts;
    }
    QVERIFY(texts >= 100);
    QVERIFY(category.size() >= 4);
    const auto top = counter.topTerms(3);
    for (const auto& [prefix, c] : category) {
      const auto& terms = top[static_cast<size_t>(c)];
      qInfo("%s: %s", prefix.c_str(), keywordLabel(terms).c_str());
      QCOMPARE(terms.size(), size_t{3});
      for (const ClusterTerm& t : terms) QVERIFY2(chineseWord(t.term), (prefix + ": " + t.term).c_str());
    }
    // The coffee reviews' own words (taste, drinking) rank in their top eight.
    const std::string coffee = keywordLabel(counter.topTerms(8)[static_cast<size_t>(category.at("cof"))], 8);
    bool taste = false;
    for (const char* w : {"甘甜", "喝完", "回味", "咖啡", "香气"}) taste = taste || coffee.find(w) != std::string::npos;
    QVERIFY2(taste, coffee.c_str());
  }

  void globalClusterLabelsOfTheHashedDemo() {
    // The view tests' demo: vectors are hashed extractTerms() bags, clusters and labels are the
    // engine's own.
    const auto r = test::hashedDemoRecommender();
    const GlobalClusters* g = r->clusters();
    QVERIFY(g);
    const Corpus& corpus = r->corpus();
    std::set<std::string> words;  // every word as written in the demo's texts, case-folded
    for (const CorpusText& t : corpus.texts)
      for (const Term& term : analyzeTerms(t.text)) words.insert(term.surface);
    int chineseLabels = 0;
    for (int32_t c = 0; c < g->k(); ++c) {
      int han = 0, all = 0;
      for (size_t i = 0; i < g->textCluster.size(); ++i)
        if (g->textCluster[i] == c) ++all, han += chinese(corpus.texts[i].text);
      const auto& cl = g->clusters[static_cast<size_t>(c)];
      qInfo("cluster %d: %d texts (%d Chinese): %s", c, all, han, cl.label.c_str());
      QVERIFY(!cl.keywords.empty());
      bool any = false;
      for (const ClusterTerm& t : cl.keywords) {
        QVERIFY2(words.count(t.term), t.term.c_str());  // surfaces, not stems
        if (!chinese(t.term)) continue;
        QVERIFY2(chineseWord(t.term), cl.label.c_str());
        any = true;
      }
      chineseLabels += any;
    }
    QVERIFY(chineseLabels >= 1);
  }
};

QTEST_GUILESS_MAIN(LexicalDemoTest)
#include "lexical_demo_test.moc"
