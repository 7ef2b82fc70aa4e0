// The project file: SQLite settings, schema version, refusing what is not ours,
// reopening, idempotent re-import, all-or-nothing writes, paged table access.
#include <sqlite3.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "import_test_util.h"
#include "rank/corpus.h"
#include "store/corpus_vectors.h"
#include "store/project.h"
#include "store/sqlite_db.h"
#include "store/vector_store.h"

using namespace il;
using namespace il::test;

namespace {

// An independent connection, to look at the file as any SQLite tool would.
struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const QString& path) { sqlite3_open(path.toUtf8().constData(), &db); }
  ~RawDb() { sqlite3_close(db); }
  QString text(const char* sql) {
    sqlite3_stmt* st = nullptr;
    QString out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      out = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }
  bool exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

QString connectionPragma(Project& p, const char* name) {
  Statement s(p.database().handle(), std::string("PRAGMA ") + name);
  return s.step() ? QString::fromStdString(s.text(0)) : QString();
}

std::vector<std::string> row(std::initializer_list<const char*> cells) { return sv(cells); }

}  // namespace

class ProjectTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string items_, reviews_;

  QString path(const QString& name) const { return QDir(dir_.path()).filePath(name); }

  std::string importSmall(const QString& name) {
    ImportOptions o;
    o.itemFiles = {items_};
    o.interactionFiles = {reviews_};
    const std::string p = path(name).toStdString();
    const ImportOutcome out = importIntoProject(p, o);
    if (!out.written) qWarning("%s", out.error.c_str());
    return out.written ? p : std::string();
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    items_ = putFile(dir_.path(), "items.csv",
                     "item_id,title,description,tags,category,price\n"
                     "k1,Tea Kettle,\"Boils water, whistles\",kitchen|steel,Kitchen,24.5\n"
                     "m1,Yoga Mat,Non-slip mat,,Sport,\n"
                     "n1,Sci-fi Novel,\"First \"\"contact\"\"\",space,Books,9.99\n");
    reviews_ = putFile(dir_.path(), "reviews.csv",
                       "user_id,item_id,text,rating,time\n"
                       "ann,k1,Whistles too loud,2,2023-01-05\n"
                       "ann,m1,Thick and comfortable,5,2023-02-01\n"
                       "bob,k1,Fast boil,4,2023-03-01T12:00:00Z\n"
                       "cy_1,n1,\"Slow start, great ending\",5,1677628800\n"
                       "dee%2,n1,Great,3,2023-03-02\n"
                       "dee%2,x9,Not in the catalog,1,2023-03-03\n");
  }

  void settingsAndSchemaVersion() {
    const std::string p = importSmall("settings.ilens");
    QVERIFY(!p.empty());
    {
      auto project = Project::open(p, Project::Mode::OpenExisting);
      QCOMPARE(connectionPragma(*project, "journal_mode"), QStringLiteral("wal"));
      QCOMPARE(connectionPragma(*project, "foreign_keys"), QStringLiteral("1"));
      QCOMPARE(connectionPragma(*project, "user_version"), QString::number(Project::kSchemaVersion));
      // Foreign keys are enforced, not just declared.
      bool refused = false;
      try {
        project->database().exec("INSERT INTO interactions(user_id, item_id) VALUES(9999, 9999)");
      } catch (const DbError& e) {
        refused = QString(e.what()).contains("FOREIGN KEY");
      }
      QVERIFY(refused);
    }
    RawDb raw(QString::fromStdString(p));
    QCOMPARE(raw.text("PRAGMA journal_mode"), QStringLiteral("wal"));  // persistent in the file
    QCOMPARE(raw.text("PRAGMA user_version"), QString::number(Project::kSchemaVersion));
    QCOMPARE(raw.text("SELECT value FROM meta WHERE key = 'created_by'"), QStringLiteral("InterestLens"));
    QCOMPARE(raw.text("SELECT COUNT(*) FROM imports"), QStringLiteral("1"));
    QVERIFY(raw.text("SELECT files FROM imports").contains("reviews.csv"));
  }

  void reopenShowsWhatWasImported() {
    const std::string p = importSmall("reopen.ilens");
    QVERIFY(!p.empty());
    auto project = Project::open(p, Project::Mode::ReadOnly);
    const ProjectCounts c = project->counts();
    QCOMPARE(c.users, int64_t{4});
    QCOMPARE(c.items, int64_t{4});
    QCOMPARE(c.catalogItems, int64_t{3});
    QCOMPARE(c.interactions, int64_t{6});
    QCOMPARE(c.ratings, int64_t{6});
    QCOMPARE(c.texts, int64_t{6});
    QCOMPARE(project->columns(DataTable::Users), sv({"User", "Interactions", "Texts", "Mean rating"}));
    const TablePage users = project->page(DataTable::Users, "", 0, false, 0, 100);
    QCOMPARE(users.rows.size(), size_t{4});
    QCOMPARE(users.rows[0], row({"ann", "2", "2", "3.5"}));
    QCOMPARE(users.rows[1], row({"bob", "1", "1", "4.0"}));
    QCOMPARE(users.rows[2], row({"cy_1", "1", "1", "5.0"}));
    QCOMPARE(users.rows[3], row({"dee%2", "2", "2", "2.0"}));
    const TablePage items = project->page(DataTable::Items, "", 0, false, 0, 100);
    QCOMPARE(items.rows.size(), size_t{4});
    QCOMPARE(items.rows[0], row({"k1", "Tea Kettle", "Kitchen", "kitchen|steel", "24.5", "2", "Boils water, whistles"}));
    QCOMPARE(items.rows[1], row({"m1", "Yoga Mat", "Sport", "", "", "1", "Non-slip mat"}));
    QCOMPARE(items.rows[2], row({"n1", "Sci-fi Novel", "Books", "space", "9.99", "2", "First \"contact\""}));
    QCOMPARE(items.rows[3], row({"x9", "", "", "", "", "1", ""}));
    QCOMPARE(project->columns(DataTable::Texts),
             sv({"User", "Item", "Time", "Encoded", "Language", "Flags", "Text"}));
    const TablePage texts = project->page(DataTable::Texts, "", 6, false, 0, 100);  // by text
    QCOMPARE(texts.rows.size(), size_t{6});
    // Texts this short are "unknown" to language detection; "Great" is flagged short.
    QCOMPARE(texts.rows[0], row({"bob", "k1", "2023-03-01", "", "unknown", "", "Fast boil"}));
    QCOMPARE(texts.rows[1], row({"dee%2", "n1", "2023-03-02", "", "unknown", "short", "Great"}));
    // 21 letters: judged, but textcat may list several close languages and, with no
    // main language in so small a corpus, say unknown; only that a value is stored is checked.
    QVERIFY(!texts.rows[3][4].empty());
    QCOMPARE(texts.rows[3], row({"cy_1", "n1", "2023-03-01", "", texts.rows[3][4].c_str(), "", "Slow start, great ending"}));
    QCOMPARE(texts.rows[5], row({"ann", "k1", "2023-01-05", "", "unknown", "", "Whistles too loud"}));
  }

  void pagingFilteringSorting() {
    const std::string p = importSmall("paging.ilens");
    QVERIFY(!p.empty());
    auto project = Project::open(p, Project::Mode::ReadOnly);
    QCOMPARE(project->rowCount(DataTable::Users, ""), int64_t{4});
    QCOMPARE(project->rowCount(DataTable::Texts, ""), int64_t{6});
    // LIKE wildcards in a filter are literal characters.
    QCOMPARE(project->rowCount(DataTable::Users, "_"), int64_t{1});
    QCOMPARE(project->page(DataTable::Users, "_", 0, false, 0, 10).rows.at(0)[0], std::string("cy_1"));
    QCOMPARE(project->rowCount(DataTable::Users, "%"), int64_t{1});
    QCOMPARE(project->rowCount(DataTable::Users, "\\"), int64_t{0});
    QCOMPARE(project->rowCount(DataTable::Users, "nobody"), int64_t{0});
    QVERIFY(project->page(DataTable::Users, "nobody", 0, false, 0, 10).rows.empty());
    // Items match on title, category and tags too, case-insensitively for ASCII.
    QCOMPARE(project->rowCount(DataTable::Items, "kettle"), int64_t{1});
    QCOMPARE(project->rowCount(DataTable::Items, "sport"), int64_t{1});
    QCOMPARE(project->rowCount(DataTable::Items, "steel"), int64_t{1});
    // Texts match on the text and on user and item ids.
    QCOMPARE(project->rowCount(DataTable::Texts, "great"), int64_t{2});
    QCOMPARE(project->rowCount(DataTable::Texts, "ann"), int64_t{2});
    const TablePage great = project->page(DataTable::Texts, "great", 0, true, 0, 10);
    QCOMPARE(great.rows.size(), size_t{2});
    QCOMPARE(great.rows[0][0], std::string("dee%2"));
    QCOMPARE(great.rows[1][0], std::string("cy_1"));
    // Sorting by a count, descending, ties by the first column ascending.
    const TablePage byCount = project->page(DataTable::Users, "", 1, true, 0, 10);
    QCOMPARE(byCount.rows.size(), size_t{4});
    std::vector<std::string> order;
    for (const auto& r : byCount.rows) order.push_back(r[0]);
    QCOMPARE(order, sv({"ann", "dee%2", "bob", "cy_1"}));
    // Sorting by mean rating ascending.
    order.clear();
    for (const auto& r : project->page(DataTable::Users, "", 3, false, 0, 10).rows) order.push_back(r[0]);
    QCOMPARE(order, sv({"dee%2", "ann", "bob", "cy_1"}));
    // Pages: offset and limit.
    const TablePage second = project->page(DataTable::Users, "", 0, false, 2, 2);
    QCOMPARE(second.rows.size(), size_t{2});
    QCOMPARE(second.rows[0][0], std::string("cy_1"));
    QCOMPARE(second.rows[1][0], std::string("dee%2"));
    QVERIFY(project->page(DataTable::Users, "", 0, false, 4, 2).rows.empty());
    // A column out of range does not break the query.
    QCOMPARE(project->page(DataTable::Users, "", 99, false, 0, 10).rows.size(), size_t{4});
    QCOMPARE(project->page(DataTable::Users, "", 99, false, 0, 10).columns.size(), size_t{4});
  }

  void reimportDoesNotDuplicate() {
    const std::string p = importSmall("reimport.ilens");
    QVERIFY(!p.empty());
    const QByteArray before = fingerprint(p);
    ImportOptions o;
    o.itemFiles = {items_};
    o.interactionFiles = {reviews_};
    for (int i = 0; i < 2; ++i) {
      const ImportOutcome again = importIntoProject(p, o);
      QVERIFY2(again.written, again.error.c_str());
    }
    QCOMPARE(fingerprint(p), before);
    QCOMPARE(countsOf(p).texts, int64_t{6});
    RawDb raw(QString::fromStdString(p));
    QCOMPARE(raw.text("SELECT COUNT(*) FROM imports"), QStringLiteral("3"));
    // The same file gzip-compressed is the same data.
    const std::string gz = putFile(dir_.path(), "reviews-again.csv", readBytes(QString::fromStdString(reviews_)), true);
    o.interactionFiles = {gz};
    o.itemFiles.clear();
    QVERIFY(importIntoProject(p, o).written);
    QCOMPARE(fingerprint(p), before);
  }

  void laterImportAddsAndUpdates() {
    const std::string p = importSmall("update.ilens");
    QVERIFY(!p.empty());
    ImportOptions o;
    o.interactionFiles = {putFile(dir_.path(), "more.csv",
                                  "user_id,item_id,rating,time\nann,k1,4,2023-06-01\neve,m1,5,2023-06-02\n")};
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY2(out.written, out.error.c_str());
    // k1 and m1 are known catalog items of the project: not reported as unknown.
    QCOMPARE(out.result.unknownItems, int64_t{0});
    auto project = Project::open(p, Project::Mode::ReadOnly);
    const ProjectCounts c = project->counts();
    QCOMPARE(c.users, int64_t{5});
    QCOMPARE(c.interactions, int64_t{7});
    QCOMPARE(c.texts, int64_t{6});
    QCOMPARE(c.catalogItems, int64_t{3});
    const TablePage ann = project->page(DataTable::Users, "ann", 0, false, 0, 10);
    QCOMPARE(ann.rows.at(0), row({"ann", "2", "2", "4.5"}));
  }

  static ProjectCounts countsOf(const std::string& p) { return Project::open(p, Project::Mode::ReadOnly)->counts(); }

  void newerProjectIsRefused() {
    const std::string p = importSmall("newer.ilens");
    QVERIFY(!p.empty());
    {
      RawDb raw(QString::fromStdString(p));
      QVERIFY(raw.exec("PRAGMA user_version = 99"));
    }
    const QByteArray bytes = readBytes(QString::fromStdString(p));
    for (auto mode : {Project::Mode::OpenExisting, Project::Mode::ReadOnly, Project::Mode::CreateIfMissing}) {
      QString message;
      try {
        Project::open(p, mode);
      } catch (const ProjectError& e) {
        message = e.what();
      }
      QVERIFY2(message.contains("newer"), qPrintable(message));
      QVERIFY2(message.contains("99"), qPrintable(message));
    }
    ImportOptions o;
    o.interactionFiles = {reviews_};
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY(!out.written);
    QVERIFY2(QString::fromStdString(out.error).contains("newer"), out.error.c_str());
    QVERIFY(QFile::exists(QString::fromStdString(p)));
    QCOMPARE(readBytes(QString::fromStdString(p)), bytes);
  }

  void foreignFilesAreRefused_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("other-sqlite") << "sqlite" << "not an InterestLens project";
    QTest::newRow("random-bytes") << "random" << "not a readable project file";
    QTest::newRow("text-file") << "text" << "not a readable project file";
  }
  void foreignFilesAreRefused() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString file = path("foreign-" + kind + ".ilens");
    if (kind == "sqlite") {
      RawDb raw(file);
      QVERIFY(raw.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('x')"));
    } else if (kind == "random") {
      QByteArray bytes;
      quint32 x = 2463534242u;
      for (int i = 0; i < 8192; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes += static_cast<char>(x & 0xFF);
      }
      writeFile(file, bytes);
    } else {
      QByteArray text;
      for (int i = 0; i < 200; ++i) text += "user_id,item_id,text\n";
      writeFile(file, text);
    }
    const QByteArray bytes = readBytes(file);
    for (auto mode : {Project::Mode::OpenExisting, Project::Mode::ReadOnly}) {
      QString message;
      try {
        Project::open(file.toStdString(), mode);
      } catch (const ProjectError& e) {
        message = e.what();
      }
      QVERIFY2(message.contains(expected), qPrintable(message));
      QVERIFY2(message.startsWith(file), qPrintable(message));
    }
    ImportOptions o;
    o.interactionFiles = {reviews_};
    const ImportOutcome out = importIntoProject(file.toStdString(), o);
    QVERIFY(!out.written);
    QVERIFY2(QString::fromStdString(out.error).contains(expected), out.error.c_str());
    // Someone else's file is never removed or changed.
    QCOMPARE(readBytes(file), bytes);
  }

  // Found by tests/fuzz/fuzz_project: an encoder row with dimension 0 (and an empty vector blob, which
  // then "matched" the size) divided by zero in loadCorpusVectors; negative or huge dimensions sized
  // the matrices. A damaged or hostile project is refused with a message instead.
  void fuzzDamagedEncoderDimensionIsRefused() {
    for (const char* dim : {"0", "-3", "4294967298", "100000000"}) {
      const std::string p = importSmall(QString("bad-dim%1.ilens").arg(dim));
      QVERIFY(!p.empty());
      {
        RawDb raw(QString::fromStdString(p));
        QVERIFY(raw.exec(qPrintable(QString("INSERT INTO encoders VALUES('enc', 'tfidf', '{}', %1, 1);"
                                            "INSERT INTO vectors SELECT 'enc', hash, x'' FROM texts").arg(dim))));
      }
      auto project = Project::open(p, Project::Mode::ReadOnly);
      const Corpus corpus = Corpus::fromDataset(project->readDataset());
      QString message;
      try {
        loadCorpusVectors(*project, corpus, "enc");
      } catch (const ProjectError& e) {
        message = e.what();
      }
      QVERIFY2(message.contains("encoder \"enc\"") && message.contains("dimension"), qPrintable(message));
      QVERIFY2(message.startsWith(QString::fromStdString(p)), qPrintable(message));
    }
  }

  // Found by tests/fuzz/fuzz_project: an empty vector blob made VectorStore::get memcpy to a null
  // pointer (undefined behaviour); a blob that is not whole floats was cut to a shorter vector.
  // Both are damaged rows, read as absent.
  void fuzzDamagedVectorBlobIsAbsent() {
    const std::string p = importSmall("bad-blob.ilens");
    QVERIFY(!p.empty());
    {
      auto project = Project::open(p, Project::Mode::OpenExisting);
      VectorStore(*project).registerEncoder("enc", "tfidf", "{}", 2);
    }
    RawDb raw(QString::fromStdString(p));
    QVERIFY(raw.exec("INSERT INTO vectors VALUES('enc', x'01', x''), ('enc', x'02', x'0000803f00'),"
                     "('enc', x'03', x'0000803f00000040')"));
    auto project = Project::open(p, Project::Mode::ReadOnly);
    VectorStore vs(*project);
    QVERIFY(vs.get("enc", "\x01").empty());
    QVERIFY(vs.get("enc", "\x02").empty());
    QCOMPARE(vs.get("enc", "\x03"), (std::vector<float>{1.0f, 2.0f}));
  }

  void missingProject() {
    const std::string p = path("absent.ilens").toStdString();
    for (auto mode : {Project::Mode::OpenExisting, Project::Mode::ReadOnly}) {
      QString message;
      try {
        Project::open(p, mode);
      } catch (const ProjectError& e) {
        message = e.what();
      }
      QVERIFY2(message.contains("no such project file"), qPrintable(message));
      QVERIFY(!QFile::exists(QString::fromStdString(p)));
    }
  }

  void unwritableLocation() {
    ImportOptions o;
    o.interactionFiles = {reviews_};
    const std::string p = path("no-such-dir/p.ilens").toStdString();
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY(!out.written);
    QVERIFY2(QString::fromStdString(out.error).contains("no-such-dir/p.ilens"), out.error.c_str());
    QVERIFY(!QFile::exists(path("no-such-dir")));
  }

  void cancelledWriteLeavesNothing() {
    // Enough rows that the writer checks for cancellation twice (it checks every 4096).
    QByteArray data = "user,item,text\n";
    for (int i = 0; i < 6000; ++i)
      data += "w" + QByteArray::number(i) + ",k1,text " + QByteArray::number(i) + "\n";
    const std::string file = putFile(dir_.path(), "big.csv", data);
    ImportOptions o;
    o.interactionFiles = {file};
    // Cancel as soon as writing starts.
    auto cancelOnWrite = [](JobControl*& self) {
      return [&self](const Progress& pr) {
        if (pr.phase == "Writing project") self->cancel();
      };
    };
    {
      JobControl* self = nullptr;
      JobControl job(cancelOnWrite(self));
      self = &job;
      const QString fresh = path("cancelled-new.ilens");
      const ImportOutcome out = importIntoProject(fresh.toStdString(), o, &job);
      QVERIFY(!out.written);
      QCOMPARE(out.error, std::string("cancelled"));
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QVERIFY(!QFile::exists(fresh + suffix));
    }
    {
      const std::string p = importSmall("cancelled-existing.ilens");
      QVERIFY(!p.empty());
      const QByteArray before = fingerprint(p);
      JobControl* self = nullptr;
      JobControl job(cancelOnWrite(self));
      self = &job;
      const ImportOutcome out = importIntoProject(p, o, &job);
      QVERIFY(!out.written);
      QCOMPARE(out.error, std::string("cancelled"));
      QCOMPARE(fingerprint(p), before);
      // And the project is still usable afterwards.
      QVERIFY(importIntoProject(p, o).written);
      QCOMPARE(countsOf(p).users, int64_t{4 + 6000});
    }
  }
};

QTEST_GUILESS_MAIN(ProjectTest)
#include "project_test.moc"
