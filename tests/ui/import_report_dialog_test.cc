// ImportReportDialog: the summary and every problem (file, line, column, kind,
// expected, found) of an import, for successes and failures alike.
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "import_report_dialog.h"
#include "gui_test_util.h"

using il::ImportReportDialog;

class ImportReportDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void listsRejectedRows();
  void explainsAFailedImport();
};

void ImportReportDialogTest::listsRejectedRows() {
  QTemporaryDir dir;
  const QString csv = dir.filePath("reviews.csv");
  il::ImportOptions o;
  o.interactionFiles = {csv.toStdString()};
  QVERIFY(il::test::writeFile(csv, "user_id,item_id,text,rating\n"
                                   "alice,i1,great,5\n"
                                   "bob,i2,fine,3,extra\n"
                                   "carol,i3,ok,4\n"));
  const il::ImportOutcome outcome = il::importIntoProject(dir.filePath("p.ilens").toStdString(), o);
  QVERIFY2(outcome.written, outcome.error.c_str());
  QVERIFY(outcome.result.rowsRejected >= 1);

  ImportReportDialog dialog(outcome, dir.filePath("p.ilens"));
  QVERIFY(dialog.headline().contains("p.ilens"));
  QVERIFY(dialog.headline().contains("rejected"));
  QVERIFY(dialog.findChild<QPlainTextEdit*>("summary")->toPlainText().contains("rows read"));
  QTableWidget* problems = dialog.problemsTable();
  QCOMPARE(problems->columnCount(), 7);
  QCOMPARE(problems->rowCount(), static_cast<int>(outcome.result.problems.kept().size()));
  const il::Problem& p = outcome.result.problems.kept().front();
  QCOMPARE(problems->item(0, 0)->text(), QString("reviews.csv"));
  QCOMPARE(problems->item(0, 1)->text(), QString::number(p.line));
  QCOMPARE(problems->item(0, 4)->text(), QString::fromStdString(p.kind));
  QCOMPARE(problems->item(0, 5)->text(), QString::fromStdString(p.expected));
  QCOMPARE(problems->item(0, 6)->text(), QString::fromStdString(p.found));
  QCOMPARE(p.line, int64_t{3});
}

void ImportReportDialogTest::explainsAFailedImport() {
  QTemporaryDir dir;
  il::ImportOptions o;
  o.interactionFiles = {dir.filePath("nope.csv").toStdString()};
  const il::ImportOutcome outcome = il::importIntoProject(dir.filePath("p.ilens").toStdString(), o);
  QVERIFY(!outcome.written);
  ImportReportDialog dialog(outcome, dir.filePath("p.ilens"));
  QVERIFY(dialog.headline().startsWith("Nothing was imported"));
  QVERIFY(dialog.headline().contains("nope.csv"));
  QVERIFY(dialog.problemsTable()->rowCount() >= 1);
}

QTEST_MAIN(ImportReportDialogTest)
#include "import_report_dialog_test.moc"
