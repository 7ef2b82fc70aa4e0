// The Evaluation view: Run compares the chosen models on the job thread and shows
// exactly what compareModels computes for the same corpus and options (table, bars,
// K-curve, protocol); Cancel stops it; a run on a project is recorded there and shown
// again when the project is loaded, without rerunning.
// With IL_SCREENSHOT=file.png, `screenshot` renders the view over the demo data.
#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

#include "engine_session.h"
#include "evaluation_report_json.h"
#include "evaluation_view.h"
#include "gui_test_util.h"
#include "demo_recommender.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "two_tower_project.h"

using namespace il;

namespace {

// Three kinds of items along three axes; each user likes one kind, with one stray.
std::shared_ptr<Recommender> makeRecommender(int users = 30) {
  Dataset d;
  const char* kinds[] = {"apple", "bike", "chess"};
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < 8; ++i) {
      const std::string id = std::string(1, static_cast<char>('a' + k)) + std::to_string(i);
      d.items.push_back({id, std::string(kinds[k]) + " item " + std::to_string(i), kinds[k], "", "", std::nullopt, true});
    }
  for (int u = 0; u < users; ++u) {
    const std::string user = "u" + std::to_string(u);
    const int k = u % 3;
    for (int j = 0; j < 5; ++j) {
      const int kind = j == 4 ? (k + 1) % 3 : k;
      const std::string item = std::string(1, static_cast<char>('a' + kind)) + std::to_string((u * 3 + j * 5) % 8);
      d.interactions.push_back({user, item, 4.0, 1000 + 10 * j});
      d.texts.push_back({user, item, std::string("about ") + kinds[kind], 1000 + 10 * j});
    }
  }
  Corpus corpus = Corpus::fromDataset(d);
  auto vec = [&](int32_t item) {
    std::vector<float> v(4, 0.0f);
    const std::string& id = corpus.items[static_cast<size_t>(item)].id;
    v[static_cast<size_t>(id[0] - 'a')] = 1;
    v[3] = 0.05f * static_cast<float>(id[1] - '0');
    return v;
  };
  Matrix texts = Matrix::zeros(static_cast<int64_t>(corpus.texts.size()), 4);
  for (size_t i = 0; i < corpus.texts.size(); ++i) {
    const auto v = vec(corpus.texts[i].item);
    std::copy(v.begin(), v.end(), texts.row(static_cast<int64_t>(i)));
  }
  Matrix items = Matrix::zeros(corpus.itemCount(), 4);
  for (int32_t i = 0; i < corpus.itemCount(); ++i) {
    const auto v = vec(i);
    std::copy(v.begin(), v.end(), items.row(i));
  }
  RecommenderOptions o;
  o.clusters.k = 3;
  o.mf.factors = 4;
  o.threads = 1;
  return std::make_shared<Recommender>(std::move(corpus), std::move(texts), std::move(items), o);
}

QList<QCPBars*> barsOf(QCustomPlot* plot) {
  QList<QCPBars*> out;
  for (int i = 0; i < plot->plottableCount(); ++i)
    if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i))) out << b;
  return out;
}

}  // namespace

class EvaluationViewTest : public QObject {
  Q_OBJECT
  std::unique_ptr<JobRunner> jobs_;
  std::unique_ptr<EngineSession> session_;
  std::unique_ptr<EvaluationView> view_;

  template <typename T>
  T* child(const char* name) {
    T* w = view_->findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
  }

  // Clicks Run and waits for the job to finish; returns whether it was cancelled.
  bool runAndWait(int timeoutMs = 120000) {
    QSignalSpy finished(jobs_.get(), &JobRunner::jobFinished);
    QTest::mouseClick(child<QPushButton>("runEvaluation"), Qt::LeftButton);
    if (view_->runningJob() == 0) qFatal("Run did not start a job: %s", qPrintable(view_->statusText()));
    if (!finished.wait(timeoutMs) && finished.isEmpty()) qFatal("evaluation did not finish");
    QCoreApplication::processEvents();  // the Done callback
    return finished.first().at(2).toBool();
  }

 private slots:
  void initTestCase() { il::test::isolateUserData(); }

  void init() {
    jobs_ = std::make_unique<JobRunner>();
    session_ = std::make_unique<EngineSession>(jobs_.get());
    view_ = std::make_unique<EvaluationView>(session_.get(), jobs_.get());
    view_->resize(1300, 820);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
  }

  void cleanup() {
    view_.reset();
    session_.reset();
    jobs_.reset();
  }

  void objectNames() {
    child<QPushButton>("runEvaluation");
    child<QTableView>("evaluationTable");
    child<QCustomPlot>("metricBars");
    child<QCustomPlot>("kCurve");
    child<QPlainTextEdit>("protocolText");
    QVERIFY(!child<QPushButton>("runEvaluation")->isEnabled());  // nothing loaded yet
  }

  void runShowsWhatCompareModelsComputes() {
    auto engine = makeRecommender();
    session_->setRecommenderForTesting(engine);
    QVERIFY(child<QPushButton>("runEvaluation")->isEnabled());
    child<QCheckBox>("model_mf")->setChecked(false);
    child<QLineEdit>("ksEdit")->setText(QStringLiteral("3, 10"));
    child<QSpinBox>("seedSpin")->setValue(7);
    QVERIFY(!runAndWait());
    QVERIFY2(view_->hasReport(), qPrintable(view_->statusText()));

    // The same comparison, computed here.
    ComparisonOptions o;
    o.models = {"popularity", "itemknn", "content", "hybrid"};
    o.eval.ks = {1, 2, 3, 5, 10, 20, 50};
    o.eval.seed = 7;
    o.eval.textVectors = engine->data().textVectors;
    o.eval.itemVectors = engine->data().itemVectors;
    const EvalReport expected = compareModels(engine->corpus(), o);
    const EvalReport& got = view_->report();
    QCOMPARE(got.ks, expected.ks);
    QCOMPARE(view_->tableKs(), (std::vector<int>{3, 10}));
    QCOMPARE(got.results.size(), expected.results.size());
    QCOMPARE(got.users, expected.users);
    for (size_t m = 0; m < expected.results.size(); ++m) {
      QCOMPARE(got.results[m].model, expected.results[m].model);
      QCOMPARE(got.results[m].paramsJson, expected.results[m].paramsJson);
      for (size_t k = 0; k < expected.ks.size(); ++k) {
        const MetricsAtK &a = got.results[m].atK[k], &b = expected.results[m].atK[k];
        for (double v : {a.recall, a.ndcg, a.coverage}) QVERIFY(v >= 0 && v <= 1);
        QVERIFY(std::abs(a.recall - b.recall) < 1e-9);
        QVERIFY(std::abs(a.ndcg - b.ndcg) < 1e-9);
        QVERIFY(std::abs(a.coverage - b.coverage) < 1e-9);
      }
    }

    // Table: one row per model asked; recall@3 in the column after the model.
    QStandardItemModel* t = view_->tableModel();
    QCOMPARE(t->rowCount(), 4);
    QCOMPARE(t->headerData(1, Qt::Horizontal).toString(), QStringLiteral("recall@3"));
    for (int r = 0; r < 4; ++r) {
      QCOMPARE(t->item(r, 0)->text(), QString::fromStdString(expected.results[static_cast<size_t>(r)].model));
      QCOMPARE(t->item(r, 1)->data(Qt::UserRole).toDouble(), got.results[static_cast<size_t>(r)].atK[2].recall);
    }

    // Bars: Recall@10 and NDCG@10, one bar per model each.
    const QList<QCPBars*> bars = barsOf(view_->barsPlot());
    QCOMPARE(bars.size(), 2);
    const size_t at10 = 4;  // index of K = 10 in expected.ks
    for (int s = 0; s < 2; ++s) {
      QCOMPARE(bars[s]->data()->size(), 4);
      for (int m = 0; m < 4; ++m) {
        const double v = (bars[s]->data()->begin() + m)->value;
        const MetricsAtK& e = expected.results[static_cast<size_t>(m)].atK[at10];
        QVERIFY(v >= 0 && v <= 1);
        QVERIFY(std::abs(v - (s == 0 ? e.recall : e.ndcg)) < 1e-9);
      }
    }
    QVERIFY(bars[0]->barsGroup() && bars[0]->barsGroup() == bars[1]->barsGroup());
    // K-curve: two lines per model over every K.
    QCOMPARE(view_->curvePlot()->graphCount(), 8);
    QCOMPARE(view_->curvePlot()->graph(0)->data()->size(), 7);
    QVERIFY(child<QPlainTextEdit>("protocolText")->toPlainText().contains(QString::fromStdString(expected.protocol)));
    QCOMPARE(view_->recordedRun(), int64_t{0});  // no project file: nothing recorded
  }

  // The two-tower models are offered but start unticked (they train during the run);
  // ticked, the run trains one and shows exactly what compareModels computes with it.
  void twoTowerIsOfferedAndMatchesCompareModels() {
    auto engine = makeRecommender();
    session_->setRecommenderForTesting(engine);
    for (const char* m : {"model_twotower", "model_twotower-apr"}) {
      QVERIFY(child<QCheckBox>(m)->isEnabled());
      QVERIFY(!child<QCheckBox>(m)->isChecked());
    }
    for (const char* m : {"model_itemknn", "model_mf", "model_content", "model_hybrid"})
      child<QCheckBox>(m)->setChecked(false);
    child<QCheckBox>("model_twotower")->setChecked(true);
    QVERIFY(!runAndWait());
    QVERIFY2(view_->hasReport(), qPrintable(view_->statusText()));

    ComparisonOptions o;
    o.models = {"popularity", "twotower"};
    o.extraModels = {*twoTowerModel("twotower")};
    o.eval.ks = {1, 2, 5, 10, 20, 50};
    o.eval.seed = 42;
    o.eval.textVectors = engine->data().textVectors;
    o.eval.itemVectors = engine->data().itemVectors;
    const EvalReport expected = compareModels(engine->corpus(), o);
    const EvalReport& got = view_->report();
    QCOMPARE(got.results.size(), size_t{2});
    QCOMPARE(got.results[1].model, std::string("twotower"));
    QCOMPARE(got.results[1].paramsJson, expected.results[1].paramsJson);
    for (size_t k = 0; k < expected.ks.size(); ++k)
      QVERIFY(std::abs(got.results[1].atK[k].recall - expected.results[1].atK[k].recall) < 1e-9);
    QCOMPARE(view_->tableModel()->item(1, 0)->text(), QStringLiteral("twotower"));
  }

  void cancelStopsTheRun() {
    session_->setRecommenderForTesting(makeRecommender(300));
    QSignalSpy finished(jobs_.get(), &JobRunner::jobFinished);
    QTest::mouseClick(child<QPushButton>("runEvaluation"), Qt::LeftButton);
    QVERIFY(view_->runningJob() != 0);
    QVERIFY(child<QPushButton>("cancelEvaluation")->isEnabled());
    QTest::mouseClick(child<QPushButton>("cancelEvaluation"), Qt::LeftButton);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    QCoreApplication::processEvents();
    QVERIFY(finished.first().at(2).toBool());
    QVERIFY(!view_->hasReport());
    QCOMPARE(view_->runningJob(), 0);
    QVERIFY2(view_->statusText().contains(QStringLiteral("cancelled")), qPrintable(view_->statusText()));
    QVERIFY(child<QPushButton>("runEvaluation")->isEnabled());
  }

  void badKsAreRefused() {
    session_->setRecommenderForTesting(makeRecommender());
    child<QLineEdit>("ksEdit")->setText(QStringLiteral("10,x"));
    QTest::mouseClick(child<QPushButton>("runEvaluation"), Qt::LeftButton);
    QCOMPARE(view_->runningJob(), 0);
    QVERIFY(view_->statusText().contains(QStringLiteral("'x'")));
  }

  void recordedInTheProjectAndShownOnLoad() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.ilens"));
    ImportOptions io;
    io.interactionFiles = {IL_SOURCE_DIR "/resources/demo/reviews.csv"};
    io.itemFiles = {IL_SOURCE_DIR "/resources/demo/items.csv"};
    const ImportOutcome imported = importIntoProject(path.toStdString(), io);
    QVERIFY2(imported.written, imported.error.c_str());
    QSignalSpy ready(session_.get(), &EngineSession::ready);
    session_->load(path, nullptr);
    QVERIFY(ready.wait(120000) || !ready.isEmpty());
    QVERIFY(!view_->hasReport());
    // No vectors in this project: content and hybrid are off.
    QVERIFY(!child<QCheckBox>("model_content")->isEnabled());
    QVERIFY(!child<QCheckBox>("model_hybrid")->isEnabled());
    QVERIFY(!runAndWait());
    QVERIFY2(view_->hasReport(), qPrintable(view_->statusText()));
    QVERIFY(view_->recordedRun() > 0);
    const EvalReport ran = view_->report();

    {
      auto project = Project::open(path.toStdString(), Project::Mode::ReadOnly);
      const auto runs = RunStore(*project).list("evaluate");
      QCOMPARE(static_cast<int>(runs.size()), 1);
      QCOMPARE(runs.front().id, view_->recordedRun());
      QVERIFY(runs.front().resultJson.find("\"recall@10\"") != std::string::npos);
    }

    // A fresh view on the loaded project shows the recorded run at once.
    view_.reset();
    QSignalSpy started(jobs_.get(), &JobRunner::jobStarted);
    view_ = std::make_unique<EvaluationView>(session_.get(), jobs_.get());
    QVERIFY(view_->hasReport());
    QCOMPARE(started.count(), 0);
    QCOMPARE(view_->tableModel()->rowCount(), 3);
    QCOMPARE(view_->tableKs(), (std::vector<int>{10, 20}));
    QCOMPARE(view_->report().ks, ran.ks);
    for (size_t m = 0; m < ran.results.size(); ++m)
      for (size_t k = 0; k < ran.ks.size(); ++k)
        QVERIFY(std::abs(view_->report().results[m].atK[k].ndcg - ran.results[m].atK[k].ndcg) < 1e-12);
    QCOMPARE(barsOf(view_->barsPlot()).size(), 2);
  }

  void readsReportsTheCliRecorded() {
    // The CLI's report has no "table_k": the table then shows every K.
    EvalReport r;
    r.protocol = "p";
    r.users = 3;
    r.items = 9;
    r.seed = 5;
    r.ks = {5, 10};
    ModelResult m;
    m.model = "itemknn";
    m.paramsJson = R"({"k":20})";
    m.atK = {{5, 0.25, 0.125, 0.5}, {10, 0.5, 0.25, 0.75}};
    m.validationNdcg = 0.3;
    r.results = {m};
    StoredEvaluation s;
    QVERIFY(evalReportFromJson(reportJson(r, QJsonObject{{"encoder", ""}}), &s));
    QCOMPARE(s.tableKs, r.ks);
    QCOMPARE(s.report.ks, r.ks);
    QCOMPARE(s.report.seed, uint64_t{5});
    QCOMPARE(s.report.results.size(), size_t{1});
    QCOMPARE(s.report.results[0].paramsJson, m.paramsJson);
    QCOMPARE(s.report.results[0].atK[1].coverage, 0.75);
    QCOMPARE(s.report.results[0].validationNdcg, 0.3);
    QVERIFY(!evalReportFromJson("not json", &s));
  }

  void screenshot() {
    const QByteArray out = qgetenv("IL_SCREENSHOT");
    if (out.isEmpty()) QSKIP("set IL_SCREENSHOT=file.png to render the view over the demo data");
    session_->setRecommenderForTesting(il::test::hashedDemoRecommender());
    QVERIFY(!runAndWait(300000));
    QVERIFY(view_->hasReport());
    view_->resize(1400, 900);
    QTest::qWait(50);
    QVERIFY(view_->grab().save(QString::fromLocal8Bit(out)));
  }
};

QTEST_MAIN(EvaluationViewTest)
#include "evaluation_view_test.moc"
