// MainWindow: opening the demo shows its users, items and texts (as many rows as
// the project holds), the header sorts, the filter box filters; status bar and
// recent projects follow the open project.
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "data_table_panel.h"
#include "data_view.h"
#include "demo_project.h"
#include "file_preview.h"
#include "import_job.h"
#include "job_runner.h"
#include "engine_session.h"
#include "main_window.h"
#include "user_picker.h"
#include "recent_projects.h"
#include "gui_test_util.h"

using il::DataTable;
using il::MainWindow;
using il::ProjectTableModel;
using il::test::spinUntil;
using il::test::waitForCount;

namespace {

// First catalog title of the bundled demo, read from the resource itself.
QString firstDemoTitle() {
  QTemporaryDir dir;
  const il::demo::Files files = il::demo::extractTo(dir.path());
  const il::FilePreview p = il::readPreview(files.items, 1);
  const int title = static_cast<int>(p.header.indexOf("title"));
  return p.rows.isEmpty() || title < 0 ? QString() : p.rows[0][title];
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void opensTheDemoAndShowsItsTables();
  void headerClickSortsAndFilterFilters();
  void reopensTheBuiltDemoWithoutImporting();
  void reportsProjectsThatCannotOpen();
  void importRunsInTheBackgroundAndOpensTheProject();
  void dataTableExportsEveryRowAsCsv();
};

void MainWindowTest::initTestCase() {
  il::test::isolateUserData();
  il::recent::clear();
  il::removeProjectFiles(il::demo::projectPath());  // build it afresh once
}

void MainWindowTest::opensTheDemoAndShowsItsTables() {
  MainWindow w;
  w.setShowImportReports(false);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QCOMPARE(w.findChild<QLabel*>("encoderLabel")->text(), QString("encoder: —"));
  QSignalSpy opened(&w, &MainWindow::projectOpened);
  w.openDemo();
  QVERIFY(w.jobs()->isBusy());  // the first time, it is built in the background
  QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 60000);
  QVERIFY(w.project());
  QCOMPARE(w.projectPath(), il::demo::projectPath());
  QVERIFY(w.findChild<QLabel*>("projectLabel")->text().contains("demo.ilens"));
  QCOMPARE(il::recent::projects().value(0), il::demo::projectPath());

  const il::ProjectCounts counts = w.project()->counts();
  QVERIFY(counts.texts > 500);
  const struct {
    DataTable table;
    int64_t rows;
  } tables[] = {{DataTable::Users, counts.users},
                {DataTable::Items, counts.items},
                {DataTable::Texts, counts.texts}};
  for (const auto& t : tables) {
    w.dataView()->showTable(t.table);
    il::DataTablePanel* panel = w.dataView()->panel(t.table);
    ProjectTableModel* model = panel->model();
    QVERIFY(waitForCount(*model));
    QCOMPARE(model->rowCount(), static_cast<int>(t.rows));
    // What is on screen gets read: the first visible row has text.
    QVERIFY(spinUntil([&] { return model->isRowLoaded(0); }, 5000));
    QVERIFY(!model->data(model->index(0, 0)).toString().isEmpty());
    QVERIFY(panel->findChild<QLabel*>("status")->text().contains(QLocale().toString(t.rows)));
  }

  // A known title from the demo catalog is there.
  const QString title = firstDemoTitle();
  QVERIFY(!title.isEmpty());
  ProjectTableModel* items = w.dataView()->panel(DataTable::Items)->model();
  const int titleColumn = items->columnNamed("Title");
  bool found = false;
  for (int r = 0; r < items->rowCount() && !found; ++r) {
    if (!items->isRowLoaded(r)) {
      items->data(items->index(r, 0));
      QVERIFY(spinUntil([&] { return items->isRowLoaded(r); }, 5000));
    }
    found = items->data(items->index(r, titleColumn)).toString() == title;
  }
  QVERIFY2(found, qPrintable(title));
}

void MainWindowTest::headerClickSortsAndFilterFilters() {
  MainWindow w;
  w.setShowImportReports(false);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  w.openDemo();
  QTRY_VERIFY_WITH_TIMEOUT(w.project(), 60000);
  w.dataView()->showTable(DataTable::Items);
  il::DataTablePanel* panel = w.dataView()->panel(DataTable::Items);
  ProjectTableModel* model = panel->model();
  QVERIFY(waitForCount(*model));
  const int total = model->rowCount();

  // Click the Title header: ascending by title.
  const int titleColumn = model->columnNamed("Title");
  QHeaderView* header = panel->view()->horizontalHeader();
  const QPoint at(header->sectionViewportPosition(titleColumn) + header->sectionSize(titleColumn) / 2,
                  header->height() / 2);
  QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
  QCOMPARE(header->sortIndicatorSection(), titleColumn);
  QVERIFY(spinUntil([&] { return model->isRowLoaded(0); }, 5000));
  QStringList titles;
  for (int r = 0; r < 10; ++r) titles << model->data(model->index(r, titleColumn)).toString();
  QStringList sorted = titles;
  std::sort(sorted.begin(), sorted.end());
  QCOMPARE(titles, sorted);
  QCOMPARE(model->rowCount(), total);

  // Type into the filter box; after the debounce only matching rows remain.
  const QString title = firstDemoTitle();
  QTest::keyClicks(panel->filterEdit(), title);
  QCOMPARE(model->filter(), QString());  // not yet: typing is debounced
  QVERIFY(spinUntil([&] { return model->filter() == title && !model->isCounting(); }, 5000));
  QVERIFY(model->rowCount() >= 1);
  QVERIFY(model->rowCount() < total);
  QVERIFY(spinUntil([&] { return model->isRowLoaded(0); }, 5000));
  QCOMPARE(model->data(model->index(0, titleColumn)).toString(), title);
  // The tooltip carries the description.
  QVERIFY(model->data(model->index(0, titleColumn), Qt::ToolTipRole).toString().size() > title.size() + 20);
  panel->filterEdit()->clear();
  QVERIFY(spinUntil([&] { return model->filter().isEmpty() && !model->isCounting(); }, 5000));
  QCOMPARE(model->rowCount(), total);
}

void MainWindowTest::reopensTheBuiltDemoWithoutImporting() {
  QVERIFY(il::demo::isReady());
  MainWindow w;
  w.setShowImportReports(false);
  QSignalSpy opened(&w, &MainWindow::projectOpened);
  w.openDemo();
  QCOMPARE(opened.size(), 1);  // at once, no import job
  // The only job is building the models over the opened project.
  QVERIFY(w.session()->isLoading());
  QSignalSpy ready(w.session(), &il::EngineSession::ready);
  QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 60000);
  QVERIFY(!w.jobs()->isBusy());
  QVERIFY(w.session()->recommender());
  QCOMPARE(w.userPicker()->count(), w.session()->recommender()->corpus().userCount());
}

void MainWindowTest::reportsProjectsThatCannotOpen() {
  QTemporaryDir dir;
  const QString notAProject = dir.filePath("notes.ilens");
  QVERIFY(il::test::writeFile(notAProject, "just some text, not SQLite at all\n"));
  MainWindow w;
  w.setShowImportReports(false);
  QVERIFY(!w.openProject(notAProject));
  QVERIFY(!w.project());
  QVERIFY(!w.openProject(dir.filePath("missing.ilens")));
  QVERIFY(!il::recent::projects().contains(dir.filePath("missing.ilens")));
}

void MainWindowTest::importRunsInTheBackgroundAndOpensTheProject() {
  QTemporaryDir dir;
  QByteArray csv = "user_id,item_id,text,rating\n";
  for (int i = 0; i < 20000; ++i)
    csv += "u" + QByteArray::number(i % 300) + ",i" + QByteArray::number(i % 700) + ",text " +
           QByteArray::number(i) + "," + QByteArray::number(1 + i % 5) + "\n";
  csv += "broken,row\n";
  QVERIFY(il::test::writeFile(dir.filePath("reviews.csv"), csv));
  MainWindow w;
  w.setShowImportReports(false);
  w.show();
  QSignalSpy finished(&w, &MainWindow::importFinished);
  il::ImportRequest request;
  request.projectPath = dir.filePath("reviews.ilens");
  request.options.interactionFiles = {dir.filePath("reviews.csv").toStdString()};
  w.startImport(request);
  // While it runs, the status bar shows the job with progress and a way to cancel it.
  QVERIFY(w.jobs()->isBusy());
  QVERIFY(w.findChild<QWidget*>("jobCancel")->isVisible());
  QVERIFY(w.findChild<QWidget*>("jobProgress")->isVisible());
  QVERIFY(w.findChild<QLabel*>("jobLabel")->text().contains("reviews.ilens"));
  QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
  QCOMPARE(finished.first().at(0).toBool(), true);
  // Opening the imported project builds its models; then nothing runs.
  QTRY_VERIFY_WITH_TIMEOUT(!w.jobs()->isBusy(), 60000);
  QVERIFY(!w.findChild<QWidget*>("jobCancel")->isVisible());
  QCOMPARE(w.findChild<QLabel*>("jobLabel")->text(), QString("no job running"));
  QCOMPARE(w.projectPath(), QFileInfo(request.projectPath).absoluteFilePath());
  ProjectTableModel* texts = w.dataView()->panel(DataTable::Texts)->model();
  QVERIFY(waitForCount(*texts));
  QCOMPARE(texts->rowCount(), static_cast<int>(w.project()->counts().texts));
  QVERIFY(texts->rowCount() > 0);
}

QTEST_MAIN(MainWindowTest)
void MainWindowTest::dataTableExportsEveryRowAsCsv() {
  QVERIFY(il::demo::isReady());
  MainWindow w;
  w.setShowImportReports(false);
  w.openDemo();
  il::DataTablePanel* texts = w.dataView()->panel(il::DataTable::Texts);
  QTemporaryDir dir;
  const QString file = dir.filePath("texts.csv");
  QSignalSpy exported(texts, &il::DataTablePanel::exported);
  texts->exportTo(file);
  QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
  QCOMPARE(exported[0][1].toString(), QString());
  QFile f(file);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QByteArray csv = f.readAll();
  QVERIFY(csv.startsWith("User,Item,Time,"));
  // One record per text (review texts hold no newlines in the demo) plus the header.
  QCOMPARE(csv.count("\r\n"), qsizetype(w.project()->counts().texts + 1));
  QTRY_VERIFY_WITH_TIMEOUT(!w.jobs()->isBusy(), 60000);  // let the model build finish
}

#include "main_window_test.moc"
