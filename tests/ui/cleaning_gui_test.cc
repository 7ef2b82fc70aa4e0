// GUI side of cleaning: the Encoder panel warns (before Encode) when the encoder does
// not cover the project's languages; the import dialog previews cleaning on the
// previewed rows and passes the ticked steps on; the Data view's Cleaning tab shows
// what the import changed. IL_SCREENSHOT_DIR=dir saves what each case shows.
#include <QCheckBox>
#include <QImage>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "cleaning_preview.h"
#include "data_view.h"
#include "encoder_panel.h"
#include "gui_test_util.h"
#include "import_dialog.h"
#include "main_window.h"
#include "test_paths.h"

using namespace il;

namespace {
void maybeGrab(QWidget& w, const char* name) {
  const QByteArray dir = qgetenv("IL_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  const QImage image = w.grab().toImage();
  QVERIFY2(!image.isNull(), name);
  const QString file = QString::fromUtf8(dir) + "/" + name + ".png";
  QVERIFY2(image.save(file, "PNG"), qPrintable(file));
}
}  // namespace

class CleaningGuiTest : public QObject {
  Q_OBJECT
 private slots:
  void encoderPanelWarns() {
    EncoderPanel panel;
    panel.resize(320, 560);
    panel.show();
    EncoderSettings s;
    s.kind = "use-lite";
    panel.setSettings(s);
    QVERIFY(panel.coverageWarning()->isHidden());  // no project yet
    panel.setProjectLanguages({{"en", 900}, {"zh", 95}, {"unknown", 55}});
    QVERIFY(panel.coverageWarning()->isVisible());
    const QString text = panel.coverageWarning()->text();
    QVERIFY2(text.contains("95 of 1,050 texts") && text.contains("Chinese 95") && text.contains("bert-base-chinese"),
             qPrintable(text));
    maybeGrab(panel, "encoder-panel-warning");
    // tfidf is fitted on the texts: no warning; back to use-lite: the warning again.
    s.kind = "tfidf";
    panel.setSettings(s);
    QVERIFY(panel.coverageWarning()->isHidden());
    s.kind = "use-lite";
    panel.setSettings(s);
    QVERIFY(panel.coverageWarning()->isVisible());
    // An English-only project: nothing to warn about.
    panel.setProjectLanguages({{"en", 10}});
    QVERIFY(panel.coverageWarning()->isHidden());
  }

  void bertFolderJudgedByVocabulary() {
    IL_REQUIRE_SHARED("models/tokenizers/bert-base-chinese/vocab.txt");
    EncoderPanel panel;
    panel.setProjectLanguages({{"en", 900}, {"zh", 95}});
    EncoderSettings s;
    s.kind = "bert";
    s.modelDir = il::test::sharedPath("models/all-minilm-l6-v2-tokenizer").toStdString();
    panel.setSettings(s);
    QVERIFY(!panel.coverageWarning()->isHidden());
    s.modelDir = il::test::sharedPath("models/tokenizers/bert-base-chinese").toStdString();
    panel.setSettings(s);
    QVERIFY(panel.coverageWarning()->isHidden());
  }

  void importDialogPreviewsCleaning() {
    QTemporaryDir dir;
    const QString file = dir.filePath("reviews.csv");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("user_id,item_id,summary,text\n"
            "u1,i1,Nice,\"Tom &amp; Jerry &quot;cartoon&quot;<br/>see https://example.com/x\"\n"
            "u2,i1,Great,\"这个动画片非常好看，孩子们都很喜欢，推荐给大家。\"\n"
            "u3,i2,,aaaaaaaaaa\n");
    f.close();
    ImportDialog d;
    d.resize(1000, 800);
    d.addInteractionFiles({file});
    d.previewFile(file);
    QStandardItemModel* m = d.cleaningPreview()->model();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->item(0, 0)->text(), QString("Nice. Tom &amp; Jerry &quot;cartoon&quot;<br/>see https://example.com/x"));
    QCOMPARE(m->item(0, 1)->text(), QString("Nice. Tom & Jerry \"cartoon\" see <URL>"));
    QVERIFY(m->item(0, 2)->text().contains("entities"));
    QCOMPARE(m->item(1, 4)->text(), QString("zh"));
    QCOMPARE(m->item(2, 3)->text(), QString("repeated"));
    QVERIFY2(d.cleaningPreview()->note()->text().startsWith("1 of 3 sample texts change"),
             qPrintable(d.cleaningPreview()->note()->text()));
    maybeGrab(d, "import-dialog-cleaning");
    // Unticking a step changes the preview and the options the import gets.
    d.cleaningEditor()->box("entities")->setChecked(false);
    QVERIFY(m->item(0, 1)->text().contains("&amp;"));
    QVERIFY(d.options().cleaning && !d.options().cleaning->entities && d.options().cleaning->urls);
  }

  void dataViewCleaningTab() {
    QTemporaryDir dir;
    const QString file = dir.filePath("reviews.csv");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("user_id,item_id,text\n"
            "u1,i1,\"Tom &amp; Jerry is a great cartoon for the whole family\"\n"
            "u2,i1,\"Tom & Jerry is a great cartoon for the whole family\"\n"
            "u3,i1,Ok\n");
    f.close();
    const QString project = dir.filePath("p.ilens");
    ImportOptions o;
    o.interactionFiles = {file.toStdString()};
    QVERIFY(importIntoProject(project.toStdString(), o).written);
    DataView view;
    view.resize(900, 500);
    view.setProject(project);
    QStandardItemModel* m = view.cleaningPreview()->model();
    QCOMPARE(m->rowCount(), 1);
    QCOMPARE(m->item(0, 0)->text(), QString("Tom &amp; Jerry is a great cartoon for the whole family"));
    QCOMPARE(m->item(0, 1)->text(), QString("Tom & Jerry is a great cartoon for the whole family"));
    const QString note = view.cleaningPreview()->note()->text();
    QVERIFY2(note.contains("1 short") && note.contains("1 exact"), qPrintable(note));
    auto* tabs = view.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(3), QString("Cleaning"));
    tabs->setCurrentIndex(3);
    maybeGrab(view, "data-view-cleaning");
  }

  // The demo has Chinese reviews and USE-Lite is the default encoder: the window
  // says so as soon as the demo is open, before anything is encoded.
  void mainWindowWarnsOnTheDemo() {
    il::test::isolateUserData();
    MainWindow w;
    w.setShowImportReports(false);
    EncoderSettings s;
    s.kind = "use-lite";
    w.encoderPanel()->setSettings(s);
    w.resize(1280, 800);
    w.show();
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.project() != nullptr, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(w.encoderPanel()->coverageWarning()->isVisible(), 30000);
    QVERIFY2(w.encoderPanel()->coverageWarning()->text().contains("(Chinese 9"),
             qPrintable(w.encoderPanel()->coverageWarning()->text()));
    maybeGrab(w, "main-window-coverage");
  }
};

QTEST_MAIN(CleaningGuiTest)
#include "cleaning_gui_test.moc"
