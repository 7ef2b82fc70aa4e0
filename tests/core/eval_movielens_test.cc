// The whole chain on real data: MovieLens ml-latest-small ratings -> Corpus ->
// leave-last-out evaluation of the CF baselines with their default grids. A sanity
// check, not a benchmark: ItemKNN and MF must beat popularity on NDCG@10.
// Skipped when ../shared data is not present.
#include <QElapsedTimer>
#include <QTest>

#include "eval/cf_models.h"
#include "eval/evaluator.h"
#include "eval/report_writer.h"
#include "io/importer.h"
#include "test_paths.h"

using namespace il;
using namespace il::test;

namespace {
const char* kRatings = "data/ml-latest-small/ratings.csv";
}

class EvalMovieLensTest : public QObject {
  Q_OBJECT

 private slots:
  void collaborativeFilteringBeatsPopularity() {
    IL_REQUIRE_SHARED(kRatings);
    ImportOptions io;
    io.interactionFiles = {sharedPath(kRatings).toStdString()};
    const ImportResult imported = readImport(io);
    QVERIFY2(imported.ok, imported.error.c_str());
    const Corpus corpus = Corpus::fromDataset(imported.data);
    QCOMPARE(corpus.userCount(), 610);

    QElapsedTimer timer;
    timer.start();
    EvalOptions o;
    const EvalReport r = evaluate(corpus, o, {popularityModel(), itemKnnModel(), mfModel()});
    qInfo("%s(%.1f s in total)", reportTable(r).c_str(), timer.elapsed() / 1000.0);

    QCOMPARE(r.users, 610);  // every MovieLens user has at least 20 ratings
    QCOMPARE(r.items, corpus.itemCount());
    QCOMPARE(r.results.size(), size_t{3});
    const auto ndcg10 = [&](size_t m) { return r.results[m].atK[0].ndcg; };
    QCOMPARE(r.results[0].atK[0].k, 10);
    QVERIFY(ndcg10(0) > 0);
    QVERIFY2(ndcg10(1) > ndcg10(0), "itemknn should beat popularity on NDCG@10");
    QVERIFY2(ndcg10(2) > ndcg10(0), "mf should beat popularity on NDCG@10");
    for (const ModelResult& m : r.results)
      for (const MetricsAtK& k : m.atK) {
        QVERIFY(k.recall >= k.ndcg);  // each NDCG term is at most the hit it belongs to
        QVERIFY(k.coverage > 0 && k.coverage <= 1);
      }
  }
};

QTEST_GUILESS_MAIN(EvalMovieLensTest)
#include "eval_movielens_test.moc"
