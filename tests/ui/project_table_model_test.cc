// ProjectTableModel: counts up front, pages on demand through a small LRU cache,
// filter and sort re-query, and a million-row table scrolls to its end quickly.
#include <sqlite3.h>

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "project_table_model.h"
#include "store/project.h"
#include "gui_test_util.h"

using il::DataTable;
using il::ProjectTableModel;
using il::test::spinUntil;
using il::test::waitForCount;

namespace {

constexpr int kBigTexts = 1000000;

// Creates the schema through the engine (a one-row import), then fills it with SQL.
bool createProject(const QString& dir, const QString& path, const QByteArray& csv) {
  const QString file = dir + "/seed.csv";
  if (!il::test::writeFile(file, csv)) return false;
  il::ImportOptions o;
  o.interactionFiles = {file.toStdString()};
  return il::importIntoProject(path.toStdString(), o).written;
}

bool exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  qWarning("%s", error);
  sqlite3_free(error);
  return false;
}

// 1,000,000 texts by 50,000 users about 5,000 items, inserted in key order (fast).
bool fillBigProject(const QString& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) return false;
  const bool ok =
      exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; BEGIN;") &&
      exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<50000) "
               "INSERT INTO users(ext_id) SELECT printf('user%05d', i) FROM n;") &&
      exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<5000) "
               "INSERT INTO items(ext_id, title) SELECT printf('item%04d', i), 'Item number ' || i FROM n;") &&
      exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<999999) "
               "INSERT INTO texts(user_id, item_id, text, time, hash) "
               "SELECT 2 + i / 20, 2 + i % 5000, 'Review ' || i || ': solid, would buy again.', "
               "1500000000 + i * 60, CAST(printf('%08d', i) AS BLOB) FROM n;") &&
      exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
  sqlite3_close(db);
  return ok;
}

QByteArray smallCsv() {
  QByteArray csv = "user_id,item_id,text,rating,time\n";
  for (int i = 0; i < 1000; ++i)
    csv += QStringLiteral("u%1,i%2,text %3 %4,%5,%6\n")
               .arg(i % 37, 3, 10, QChar('0'))
               .arg(i % 101, 3, 10, QChar('0'))
               .arg(i)
               .arg(i % 10 == 0 ? "banana" : "apple")
               .arg(1 + i % 5)
               .arg(1600000000 + i)
               .toUtf8();
  return csv;
}

}  // namespace

class ProjectTableModelTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void countsAndPagesOfASmallProject();
  void filterAndSortRequery();
  void cachedRowsNeverWait();
  void pagesReadFromTheEndMatchReadingForward();
  void millionRowsScrollToTheEndQuickly();

 private:
  QTemporaryDir dir_;
  QString small_, big_;
};

void ProjectTableModelTest::initTestCase() {
  QVERIFY(dir_.isValid());
  small_ = dir_.filePath("small.ilens");
  QVERIFY(createProject(dir_.path(), small_, smallCsv()));
}

void ProjectTableModelTest::countsAndPagesOfASmallProject() {
  const auto project = il::Project::open(small_.toStdString(), il::Project::Mode::ReadOnly);
  const il::ProjectCounts counts = project->counts();
  const struct {
    DataTable table;
    int64_t rows;
  } cases[] = {{DataTable::Users, counts.users}, {DataTable::Items, counts.items},
               {DataTable::Texts, counts.texts}};
  for (const auto& c : cases) {
    ProjectTableModel model(c.table);
    model.setProject(small_);
    QVERIFY(waitForCount(model));
    QCOMPARE(model.rowCount(), static_cast<int>(c.rows));
    QCOMPARE(model.columnCount(), static_cast<int>(project->columns(c.table).size()));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(),
             QString::fromStdString(project->columns(c.table)[0]));
    // Nothing is read until asked for; then one page.
    QCOMPARE(model.pageLoads(), 0);
    QVERIFY(!model.data(model.index(0, 0)).isValid());
    QVERIFY(spinUntil([&] { return model.isRowLoaded(0); }, 5000));
    QCOMPARE(model.pageLoads(), 1);
    QVERIFY(!model.data(model.index(0, 0)).toString().isEmpty());
  }
  ProjectTableModel texts(DataTable::Texts);
  texts.setProject(small_);
  QVERIFY(waitForCount(texts));
  QCOMPARE(texts.rowCount(), 1000);
  const int last = texts.rowCount() - 1;  // page 3 of 256-row pages
  texts.data(texts.index(last, 0));
  QVERIFY(spinUntil([&] { return texts.isRowLoaded(last); }, 5000));
  QCOMPARE(texts.pageLoads(), 1);
  QVERIFY(!texts.isRowLoaded(0));
  const int textColumn = texts.columnNamed("Text");
  QVERIFY(textColumn >= 0);
  QVERIFY(texts.data(texts.index(last, textColumn)).toString().startsWith("text "));
}

void ProjectTableModelTest::filterAndSortRequery() {
  ProjectTableModel model(DataTable::Texts);
  model.setProject(small_);
  QVERIFY(waitForCount(model));
  const int text = model.columnNamed("Text");
  model.setFilter("banana");
  QVERIFY(model.isCounting());
  QVERIFY(waitForCount(model));
  QCOMPARE(model.rowCount(), 100);  // every tenth row
  model.data(model.index(0, 0));
  QVERIFY(spinUntil([&] { return model.isRowLoaded(0); }, 5000));
  for (int r = 0; r < model.rowCount(); ++r)
    QVERIFY(model.data(model.index(r, text), ProjectTableModel::FullTextRole).toString().contains("banana"));

  // Sorting keeps the count and re-reads the rows in the new order.
  const int user = model.columnNamed("User");
  model.sort(user, Qt::DescendingOrder);
  QVERIFY(!model.isRowLoaded(0));
  model.data(model.index(0, 0));
  QVERIFY(spinUntil([&] { return model.isRowLoaded(0); }, 5000));
  QCOMPARE(model.rowCount(), 100);
  QStringList users;
  for (int r = 0; r < model.rowCount(); ++r) users << model.data(model.index(r, user)).toString();
  QStringList sorted = users;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  QCOMPARE(users, sorted);

  model.setFilter("no such text anywhere");
  QVERIFY(waitForCount(model));
  QCOMPARE(model.rowCount(), 0);
  model.setFilter(QString());
  QVERIFY(waitForCount(model));
  QCOMPARE(model.rowCount(), 1000);
}

void ProjectTableModelTest::cachedRowsNeverWait() {
  ProjectTableModel model(DataTable::Texts);
  model.setProject(small_);
  QVERIFY(waitForCount(model));
  model.data(model.index(300, 0));
  QVERIFY(spinUntil([&] { return model.isRowLoaded(300); }, 5000));
  const int loads = model.pageLoads();
  QElapsedTimer clock;
  clock.start();
  int chars = 0;
  for (int i = 0; i < 20000; ++i)
    chars += model.data(model.index(256 + i % 256, i % model.columnCount())).toString().size();
  QVERIFY(chars > 0);
  QVERIFY2(clock.elapsed() < 100, qPrintable(QString("%1 ms").arg(clock.elapsed())));
  QCOMPARE(model.pageLoads(), loads);
}

void ProjectTableModelTest::pagesReadFromTheEndMatchReadingForward() {
  // In the natural order pages in the second half are read backwards from the end;
  // they, and sorted pages with ties (many texts per user), must be the forward rows.
  const auto project = il::Project::open(small_.toStdString(), il::Project::Mode::ReadOnly);
  for (const int sortColumn : {-1, 0, 3, 4}) {  // 3: Encoded (all ties), 4: Text
    for (const bool descending : {false, true}) {
      ProjectTableModel model(DataTable::Texts);
      model.setProject(small_);
      QVERIFY(waitForCount(model));
      model.sort(sortColumn, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
      for (int r = 0; r < model.rowCount(); r += ProjectTableModel::kPageSize) model.data(model.index(r, 0));
      // Wait for every page (not only some: pages arrive in any order, and the loader
      // may drop requests it considers stale, so ask again for what is still missing).
      QVERIFY(spinUntil([&] {
        bool all = true;
        for (int r = 0; r < model.rowCount(); r += ProjectTableModel::kPageSize) {
          if (model.isRowLoaded(r)) continue;
          model.data(model.index(r, 0));
          all = false;
        }
        return all && model.isRowLoaded(model.rowCount() - 1);
      }, 5000));
      const il::TablePage forward =
          project->page(DataTable::Texts, "", sortColumn, sortColumn >= 0 && descending, 0, 1000);
      QCOMPARE(static_cast<int>(forward.rows.size()), model.rowCount());
      for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
          QCOMPARE(model.data(model.index(r, c), ProjectTableModel::FullTextRole).toString(),
                   QString::fromStdString(forward.rows[r][c]));
    }
  }
}

void ProjectTableModelTest::millionRowsScrollToTheEndQuickly() {
  big_ = dir_.filePath("big.ilens");
  QElapsedTimer clock;
  clock.start();
  QVERIFY(createProject(dir_.path(), big_, "user_id,item_id,text,time\nuser00000,item0000,hello,1500000000\n"));
  QVERIFY(fillBigProject(big_));
  qInfo("generated %d texts in %lld ms", kBigTexts, clock.elapsed());

  ProjectTableModel model(DataTable::Texts);
  QTableView view;
  view.setModel(&model);
  view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view.resize(900, 600);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  clock.restart();
  model.setProject(big_);
  QVERIFY(waitForCount(model, 60000));
  qInfo("counted in %lld ms", clock.elapsed());
  QCOMPARE(model.rowCount(), kBigTexts);
  QVERIFY(spinUntil([&] { return model.isRowLoaded(0); }, 10000));

  // Jump to the end, as dragging the scroll bar down does, and time the rows there.
  clock.restart();
  view.scrollToBottom();
  QVERIFY(spinUntil([&] { return model.isRowLoaded(999990) && model.isRowLoaded(kBigTexts - 1); }, 10000));
  const qint64 endMs = clock.elapsed();
  const int text = model.columnNamed("Text");
  QCOMPARE(model.data(model.index(kBigTexts - 1, text)).toString(),
           QString("Review 999999: solid, would buy again."));
  qInfo("rows near 999,990 shown after %lld ms; %d pages loaded, %d cached", endMs,
        model.pageLoads(), model.cachedPages());
  // Generous bounds: CI machines are shared; the page counts below are the real check.
  QVERIFY2(endMs < 1500, qPrintable(QString("%1 ms").arg(endMs)));
  QVERIFY(model.pageLoads() <= 4);

  // The middle is the deepest any read has to skip (pages past it are read from the end).
  clock.restart();
  view.scrollTo(model.index(kBigTexts / 2, 0), QAbstractItemView::PositionAtTop);
  QVERIFY(spinUntil([&] { return model.isRowLoaded(kBigTexts / 2); }, 10000));
  const qint64 middleMs = clock.elapsed();
  qInfo("rows near 500,000 shown after %lld ms", middleMs);
  QVERIFY2(middleMs < 5000, qPrintable(QString("%1 ms").arg(middleMs)));

  // Dragging through the middle reads only the pages shown; the cache stays small.
  for (int step = 1; step <= 50; ++step) {
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() * step / 50);
    QCoreApplication::processEvents();
  }
  QVERIFY(spinUntil([&] { return model.isRowLoaded(view.rowAt(0)); }, 10000));
  qInfo("after dragging: %d pages loaded, %d cached", model.pageLoads(), model.cachedPages());
  QVERIFY(model.pageLoads() <= 60);
  QVERIFY(model.cachedPages() <= ProjectTableModel::kCachedPages);
}

QTEST_MAIN(ProjectTableModelTest)
#include "project_table_model_test.moc"
