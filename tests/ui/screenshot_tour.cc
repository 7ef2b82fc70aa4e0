// Screenshot tour for the docs (not a test): imports the demo into a temporary
// project, encodes it with USE-Lite (TF-IDF when the model is not installed), waits
// for the models, picks a user, and saves the main window on every tab.
//   screenshot_tour OUTDIR      (run under xvfb-run; see refresh_screenshots.sh)
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <functional>

#include "demo_project.h"
#include "encoder_panel.h"
#include "engine_session.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "main_window.h"

namespace {

bool waitUntil(const std::function<bool()>& done, int ms) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > ms) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(10);
  }
  return true;
}

void settle(int ms) { waitUntil([] { return false; }, ms); }

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("InterestLens"));
  QCoreApplication::setApplicationName(QStringLiteral("InterestLens-screenshots"));
  if (argc < 2) {
    std::fprintf(stderr, "usage: screenshot_tour OUTDIR\n");
    return 2;
  }
  const QDir out(QString::fromLocal8Bit(argv[1]));
  QTemporaryDir tmp;
  const il::demo::Files files = il::demo::extractTo(tmp.path());
  const QString project = tmp.filePath(QStringLiteral("demo.ilens"));
  il::ImportOptions o;
  o.interactionFiles = {files.reviews.toStdString()};
  o.itemFiles = {files.items.toStdString()};
  if (!il::importIntoProject(project.toStdString(), o).written) return 1;

  il::MainWindow w;
  w.setShowImportReports(false);
  w.resize(1280, 820);
  w.show();
  if (!w.openProject(project)) return 1;
  const bool useLite = QFileInfo::exists(QString::fromStdString(il::modelDirectory("use-lite") + "/package.json"));
  std::fprintf(stderr, "encoding with %s\n", useLite ? "use-lite" : "tfidf");
  auto* kind = w.encoderPanel()->findChild<QComboBox*>(QStringLiteral("encoderKind"));
  if (kind) kind->setCurrentIndex(kind->findData(useLite ? QStringLiteral("use-lite") : QStringLiteral("tfidf")));
  w.startEncode();
  auto modelsReady = [&] { return w.session()->isReady() && w.session()->recommender()->hasContent(); };
  if (!waitUntil(modelsReady, 600000)) return 1;
  w.session()->selectUser(QStringLiteral("alice"));

  const char* names[] = {"data", "interests", "heatmap", "recommendations", "evaluation"};
  for (int i = 0; i < w.tabs()->count() && i < 5; ++i) {
    w.tabs()->setCurrentIndex(i);
    settle(500);
    if (i == 3) {  // select the first recommendation so the evidence panel is filled
      if (auto* table = w.tabs()->widget(i)->findChild<QTableView*>(QStringLiteral("recommendationsTable")))
        table->selectRow(0);
    }
    if (i == 4) {  // run the evaluation
      if (auto* run = w.tabs()->widget(i)->findChild<QAbstractButton*>(QStringLiteral("runEvaluation"))) run->click();
    }
    // Views start their own jobs when shown (projection, evaluation): wait for them.
    waitUntil([&] { return !w.jobs()->isBusy(); }, 300000);
    settle(800);
    const QString file = out.filePath(QStringLiteral("screenshot-%1.png").arg(QString::fromLatin1(names[i])));
    std::fprintf(stderr, "%s: %s\n", qPrintable(file), w.grab().save(file) ? "ok" : "FAILED");
  }
  return 0;
}
