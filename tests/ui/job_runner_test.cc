// JobRunner: progress arrives queued on the GUI thread, cancel and restart are
// clean, and an import on the runner can be cancelled (no project is left) and
// then run to the end while the event loop keeps ticking.
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <atomic>

#include "import_job.h"
#include "job_runner.h"
#include "test_paths.h"
#include "gui_test_util.h"

using il::JobControl;
using il::JobOutcome;
using il::JobRunner;

namespace {

// Work that runs until cancelled, reporting as it goes.
JobRunner::Work spinUntilCancelled(std::atomic<bool>* started = nullptr) {
  return [started](JobControl& job) {
    if (started) started->store(true);
    for (int64_t i = 0; !job.cancelled(); ++i) {
      job.report({i, 0, "spinning"});
      QThread::msleep(1);
    }
  };
}

}  // namespace

class JobRunnerTest : public QObject {
  Q_OBJECT
 private slots:
  void runsWorkOffThreadAndReportsOnGuiThread();
  void cancelStopsTheJob();
  void startingAnotherJobCancelsTheRunningOne();
  void exceptionsBecomeErrors();
  void importCanBeCancelledThenCompleted();
};

void JobRunnerTest::runsWorkOffThreadAndReportsOnGuiThread() {
  JobRunner runner;
  QSignalSpy progressed(&runner, &JobRunner::progressed);
  QThread* workThread = nullptr;
  QThread* progressThread = nullptr;
  connect(&runner, &JobRunner::progressed, this, [&]() { progressThread = QThread::currentThread(); });
  JobOutcome outcome;
  QThread* doneThread = nullptr;
  const int id = runner.start(
      "count",
      [&](JobControl& job) {
        workThread = QThread::currentThread();
        for (int i = 1; i <= 20; ++i) {
          job.report({i, 20, "counting"});
          QThread::msleep(10);
        }
      },
      [&](const JobOutcome& o) {
        outcome = o;
        doneThread = QThread::currentThread();
      });
  QVERIFY(runner.isBusy());
  QCOMPARE(runner.currentName(), QString("count"));
  QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 5000);
  QCOMPARE(outcome.id, id);
  QVERIFY(!outcome.cancelled);
  QVERIFY(outcome.error.isEmpty());
  QVERIFY(workThread && workThread != QThread::currentThread());
  QCOMPARE(doneThread, QThread::currentThread());
  QCOMPARE(progressThread, QThread::currentThread());
  // Throttled (20 reports in ~200 ms), but the last one always gets through.
  QVERIFY(progressed.size() >= 2);
  QVERIFY(progressed.size() <= 20);
  QCOMPARE(progressed.last().at(1).toLongLong(), 20);
}

void JobRunnerTest::cancelStopsTheJob() {
  JobRunner runner;
  std::atomic<bool> started{false};
  QSignalSpy finished(&runner, &JobRunner::jobFinished);
  runner.start("spin", spinUntilCancelled(&started));
  QTRY_VERIFY(started.load());
  QElapsedTimer clock;
  clock.start();
  runner.cancel();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 2000);
  QVERIFY(clock.elapsed() < 1000);
  QCOMPARE(finished.first().at(2).toBool(), true);  // cancelled
  QVERIFY(!runner.isBusy());
}

void JobRunnerTest::startingAnotherJobCancelsTheRunningOne() {
  JobRunner runner;
  std::atomic<bool> started{false};
  QList<std::pair<QString, bool>> ends;  // (name, cancelled), in the order they ended
  connect(&runner, &JobRunner::jobFinished, this,
          [&](int, const QString& name, bool cancelled, const QString&) { ends.append({name, cancelled}); });
  runner.start("first", spinUntilCancelled(&started));
  QTRY_VERIFY(started.load());
  bool secondRan = false;
  runner.start("second", [&](JobControl&) { secondRan = true; });
  QCOMPARE(runner.currentName(), QString("second"));
  QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 3000);
  QVERIFY(secondRan);
  QCOMPARE(ends.size(), 2);
  QCOMPARE(ends[0], std::make_pair(QString("first"), true));
  QCOMPARE(ends[1], std::make_pair(QString("second"), false));

  // A job queued behind a running one and replaced before it ran never runs.
  started = false;
  ends.clear();
  bool dropped = false;
  runner.start("a", spinUntilCancelled(&started));
  QTRY_VERIFY(started.load());
  runner.start("b", [&](JobControl&) { dropped = true; });
  runner.start("c", [](JobControl&) {});
  QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 3000);
  QCOMPARE(ends.size(), 3);
  QVERIFY(!dropped);
  QCOMPARE(ends.last(), std::make_pair(QString("c"), false));
}

void JobRunnerTest::exceptionsBecomeErrors() {
  JobRunner runner;
  JobOutcome outcome;
  runner.start("throws", [](JobControl&) { throw std::runtime_error("disk full"); },
               [&](const JobOutcome& o) { outcome = o; });
  QTRY_VERIFY(!runner.isBusy());
  QCOMPARE(outcome.error, QString("disk full"));
  QVERIFY(!outcome.cancelled);
}

void JobRunnerTest::importCanBeCancelledThenCompleted() {
  IL_REQUIRE_SHARED("data/ml-latest-small/ratings.csv");
  QTemporaryDir dir;
  const QString project = dir.filePath("ratings.ilens");
  il::ImportRequest request;
  request.projectPath = project;
  request.options.interactionFiles = {il::test::sharedPath("data/ml-latest-small/ratings.csv").toStdString()};

  JobRunner runner;
  // Cancel as soon as the first progress report shows the import is under way.
  auto first = std::make_shared<il::ImportOutcome>();
  bool cancelledOnce = false;
  auto conn = connect(&runner, &JobRunner::progressed, this, [&]() {
    if (!cancelledOnce) runner.cancel();
    cancelledOnce = true;
  });
  JobOutcome firstJob;
  runner.start("import", il::importWork(request, first), [&](const JobOutcome& o) { firstJob = o; });
  QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 60000);
  disconnect(conn);
  QVERIFY(cancelledOnce);
  QVERIFY(firstJob.cancelled);
  QVERIFY(!first->written);
  QCOMPARE(first->error, std::string("cancelled"));
  QVERIFY2(!QFileInfo::exists(project), "a cancelled import must not leave a project behind");

  // Again, to the end, with a 10 ms timer watching the event loop.
  QElapsedTimer sinceTick;
  qint64 worstGap = 0;
  QTimer ticker;
  ticker.setInterval(10);
  connect(&ticker, &QTimer::timeout, this, [&]() {
    worstGap = std::max(worstGap, sinceTick.restart());
  });
  auto second = std::make_shared<il::ImportOutcome>();
  int progressReports = 0;
  connect(&runner, &JobRunner::progressed, this, [&]() { ++progressReports; });
  sinceTick.start();
  ticker.start();
  QElapsedTimer clock;
  clock.start();
  runner.start("import", il::importWork(request, second));
  QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 120000);
  ticker.stop();
  qInfo("import took %lld ms, %d progress reports, worst event-loop gap %lld ms",
        clock.elapsed(), progressReports, worstGap);
  QVERIFY2(second->written, second->error.c_str());
  QVERIFY(QFileInfo::exists(project));
  QCOMPARE(second->result.rowsKept, int64_t{100836});
  QVERIFY(progressReports > 0);
  QVERIFY2(worstGap < 100, qPrintable(QString("event loop stalled for %1 ms").arg(worstGap)));
}

QTEST_MAIN(JobRunnerTest)
#include "job_runner_test.moc"
