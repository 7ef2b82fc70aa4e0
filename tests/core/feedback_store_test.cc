// Feedback and runs stored in the project; a schema-1 project is migrated (after a
// backup copy) and gains item texts for encoding.
#include <sqlite3.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "interestlens_core.h"
#include "store/sqlite_db.h"

using namespace il;

namespace {
ImportResult tinyImport() {
  ImportResult r;
  r.ok = true;
  r.data.items = {{"i1", "Red pen", "writes red", "office", "Stationery", std::nullopt, true},
                  {"i2", "Blue pen", "", "", "", std::nullopt, true}};
  r.data.interactions = {{"u1", "i1", 4.0, 10}, {"u2", "i2", 3.0, 20}};
  r.data.texts = {{"u1", "i1", "nice pen", 10}};
  return r;
}
}  // namespace

class FeedbackStoreTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void setListClear() {
    const std::string path = dir_.filePath("f.ilens").toStdString();
    auto p = Project::open(path, Project::Mode::CreateIfMissing);
    p->writeImport(tinyImport());
    FeedbackStore fb(*p);
    fb.set("u1", "i2", Feedback::Like);
    fb.set("u2", "i1", Feedback::Dislike);
    fb.set("u1", "i2", Feedback::Dislike);  // replaces
    auto all = fb.list();
    QCOMPARE(all.size(), size_t{2});
    QCOMPARE(all[0].user, std::string("u1"));
    QCOMPARE(all[0].value, Feedback::Dislike);
    QCOMPARE(fb.list("u2").size(), size_t{1});
    fb.set("u1", "i2", Feedback::None);
    QCOMPARE(fb.list("u1").size(), size_t{0});
    QVERIFY_THROWS_EXCEPTION(ProjectError, fb.set("nobody", "i1", Feedback::Like));
    QVERIFY_THROWS_EXCEPTION(ProjectError, fb.set("u1", "missing", Feedback::Like));
  }

  void runsAreRecordedNewestFirst() {
    const std::string path = dir_.filePath("r.ilens").toStdString();
    auto p = Project::open(path, Project::Mode::CreateIfMissing);
    RunStore runs(*p);
    runs.record("evaluate", "{\"seed\":1}", "{\"a\":1}");
    runs.record("evaluate", "{\"seed\":2}", "{\"a\":2}");
    runs.record("cluster", "{}", "{}");
    const auto list = runs.list("evaluate");
    QCOMPARE(list.size(), size_t{2});
    QCOMPARE(list[0].paramsJson, std::string("{\"seed\":2}"));
  }

  void itemTextsAreEncodedLikeUserTexts() {
    const std::string path = dir_.filePath("v.ilens").toStdString();
    auto p = Project::open(path, Project::Mode::CreateIfMissing);
    p->writeImport(tinyImport());
    VectorStore vs(*p);
    // One user text and two item texts ("Red pen. Stationery. office. writes red", "Blue pen").
    QCOMPARE(vs.distinctTexts(), int64_t{3});
    const auto missing = vs.missing("enc");
    QCOMPARE(missing.size(), size_t{3});
    bool sawItem = false;
    for (const auto& m : missing) sawItem |= m.text == itemText(tinyImport().data.items[0]);
    QVERIFY(sawItem);
  }

  void schemaOneIsMigratedWithABackup() {
    const QString path = dir_.filePath("old.ilens");
    {
      auto p = Project::open(path.toStdString(), Project::Mode::CreateIfMissing);
      p->writeImport(tinyImport());
    }
    {  // Make it look like a project written by schema 1.
      Database db(path.toStdString(), Database::Mode::ReadWrite);
      db.exec("DROP TABLE feedback; DROP TABLE runs; DROP TABLE item_texts; PRAGMA user_version = 1");
    }
    auto p = Project::open(path.toStdString(), Project::Mode::OpenExisting);
    QVERIFY(QFile::exists(path + ".v1.bak"));
    QCOMPARE(p->database().scalar("PRAGMA user_version"), int64_t{Project::kSchemaVersion});
    QCOMPARE(p->database().scalar("SELECT COUNT(*) FROM item_texts"), int64_t{2});
    FeedbackStore(*p).set("u1", "i2", Feedback::Like);
    QCOMPARE(FeedbackStore(*p).list().size(), size_t{1});
    // The backup is still a schema-1 project with the data.
    Database backup((path + ".v1.bak").toStdString(), Database::Mode::ReadOnly);
    QCOMPARE(backup.scalar("PRAGMA user_version"), int64_t{1});
    QCOMPARE(backup.scalar("SELECT COUNT(*) FROM interactions"), int64_t{2});
  }

  void readDatasetRoundTrips() {
    const std::string path = dir_.filePath("d.ilens").toStdString();
    auto p = Project::open(path, Project::Mode::CreateIfMissing);
    p->writeImport(tinyImport());
    const Dataset d = p->readDataset();
    QCOMPARE(d.items.size(), size_t{2});
    QCOMPARE(d.interactions.size(), size_t{2});
    QCOMPARE(d.texts.size(), size_t{1});
    QCOMPARE(d.texts[0].text, std::string("nice pen"));
    const Corpus c = Corpus::fromDataset(d);
    QCOMPARE(c.userCount(), 2);
    QCOMPARE(c.items[static_cast<size_t>(c.findItem("i1"))].category, std::string("Stationery"));
  }
};

QTEST_APPLESS_MAIN(FeedbackStoreTest)
#include "feedback_store_test.moc"
