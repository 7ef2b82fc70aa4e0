// interestlens-cli and cleaning: import --clean, info showing what cleaning did, and
// encode warning (before it encodes) about texts the encoder does not cover.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.h"
#include "test_paths.h"

using il::test::sharedPath;
using il::test::sourcePath;

namespace {

using Run = il::test::CliRun;

Run cli(const QStringList& args) { return il::test::runCli(args, 300000); }

}  // namespace

class CliCleaningTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString demo_;

 private slots:
  void initTestCase() {
    demo_ = dir_.filePath("demo.ilens");
    const Run r = cli({"import", "--project", demo_, "--interactions", sourcePath("resources/demo/reviews.csv"),
                       "--items", sourcePath("resources/demo/items.csv")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("Cleaning: entities, tags"), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression("languages: en=\\d+ zh=9\\d")), qPrintable(r.out));
    QVERIFY2(r.out.contains("Duplicates over the project's 1050 texts"), qPrintable(r.out));
  }

  void infoShowsCleaning() {
    const Run t = cli({"info", "--project", demo_});
    QCOMPARE(t.exitCode, 0);
    QVERIFY2(t.out.contains("cleaning      entities, tags"), qPrintable(t.out));
    QVERIFY2(t.out.contains(QRegularExpression("languages     en=\\d+ zh=9\\d unknown=\\d+")), qPrintable(t.out));
    const Run j = cli({"info", "--project", demo_, "--format", "json"});
    QCOMPARE(j.exitCode, 0);
    QVERIFY2(j.out.contains("\"near_duplicates\""), qPrintable(j.out));
    QVERIFY2(j.out.contains("\"zh\": 9"), qPrintable(j.out));
  }

  void cleanOption() {
    const QString file = dir_.filePath("r.csv");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("user_id,item_id,text\nu1,i1,Tom &amp; Jerry &quot;cartoon&quot; is great fun for kids\n");
    f.close();
    const QString p = dir_.filePath("none.ilens");
    const Run r = cli({"import", "--project", p, "--interactions", file, "--clean", "none"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Cleaning: no step on"), qPrintable(r.out));
    const Run bad = cli({"import", "--project", dir_.filePath("bad.ilens"), "--interactions", file, "--clean", "tags,foo"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("unknown step 'foo'"), qPrintable(bad.err));
    QVERIFY(!QFile::exists(dir_.filePath("bad.ilens")));
    const Run entitiesOnly = cli({"import", "--project", dir_.filePath("e.ilens"), "--interactions", file,
                                  "--clean", "none,entities"});
    QCOMPARE(entitiesOnly.exitCode, 0);
    QVERIFY2(entitiesOnly.out.contains("1 of 1 texts changed (entities 1)"), qPrintable(entitiesOnly.out));
  }

  // USE-Lite is English-only: the demo's Chinese reviews are counted before encoding.
  void useLiteWarnsAboutChinese() {
    // The check needs no model; encoding does (installed by installer/setup.sh).
    const Run strict = cli({"encode", "--project", demo_, "--encoder", "use-lite", "--strict", "--quiet"});
    QCOMPARE(strict.exitCode, 1);
    QVERIFY2(strict.err.contains(QRegularExpression("use-lite does not cover 9\\d of 1,050 texts \\(Chinese 9\\d")),
             qPrintable(strict.err));
    QVERIFY2(strict.err.contains("bert-base-chinese"), qPrintable(strict.err));
    // Nothing was encoded.
    QVERIFY2(cli({"info", "--project", demo_}).exitCode == 0, "info");

    // Without --strict: the warning comes first, then it encodes all texts.
    const Run r = cli({"encode", "--project", demo_, "--encoder", "use-lite", "--quiet"});
    if (r.err.contains("not installed")) QSKIP("USE-Lite is not installed (installer/setup.sh installs it)");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.startsWith("warning: use-lite does not cover"), qPrintable(r.err));
    QVERIFY2(r.out.contains("encoded now"), qPrintable(r.out));
  }

  // BERT folders are judged by their vocabulary.
  void bertVocabularies() {
    IL_REQUIRE_SHARED("models/tokenizers/bert-base-chinese/vocab.txt");
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/vocab.txt");
    // bert-base-uncased's vocabulary (the synthetic model uses it): Chinese not covered.
    const Run uncased = cli({"encode", "--project", demo_, "--encoder", "bert", "--model-dir",
                             sharedPath("models/tiny-bert-synthetic"), "--strict"});
    QCOMPARE(uncased.exitCode, 1);
    QVERIFY2(uncased.err.contains("Chinese 9"), qPrintable(uncased.err));
    QVERIFY2(uncased.err.contains("488 Han"), qPrintable(uncased.err));
    // bert-base-chinese and multilingual BERT cover it: no warning (the folders hold
    // no weights, so the model load fails after the check, with its own message).
    for (const char* dir : {"models/tokenizers/bert-base-chinese", "models/tokenizers/bert-base-multilingual-cased"}) {
      const Run r = cli({"encode", "--project", demo_, "--encoder", "bert", "--model-dir", sharedPath(dir), "--strict"});
      QVERIFY2(!r.err.contains("does not cover"), qPrintable(r.err));
      QCOMPARE(r.exitCode, 1);
    }
    // tfidf is fitted on the texts: never a warning.
    const Run t = cli({"encode", "--project", demo_, "--encoder", "tfidf", "--strict", "--quiet"});
    QVERIFY2(t.exitCode == 0 && !t.err.contains("warning"), qPrintable(t.err));
  }
};

QTEST_GUILESS_MAIN(CliCleaningTest)
#include "cli_cleaning_test.moc"
