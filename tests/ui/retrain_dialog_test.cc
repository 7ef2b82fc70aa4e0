// Project > Retrain two-tower model…: training runs on the job thread, each epoch's
// point reaches the chart while the job is still running, the model is stored in the
// project and Recommendations lists "twotower" after the engine reloads; Cancel
// stores nothing and leaves the dialog usable; a project without vectors says so.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include "encode_job.h"
#include "encoder.h"
#include "engine_session.h"
#include "gui_test_util.h"
#include "import_job.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "main_window.h"
#include "recommendation_table_model.h"
#include "recommendations_view.h"
#include "retrain_dialog.h"
#include "store/sqlite_db.h"
#include "store/trained_model_store.h"
#include "test_paths.h"
#include "training_plot.h"

using il::MainWindow;
using il::RetrainDialog;
using il::test::spinUntil;

namespace {

bool hasStoredTwoTower(const QString& path) {
  auto project = il::Project::open(path.toStdString(), il::Project::Mode::ReadOnly);
  return il::TrainedModelStore(*project).latest("twotower").has_value();
}

bool listsTwoTower(const MainWindow& w) {
  const auto r = w.session()->recommender();
  if (!r) return false;
  const auto models = r->models();
  return std::find(models.begin(), models.end(), "twotower") != models.end();
}

// Holds the worker after its first epoch until the GUI side has looked (or a timeout,
// so a failed check never leaves the thread stuck).
struct FirstEpochGate {
  QSemaphore open;
  std::atomic<bool> waited{false};
  std::function<void(const il::TwoTowerEpoch&)> hook() {
    return [this](const il::TwoTowerEpoch& e) {
      if (e.epoch != 1) return;
      waited = true;
      open.tryAcquire(1, 60000);
    };
  }
};

struct ReleaseOnExit {
  QSemaphore& s;
  ~ReleaseOnExit() { s.release(); }
};

}  // namespace

class RetrainDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void init();
  void trainsLiveStoresAndListsTwoTower();
  void cancelAfterFirstEpochStoresNothing();
  void projectWithoutVectorsShowsTheError();
  void closingTheWindowWhileTrainingIsSafe();
  void saveScreenshotAfterARun();

 private:
  // Opens `source`'s copy in `w`, waits for the models and opens the dialog with
  // small, quick options.
  RetrainDialog* openAndShowDialog(MainWindow& w, const QString& source, int epochs);

  QTemporaryDir dir_;
  QString plain_, encoded_, project_;
};

void RetrainDialogTest::initTestCase() {
  il::test::isolateUserData();
  QCoreApplication::setApplicationName(QStringLiteral("InterestLens-retrain-tests"));
  QVERIFY(dir_.isValid());
  plain_ = dir_.filePath("plain.ilens");
  il::ImportOptions o;
  o.interactionFiles = {il::test::sourcePath("resources/demo/reviews.csv").toStdString()};
  o.itemFiles = {il::test::sourcePath("resources/demo/items.csv").toStdString()};
  const auto out = il::importIntoProject(plain_.toStdString(), o);
  QVERIFY2(out.written, out.error.c_str());
  // The same project with tfidf vectors: fast and needs no model files.
  encoded_ = dir_.filePath("encoded.ilens");
  QVERIFY(QFile::copy(plain_, encoded_));
  auto p = il::Project::open(encoded_.toStdString(), il::Project::Mode::OpenExisting);
  il::EncoderSettings s;
  s.kind = "tfidf";
  s.components = 32;
  auto encoder = il::createEncoder(s);
  const il::EncodeStats stats = il::encodeProject(*p, *encoder, s);
  QVERIFY(stats.encoded > 500);
}

void RetrainDialogTest::init() {
  const QString sub = QString::fromLatin1(QTest::currentTestFunction());
  QVERIFY(QDir(dir_.path()).mkpath(sub));
  project_ = dir_.filePath(sub + "/demo.ilens");
  il::removeProjectFiles(project_);
}

RetrainDialog* RetrainDialogTest::openAndShowDialog(MainWindow& w, const QString& source, int epochs) {
  if (!QFile::copy(source, project_)) return nullptr;
  w.setShowImportReports(false);
  w.show();
  if (!QTest::qWaitForWindowExposed(&w) || !w.openProject(project_)) return nullptr;
  if (!spinUntil([&] { return w.session()->isReady(); }, 60000)) return nullptr;
  if (!w.retrainAction()->isEnabled()) return nullptr;
  w.retrainAction()->trigger();  // Project > Retrain two-tower model…
  auto* d = w.findChild<RetrainDialog*>();
  if (!d || !d->isVisible()) return nullptr;
  d->findChild<QSpinBox*>("epochsSpin")->setValue(epochs);
  d->findChild<QSpinBox*>("dimSpin")->setValue(16);
  return d;
}

void RetrainDialogTest::trainsLiveStoresAndListsTwoTower() {
  MainWindow w;
  RetrainDialog* d = openAndShowDialog(w, encoded_, 3);
  QVERIFY(d);
  QVERIFY(!listsTwoTower(w));  // nothing trained yet
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 0);
  FirstEpochGate gate;
  d->setEpochHookForTesting(gate.hook());
  QSignalSpy shown(d, &RetrainDialog::epochShown);
  QSignalSpy finished(d, &RetrainDialog::trainingFinished);
  const auto before = w.session()->recommender();
  auto* start = d->findChild<QPushButton*>("startButton");
  QVERIFY(start->isEnabled());
  QTest::mouseClick(start, Qt::LeftButton);
  QVERIFY(d->isRunning());
  QVERIFY(!start->isEnabled());
  QVERIFY(!w.encodeAction()->isEnabled());  // the worker is taken
  {
    // The first point is on the chart while the worker still sits in the job.
    ReleaseOnExit release{gate.open};
    QVERIFY(spinUntil([&] { return shown.size() >= 1; }, 120000));
    QVERIFY(gate.waited);
    QVERIFY(d->isRunning());
    QVERIFY(w.jobs()->isBusy());
    QCOMPARE(finished.size(), 0);
    QCOMPARE(d->plot()->lossGraph()->dataCount(), 1);
    QCOMPARE(d->findChild<QProgressBar*>("trainProgress")->value(), 1);
    QVERIFY(!hasStoredTwoTower(project_));
  }
  QVERIFY(spinUntil([&] { return finished.size() == 1; }, 180000));
  QCOMPARE(finished[0][0].toString(), w.projectPath());
  QVERIFY2(finished[0][1].toBool(), qPrintable(d->statusText()));
  QCOMPARE(shown.size(), 3);
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 3);
  QCOMPARE(d->plot()->recallGraph()->dataCount(), 3);
  QCOMPARE(d->findChild<QProgressBar*>("trainProgress")->value(), 3);
  const QString status = d->statusText();
  QVERIFY2(status.startsWith("Trained in ") && status.contains("best epoch ") &&
               status.contains("validation Recall@20 "),
           qPrintable(status));
  QVERIFY(hasStoredTwoTower(project_));

  // The window rebuilt the engine: twotower is offered in Recommendations.
  QVERIFY(spinUntil([&] { return w.session()->isReady() && w.session()->recommender() != before; }, 120000));
  QVERIFY(listsTwoTower(w));
  auto* view = w.findChild<il::RecommendationsView*>();
  auto* combo = view->findChild<QComboBox*>("modelCombo");
  const int twoTower = combo->findData(QStringLiteral("twotower"));
  QVERIFY(twoTower >= 0);
  combo->setCurrentIndex(twoTower);  // and it ranks items
  QVERIFY(spinUntil([&] { return view->tableModel()->rowCount() > 0; }, 30000));
  QVERIFY(d->findChild<QPushButton*>("startButton")->isEnabled());
}

void RetrainDialogTest::cancelAfterFirstEpochStoresNothing() {
  MainWindow w;
  RetrainDialog* d = openAndShowDialog(w, encoded_, 5);
  QVERIFY(d);
  FirstEpochGate gate;
  d->setEpochHookForTesting(gate.hook());
  QSignalSpy shown(d, &RetrainDialog::epochShown);
  QSignalSpy finished(d, &RetrainDialog::trainingFinished);
  QVERIFY(d->start());
  auto* cancel = d->findChild<QPushButton*>("cancelButton");
  {
    ReleaseOnExit release{gate.open};
    QVERIFY(spinUntil([&] { return shown.size() >= 1; }, 120000));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);  // while the worker is held after epoch 1
    QVERIFY(!cancel->isEnabled());
    QVERIFY(d->statusText().startsWith("Cancelling"));
  }
  QVERIFY(spinUntil([&] { return finished.size() == 1; }, 120000));
  QVERIFY(!finished[0][1].toBool());
  QVERIFY2(d->statusText().contains("cancelled") && d->statusText().contains("no model was stored"),
           qPrintable(d->statusText()));
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 1);  // epoch 2 never finished
  QVERIFY(!hasStoredTwoTower(project_));
  QVERIFY(!d->isRunning());
  QVERIFY(!listsTwoTower(w));

  // Usable again: a second, uncancelled run stores a model.
  d->setEpochHookForTesting({});
  d->findChild<QSpinBox*>("epochsSpin")->setValue(1);
  QVERIFY(spinUntil([&] { return d->findChild<QPushButton*>("startButton")->isEnabled(); }, 60000));
  QVERIFY(d->start());
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 0);  // a new run starts a new curve
  QVERIFY(spinUntil([&] { return finished.size() == 2; }, 120000));
  QVERIFY2(finished[1][1].toBool(), qPrintable(d->statusText()));
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 1);
  QVERIFY(hasStoredTwoTower(project_));
}

void RetrainDialogTest::projectWithoutVectorsShowsTheError() {
  MainWindow w;
  RetrainDialog* d = openAndShowDialog(w, plain_, 3);
  QVERIFY(d);
  QSignalSpy finished(d, &RetrainDialog::trainingFinished);
  QVERIFY(d->start());
  QVERIFY(spinUntil([&] { return finished.size() == 1; }, 60000));
  QVERIFY(!finished[0][1].toBool());
  const QString status = d->statusText();
  QVERIFY2(status.startsWith("Training failed: ") && status.contains("encode the project first"), qPrintable(status));
  QVERIFY(!status.contains(project_));  // the path is in the title bar already
  QCOMPARE(d->plot()->lossGraph()->dataCount(), 0);
  QVERIFY(!hasStoredTwoTower(project_));
  QVERIFY(spinUntil([&] { return d->findChild<QPushButton*>("startButton")->isEnabled(); }, 60000));
}

// The window (its job runner first, then the dialog) goes away mid-run: the runner
// cancels and waits, the dialog must not touch it afterwards.
void RetrainDialogTest::closingTheWindowWhileTrainingIsSafe() {
  FirstEpochGate gate;
  auto w = std::make_unique<MainWindow>();
  RetrainDialog* d = openAndShowDialog(*w, encoded_, 50);
  QVERIFY(d);
  d->setEpochHookForTesting(gate.hook());
  QSignalSpy shown(d, &RetrainDialog::epochShown);
  QVERIFY(d->start());
  QVERIFY(spinUntil([&] { return shown.size() >= 1; }, 120000));
  QVERIFY(d->isRunning());
  gate.open.release();
  w.reset();  // must neither crash nor hang
  QVERIFY(QFileInfo::exists(project_));
  auto project = il::Project::open(project_.toStdString(), il::Project::Mode::ReadOnly);  // still a sound project
  QVERIFY(project->database().scalar("SELECT COUNT(*) FROM interactions") > 0);
}

// With IL_SCREENSHOT_DIR set (tests/ui/refresh_screenshots.sh): the dialog after a
// finished run, as docs/screenshot-retrain.png.
void RetrainDialogTest::saveScreenshotAfterARun() {
  const QString dir = qEnvironmentVariable("IL_SCREENSHOT_DIR");
  if (dir.isEmpty()) QSKIP("IL_SCREENSHOT_DIR is not set");
  MainWindow w;
  RetrainDialog* d = openAndShowDialog(w, encoded_, 12);
  QVERIFY(d);
  d->findChild<QSpinBox*>("dimSpin")->setValue(64);
  QSignalSpy finished(d, &RetrainDialog::trainingFinished);
  QVERIFY(d->start());
  QVERIFY(spinUntil([&] { return finished.size() == 1; }, 300000));
  QVERIFY(finished[0][1].toBool());
  QTest::qWait(300);
  QVERIFY(d->grab().save(QDir(dir).filePath("screenshot-retrain.png")));
}

QTEST_MAIN(RetrainDialogTest)
#include "retrain_dialog_test.moc"
