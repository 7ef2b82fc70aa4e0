// interestlens-cli train, recommend --model twotower and evaluate --models twotower, run
// as a user would on the demo dataset (tfidf vectors: fast, no model files): the trained
// model is stored in the project, ranks for every user, is reproducible with a seed,
// and bad requests get exit code 2 (usage) or 1 (input) with a message; encoder
// fine-tuning (USE-Lite, when installed).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.h"
#include "test_paths.h"

using il::test::sourcePath;

namespace {

using Run = il::test::CliRun;

Run cli(const QStringList& args) { return il::test::runCli(args, 600000); }

QJsonObject json(const Run& r) { return QJsonDocument::fromJson(r.out.toUtf8()).object(); }

QStringList listedItems(const Run& r) {
  QStringList ids;
  const QJsonDocument d = QJsonDocument::fromJson(r.out.toUtf8());
  const QJsonArray lists = d.isArray() ? d.array() : QJsonArray{d.object()};
  for (const auto& list : lists)
    for (const auto& rec : list.toObject()["recommendations"].toArray()) ids << rec.toObject()["item"].toString();
  return ids;
}

}  // namespace

class CliTrainTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString project_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    project_ = dir_.filePath("demo.ilens");
    const Run imp = cli({"import", "--project", project_, "--interactions", sourcePath("resources/demo/reviews.csv"),
                         "--items", sourcePath("resources/demo/items.csv"), "--quiet"});
    QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
    // Without vectors there is nothing to train on: a clear input error.
    const Run early = cli({"train", "--project", project_, "--quiet"});
    QCOMPARE(early.exitCode, 1);
    QVERIFY2(early.err.contains("encode"), qPrintable(early.err));
    const Run enc = cli({"encode", "--project", project_, "--encoder", "tfidf", "--quiet"});
    QVERIFY2(enc.exitCode == 0, qPrintable(enc.err));
  }

  void badUsageIsRefused() {
    const Run loss = cli({"train", "--project", project_, "--loss", "hinge"});
    QCOMPARE(loss.exitCode, 2);
    QVERIFY2(loss.err.contains("--loss takes softmax or bpr"), qPrintable(loss.err));
    const Run epochs = cli({"train", "--project", project_, "--epochs", "0"});
    QCOMPARE(epochs.exitCode, 2);
    QCOMPARE(cli({"train"}).exitCode, 2);
    const Run model = cli({"evaluate", "--project", project_, "--models", "twotowers"});
    QCOMPARE(model.exitCode, 2);
    QVERIFY2(model.err.contains("twotower"), qPrintable(model.err));
  }

  void trainsStoresAndRecommends() {
    const Run before = cli({"recommend", "--project", project_, "--user", "alice", "--model", "twotower"});
    QCOMPARE(before.exitCode, 2);  // not trained yet: not among the project's models
    const Run t = cli({"train", "--project", project_, "--epochs", "6", "--seed", "7", "--format", "json"});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    QVERIFY2(t.err.contains("epoch 1: loss"), qPrintable(t.err));  // per-epoch progress
    const QJsonObject o = json(t);
    const QJsonArray history = o["history"].toObject()["epochs"].toArray();
    QVERIFY(!history.isEmpty() && history.size() <= 6);
    QVERIFY(history.first().toObject()["trainLoss"].toDouble() > 0);
    QVERIFY(o["metrics"].toObject()["best_epoch"].toInt() >= 1);
    QCOMPARE(o["params"].toObject()["epochs"].toInt(), 6);
    QVERIFY(o["encoder"].toString().startsWith("tfidf"));

    const Run rec = cli({"recommend", "--project", project_, "--user", "alice", "--model", "twotower", "--k", "5",
                         "--format", "json"});
    QVERIFY2(rec.exitCode == 0, qPrintable(rec.err));
    const QStringList first = listedItems(rec);
    QCOMPARE(first.size(), 5);

    // The same seed trains the same model: the same list.
    QCOMPARE(cli({"train", "--project", project_, "--epochs", "6", "--seed", "7", "--quiet"}).exitCode, 0);
    const Run again = cli({"recommend", "--project", project_, "--user", "alice", "--model", "twotower", "--k", "5",
                           "--format", "json"});
    QCOMPARE(listedItems(again), first);
  }

  void evaluatesBesideTheOthers() {
    const Run e = cli({"evaluate", "--project", project_, "--models", "popularity,twotower,twotower-apr,hybrid",
                       "--epochs", "4", "--format", "json", "--quiet"});
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    QStringList names;
    for (const auto& r : json(e)["results"].toArray()) {
      const QJsonObject m = r.toObject();
      names << m["model"].toString();
      const QJsonObject params = m["params"].toObject();
      if (names.last() == "twotower") QCOMPARE(params["adversarialEpsilon"].toDouble(), 0.0);
      if (names.last() == "twotower-apr") {  // chosen on validation from 0.05, 0.1, 0.25
        const double eps = params["adversarialEpsilon"].toDouble();
        QVERIFY2(eps == 0.05 || eps == 0.1 || eps == 0.25, qPrintable(QString::number(eps)));
      }
      if (names.last().startsWith("twotower")) QCOMPARE(params["epochs"].toInt(), 4);
    }
    QCOMPARE(names, (QStringList{"popularity", "twotower", "twotower-apr", "hybrid"}));
  }

  // --fine-tune-encoder / twotower-ft: refused clearly on tfidf vectors; on USE-Lite
  // vectors (skipped when the model is not installed) the head trains, the metrics say
  // how much it moved, and the stored model recommends like any other.
  void fineTuningTheEncoder() {
    const Run tfidf = cli({"train", "--project", project_, "--fine-tune-encoder", "--epochs", "2", "--quiet"});
    QCOMPARE(tfidf.exitCode, 1);
    QVERIFY2(tfidf.err.contains("USE-Lite"), qPrintable(tfidf.err));
    const Run eval = cli({"evaluate", "--project", project_, "--models", "twotower-ft", "--quiet"});
    QCOMPARE(eval.exitCode, 1);
    QVERIFY2(eval.err.contains("USE-Lite"), qPrintable(eval.err));

    const QString project = dir_.filePath("use-lite.ilens");
    QCOMPARE(cli({"import", "--project", project, "--interactions", sourcePath("resources/demo/reviews.csv"), "--items",
                  sourcePath("resources/demo/items.csv"), "--quiet"})
                 .exitCode,
             0);
    const Run enc = cli({"encode", "--project", project, "--encoder", "use-lite", "--quiet"});
    if (enc.exitCode != 0 && enc.err.contains("not installed")) QSKIP(qPrintable("USE-Lite: " + enc.err));
    QVERIFY2(enc.exitCode == 0, qPrintable(enc.err));
    const Run t = cli({"train", "--project", project, "--fine-tune-encoder", "--encoder-lr", "1e-3", "--epochs", "2",
                       "--seed", "3", "--format", "json"});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    const QJsonObject o = json(t);
    QVERIFY(o["params"].toObject()["fineTuneEncoder"].toBool());
    QCOMPARE(o["params"].toObject()["encoderLr"].toDouble(), 1e-3);
    const QJsonObject metrics = o["metrics"].toObject();
    QVERIFY2(metrics["encoder_head_change"].toDouble() > 0, qPrintable(t.out));
    QVERIFY(metrics["encoder_cache_mb"].toDouble() > 0);
    const Run rec = cli({"recommend", "--project", project, "--user", "alice", "--model", "twotower", "--k", "5",
                         "--format", "json"});
    QVERIFY2(rec.exitCode == 0, qPrintable(rec.err));
    QCOMPARE(listedItems(rec).size(), 5);
  }
};

QTEST_GUILESS_MAIN(CliTrainTest)
#include "cli_train_test.moc"
