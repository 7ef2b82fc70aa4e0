// Encoding from the GUI: the Encoder panel and Project > Encode run encodeProject on
// the job thread; the Texts table's Encoded column fills in, errors name the file,
// Cancel stops promptly and keeps finished chunks, settings are remembered.
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "data_table_panel.h"
#include "data_view.h"
#include "demo_project.h"
#include "encoder_panel.h"
#include "import_job.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "main_window.h"
#include "paths.h"
#include "store/sqlite_db.h"
#include "store/vector_store.h"
#include "gui_test_util.h"

using il::DataTable;
using il::MainWindow;
using il::ProjectTableModel;
using il::test::spinUntil;
using il::test::waitForCount;

namespace {

// Vectors in the project file and its distinct texts (what encoding covers), read
// through a connection of our own.
struct VectorCounts {
  int64_t vectors = 0, distinct = 0;
};
VectorCounts vectorCounts(const QString& path) {
  auto project = il::Project::open(path.toStdString(), il::Project::Mode::ReadOnly);
  return {project->database().scalar("SELECT COUNT(*) FROM vectors"),
          il::VectorStore(*project).distinctTexts()};
}

void chooseKind(MainWindow& w, const QString& kind) {
  QComboBox* box = w.encoderPanel()->kindBox();
  const int i = box->findData(kind);
  QVERIFY(i >= 0);
  box->setCurrentIndex(i);
}

QString messageBoxText(const QWidget& w) {
  for (QMessageBox* box : w.findChildren<QMessageBox*>())
    if (box->isVisible()) return box->text();
  return {};
}

}  // namespace

class EncodeGuiTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void init();
  void tfidfFillsTheEncodedColumn();
  void badBertFolderNamesTheFile();
  void cancelStopsPromptlyAndKeepsFinishedChunks();
  void panelRemembersItsSettings();
  void screenshotWhileEncoding();

 private:
  // A fresh copy of the demo project per test, opened in `w`.
  bool openDemoCopy(MainWindow& w);

  QTemporaryDir dir_;
  QString project_;
};

void EncodeGuiTest::initTestCase() {
  il::test::isolateUserData();
  // Our own data folder, so the demo project is not shared with main_window_test.
  QCoreApplication::setApplicationName(QStringLiteral("InterestLens-encode-tests"));
  QSettings().remove(QStringLiteral("encoder"));  // the panel starts from its defaults
  il::removeProjectFiles(il::demo::projectPath());
  MainWindow w;
  w.setShowImportReports(false);
  QSignalSpy opened(&w, &MainWindow::projectOpened);
  w.openDemo();
  QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 60000);
}

void EncodeGuiTest::init() {
  const QString sub = QString::fromLatin1(QTest::currentTestFunction());
  QVERIFY(QDir(dir_.path()).mkpath(sub));
  project_ = dir_.filePath(sub + "/demo.ilens");
  il::removeProjectFiles(project_);
  QVERIFY(QFile::copy(il::demo::projectPath(), project_));
}

bool EncodeGuiTest::openDemoCopy(MainWindow& w) {
  w.setShowImportReports(false);
  w.show();
  return QTest::qWaitForWindowExposed(&w) && w.openProject(project_);
}

void EncodeGuiTest::tfidfFillsTheEncodedColumn() {
  MainWindow w;
  QVERIFY(openDemoCopy(w));
  QCOMPARE(w.findChild<QLabel*>("encoderLabel")->text(), QString("encoder: —"));
  chooseKind(w, "tfidf");
  QVERIFY(!w.encoderPanel()->modelDirEdit()->isEnabled());  // tfidf needs no files
  QCOMPARE(w.encodeAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
  QVERIFY(w.encodeAction()->isEnabled());

  QSignalSpy finished(&w, &MainWindow::encodeFinished);
  QSignalSpy progress(w.jobs(), &il::JobRunner::progressed);
  w.encodeAction()->trigger();
  QVERIFY(w.jobs()->isBusy());
  // Another encode cannot be started over the running one.
  QVERIFY(!w.encoderPanel()->encodeButton()->isEnabled());
  QVERIFY(!w.encodeAction()->isEnabled());
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
  QCOMPARE(finished[0][0].toBool(), false);           // not cancelled
  QCOMPARE(finished[0][1].toString(), QString());     // no error
  QVERIFY(w.encoderPanel()->encodeButton()->isEnabled());

  // The phase said how far it was and how fast.
  const QRegularExpression counts(QStringLiteral("^[\\d,.  ]+ of [\\d,.  ]+ texts · \\d+ texts/s"));
  bool sawCounts = false;
  for (const QList<QVariant>& p : progress) sawCounts |= counts.match(p[3].toString()).hasMatch();
  QVERIFY2(sawCounts, qPrintable(progress.isEmpty() ? QString() : progress.last()[3].toString()));

  const QString label = w.findChild<QLabel*>("encoderLabel")->text();
  QVERIFY2(label.startsWith("encoder: tfidf · "), qPrintable(label));
  QVERIFY(w.findChild<QLabel*>("encoderLabel")->toolTip().startsWith("tfidf:"));

  const VectorCounts c = vectorCounts(project_);
  QVERIFY(c.distinct > 100);
  QCOMPARE(c.vectors, c.distinct);
  const QString list = w.findChild<QLabel*>("encodersInProject")->text();
  QVERIFY2(list.contains(QStringLiteral("%1 vectors, 256-d").arg(QLocale().toString(c.vectors))),
           qPrintable(list));

  // The Texts table was re-read and shows every row as encoded by tfidf.
  ProjectTableModel* texts = w.dataView()->panel(DataTable::Texts)->model();
  w.dataView()->showTable(DataTable::Texts);
  QVERIFY(waitForCount(*texts));
  const int encoded = texts->columnNamed("Encoded");
  QVERIFY(encoded >= 0);
  QCOMPARE(texts->rowCount(), static_cast<int>(w.project()->counts().texts));
  for (int r = 0; r < texts->rowCount(); ++r) {
    if (!texts->isRowLoaded(r)) {
      texts->data(texts->index(r, 0));
      QVERIFY(spinUntil([&] {
        texts->data(texts->index(r, 0));  // asks again if the loader dropped it
        return texts->isRowLoaded(r);
      }, 5000));
    }
    QCOMPARE(texts->data(texts->index(r, encoded)).toString(), QString("✓ tfidf"));
  }

  // Again: nothing is left to encode, and nothing is written twice.
  w.encoderPanel()->encodeButton()->click();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 120000);
  QCOMPARE(finished[1][1].toString(), QString());
  QVERIFY2(w.statusBar()->currentMessage().startsWith("Encoded 0 texts"),
           qPrintable(w.statusBar()->currentMessage()));
  QCOMPARE(vectorCounts(project_).vectors, c.distinct);
}

void EncodeGuiTest::badBertFolderNamesTheFile() {
  MainWindow w;
  QVERIFY(openDemoCopy(w));
  QTemporaryDir models;
  chooseKind(w, "bert");
  QVERIFY(w.encoderPanel()->modelDirEdit()->isEnabled());
  QSignalSpy finished(&w, &MainWindow::encodeFinished);

  // An empty folder: no config.json.
  const QString empty = models.filePath("empty-model");
  QVERIFY(QDir().mkpath(empty));
  w.encoderPanel()->modelDirEdit()->setText(empty);
  QCOMPARE(w.startEncode() > 0, true);
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
  QString error = finished[0][1].toString();
  QVERIFY2(error.contains(QDir(empty).filePath("config.json")) || error.contains("config.json"),
           qPrintable(error));
  QVERIFY2(error.contains(empty), qPrintable(error));
  QTRY_VERIFY(messageBoxText(w).contains("config.json"));
  QCOMPARE(w.findChild<QLabel*>("encoderLabel")->text(), QString("encoder: —"));
  QVERIFY(w.findChild<QLabel*>("encodersInProject")->text().contains("none yet"));

  // A folder with the config and vocabulary but no weights names model.safetensors.
  const QString tiny = QStringLiteral(IL_SHARED_DIR "/models/tiny-bert-synthetic");
  if (QFileInfo::exists(tiny + "/config.json")) {
    const QString partial = models.filePath("no-weights");
    QVERIFY(QDir().mkpath(partial));
    for (const char* f : {"config.json", "vocab.txt", "tokenizer_config.json"})
      if (QFileInfo::exists(tiny + "/" + f)) QVERIFY(QFile::copy(tiny + "/" + f, partial + "/" + f));
    w.encoderPanel()->modelDirEdit()->setText(partial);
    QVERIFY(w.startEncode() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
    error = finished[1][1].toString();
    QVERIFY2(error.contains(QDir(partial).filePath("model.safetensors")), qPrintable(error));
  }

  // Nothing was written and the window carries on.
  QVERIFY(w.project());
  QCOMPARE(vectorCounts(project_).vectors, int64_t{0});
  // After a failed encode the models are (re)built from what the project holds.
  QTRY_VERIFY_WITH_TIMEOUT(!w.jobs()->isBusy(), 60000);
  QVERIFY(w.encodeAction()->isEnabled());
  QVERIFY(w.statusBar()->currentMessage().contains("failed"));
}

void EncodeGuiTest::cancelStopsPromptlyAndKeepsFinishedChunks() {
  // A real encoder slow enough to be caught mid-run: USE-Lite, as installed.
  const QString useLite = QString::fromStdString(il::modelDirectory("use-lite"));
  if (!QFileInfo::exists(useLite + "/model.json") && !QFileInfo::exists(useLite + "/dist/model.json"))
    QSKIP("USE-Lite is not installed (installer/setup.sh installs it)");
  MainWindow w;
  QVERIFY(openDemoCopy(w));
  chooseKind(w, "use-lite");
  QSignalSpy finished(&w, &MainWindow::encodeFinished);
  qint64 doneAtCancel = -1;
  QString phase;
  QElapsedTimer sinceStart, sinceCancel;
  qint64 firstChunkMs = 0;  // how fast this machine is right now (model load included)
  // Cancel as the first chunk is reported, as a user clicking Cancel would.
  connect(w.jobs(), &il::JobRunner::progressed, this,
          [&](int, qint64 done, qint64 total, const QString& p) {
            if (doneAtCancel >= 0 || done <= 0 || done >= total) return;
            doneAtCancel = done;
            phase = p;
            firstChunkMs = sinceStart.elapsed();
            sinceCancel.start();
            w.findChild<QToolButton*>("jobCancel")->click();
          });
  sinceStart.start();
  w.encodeAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
  QVERIFY2(doneAtCancel > 0, "no progress was reported before the job ended");
  const qint64 stopMs = sinceCancel.elapsed();
  qInfo("cancelled at %lld texts (\"%s\") after %lld ms, stopped %lld ms later", doneAtCancel,
        qPrintable(phase), firstChunkMs, stopMs);
  // At most the chunk in flight finishes: a few seconds, or a chunk's time on a busy machine.
  QVERIFY2(stopMs < std::max<qint64>(5000, 2 * firstChunkMs), qPrintable(QString("%1 ms").arg(stopMs)));
  QCOMPARE(finished[0][0].toBool(), true);
  QCOMPARE(finished[0][1].toString(), QString());
  QVERIFY(phase.contains("texts/s") && phase.contains("ETA"));
  QVERIFY(w.statusBar()->currentMessage().startsWith("Encoding cancelled"));

  // The finished chunks are kept; the label shows the encoder that wrote them.
  const VectorCounts kept = vectorCounts(project_);
  QVERIFY(kept.vectors >= doneAtCancel);
  QVERIFY(kept.vectors < kept.distinct);
  QVERIFY(w.findChild<QLabel*>("encoderLabel")->text().startsWith("encoder: use-lite · "));

  // A second run goes on from there and finishes the rest.
  w.encodeAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 180000);
  QCOMPARE(finished[1][0].toBool(), false);
  QCOMPARE(vectorCounts(project_).vectors, kept.distinct);
  QVERIFY2(w.statusBar()->currentMessage().contains(
               QStringLiteral("(%1 already had vectors)").arg(QLocale().toString(kept.vectors))),
           qPrintable(w.statusBar()->currentMessage()));
}

void EncodeGuiTest::panelRemembersItsSettings() {
  const QString bertDir = dir_.filePath("some-bert");
  {
    il::EncoderPanel panel;
    il::EncoderSettings s;
    s.kind = "bert";
    s.modelDir = bertDir.toStdString();
    s.pooling = "cls";
    s.maxLength = 256;
    panel.setSettings(s);
    // Each kind keeps its own folder.
    panel.kindBox()->setCurrentIndex(panel.kindBox()->findData("glove"));
    QCOMPARE(panel.modelDirEdit()->text(), QString());
    QCOMPARE(panel.settings().pooling, std::string());  // bert only
    panel.kindBox()->setCurrentIndex(panel.kindBox()->findData("bert"));
    QCOMPARE(QDir::fromNativeSeparators(panel.modelDirEdit()->text()), bertDir);
    panel.save();
  }
  il::EncoderPanel again;
  again.load();
  const il::EncoderSettings s = again.settings();
  QCOMPARE(s.kind, std::string("bert"));
  QCOMPARE(QString::fromStdString(s.modelDir), bertDir);
  QCOMPARE(s.pooling, std::string("cls"));
  QCOMPARE(s.maxLength, 256);
  QVERIFY(again.findChild<QComboBox*>("encoderPooling")->isEnabled());
}

// For the docs (IL_SCREENSHOT=FILE.png): the window during a run, over texts that
// another encoder already covered.
void EncodeGuiTest::screenshotWhileEncoding() {
  const QString file = qEnvironmentVariable("IL_SCREENSHOT");
  if (file.isEmpty()) QSKIP("set IL_SCREENSHOT=FILE.png to take it");
  MainWindow w;
  w.resize(1280, 800);
  QVERIFY(openDemoCopy(w));
  w.encoderPanel()->setSettings({});
  QSignalSpy finished(&w, &MainWindow::encodeFinished);
  chooseKind(w, "tfidf");
  w.startEncode();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
  w.dataView()->showTable(DataTable::Texts);
  // USE-Lite over part of the texts (longest first), then on again while grabbing.
  chooseKind(w, "use-lite");
  QMetaObject::Connection hook =
      connect(w.jobs(), &il::JobRunner::progressed, this, [&](int, qint64 done, qint64 total, const QString&) {
        if (done >= 384 && done < total) w.jobs()->cancel();
      });
  w.startEncode();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 180000);
  disconnect(hook);
  ProjectTableModel* texts = w.dataView()->panel(DataTable::Texts)->model();
  QVERIFY(waitForCount(*texts));
  QVERIFY(spinUntil([&] { return texts->isRowLoaded(0); }, 5000));
  bool grabbed = false;
  connect(w.jobs(), &il::JobRunner::progressed, this, [&](int, qint64 done, qint64 total, const QString&) {
    if (grabbed || done < 128 || done >= total) return;
    grabbed = true;
    QTimer::singleShot(100, &w, [&] {  // after the status bar shows this report
      QVERIFY(w.grab().save(file));
      w.jobs()->cancel();
    });
  });
  w.startEncode();
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 180000);
  QVERIFY(grabbed);
}

QTEST_MAIN(EncodeGuiTest)
#include "encode_gui_test.moc"
