// Bad input, case by case: every problem is located (file:line:column) and named,
// a strict import of it changes nothing, a new project is not left behind, and a
// lenient import keeps the good rows and counts the rejected ones.
#include <sys/resource.h>

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <random>

#include "import_test_util.h"
#include "store/project.h"

using namespace il;
using namespace il::test;

namespace {

// Change of ProjectCounts a successful import of a case makes.
struct Delta {
  int users = 0, items = 0, interactions = 0, texts = 0, ratings = 0, catalogItems = 0;
};

struct Case {
  const char* name;
  const char* file;        // file name in the temporary directory
  QByteArray content;
  const char* location;    // "file:line:col" ("file" alone for whole-file problems)
  const char* kind;
  Severity severity;
  QStringList mentions;    // parts the message must contain
  Delta lenient;           // what a non-strict import adds
  int rejected = 0;        // rows a non-strict import rejects
  const char* map = "";
  int64_t maxFieldBytes = 0;
  bool items = false;      // an item catalog rather than interactions
};

const QByteArray kHeader = "user,item,rating,time,text\n";
const QByteArray kGood = "u4,i2,4,2023-04-01,Nice kettle\n";  // line 2 of most cases
// What kGood adds: a new user and a rated, reviewed interaction with a catalog item.
const Delta kGoodDelta{1, 0, 1, 1, 1, 0};


QByteArray utf16le(const QString& s) {
  QByteArray out("\xFF\xFE", 2);
  for (QChar c : s) {
    out += static_cast<char>(c.unicode() & 0xFF);
    out += static_cast<char>(c.unicode() >> 8);
  }
  return out;
}

QByteArray garbage() {
  QByteArray out("\x89PNG\r\n\x1A\n", 8);  // a picture renamed to .csv
  std::mt19937 rng(1234);
  for (int i = 0; i < 4096; ++i) out += static_cast<char>(rng() & 0xFF);
  return out;
}

QByteArray truncatedGz() {
  const QByteArray z = gzipBytes(kHeader + kGood + "u5,i1,3,2023-04-03,fine\n");
  return z.left(z.size() - 12);
}

QByteArray corruptGz() {
  QByteArray z = gzipBytes(kHeader + kGood);
  z[z.size() - 7] = static_cast<char>(z[z.size() - 7] ^ 0x01);  // in the CRC-32
  return z;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"missing-required-column", "bad.csv", "person,thing,rating\np1,i2,4\n", "bad.csv:1:1", "missing-column",
       Severity::Fatal, {"missing required column for user and item", "columns found: person, thing, rating"}, {}},
      {"unbalanced-quote", "bad.csv",
       kHeader + kGood + "u4,i3,4,2023-04-02,\"Never closed\nu5,i1,3,2023-04-03,fine\n", "bad.csv:3:20",
       "unbalanced-quote", Severity::Fatal, {"closing '\"'", "the end of the file"}, {}},
      {"junk-after-closing-quote", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02,\"Good\"x\n", "bad.csv:3:26",
       "bad-quote", Severity::Rejected, {"after a closing quote", "found 'x'"}, kGoodDelta, 1},
      {"too-many-fields", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02,ok,extra\n", "bad.csv:3:23",
       "wrong-field-count", Severity::Rejected, {"expected 5 fields as in the header, found 6"}, kGoodDelta, 1},
      {"too-few-fields", "bad.csv", kHeader + kGood + "u4,i3,4\n", "bad.csv:3:8", "wrong-field-count",
       Severity::Rejected, {"expected 5 fields as in the header, found 3"}, kGoodDelta, 1},
      {"unparsable-rating", "bad.csv", kHeader + kGood + "u4,i3,x,2023-04-02,Meh\n", "bad.csv:3:7", "bad-number",
       Severity::Rejected, {"expected a rating (a number), found 'x'"}, kGoodDelta, 1},
      {"unparsable-date", "bad.csv", kHeader + kGood + "u4,i3,4,2023-02-30,Meh\n", "bad.csv:3:9", "bad-date",
       Severity::Rejected, {"ISO 8601", "found '2023-02-30'"}, kGoodDelta, 1},
      {"unparsable-date-us-style-crlf", "bad.csv",
       "user,item,rating,time,text\r\nu4,i2,4,2023-04-01,Nice kettle\r\nu5,i1,3,2023-04-03,fine\r\n"
       "u4,i3,4,04/02/2023,Meh\r\n",
       "bad.csv:4:9", "bad-date", Severity::Rejected, {"found '04/02/2023'"}, {2, 0, 2, 2, 2, 0}, 1},
      {"empty-text", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02,\n", "bad.csv:3:20", "empty-text",
       Severity::Warning, {"expected a text", "kept without text"}, {1, 0, 2, 1, 2, 0}, 0},
      {"blank-text", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02,\"  \t \"\n", "bad.csv:3:20", "empty-text",
       Severity::Warning, {"expected a text"}, {1, 0, 2, 1, 2, 0}, 0},
      {"invalid-utf8-csv", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02,caf\xC3( ok\n", "bad.csv:3:23",
       "invalid-utf8", Severity::Rejected, {"byte 0xC3"}, kGoodDelta, 1},
      {"invalid-utf8-csv-multiline-quoted", "bad.csv",
       kHeader + kGood + "u4,i3,4,2023-04-02,\"He said \"\"wow\"\"\nthen \xFF\"\n", "bad.csv:4:6", "invalid-utf8",
       Severity::Rejected, {"byte 0xFF"}, kGoodDelta, 1},
      {"invalid-utf8-jsonl", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\", \"text\": \"Nice\"}\n"
       "{\"user\": \"u4\", \"item\": \"i3\", \"text\": \"caf\xE9!\"}\n",
       "bad.jsonl:2:42", "invalid-utf8", Severity::Rejected, {"UTF-8"}, {1, 0, 1, 1, 0, 0}, 1},
      {"field-over-size-limit", "bad.csv", kHeader + kGood + "u4,i3,4,2023-04-02," + QByteArray(40, 'x') + "\n",
       "bad.csv:3:20", "field-too-long", Severity::Rejected, {"at most 32 bytes"}, kGoodDelta, 1, "", 32},
      {"truncated-gz", "bad.csv.gz", truncatedGz(), "bad.csv.gz", "unreadable-input", Severity::Fatal,
       {"truncated gzip data"}, {}},
      {"corrupt-gz", "bad.csv.gz", corruptGz(), "bad.csv.gz", "unreadable-input", Severity::Fatal,
       {"corrupt gzip data"}, {}},
      {"duplicate-user-item", "bad.csv", kHeader + "u4,i2,2,2023-04-01,first take\nu4,i2,5,2023-05-01,second take\n",
       "bad.csv:3:1", "duplicate-pair", Severity::Warning, {"'u4', 'i2'", "first at line 2", "latest time is kept"},
       {1, 0, 1, 1, 1, 0}, 0},
      {"item-not-in-catalog", "bad.csv", kHeader + kGood + "u4,i99,4,2023-04-02,What is this\n", "bad.csv:3:4",
       "item-not-in-catalog", Severity::Warning, {"'i99'", "kept as an item without text"}, {1, 1, 2, 2, 2, 0}, 0},
      {"bad-json-syntax", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\"}\n{\"user\": \"u4\", \"item\": \"i3\" \"rating\": 4}\n", "bad.jsonl:2:29",
       "bad-json", Severity::Rejected, {"expected a valid JSON object"}, {1, 0, 1, 0, 0, 0}, 1},
      {"bad-json-unterminated-string", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\"}\n{\"user\": \"u4\", \"item\": \"i3\", \"text\": \"oops}\n",
       "bad.jsonl:2:44", "bad-json", Severity::Rejected, {"expected a valid JSON object"}, {1, 0, 1, 0, 0, 0}, 1},
      {"json-array-line", "bad.jsonl", "{\"user\": \"u4\", \"item\": \"i2\"}\n[\"u4\", \"i3\"]\n", "bad.jsonl:2:1",
       "bad-json", Severity::Rejected, {"expected a JSON object, found an array"}, {1, 0, 1, 0, 0, 0}, 1},
      {"json-scalar-line", "bad.jsonl", "{\"user\": \"u4\", \"item\": \"i2\"}\n   \"u4,i3\"\n", "bad.jsonl:2:4",
       "bad-json", Severity::Rejected, {"expected a valid JSON object"}, {1, 0, 1, 0, 0, 0}, 1},
      {"unparsable-rating-jsonl", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\", \"rating\": 4}\n{\"user\": \"u4\", \"item\": \"i3\", \"rating\": \"4 stars\"}\n",
       "bad.jsonl:2:30", "bad-number", Severity::Rejected, {"found '4 stars'"}, {1, 0, 1, 0, 1, 0}, 1},
      {"empty-file", "bad.csv", "", "bad.csv:1:1", "empty-file", Severity::Fatal, {"a header line"}, {}},
      {"empty-jsonl", "bad.jsonl", "\n  \n\r\n", "bad.jsonl:1:1", "empty-file", Severity::Fatal, {"JSON objects"}, {}},
      {"header-only", "bad.csv", kHeader, "bad.csv:2:1", "no-rows", Severity::Fatal, {"at least one data row"}, {}},
      {"missing-user-id", "bad.csv", kHeader + kGood + ",i3,4,2023-04-02,Anonymous\n", "bad.csv:3:1",
       "missing-value", Severity::Rejected, {"expected a user id"}, kGoodDelta, 1},
      {"missing-user-key-jsonl", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\", \"text\": \"Nice\"}\n  {\"item\": \"i3\", \"text\": \"who?\"}\n",
       "bad.jsonl:2:3", "missing-value", Severity::Rejected, {"expected a user id"}, {1, 0, 1, 1, 0, 0}, 1},
      {"unknown-map-column", "bad.csv", kHeader + kGood, "bad.csv:1:1", "missing-column", Severity::Fatal,
       {"column 'who' given for user is not in the file", "columns found: user, item, rating, time, text"}, {}, 0,
       "user=who,item=item"},
      {"bad-map-key", "bad.csv", kHeader + kGood, "bad.csv:1:1", "missing-column", Severity::Fatal,
       {"unknown mapping key 'usr'"}, {}, 0, "usr=user"},
      {"binary-garbage", "bad.csv", garbage(), "bad.csv:1:1", "invalid-utf8", Severity::Fatal, {"byte 0x89"}, {}},
      {"binary-garbage-jsonl", "bad.jsonl", garbage(), "bad.jsonl:1:1", "no-valid-rows", Severity::Fatal,
       {"rejected line"}, {}},
      {"utf16-file", "bad.csv", utf16le("user,item\nu4,i2\n"), "bad.csv:1:1", "invalid-utf8", Severity::Fatal,
       {"byte 0xFF"}, {}},
      {"nul-bytes", "bad.csv", kHeader + kGood + QByteArray("u4,i3,4,2023-04-02,te\0xt\n", 25), "bad.csv:3:22",
       "nul-byte", Severity::Rejected, {"byte 0x00"}, kGoodDelta, 1},
      {"nul-bytes-jsonl", "bad.jsonl",
       "{\"user\": \"u4\", \"item\": \"i2\"}\n" + QByteArray("{\"user\": \"u4\", \"item\": \"i3\", \"text\": \"a\0b\"}\n", 44),
       "bad.jsonl:2:40", "nul-byte", Severity::Rejected, {"byte 0x00"}, {1, 0, 1, 0, 0, 0}, 1},
      {"utf16-without-bom", "bad.csv", QByteArray("u\0s\0e\0r\0,\0i\0t\0e\0m\0\n\0", 20), "bad.csv:1:2",
       "nul-byte", Severity::Fatal, {"UTF-16"}, {}},
      {"cr-only-line-endings", "bad.csv",
       "user,item,rating,time,text\ru4,i2,4,2023-04-01,Nice kettle\ru4,i3,x,2023-04-02,Meh\ru5,i1,3,2023-04-03,ok\r",
       "bad.csv:3:7", "bad-number", Severity::Rejected, {"found 'x'"}, {2, 0, 2, 2, 2, 0}, 1},
      {"bad-number-after-multiline-text", "bad.csv",
       "user,item,text,rating\nu4,i2,ok,4\nu4,i3,\"line one\nline two\",x\n", "bad.csv:4:11", "bad-number",
       Severity::Rejected, {"found 'x'"}, kGoodDelta, 1},
      {"tsv-too-many-fields", "bad.tsv", "user\titem\trating\nu4\ti2\t4\nu4\ti3\t4\textra\n", "bad.tsv:3:9",
       "wrong-field-count", Severity::Rejected, {"found 4"}, {1, 0, 1, 0, 1, 0}, 1},
      {"catalog-bad-price", "bad-items.csv", "item_id,title,price\ni5,Lamp,12.50\ni6,Rug,cheap\n",
       "bad-items.csv:3:8", "bad-number", Severity::Rejected, {"a price", "found 'cheap'"}, {0, 1, 0, 0, 0, 1}, 1,
       "", 0, true},
      {"catalog-missing-id", "bad-items.csv", "item_id,title\ni7,Lamp\n  ,No id\n", "bad-items.csv:3:1",
       "missing-value", Severity::Rejected, {"an item id"}, {0, 1, 0, 0, 0, 1}, 1, "", 0, true},
  };
  return all;
}

ProjectCounts plus(ProjectCounts c, const Delta& d) {
  c.users += d.users, c.items += d.items, c.interactions += d.interactions;
  c.texts += d.texts, c.ratings += d.ratings, c.catalogItems += d.catalogItems;
  return c;
}

QString str(const ProjectCounts& c) {
  return QStringLiteral("users %1 items %2 interactions %3 texts %4 ratings %5 catalog %6")
      .arg(c.users).arg(c.items).arg(c.interactions).arg(c.texts).arg(c.ratings).arg(c.catalogItems);
}

ProjectCounts countsOf(const std::string& path) {
  auto p = Project::open(path, Project::Mode::ReadOnly);
  return p->counts();
}

long maxRssKiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

bool leftBehind(const QString& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    if (QFile::exists(path + suffix)) return true;
  return false;
}

}  // namespace

class MalformedInputTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string base_;
  ProjectCounts baseCounts_;
  QByteArray baseFingerprint_;
  int copies_ = 0;

  QString path(const QString& name) const { return QDir(dir_.path()).filePath(name); }

  // A fresh copy of the base project.
  std::string copyOfBase() {
    const QString copy = path(QStringLiteral("copy%1.ilens").arg(++copies_));
    if (!QFile::copy(QString::fromStdString(base_), copy)) return {};
    return copy.toStdString();
  }

  ImportOptions optionsFor(const Case& c, const std::string& file, bool strict) {
    ImportOptions o;
    (c.items ? o.itemFiles : o.interactionFiles) = {file};
    o.map = c.map;
    o.strict = strict;
    if (c.maxFieldBytes > 0) o.limits.maxFieldBytes = c.maxFieldBytes;
    return o;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // A small valid dataset shaped like the demo: a catalog and reviews.
    const std::string items = putFile(dir_.path(), "items.csv",
                                      "item_id,title,description,category\n"
                                      "i1,Trail Shoes,Light shoes for rocky trails,Sport\n"
                                      "i2,Tea Kettle,\"Boils water, whistles\",Kitchen\n"
                                      "i3,Sci-fi Novel,\"A story about \"\"first contact\"\"\",Books\n"
                                      "i4,Yoga Mat,Non-slip mat,Sport\n");
    const std::string reviews = putFile(dir_.path(), "reviews.csv",
                                        "user,item,rating,time,text\n"
                                        "u1,i1,5,2023-01-05,Great grip on wet rock\n"
                                        "u1,i3,4,1672900000,\"Slow start, great ending\"\n"
                                        "u2,i2,3,2023-02-01T08:00:00Z,It whistles too loud\n"
                                        "u2,i4,5,2023-03-01,Thick and comfortable\n"
                                        "u3,i1,2,1675000000,Soles wore out fast\n");
    base_ = path("base.ilens").toStdString();
    ImportOptions o;
    o.itemFiles = {items};
    o.interactionFiles = {reviews};
    o.strict = true;
    const ImportOutcome out = importIntoProject(base_, o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.problems.kept().size(), size_t{0});
    baseCounts_ = countsOf(base_);
    QCOMPARE(str(baseCounts_), str(ProjectCounts{3, 4, 5, 5, 5, 4}));
    baseFingerprint_ = fingerprint(base_);
    // Closing a writable connection last folds the WAL into the file, so copies of the
    // file alone are complete.
    Project::open(base_, Project::Mode::OpenExisting).reset();
    QVERIFY(!QFile::exists(path("base.ilens-wal")));
  }

  void atLeast25Cases() { QVERIFY(cases().size() >= 25); }

  // First: the peak memory of the process is still small here.
  void longLineWithoutNewlineIsRejectedQuickly_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("kind");
    QTest::newRow("csv") << "long.csv" << QByteArray() << "long.csv:1:1" << "field-too-long";
    QTest::newRow("csv-with-separators") << "long2.csv" << QByteArray("user,") << "long2.csv:1:6"
                                         << "field-too-long";
    QTest::newRow("jsonl") << "long.jsonl" << QByteArray("{\"user\": \"") << "long.jsonl:1:1" << "field-too-long";
  }
  void longLineWithoutNewlineIsRejectedQuickly() {
    QFETCH(QString, name);
    QFETCH(QByteArray, prefix);
    QFETCH(QString, location);
    QFETCH(QString, kind);
    const QString file = path(name);
    {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(prefix);
      const QByteArray block(64 * 1024, 'a');
      for (int i = 0; i < 160; ++i) QCOMPARE(f.write(block), block.size());  // 10 MiB, no newline
    }
    const long rssBefore = maxRssKiB();
    QElapsedTimer timer;
    timer.start();
    ImportOptions o;
    o.interactionFiles = {file.toStdString()};
    o.strict = true;
    const QString project = path(name + ".ilens");
    const ImportOutcome out = importIntoProject(project.toStdString(), o);
    const qint64 ms = timer.elapsed();
    QVERIFY(!out.written);
    QVERIFY(!leftBehind(project));
    QVERIFY2(ms < 5000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    // Nothing close to the line's 10 MiB was held in memory.
    const long grown = maxRssKiB() - rssBefore;
    QVERIFY2(grown < 6 * 1024, qPrintable(QStringLiteral("peak memory grew by %1 KiB").arg(grown)));
    bool found = false;
    for (const auto& p : out.result.problems.kept()) {
      if (p.kind != kind.toStdString()) continue;
      found = true;
      QVERIFY2(QString::fromStdString(p.message()).startsWith(path(location) + ": " + kind), p.message().c_str());
    }
    QVERIFY2(found, out.error.c_str());
  }

  void malformed_data() {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < cases().size(); ++i) QTest::newRow(cases()[i].name) << static_cast<int>(i);
  }
  void malformed() {
    QFETCH(int, index);
    const Case& c = cases()[static_cast<size_t>(index)];
    const std::string file = putFile(dir_.path(), c.file, c.content);
    const QString expectedPrefix = path(c.location) + ": " + c.kind;

    // 1. Strict import into an existing project.
    const std::string project = copyOfBase();
    QVERIFY(!project.empty());
    const ImportOutcome strict = importIntoProject(project, optionsFor(c, file, true));
    const Problem* problem = nullptr;
    for (const auto& p : strict.result.problems.kept())
      if (p.kind == c.kind && !problem) problem = &p;
    QVERIFY2(problem, qPrintable(QStringLiteral("no '%1' problem; error: %2; problems:\n%3")
                                     .arg(c.kind, QString::fromStdString(strict.error),
                                          allMessages(strict.result.problems))));
    const QString message = QString::fromStdString(problem->message());
    QVERIFY2(message.startsWith(expectedPrefix + ":"),
             qPrintable(QStringLiteral("expected '%1...', got '%2'").arg(expectedPrefix, message)));
    QCOMPARE(int(problem->severity), int(c.severity));
    for (const auto& part : c.mentions) QVERIFY2(message.contains(part), qPrintable(message + " lacks " + part));
    if (c.severity == Severity::Warning) {
      QVERIFY2(strict.written, strict.error.c_str());  // a warning is not a rejected row
      QCOMPARE(str(countsOf(project)), str(plus(baseCounts_, c.lenient)));
    } else {
      QVERIFY(!strict.written);
      QVERIFY(!strict.result.ok);
      // The error names the place; for a rejected row in strict mode, as the first of them.
      QVERIFY2(QString::fromStdString(strict.error).contains(message), strict.error.c_str());
      if (c.severity == Severity::Rejected)
        QVERIFY2(strict.error.rfind("strict import: " + std::to_string(c.rejected) + " rows rejected", 0) == 0,
                 strict.error.c_str());
      QCOMPARE(str(countsOf(project)), str(baseCounts_));
      QCOMPARE(fingerprint(project), baseFingerprint_);
    }

    // 2. Strict import into a project that does not exist yet: failure leaves no file.
    const QString fresh = path(QStringLiteral("new-%1.ilens").arg(index));
    const ImportOutcome created = importIntoProject(fresh.toStdString(), optionsFor(c, file, true));
    if (c.severity == Severity::Warning) {
      QVERIFY(created.written);
      QVERIFY(QFile::exists(fresh));
    } else {
      QVERIFY(!created.written);
      QVERIFY2(!leftBehind(fresh), qPrintable(fresh));
    }

    // 3. Lenient import: fatal problems still change nothing; otherwise the good rows are
    // kept and the rejected ones counted.
    const std::string lenientProject = copyOfBase();
    const ImportOutcome lenient = importIntoProject(lenientProject, optionsFor(c, file, false));
    if (c.severity == Severity::Fatal) {
      QVERIFY(!lenient.written);
      QCOMPARE(QString::fromStdString(lenient.error), message);
      QCOMPARE(fingerprint(lenientProject), baseFingerprint_);
    } else {
      QVERIFY2(lenient.written, lenient.error.c_str());
      QCOMPARE(lenient.result.rowsRejected, int64_t{c.rejected});
      QCOMPARE(lenient.result.rowsKept, lenient.result.rowsRead - c.rejected);
      QCOMPARE(str(countsOf(lenientProject)), str(plus(baseCounts_, c.lenient)));
    }
  }

  void duplicateKeepsTheLatestInTheProject() {
    const std::string file = putFile(dir_.path(), "dup.csv",
                                     kHeader + "u4,i2,5,2023-05-01,second take\nu4,i2,2,2023-04-01,first take\n");
    const std::string project = copyOfBase();
    ImportOptions o;
    o.interactionFiles = {file};
    const ImportOutcome out = importIntoProject(project, o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.duplicatePairs, int64_t{1});
    auto p = Project::open(project, Project::Mode::ReadOnly);
    const TablePage texts = p->page(DataTable::Texts, "u4", 0, false, 0, 10);
    QCOMPARE(texts.rows.size(), size_t{1});
    const auto textColumn = std::find(texts.columns.begin(), texts.columns.end(), "Text") - texts.columns.begin();
    QCOMPARE(texts.rows[0][static_cast<size_t>(textColumn)], std::string("second take"));
    QCOMPARE(texts.rows[0][2], std::string("2023-05-01"));
    const TablePage users = p->page(DataTable::Users, "u4", 0, false, 0, 10);
    QCOMPARE(users.rows.at(0)[3], std::string("5.0"));
  }

  void unknownItemIsKeptWithoutText() {
    const std::string file = putFile(dir_.path(), "unknown.csv", kHeader + "u4,i99,4,2023-04-02,What is this\n");
    const std::string project = copyOfBase();
    ImportOptions o;
    o.interactionFiles = {file};
    const ImportOutcome out = importIntoProject(project, o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.unknownItems, int64_t{1});
    auto p = Project::open(project, Project::Mode::ReadOnly);
    const TablePage items = p->page(DataTable::Items, "i99", 0, false, 0, 10);
    QCOMPARE(items.rows.size(), size_t{1});
    QCOMPARE(items.rows[0][1], std::string());  // no title
    QCOMPARE(items.rows[0][6], std::string());  // no description
    QCOMPARE(items.rows[0][5], std::string("1"));  // one interaction
    QCOMPARE(p->counts().catalogItems, baseCounts_.catalogItems);
  }

  void truncatedGzipInTheMiddle() {
    // Big enough that good rows were read before the stream ends: still nothing is written.
    QByteArray data = kHeader;
    for (int i = 0; i < 20000; ++i)
      data += "u" + QByteArray::number(i % 300) + ",i" + QByteArray::number(1 + i % 4) + ",4," +
              QByteArray::number(1672900000 + i) + ",text number " + QByteArray::number(i) + "\n";
    const QByteArray z = gzipBytes(data);
    const std::string file = putFile(dir_.path(), "mid.csv.gz", z.left(z.size() * 2 / 3));
    const std::string project = copyOfBase();
    ImportOptions o;
    o.interactionFiles = {file};
    const ImportOutcome out = importIntoProject(project, o);
    QVERIFY(!out.written);
    const QRegularExpression re(QRegularExpression::escape(path("mid.csv.gz")) +
                                ":(\\d+): unreadable-input: .*truncated gzip data");
    const auto m = re.match(QString::fromStdString(out.error));
    QVERIFY2(m.hasMatch(), out.error.c_str());
    const int line = m.captured(1).toInt();
    QVERIFY2(line > 2 && line < 20002, out.error.c_str());
    QCOMPARE(fingerprint(project), baseFingerprint_);
  }

  void lenientKeepsGoodRowsAmongMany() {
    // Every tenth row is bad in one of several ways; the rest are kept and the count is right.
    QByteArray data = kHeader;
    int bad = 0;
    const QByteArray badRows[] = {",i1,x,2023-04-02,bad rating\n", ",i1,4,2023-13-40,bad date\n", ",i1,4\n",
                                  ",i1,4,2023-04-02,\"junk\"after\n", ",i1,4,2023-04-02,caf\xC3\n"};
    for (int i = 0; i < 1000; ++i) {
      if (i % 10 == 9) {
        data += "x" + QByteArray::number(i) + badRows[bad % 5];
        ++bad;
      } else {
        // New users (m...) with catalog items.
        data += "m" + QByteArray::number(i) + ",i" + QByteArray::number(1 + i % 4) + ",3,2023-04-02,fine\n";
      }
    }
    const std::string file = putFile(dir_.path(), "many.csv", data);
    const std::string project = copyOfBase();
    ImportOptions o;
    o.interactionFiles = {file};
    const ImportOutcome out = importIntoProject(project, o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.rowsRead, int64_t{1000});
    QCOMPARE(out.result.rowsRejected, int64_t{bad});
    QCOMPARE(out.result.rowsKept, int64_t{1000 - bad});
    for (const char* kind : {"bad-number", "bad-date", "wrong-field-count", "bad-quote", "invalid-utf8"})
      QCOMPARE(out.result.problems.count(std::string(kind)), int64_t{bad / 5});
    const ProjectCounts c = countsOf(project);
    QCOMPARE(c.interactions, baseCounts_.interactions + 1000 - bad);
    QCOMPARE(c.users, baseCounts_.users + 1000 - bad);
  }
};

QTEST_GUILESS_MAIN(MalformedInputTest)
#include "malformed_input_test.moc"
