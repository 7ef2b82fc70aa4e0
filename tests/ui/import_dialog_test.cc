// ImportDialog: previews the first rows, shows the detected MovieLens mapping,
// and editing a combo box changes the mapping spec handed to the engine.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "column_mapping_editor.h"
#include "import_dialog.h"
#include "gui_test_util.h"

using il::ColumnMappingEditor;
using il::ImportDialog;

class ImportDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void detectsMovieLensRatingsAndEditsTheMap();
  void sortsCatalogFilesIntoTheCatalogSlot();
  void reportsUnreadableFiles();

 private:
  QTemporaryDir dir_;
  QString ratings_, movies_;
};

void ImportDialogTest::initTestCase() {
  il::test::isolateUserData();
  QVERIFY(dir_.isValid());
  QByteArray csv = "userId,movieId,rating,timestamp,note\n";
  for (int i = 0; i < 30; ++i)
    csv += QByteArray::number(1 + i / 10) + ',' + QByteArray::number(100 + i) + ",4.0," +
           QByteArray::number(964982703 + i) + ",seen twice\n";
  ratings_ = dir_.filePath("ratings.csv");
  QVERIFY(il::test::writeFile(ratings_, csv));
  movies_ = dir_.filePath("movies.csv");
  QVERIFY(il::test::writeFile(movies_, "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n"));
}

void ImportDialogTest::detectsMovieLensRatingsAndEditsTheMap() {
  ImportDialog dialog;
  dialog.addInteractionFiles({ratings_});
  dialog.show();
  QCOMPARE(dialog.previewedFlavour(), QString("MovieLens ratings"));
  QCOMPARE(dialog.previewedFormat(), QString("CSV"));
  QVERIFY(dialog.findChild<QLabel*>("previewInfo")->text().contains("MovieLens ratings"));
  // The project file is suggested next to the data.
  QCOMPARE(dialog.projectPath(), dir_.filePath("ratings.ilens"));

  auto* preview = dialog.findChild<QTableView*>("previewTable");
  QVERIFY(preview);
  QCOMPARE(preview->model()->rowCount(), 20);  // the first 20 of 30 rows
  QCOMPARE(preview->model()->columnCount(), 5);
  QCOMPARE(preview->model()->headerData(1, Qt::Horizontal).toString(), QString("movieId"));
  QCOMPARE(preview->model()->index(0, 1).data().toString(), QString("100"));

  ColumnMappingEditor* map = dialog.interactionMapping();
  QCOMPARE(map->combo("user")->currentText(), QString("userId"));
  QCOMPARE(map->combo("item")->currentText(), QString("movieId"));
  QCOMPARE(map->combo("rating")->currentText(), QString("rating"));
  QCOMPARE(map->combo("time")->currentText(), QString("timestamp"));
  QCOMPARE(map->combo("text")->currentText(), QString("(none)"));
  QCOMPARE(map->combo("summary")->currentText(), QString("(none)"));
  QVERIFY(map->error().isEmpty());
  QCOMPARE(dialog.interactionMapSpec(), QString());  // detection, untouched
  QVERIFY(dialog.options().map.empty());

  // The user says the note column holds the text.
  QComboBox* text = map->combo("text");
  text->setCurrentIndex(text->findText("note"));
  QCOMPARE(dialog.interactionMapSpec(),
           QString("user=userId,item=movieId,text=note,rating=rating,time=timestamp"));
  QCOMPARE(QString::fromStdString(dialog.options().map), dialog.interactionMapSpec());
  QCOMPARE(dialog.previewedFlavour(), QString("MovieLens ratings"));  // the file did not change
  QCOMPARE(map->flavour(), QString("mapped"));
  QVERIFY(dialog.findChild<QLabel*>("mappingSpec")->text().contains("--map user=userId"));

  // Swapping user and item is allowed too.
  QComboBox* user = map->combo("user");
  user->setCurrentIndex(user->findText("movieId"));
  QVERIFY(dialog.interactionMapSpec().startsWith("user=movieId,"));
  QCOMPARE(QString::fromStdString(dialog.options().interactionFiles.at(0)), ratings_);
}

void ImportDialogTest::sortsCatalogFilesIntoTheCatalogSlot() {
  ImportDialog dialog;
  dialog.addFiles({movies_, ratings_});
  QCOMPARE(dialog.interactionFiles(), QStringList{ratings_});
  QCOMPARE(dialog.itemFile(), movies_);
  dialog.previewFile(movies_);
  QCOMPARE(dialog.previewedFlavour(), QString("MovieLens movies"));
  ColumnMappingEditor* items = dialog.itemMapping();
  QCOMPARE(items->combo("id")->currentText(), QString("movieId"));
  QCOMPARE(items->combo("title")->currentText(), QString("title"));
  QCOMPARE(items->combo("category")->currentText(), QString("genres"));
  QComboBox* tags = items->combo("tags");
  tags->setCurrentIndex(tags->findText("genres"));
  QVERIFY(dialog.itemMapSpec().contains("tags=genres"));
  QCOMPARE(QString::fromStdString(dialog.options().itemMap), dialog.itemMapSpec());
  QCOMPARE(dialog.options().itemFiles.size(), size_t{1});

  // Added as interactions by hand, a catalog is pointed out and can be moved over.
  ImportDialog other;
  other.addInteractionFiles({movies_});
  auto* info = other.findChild<QLabel*>("previewInfo");
  QVERIFY(info->text().contains("item catalog"));
  emit info->linkActivated("#catalog");
  QVERIFY(other.interactionFiles().isEmpty());
  QCOMPARE(other.itemFile(), movies_);
  QCOMPARE(other.previewedFlavour(), QString("MovieLens movies"));
}

void ImportDialogTest::reportsUnreadableFiles() {
  ImportDialog dialog;
  dialog.addInteractionFiles({dir_.filePath("missing.csv")});
  QVERIFY(!dialog.findChild<QLabel*>("previewInfo")->text().isEmpty());
  QVERIFY(dialog.findChild<QLabel*>("previewInfo")->text().contains("missing.csv"));
}

QTEST_MAIN(ImportDialogTest)
#include "import_dialog_test.moc"
