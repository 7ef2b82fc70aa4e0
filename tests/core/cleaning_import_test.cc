// Cleaning at import: what is stored (cleaned text, raw, language, flags, duplicate
// group), the settings recorded in the project and the report, re-imports with the
// project's settings, and the schema 2 -> 3 migration with its backup.
#include <QTemporaryDir>
#include <QTest>

#include "cleaning_test_util.h"
#include "import_test_util.h"
#include "store/project.h"
#include "store/sqlite_db.h"
#include "text/text_cleaner.h"

using namespace il;
using namespace il::test;

namespace {

const char* kReviews =
    "user_id,item_id,text,rating,time\n"
    "ann,k1,\"Great kettle, it boils water fast &amp; quietly.<br />See https://example.com/kettle?id=1 for details.\",5,2023-01-05\n"
    "bob,k1,\"Great kettle, it boils water fast & quietly. See <URL> for details.\",4,2023-01-06\n"
    "cy,k1,\"great kettle it boils water FAST & quietly!! see <URL> for details\",4,2023-01-07\n"
    "dee,k1,\"这个水壶烧水很快，声音也很小，外观设计简洁大方，我很喜欢。\",5,2023-01-08\n"
    "eve,k1,\"Call me at 555 123 4567 or mail eve.smith@example.org about the kettle\u200b!\",3,2023-01-09\n"
    "fay,k1,aaaaaaaaaaaa,1,2023-01-10\n"
    "gus,k1,Ok,3,2023-01-11\n"
    "hal,k1,<p></p>,3,2023-01-12\n";

struct Row {
  std::string user, text, raw, lang;
  int64_t flags = 0;
  std::string dupOf;  // user of the group's first text
};

std::vector<Row> rows(Project& p) {
  std::vector<Row> out;
  Statement s(p.database().handle(),
              "SELECT u.ext_id, t.text, coalesce(t.raw, ''), coalesce(t.lang, ''), t.flags, "
              "coalesce((SELECT u2.ext_id FROM texts t2 JOIN users u2 ON u2.id = t2.user_id WHERE t2.id = t.dup_of), '') "
              "FROM texts t JOIN users u ON u.id = t.user_id ORDER BY t.id");
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.text(5)});
  return out;
}

}  // namespace

class CleaningImportTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string reviews_;

 private slots:
  void initTestCase() { reviews_ = putFile(dir_.path(), "reviews.csv", kReviews); }

  void importCleansAndRecords() {
    const std::string path = dir_.filePath("clean.ilens").toStdString();
    ImportOptions o;
    o.interactionFiles = {reviews_};
    const ImportOutcome out = importIntoProject(path, o);
    QVERIFY2(out.written, out.error.c_str());
    auto p = Project::open(path, Project::Mode::ReadOnly);
    const std::vector<Row> r = rows(*p);
    QCOMPARE(r.size(), size_t{7});  // hal's text was only markup: dropped, the interaction kept
    QCOMPARE(p->counts().interactions, int64_t{8});
    QCOMPARE(r[0].text, std::string("Great kettle, it boils water fast & quietly. See <URL> for details."));
    QVERIFY(r[0].raw.find("&amp;") != std::string::npos);
    QCOMPARE(r[0].lang, std::string("en"));
    // bob wrote exactly what ann's text became: an exact duplicate of ann.
    QCOMPARE(r[1].raw, std::string());
    QCOMPARE(r[1].flags & kFlagExactDuplicate, int64_t{kFlagExactDuplicate});
    QCOMPARE(r[1].dupOf, std::string("ann"));
    QCOMPARE(r[2].flags & kFlagNearDuplicate, int64_t{kFlagNearDuplicate});
    QCOMPARE(r[2].dupOf, std::string("ann"));
    QCOMPARE(r[3].lang, std::string("zh"));
    QCOMPARE(r[3].dupOf, std::string());
    QCOMPARE(r[4].text, std::string("Call me at <NUMBER> or mail <EMAIL> about the kettle!"));
    QCOMPARE(r[5].flags & kFlagRepeated, int64_t{kFlagRepeated});
    QCOMPARE(r[6].flags & kFlagShort, int64_t{kFlagShort});
    QCOMPARE(r[6].lang, std::string("unknown"));
    QCOMPARE(r[0].dupOf, std::string());

    // Recorded: the settings in the project, counts and examples in the report.
    QVERIFY(p->hasCleaningSettings());
    QVERIFY(p->cleaningSettings() == CleaningSettings{});
    const CleaningReport& rep = out.result.cleaning;
    QVERIFY(rep.applied && rep.duplicatesChecked);
    QCOMPARE(rep.exactDuplicates, int64_t{1});
    QCOMPARE(rep.nearDuplicates, int64_t{1});
    QCOMPARE(rep.emptied, int64_t{1});
    QCOMPARE(rep.languages.at("zh"), int64_t{1});
    const std::string summary = out.result.summaryText();
    for (const char* part : {"Cleaning: entities, tags", "texts changed", "flagged: 1 short, 1 repeated",
                             "languages: en=", "zh=1", "Duplicates over the project's 7 texts: 1 exact, 1 near"})
    {
      if (summary.find(part) == std::string::npos) qWarning("%s", summary.c_str());
      QVERIFY2(summary.find(part) != std::string::npos, part);
    }
    Statement imp(p->database().handle(), "SELECT summary FROM imports");
    QVERIFY(imp.step());
    QCOMPARE(imp.text(0), summary);
    const TextFlagCounts c = p->textFlagCounts();
    QCOMPARE(c.exactDuplicates, int64_t{1});
    QCOMPARE(c.nearDuplicates, int64_t{1});
    QCOMPARE(c.duplicateGroups, int64_t{1});
    QCOMPARE(p->languageCounts().at("zh"), int64_t{1});
    const auto samples = p->cleanedSamples(10);
    QVERIFY(!samples.empty());
    QCOMPARE(samples[0].user, std::string("ann"));
  }

  // Settings chosen for the first import stay with the project for the next one.
  void settingsStayWithTheProject() {
    const std::string path = dir_.filePath("raw.ilens").toStdString();
    ImportOptions o;
    o.interactionFiles = {reviews_};
    CleaningSettings none;
    std::string error;
    QVERIFY(CleaningSettings::parseSpec("none", none, error));
    o.cleaning = none;
    QVERIFY(importIntoProject(path, o).written);
    ImportOptions again;
    again.interactionFiles = {putFile(dir_.path(), "more.csv", "user_id,item_id,text\nzed,k2,a &amp; b <b>x</b>\n")};
    const ImportOutcome out = importIntoProject(path, again);
    QVERIFY(out.written);
    QVERIFY(out.result.cleaning.settings == none);
    auto p = Project::open(path, Project::Mode::ReadOnly);
    const std::vector<Row> r = rows(*p);
    QCOMPARE(r.back().text, std::string("a &amp; b <b>x</b>"));
    QCOMPARE(r.front().text.find("&amp;") != std::string::npos, true);
    QCOMPARE(r.front().lang, std::string());  // language detection was off
    QCOMPARE(r.size(), size_t{9});             // nothing dropped, no duplicates marked
    QCOMPARE(p->textFlagCounts().exactDuplicates, int64_t{0});
  }

  // A schema-2 project: backed up, then texts.raw/flags/dup_of added; old texts stay
  // as they were (their vectors still match) and get a language on demand.
  void schemaTwoIsMigratedWithABackup() {
    const QString path = dir_.filePath("v2.ilens");
    {
      ImportOptions o;
      o.interactionFiles = {reviews_};
      CleaningSettings none;
      std::string error;
      QVERIFY(CleaningSettings::parseSpec("none", none, error));
      o.cleaning = none;
      QVERIFY(importIntoProject(path.toStdString(), o).written);
      Database db(path.toStdString(), Database::Mode::ReadWrite);
      db.exec("DELETE FROM meta WHERE key = 'cleaning'");
      db.exec("ALTER TABLE texts DROP COLUMN raw; ALTER TABLE texts DROP COLUMN flags; "
              "ALTER TABLE texts DROP COLUMN dup_of; PRAGMA user_version = 2");
    }
    auto p = Project::open(path.toStdString(), Project::Mode::OpenExisting);
    QVERIFY(QFile::exists(path + ".v2.bak"));
    QCOMPARE(p->database().scalar("PRAGMA user_version"), int64_t{Project::kSchemaVersion});
    QCOMPARE(p->database().scalar("SELECT COUNT(*) FROM texts WHERE flags = 0 AND raw IS NULL AND dup_of IS NULL"),
             int64_t{8});
    QVERIFY(!p->hasCleaningSettings());
    QCOMPARE(p->languageCounts().at(""), int64_t{8});
    QCOMPARE(p->detectMissingLanguages(), int64_t{8});
    QCOMPARE(p->languageCounts().count(""), size_t{0});
    QCOMPARE(p->languageCounts().at("zh"), int64_t{1});
    QCOMPARE(p->detectMissingLanguages(), int64_t{0});
    const CleaningReport d = p->markDuplicates(CleaningSettings{});
    QCOMPARE(d.exactDuplicates, int64_t{0});
    QVERIFY(d.nearDuplicates >= 1);  // cy's text is ann's after normalisation... and bob's
    Database backup((path + ".v2.bak").toStdString(), Database::Mode::ReadOnly);
    QCOMPARE(backup.scalar("PRAGMA user_version"), int64_t{2});
    QCOMPARE(backup.scalar("SELECT COUNT(*) FROM texts"), int64_t{8});
  }

  void amazonImport() {
    IL_REQUIRE_SHARED(kAmazonBeauty);
    const std::string path = dir_.filePath("beauty.ilens").toStdString();
    ImportOptions o;
    o.interactionFiles = {sharedPath(kAmazonBeauty).toStdString()};
    const ImportOutcome out = importIntoProject(path, o);
    QVERIFY2(out.written, out.error.c_str());
    const CleaningReport& r = out.result.cleaning;
    qInfo("%s", out.result.cleaning.summary().c_str());
    qInfo("%s", out.result.cleaning.duplicateSummary().c_str());
    qInfo("clean %.3f s, language %.3f s, duplicates %.3f s", r.cleanSeconds, r.languageSeconds, r.duplicateSeconds);
    QVERIFY(r.changes.count("entities") && r.changes.at("entities") > 0);
    QVERIFY(r.exactDuplicates > 100);
    QVERIFY(r.languages.at("en") > r.texts * 8 / 10);
    auto p = Project::open(path, Project::Mode::ReadOnly);
    QCOMPARE(p->database().scalar("SELECT COUNT(*) FROM texts WHERE text LIKE '%&quot;%' OR text LIKE '%&amp;%'"),
             int64_t{0});
  }
};

QTEST_GUILESS_MAIN(CleaningImportTest)
#include "cleaning_import_test.moc"
