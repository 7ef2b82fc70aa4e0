// interestlens-cli import / info, run as a user would: the real binary in a
// temporary directory. Exit codes: 0 success, 1 bad input, 2 bad usage.
//
// Starting the binary costs about a second (it links libtorch), so independent
// invocations run concurrently in a few waves in initTestCase; the test functions
// then check what each invocation did.
#include <zlib.h>

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "test_paths.h"

using il::test::binaryPath;
using il::test::sharedPath;

namespace {

struct Run {
  int exitCode = -1;
  QString out, err;
};

struct Job {
  QString name;
  QStringList args;
};

QByteArray gzipBytes(const QByteArray& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size())) + 64), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(static_cast<qsizetype>(zs.total_out));
  deflateEnd(&zs);
  return out;
}

QByteArray readBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const char* kRatings = "data/ml-latest-small/ratings.csv";
const char* kMovies = "data/ml-latest-small/movies.csv";

const QByteArray kCustom = "On,Stars,Thoughts,Book,Reader\n"
                           "2023-01-05,4,\"Epic, long\",b1,ann\n"
                           "2023-01-06,2,Slow,b2,ann\n"
                           "2023-01-07,5,Loved it,b1,bo\n";
const QByteArray kRatingsCsv =
    "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n1,20,3.0,964982704\n2,10,5.0,964982705\n";
const QByteArray kReviewsJsonl =
    "{\"reviewerID\": \"A1\", \"asin\": \"B1\", \"overall\": 5.0, \"reviewText\": \"Nice\"}\n"
    "{\"reviewerID\": \"A2\", \"asin\": \"B1\", \"overall\": 3.0, \"reviewText\": \"Ok\"}\n";

}  // namespace

class CliTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString cli_;
  QHash<QString, Run> runs_;
  bool haveMovieLens_ = false;
  QByteArray strictBefore_, strictAfter_;

  QString path(const QString& name) const { return dir_.filePath(name); }

  QString write(const QString& name, const QByteArray& data) {
    QFile f(path(name));
    if (f.open(QIODevice::WriteOnly)) f.write(data);
    return path(name);
  }

  // Runs the jobs concurrently and records each result under its name.
  void runAll(const QList<Job>& jobs) {
    std::vector<std::unique_ptr<QProcess>> procs;
    for (const Job& j : jobs) {
      auto p = std::make_unique<QProcess>();
      p->setWorkingDirectory(dir_.path());
      p->start(cli_, j.args);
      procs.push_back(std::move(p));
    }
    for (qsizetype i = 0; i < jobs.size(); ++i) {
      QProcess& p = *procs[static_cast<size_t>(i)];
      Run r;
      if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit) r.exitCode = p.exitCode();
      else p.kill(), p.waitForFinished();
      r.out = QString::fromUtf8(p.readAllStandardOutput());
      r.err = QString::fromUtf8(p.readAllStandardError());
      runs_.insert(jobs[i].name, r);
    }
  }

  const Run& result(const QString& name) {
    static const Run none;
    auto it = runs_.constFind(name);
    return it == runs_.cend() ? none : *it;
  }

  QJsonObject json(const QString& name) { return QJsonDocument::fromJson(result(name).out.toUtf8()).object(); }

  static QStringList info(const QString& project) { return {"info", "--project", project, "--format", "json"}; }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cli_ = binaryPath("app/interestlens-cli");
    QVERIFY2(QFileInfo(cli_).isExecutable(), qPrintable(cli_ + " is not built"));
    haveMovieLens_ = QFileInfo::exists(sharedPath(kRatings)) && QFileInfo::exists(sharedPath(kMovies));

    const QString custom = write("notes.csv", kCustom);
    const QString gz = write("ratings.csv.gz", gzipBytes(kRatingsCsv));
    const QString gzJson = write("reviews.jsonl.gz", gzipBytes(kReviewsJsonl));
    const QString good = write("good.csv", "user,item,rating,time,text\nu1,i1,5,2023-01-05,Great\n");
    const QString in = write("in.csv", "user,item\nu1,i1\n");
    write("bad.csv", "user,item,rating,time,text\n"
                     "u4,i2,4,2023-04-01,Nice kettle\n"
                     "u4,i3,4,2023-04-02,\"Never closed\n"
                     "u5,i1,3,2023-04-03,fine\n");
    write("rating.csv", "user,item,rating,time,text\nu4,i2,4,2023-04-01,Nice kettle\nu4,i3,x,2023-04-02,Meh\n");
    write("cut.csv.gz", gzipBytes(kRatingsCsv).chopped(10));
    write("random.ilens", QByteArray(5000, 'z'));

    // Wave 1: everything that does not depend on another invocation.
    QList<Job> wave1 = {
        // Imports that later waves look at.
        {"map", {"import", "--project", path("mapped.ilens"), "--interactions", custom,
                 "--map=user=Reader,item=Book,text=Thoughts,rating=Stars,time=On"}},
        {"gz", {"import", "--project", path("gz.ilens"), "--interactions", gz, "--interactions", gzJson}},
        {"good", {"import", "--project", path("strict.ilens"), "--interactions", good, "--quiet"}},
        // Bad input: exit code 1.
        {"unbalanced", {"import", "--project", path("bad.ilens"), "--interactions", path("bad.csv")}},
        {"truncated-gz", {"import", "--project", path("cut.ilens"), "--interactions", path("cut.csv.gz")}},
        {"map-unknown-column", {"import", "--project", path("unmapped.ilens"), "--interactions", custom, "--map",
                                "user=Reader,item=Title"}},
        {"info-random", {"info", "--project", path("random.ilens")}},
        // Bad usage: exit code 2.
        {"unknown-command", {"frobnicate"}},
        {"unknown-option", {"import", "--project", path("p.ilens"), "--interactions", in, "--bogus", "1"}},
        {"missing-project", {"import", "--interactions", in}},
        {"bad-map-key", {"import", "--project", path("p.ilens"), "--interactions", in, "--map", "usr=user"}},
    };
    if (haveMovieLens_)
      wave1.append({"movielens", {"import", "--project", path("ml.ilens"), "--interactions", sharedPath(kRatings),
                                  "--items", sharedPath(kMovies)}});
    runAll(wave1);

    // Wave 2: look at the projects; import a file with one bad row into copies of the
    // same project, strictly and not.
    QVERIFY(QFile::copy(path("strict.ilens"), path("lenient.ilens")));
    strictBefore_ = readBytes(path("strict.ilens"));
    QList<Job> wave2 = {{"map-info", info(path("mapped.ilens"))},
                        {"gz-info", info(path("gz.ilens"))},
                        {"strict", {"import", "--project", path("strict.ilens"), "--interactions",
                                    path("rating.csv"), "--strict"}},
                        {"lenient", {"import", "--project", path("lenient.ilens"), "--interactions",
                                     path("rating.csv")}}};
    if (haveMovieLens_) wave2.append({"movielens-info", info(path("ml.ilens"))});
    runAll(wave2);
    strictAfter_ = readBytes(path("strict.ilens"));
    runAll({{"lenient-info", info(path("lenient.ilens"))}});
  }

  void movieLensImportAndInfo() {
    IL_REQUIRE_SHARED(kRatings);
    IL_REQUIRE_SHARED(kMovies);
    const Run& r = result("movielens");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("100836 rows read, 100836 kept, 0 rejected"), qPrintable(r.out));
    QVERIFY2(r.out.contains("(CSV, MovieLens ratings)"), qPrintable(r.out));
    QCOMPARE(result("movielens-info").exitCode, 0);
    const QJsonObject o = json("movielens-info");
    QCOMPARE(o.value("users").toInteger(), 610);
    QCOMPARE(o.value("interactions").toInteger(), 100836);
    QCOMPARE(o.value("ratings").toInteger(), 100836);
    QCOMPARE(o.value("items").toInteger(), 9742);
    QCOMPARE(o.value("catalog_items").toInteger(), 9742);
    QCOMPARE(o.value("texts").toInteger(), 0);
  }

  void badInputExitsOneWithLocation() {
    const Run& r = result("unbalanced");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(path("bad.csv") + ":3:20: unbalanced-quote"), qPrintable(r.err));
    QVERIFY2(r.err.contains("Nothing was written to " + path("bad.ilens")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QVERIFY(!QFile::exists(path("bad.ilens") + suffix));

    const Run& cut = result("truncated-gz");
    QCOMPARE(cut.exitCode, 1);
    QVERIFY2(cut.err.contains(path("cut.csv.gz") + ": unreadable-input") && cut.err.contains("truncated gzip data"),
             qPrintable(cut.err));
    QVERIFY2(cut.err.contains("Nothing was written"), qPrintable(cut.err));
    QVERIFY(!QFile::exists(path("cut.ilens")));
  }

  void badProjectFileExitsOne() {
    const Run& random = result("info-random");
    QCOMPARE(random.exitCode, 1);
    QVERIFY2(random.err.contains(path("random.ilens") + ": not a readable project file"), qPrintable(random.err));
    QCOMPARE(readBytes(path("random.ilens")), QByteArray(5000, 'z'));  // someone else's file is left alone
  }

  void usageErrorsExitTwo_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown-command") << "unknown-command" << "unknown command 'frobnicate'";
    QTest::newRow("unknown-option") << "unknown-option" << "unknown option '--bogus' for 'import'";
    QTest::newRow("missing-project") << "missing-project" << "import needs --project";
    QTest::newRow("bad-map-key") << "bad-map-key" << "unknown mapping key 'usr'";
  }
  void usageErrorsExitTwo() {
    QFETCH(QString, name);
    QFETCH(QString, message);
    const Run& r = result(name);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(r.err.contains("usage: interestlens-cli"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    // Bad usage never creates a project.
    QVERIFY(!QFile::exists(path("p.ilens")));
  }

  void strictAndLenient() {
    QCOMPARE(result("good").exitCode, 0);
    QVERIFY(result("good").out.isEmpty());  // --quiet
    // Strict: one bad row fails the import and leaves the project as it was.
    const Run& strict = result("strict");
    QCOMPARE(strict.exitCode, 1);
    QVERIFY2(strict.err.contains(path("rating.csv") + ":3:7: bad-number"), qPrintable(strict.err));
    QVERIFY2(strict.err.contains("strict import: 1 rows rejected"), qPrintable(strict.err));
    QVERIFY2(strict.err.contains("Nothing was written"), qPrintable(strict.err));
    QVERIFY(!strictBefore_.isEmpty());
    QVERIFY(strictAfter_ == strictBefore_);
    // Lenient: the good row is kept, the bad one reported and counted.
    const Run& lenient = result("lenient");
    QVERIFY2(lenient.exitCode == 0, qPrintable(lenient.err));
    QVERIFY2(lenient.out.contains("2 rows read, 1 kept, 1 rejected"), qPrintable(lenient.out));
    QVERIFY2(lenient.out.contains(path("rating.csv") + ":3:7: bad-number"), qPrintable(lenient.out));
    const QJsonObject o = json("lenient-info");
    QCOMPARE(o.value("users").toInteger(), 2);  // u1 from good.csv, u4 from the good row
    QCOMPARE(o.value("interactions").toInteger(), 2);
    QCOMPARE(o.value("texts").toInteger(), 2);
  }

  void mapOnCustomHeader() {
    // A --map naming a column that is not there: bad input, columns listed.
    const Run& wrong = result("map-unknown-column");
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains(path("notes.csv") + ":1:1: missing-column"), qPrintable(wrong.err));
    QVERIFY2(wrong.err.contains("column 'Title' given for item is not in the file"), qPrintable(wrong.err));
    QVERIFY2(wrong.err.contains("columns found: On, Stars, Thoughts, Book, Reader"), qPrintable(wrong.err));
    QVERIFY(!QFile::exists(path("unmapped.ilens")));
    // With --map (here in the --map=... form).
    const Run& r = result("map");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("user=Reader, item=Book, text=Thoughts, rating=Stars, time=On"), qPrintable(r.out));
    const QJsonObject o = json("map-info");
    QCOMPARE(o.value("users").toInteger(), 2);
    QCOMPARE(o.value("items").toInteger(), 2);
    QCOMPARE(o.value("interactions").toInteger(), 3);
    QCOMPARE(o.value("texts").toInteger(), 3);
    QCOMPARE(o.value("ratings").toInteger(), 3);
  }

  void gzipInput() {
    const Run& r = result("gz");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("(CSV, MovieLens ratings): 3 rows read, 3 kept"), qPrintable(r.out));
    QVERIFY2(r.out.contains("(JSON lines, Amazon reviews): 2 rows read, 2 kept"), qPrintable(r.out));
    const QJsonObject o = json("gz-info");
    QCOMPARE(o.value("users").toInteger(), 4);
    QCOMPARE(o.value("items").toInteger(), 3);
    QCOMPARE(o.value("interactions").toInteger(), 5);
    QCOMPARE(o.value("ratings").toInteger(), 5);
    QCOMPARE(o.value("texts").toInteger(), 2);
  }
};

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
