// interestlens-cli recommend / feedback / export / evaluate, run as a user would: the
// real binary in a temporary directory, on the team's demo dataset (resources/demo)
// with the tfidf encoder (fast, no model files). Exit codes: 0 success, 1 bad input,
// 2 bad usage.
//
// Starting the binary costs about a second (it links libtorch) and recommend/evaluate
// fit every model, so independent invocations run concurrently in waves in
// initTestCase; the test functions then check what each invocation did. The feedback
// sequence on its own copy of the project has to run in order, one step per wave.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>
#include <optional>

#include "test_paths.h"

using il::test::binaryPath;
using il::test::sharedPath;
using il::test::sourcePath;

namespace {

struct Run {
  int exitCode = -1;
  QString out, err;
};

struct Job {
  QString name;
  QStringList args;
};

using CsvTable = QList<QStringList>;

// RFC 4180, written here so the test shares nothing with the app: fields separated by
// commas, records by CRLF (a bare LF is accepted too), a quoted field may hold commas,
// line breaks and doubled quotes. Anything else (a quote inside an unquoted field, text
// after a closing quote, an unterminated quote) is an error.
std::optional<CsvTable> parseCsv(const QString& text, QString* error = nullptr) {
  CsvTable rows;
  QStringList row;
  QString field;
  bool quoted = false, wasQuoted = false, fieldStarted = false;
  auto fail = [&](const QString& why, qsizetype at) -> std::optional<CsvTable> {
    if (error) *error = QStringLiteral("%1 at offset %2").arg(why).arg(at);
    return std::nullopt;
  };
  auto endField = [&] {
    row.append(field);
    field.clear();
    wasQuoted = fieldStarted = false;
  };
  const qsizetype n = text.size();
  for (qsizetype i = 0; i < n; ++i) {
    const QChar c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') field += '"', ++i;
        else quoted = false, wasQuoted = true;
      } else {
        field += c;
      }
      continue;
    }
    if (c == ',') {
      endField();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r') {
        if (i + 1 >= n || text[i + 1] != '\n') return fail("bare CR", i);
        ++i;
      }
      endField();
      rows.append(row);
      row.clear();
    } else if (c == '"') {
      if (fieldStarted) return fail("quote inside an unquoted field", i);
      quoted = fieldStarted = true;
    } else {
      if (wasQuoted) return fail("text after a closing quote", i);
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return fail("unterminated quote", n);
  if (fieldStarted || !row.isEmpty()) {  // last record without a line break
    endField();
    rows.append(row);
  }
  return rows;
}

QByteArray readBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int lineCount(const QByteArray& data) { return static_cast<int>(data.count('\n')); }

const char* kRatings = "data/ml-latest-small/ratings.csv";

const QStringList kAllModels = {"popularity", "itemknn", "mf", "content", "seed-formula", "hybrid"};
const QStringList kEvalModels = {"popularity", "itemknn", "mf", "content", "hybrid"};
const QString kUser = QStringLiteral("alice");
const QString kFormula = QStringLiteral("=HYPERLINK(\"x\")");

// A tiny dataset with a title a spreadsheet would run as a formula.
const QByteArray kTinyItems =
    "id,title,description,category\n"
    "t1,Trail Tent,A light two person tent for hiking trips in the mountains,Outdoor\n"
    "t2,Camp Stove,A small gas stove for cooking at the campsite,Outdoor\n"
    "t3,\"=HYPERLINK(\"\"x\"\")\",A hiking backpack with a rain cover and many pockets,Outdoor\n"
    "t4,Pour Over Kettle,A gooseneck kettle for brewing coffee slowly,Coffee\n"
    "t5,Hand Grinder,A burr grinder for fresh coffee beans every morning,Coffee\n"
    "t6,Espresso Cups,Two small porcelain cups for espresso,Coffee\n"
    "t7,Chess Set,A wooden chess set with a folding board,Games\n"
    "t8,Card Deck,A deck of playing cards for poker and bridge,Games\n";
const QByteArray kTinyReviews =
    "user_id,item_id,text,rating,time\n"
    "u1,t1,Great tent for hiking in the mountains,5,2023-01-01\n"
    "u1,t2,The stove cooks fast at camp,4,2023-01-02\n"
    "u1,t4,Nice kettle for coffee,3,2023-01-03\n"
    "u2,t4,I brew coffee with this kettle daily,5,2023-01-01\n"
    "u2,t5,Fresh coffee beans ground by hand,4,2023-01-02\n"
    "u2,t7,Fun chess evenings,3,2023-01-03\n"
    "u3,t7,Beautiful wooden chess board,5,2023-01-01\n"
    "u3,t8,Cards for poker night,4,2023-01-02\n"
    "u3,t1,A tent for a camping trip,2,2023-01-03\n"
    "u4,t2,Stove for camping and hiking,5,2023-01-01\n"
    "u4,t3,Backpack for hiking with pockets,4,2023-01-02\n"
    "u4,t6,Small espresso cups,3,2023-01-03\n"
    "u5,t5,The grinder makes fresh coffee,5,2023-01-01\n"
    "u5,t6,Espresso every morning,4,2023-01-02\n"
    "u5,t8,Playing cards for bridge,2,2023-01-03\n"
    "u6,t3,The backpack has a rain cover,5,2023-01-01\n"
    "u6,t1,Tent for two in the mountains,4,2023-01-02\n"
    "u6,t5,Coffee beans ground fresh,3,2023-01-03\n";

bool isPlainNumber(const QString& s) {
  bool ok = false;
  s.toDouble(&ok);
  return ok;
}

}  // namespace

class CliEngineTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString cli_;
  QHash<QString, Run> runs_;
  bool haveMovieLens_ = false;
  QStringList aliceReviewed_;  // from reviews.csv, read here
  QString disliked_, liked_;   // items of the feedback sequence
  qint64 started_ = 0;         // seconds since the epoch, when the test began

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
      if (p.waitForFinished(240000) && p.exitStatus() == QProcess::NormalExit) r.exitCode = p.exitCode();
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

  QStringList recommendJson(const QString& project, const QString& user, const QStringList& more = {}) {
    return QStringList{"recommend", "--project", project, "--user", user, "--format", "json"} + more;
  }

  // The item ids of a recommend --format json run, in rank order.
  QStringList recommendedItems(const QString& name) {
    QStringList ids;
    for (const auto& v : json(name).value("recommendations").toArray())
      ids.append(v.toObject().value("item").toString());
    return ids;
  }

  // The rows of a feedback --list run (header dropped).
  CsvTable feedbackRows(const QString& name) {
    const auto t = parseCsv(result(name).out);
    if (!t || t->isEmpty()) return {};
    return t->mid(1);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    started_ = QDateTime::currentSecsSinceEpoch();
    cli_ = binaryPath("app/interestlens-cli");
    QVERIFY2(QFileInfo(cli_).isExecutable(), qPrintable(cli_ + " is not built"));
    haveMovieLens_ = QFileInfo::exists(sharedPath(kRatings));
    const QString reviews = sourcePath("resources/demo/reviews.csv");
    const QString items = sourcePath("resources/demo/items.csv");
    QVERIFY2(QFileInfo::exists(reviews) && QFileInfo::exists(items), "resources/demo is missing");

    // What alice reviewed, read from the file itself.
    QString error;
    const auto reviewRows = parseCsv(QString::fromUtf8(readBytes(reviews)), &error);
    QVERIFY2(reviewRows && reviewRows->size() > 1, qPrintable("reviews.csv: " + error));
    QCOMPARE(reviewRows->front().mid(0, 2), (QStringList{"user_id", "item_id"}));
    for (const QStringList& r : reviewRows->mid(1))
      if (r.value(0) == kUser) aliceReviewed_.append(r.value(1));
    QVERIFY(aliceReviewed_.size() >= 5);

    const QString tinyItems = write("tiny_items.csv", kTinyItems);
    const QString tinyReviews = write("tiny_reviews.csv", kTinyReviews);
    const QStringList evalDemo = {"evaluate", "--interactions", reviews, "--items", items, "--encoder", "tfidf",
                                  "--format", "json", "--models", kEvalModels.join(',')};

    // Wave 1: imports, evaluations of the files, and usage errors.
    QList<Job> wave1 = {
        {"import", {"import", "--project", path("demo.ilens"), "--interactions", reviews, "--items", items}},
        {"tiny-import", {"import", "--project", path("tiny.ilens"), "--interactions", tinyReviews, "--items",
                         tinyItems}},
        {"eval-1", evalDemo},
        {"eval-2", evalDemo},
        {"no-user", {"recommend", "--project", path("demo.ilens"), "--format", "json"}},
        {"eval-bad-model", {"evaluate", "--interactions", reviews, "--models", "popularity,nonsense"}},
        {"missing-project", recommendJson(path("absent.ilens"), kUser)},
    };
    if (haveMovieLens_)
      wave1.append({"movielens", {"evaluate", "--interactions", sharedPath(kRatings), "--models", "popularity,itemknn",
                                  "--format", "json"}});
    runAll(wave1);
    QVERIFY2(result("import").exitCode == 0, qPrintable(result("import").err));
    QVERIFY2(result("tiny-import").exitCode == 0, qPrintable(result("tiny-import").err));
    QVERIFY(!QFile::exists(path("absent.ilens")));

    // Wave 2: vectors.
    runAll({{"encode", {"encode", "--project", path("demo.ilens"), "--encoder", "tfidf"}},
            {"tiny-encode", {"encode", "--project", path("tiny.ilens"), "--encoder", "tfidf"}}});
    QVERIFY2(result("encode").exitCode == 0, qPrintable(result("encode").err));
    QVERIFY2(result("tiny-encode").exitCode == 0, qPrintable(result("tiny-encode").err));
    for (const char* copy : {"fb.ilens", "eval.ilens"}) QVERIFY(QFile::copy(path("demo.ilens"), path(copy)));

    // Wave 3: everything that reads the encoded projects.
    const QString demo = path("demo.ilens"), fb = path("fb.ilens");
    runAll({
        {"rec-json", recommendJson(demo, kUser, {"--k", "8"})},
        {"rec-csv", {"recommend", "--project", demo, "--user", kUser, "--format", "csv"}},
        {"tiny-csv", {"recommend", "--project", path("tiny.ilens"), "--all-users", "--k", "10", "--model", "mf",
                      "--output", path("tiny_recs.csv")}},
        {"seed", recommendJson(demo, kUser, {"--model", "seed-formula", "--alpha", "0.5", "--k", "10"})},
        {"eval-project", {"evaluate", "--project", path("eval.ilens"), "--encoder", "tfidf", "--format", "json"}},
        {"export-emb", {"export", "--project", demo, "--what", "embeddings", "--output", path("e.npy")}},
        {"export-clusters", {"export", "--project", demo, "--what", "clusters", "--output", path("clusters.csv")}},
        {"export-recs", {"export", "--project", demo, "--what", "recommendations", "--output", path("recs.csv")}},
        {"unknown-user", recommendJson(demo, "nobody.here")},
        {"bad-model", recommendJson(demo, kUser, {"--model", "nonsense"})},
        {"fb-rec-0", recommendJson(fb, kUser)},
        {"fb-list-0", {"feedback", "--project", fb, "--list"}},
    });

    // The feedback sequence, one step at a time.
    const QStringList original = recommendedItems("fb-rec-0");
    QVERIFY2(original.size() == 10, qPrintable(result("fb-rec-0").err));
    disliked_ = original.front();
    liked_ = original.back();
    auto feedback = [&](const QString& item, const char* value) {
      return QStringList{"feedback", "--project", fb, "--user", kUser, "--item", item, value};
    };
    runAll({{"fb-dislike", feedback(disliked_, "--dislike")},
            {"export-metrics", {"export", "--project", path("eval.ilens"), "--what", "metrics", "--output",
                                path("m.csv")}}});
    runAll({{"fb-rec-1", recommendJson(fb, kUser)}});
    runAll({{"fb-like", feedback(liked_, "--like")}});
    runAll({{"fb-list-1", {"feedback", "--project", fb, "--list"}},
            {"fb-list-1-user", {"feedback", "--project", fb, "--list", "--user", kUser}},
            {"fb-list-1-other", {"feedback", "--project", fb, "--list", "--user", "bo.chen"}}});
    runAll({{"fb-clear-1", feedback(disliked_, "--clear")}});
    runAll({{"fb-clear-2", feedback(liked_, "--clear")}});
    runAll({{"fb-rec-2", recommendJson(fb, kUser)}, {"fb-list-2", {"feedback", "--project", fb, "--list"}}});
  }

  void recommendJsonOnDemo() {
    const Run& r = result("rec-json");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value("user").toString(), kUser);
    QCOMPARE(o.value("model").toString(), QStringLiteral("hybrid"));
    QVERIFY(o.value("params").isObject());
    QVERIFY(!o.contains("warning"));
    const QJsonArray recs = o.value("recommendations").toArray();
    QCOMPARE(recs.size(), 8);
    QSet<QString> seen;
    double previous = std::numeric_limits<double>::infinity();
    for (qsizetype i = 0; i < recs.size(); ++i) {
      const QJsonObject rec = recs[i].toObject();
      const QString item = rec.value("item").toString();
      QVERIFY2(!item.isEmpty(), qPrintable(QString::number(i)));
      QVERIFY2(!aliceReviewed_.contains(item), qPrintable(item + " was already reviewed by " + kUser));
      QVERIFY2(!seen.contains(item), qPrintable(item + " listed twice"));
      seen.insert(item);
      QCOMPARE(rec.value("rank").toInt(), static_cast<int>(i) + 1);
      QVERIFY(rec.value("score").isDouble());
      const double score = rec.value("score").toDouble();
      QVERIFY2(score <= previous, qPrintable(QStringLiteral("rank %1: %2 after %3").arg(i + 1).arg(score).arg(previous)));
      previous = score;
      QVERIFY(!rec.value("title").toString().isEmpty());
      const QJsonObject scores = rec.value("scores").toObject();
      for (const QString& m : kAllModels) QVERIFY2(scores.value(m).isDouble(), qPrintable(item + ": no score for " + m));
      QCOMPARE(scores.size(), kAllModels.size());
      QCOMPARE(scores.value("hybrid").toDouble(), score);  // the requested model's score
      const QJsonObject why = rec.value("explanation").toObject();
      QVERIFY2(!why.value("summary").toString().trimmed().isEmpty(), qPrintable(item));
      for (const char* key : {"texts", "similar_items", "shared_terms", "shared_tags", "cf_neighbours", "liked_similar"})
        QVERIFY2(why.value(key).isArray(), key);
      QCOMPARE(why.value("feedback").toString(), QStringLiteral("none"));
      for (const auto& t : why.value("texts").toArray())  // evidence is the user's own writing
        QVERIFY(aliceReviewed_.contains(t.toObject().value("item").toString()));
      for (const auto& t : why.value("shared_tags").toArray())
        for (const auto& mine : t.toObject().value("your_items").toArray())
          QVERIFY(aliceReviewed_.contains(mine.toString()));
    }
  }

  void feedbackChangesTheList() {
    const QStringList original = recommendedItems("fb-rec-0");
    QCOMPARE(original.size(), 10);
    QCOMPARE(result("fb-list-0").exitCode, 0);
    const CsvTable before = feedbackRows("fb-list-0");
    QVERIFY(before.isEmpty());
    QCOMPARE(parseCsv(result("fb-list-0").out)->value(0), (QStringList{"user", "item", "feedback", "time"}));

    // Dislike the top item: it is gone.
    QVERIFY2(result("fb-dislike").exitCode == 0, qPrintable(result("fb-dislike").err));
    QVERIFY2(result("fb-rec-1").exitCode == 0, qPrintable(result("fb-rec-1").err));
    const QStringList afterDislike = recommendedItems("fb-rec-1");
    QCOMPARE(afterDislike.size(), 10);
    QVERIFY2(!afterDislike.contains(disliked_), qPrintable(disliked_ + " is still recommended"));

    // Like another: listed, with the dislike.
    QVERIFY2(result("fb-like").exitCode == 0, qPrintable(result("fb-like").err));
    QCOMPARE(result("fb-list-1").exitCode, 0);
    const CsvTable listed = feedbackRows("fb-list-1");
    QCOMPARE(listed.size(), 2);
    QHash<QString, QString> byItem;
    for (const QStringList& row : listed) {
      QCOMPARE(row.size(), 4);
      QCOMPARE(row[0], kUser);
      byItem.insert(row[1], row[2]);
      bool ok = false;
      const qint64 time = row[3].toLongLong(&ok);  // when it was given, in seconds since the epoch
      QVERIFY2(ok && time >= started_ - 5 && time <= QDateTime::currentSecsSinceEpoch() + 5, qPrintable(row[3]));
    }
    QCOMPARE(byItem.value(liked_), QStringLiteral("like"));
    QCOMPARE(byItem.value(disliked_), QStringLiteral("dislike"));
    QCOMPARE(feedbackRows("fb-list-1-user"), listed);
    QCOMPARE(result("fb-list-1-other").exitCode, 0);
    QVERIFY(feedbackRows("fb-list-1-other").isEmpty());

    // Clear both: no feedback left, and the original list again.
    QVERIFY2(result("fb-clear-1").exitCode == 0, qPrintable(result("fb-clear-1").err));
    QVERIFY2(result("fb-clear-2").exitCode == 0, qPrintable(result("fb-clear-2").err));
    QCOMPARE(result("fb-list-2").exitCode, 0);
    QVERIFY(feedbackRows("fb-list-2").isEmpty());
    QVERIFY2(result("fb-rec-2").exitCode == 0, qPrintable(result("fb-rec-2").err));
    QCOMPARE(recommendedItems("fb-rec-2"), original);
  }

  void recommendCsvParsesBack() {
    const Run& r = result("rec-csv");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QString error;
    const auto t = parseCsv(r.out, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->size(), 11);  // header + the default k = 10
    const QStringList header = t->front();
    QCOMPARE(header.mid(0, 5), (QStringList{"user", "rank", "item", "title", "score"}));
    for (const QString& m : kAllModels) QVERIFY2(header.contains("score_" + m), qPrintable(m));
    QVERIFY(header.contains("summary"));
    const QStringList jsonItems = recommendedItems("rec-json");
    for (qsizetype i = 1; i < t->size(); ++i) {
      const QStringList& row = (*t)[i];
      QCOMPARE(row.size(), header.size());
      QCOMPARE(row[0], kUser);
      QCOMPARE(row[1], QString::number(i));
      QVERIFY(!aliceReviewed_.contains(row[2]));
      if (i <= jsonItems.size()) QCOMPARE(row[2], jsonItems[i - 1]);  // same engine, same list
      QVERIFY(!row[header.indexOf("summary")].isEmpty());
    }
  }

  void csvNeutralisesFormulas() {
    const Run& r = result("tiny-csv");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.isEmpty());  // it went to --output
    QString error;
    const QString text = QString::fromUtf8(readBytes(path("tiny_recs.csv")));
    const auto t = parseCsv(text, &error);
    QVERIFY2(t, qPrintable(error));
    QVERIFY(t->size() > 1);
    const QStringList header = t->front();
    const qsizetype title = header.indexOf("title"), item = header.indexOf("item");
    QVERIFY(title >= 0 && item >= 0);
    QList<qsizetype> scoreColumns;
    for (qsizetype c = 0; c < header.size(); ++c)
      if (header[c] == "score" || header[c].startsWith("score_")) scoreColumns.append(c);
    QCOMPARE(scoreColumns.size(), 1 + kAllModels.size());
    int formulaRows = 0, negative = 0;
    QSet<QString> users;
    for (const QStringList& row : t->mid(1)) {
      QCOMPARE(row.size(), header.size());
      QVERIFY2(row.value(0) != "user", "a second header row");
      users.insert(row[0]);
      if (row[item] == "t3") {
        ++formulaRows;
        QCOMPARE(row[title], "'" + kFormula);
      }
      QVERIFY2(!row[title].startsWith('='), qPrintable(row[title]));
      for (qsizetype c : scoreColumns) {
        QVERIFY2(isPlainNumber(row[c]), qPrintable(header[c] + " = " + row[c]));
        if (row[c].startsWith('-')) ++negative;
      }
    }
    QCOMPARE(users.size(), 6);    // --all-users
    QVERIFY(formulaRows >= 1);    // t3 is new to four of the six users
    QVERIFY2(negative > 0, "no negative score to check (mf scores of unseen items should include some)");
  }

  void seedFormulaWithHalfAlpha() {
    const Run& r = result("seed");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("warning") && r.err.contains("alpha = 0.5"), qPrintable(r.err));
    const QJsonObject o = json("seed");
    QCOMPARE(o.value("model").toString(), QStringLiteral("seed-formula"));
    QVERIFY(o.value("warning").toString().contains("alpha = 0.5"));
    const QJsonArray recs = o.value("recommendations").toArray();
    QCOMPARE(recs.size(), 10);
    QString previous;
    for (const auto& v : recs) {
      const QJsonObject rec = v.toObject();
      QCOMPARE(rec.value("score").toDouble(), 0.5);
      QCOMPARE(rec.value("scores").toObject().value("seed-formula").toDouble(), 0.5);
      // Equal scores: shown in item id order, as the warning says.
      const QString id = rec.value("item").toString();
      QVERIFY2(previous < id, qPrintable(previous + " before " + id));
      previous = id;
      QVERIFY(!aliceReviewed_.contains(id));
    }
  }

  void evaluateDemoFiles() {
    for (const char* name : {"eval-1", "eval-2"}) {
      const Run& r = result(name);
      QVERIFY2(r.exitCode == 0, qPrintable(r.err));
      QJsonParseError pe;
      const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &pe).object();
      QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
      QVERIFY(!o.value("protocol").toString().isEmpty());
      QVERIFY(o.value("users").toInt() > 0);
      QVERIFY(o.value("users").toInt() <= 60);
      QCOMPARE(o.value("items").toInt(), 200);
      const QJsonObject params = o.value("params").toObject();
      QCOMPARE(params.value("seed").toInteger(), 42);
      QCOMPARE(params.value("k").toArray(), (QJsonArray{10, 20}));
      QVERIFY2(params.value("encoder").toString().contains("tfidf"), qPrintable(params.value("encoder").toString()));
      QCOMPARE(params.value("models").toArray(), QJsonArray::fromStringList(kEvalModels));
      QVERIFY(params.value("dataset").isObject());
      const QJsonArray results = o.value("results").toArray();
      QCOMPARE(results.size(), kEvalModels.size());
      for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonObject m = results[i].toObject();
        QCOMPARE(m.value("model").toString(), kEvalModels[i]);
        QVERIFY(m.value("params").isObject());
        for (const char* key : {"recall@10", "ndcg@10", "recall@20", "ndcg@20", "coverage@10", "coverage@20"})
          QVERIFY2(m.value(key).isDouble(), qPrintable(kEvalModels[i] + ": no " + key));
        for (auto it = m.begin(); it != m.end(); ++it) {
          if (it.key() == "model" || it.key() == "params") continue;
          QVERIFY2(it->isDouble(), qPrintable(it.key()));
          if (it.key().endsWith("_seconds")) {
            QVERIFY(it->toDouble() >= 0);
            continue;
          }
          const double v = it->toDouble();
          QVERIFY2(v >= 0 && v <= 1, qPrintable(QStringLiteral("%1 %2 = %3").arg(kEvalModels[i], it.key()).arg(v)));
        }
        QVERIFY(m.value("recall@20").toDouble() >= m.value("recall@10").toDouble());
      }
    }
    // Deterministic: the same numbers twice (timings aside).
    auto strip = [](QJsonObject o) {
      QJsonArray results;
      for (const auto& v : o.value("results").toArray()) {
        QJsonObject m = v.toObject();
        for (const QString& k : m.keys())
          if (k.endsWith("_seconds")) m.remove(k);
        results.append(m);
      }
      o["results"] = results;
      return o;
    };
    const QJsonObject a = strip(json("eval-1")), b = strip(json("eval-2"));
    for (qsizetype i = 0; i < kEvalModels.size(); ++i)
      QVERIFY2(a.value("results")[i] == b.value("results")[i],
               qPrintable(kEvalModels[i] + ": " +
                          QJsonDocument(a.value("results")[i].toObject()).toJson(QJsonDocument::Compact) + " vs " +
                          QJsonDocument(b.value("results")[i].toObject()).toJson(QJsonDocument::Compact)));
    QCOMPARE(a, b);
  }

  void evaluateProjectThenExportMetrics() {
    const Run& r = result("eval-project");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = json("eval-project");
    QCOMPARE(o.value("results").toArray().size(), kEvalModels.size());
    const Run& e = result("export-metrics");
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    QString error;
    const auto t = parseCsv(QString::fromUtf8(readBytes(path("m.csv"))), &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->size(), 1 + kEvalModels.size());
    const QStringList header = t->front();
    QCOMPARE(header.front(), QStringLiteral("model"));
    QCOMPARE(header.back(), QStringLiteral("params"));
    QVERIFY(header.contains("recall@10") && header.contains("ndcg@20"));
    const qsizetype recall = header.indexOf("recall@10");
    const QJsonArray results = o.value("results").toArray();
    for (qsizetype i = 0; i < kEvalModels.size(); ++i) {
      const QStringList& row = (*t)[i + 1];
      QCOMPARE(row.size(), header.size());
      QCOMPARE(row.front(), kEvalModels[i]);
      QVERIFY(QJsonDocument::fromJson(row.back().toUtf8()).isObject());
      // The numbers of the run that was recorded.
      bool ok = false;
      const double v = row[recall].toDouble(&ok);
      QVERIFY2(ok, qPrintable(row[recall]));
      QVERIFY(std::abs(v - results[i].toObject().value("recall@10").toDouble()) < 1e-7);
    }
  }

  void exportEmbeddingsClustersRecommendations() {
    const Run& emb = result("export-emb");
    QVERIFY2(emb.exitCode == 0, qPrintable(emb.err));
    const QByteArray npy = readBytes(path("e.npy"));
    QVERIFY2(npy.startsWith("\x93NUMPY"), npy.left(10).toHex().constData());
    QVERIFY2(QFileInfo::exists(path("e_vectors.tsv")), qPrintable(QDir(dir_.path()).entryList().join(' ')));
    QVERIFY(QFileInfo::exists(path("e_metadata.tsv")));
    const QByteArray vectors = readBytes(path("e_vectors.tsv")), meta = readBytes(path("e_metadata.tsv"));
    QVERIFY(lineCount(vectors) > 0);
    QCOMPARE(lineCount(vectors), lineCount(meta) - 1);
    QCOMPARE(lineCount(vectors), 1050);  // --of texts: one row per review
    QVERIFY(meta.startsWith("user\titem\tcluster\ttext\n"));

    const Run& cl = result("export-clusters");
    QVERIFY2(cl.exitCode == 0, qPrintable(cl.err));
    QString error;
    const auto clusters = parseCsv(QString::fromUtf8(readBytes(path("clusters.csv"))), &error);
    QVERIFY2(clusters, qPrintable(error));
    QVERIFY(!clusters->isEmpty());
    QCOMPARE(clusters->front(), (QStringList{"cluster", "size", "label", "keywords"}));
    QVERIFY2(clusters->size() >= 3, qPrintable(QString::number(clusters->size() - 1) + " clusters"));
    int total = 0;
    for (const QStringList& row : clusters->mid(1)) {
      QCOMPARE(row.size(), 4);
      bool ok = false;
      const int size = row[1].toInt(&ok);
      QVERIFY(ok && size > 0);
      total += size;
    }
    QVERIFY(total <= 1050);

    const Run& rec = result("export-recs");
    QVERIFY2(rec.exitCode == 0, qPrintable(rec.err));
    const auto recs = parseCsv(QString::fromUtf8(readBytes(path("recs.csv"))), &error);
    QVERIFY2(recs, qPrintable(error));
    QVERIFY(recs->size() > 1);
    const QStringList header = recs->front();
    QCOMPARE(header.mid(0, 3), (QStringList{"user", "rank", "item"}));
    QSet<QString> users;
    for (const QStringList& row : recs->mid(1)) {
      QVERIFY2(row != header && row.value(0) != "user", "header repeated");
      QCOMPARE(row.size(), header.size());
      users.insert(row[0]);
    }
    QCOMPARE(users.size(), 60);
    QCOMPARE(recs->size() - 1, 60 * 10);  // the default --k for every user
  }

  void badUsageAndInput() {
    const Run& noUser = result("no-user");
    QCOMPARE(noUser.exitCode, 2);
    QVERIFY2(noUser.err.contains("--user"), qPrintable(noUser.err));
    QVERIFY(noUser.out.isEmpty());

    const Run& unknown = result("unknown-user");
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("nobody.here"), qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());

    const Run& model = result("bad-model");
    QCOMPARE(model.exitCode, 2);
    QVERIFY2(model.err.contains("--model"), qPrintable(model.err));
    QVERIFY(model.out.isEmpty());

    const Run& evalModel = result("eval-bad-model");
    QCOMPARE(evalModel.exitCode, 2);
    QVERIFY2(evalModel.err.contains("nonsense"), qPrintable(evalModel.err));
    QVERIFY(evalModel.out.isEmpty());

    const Run& missing = result("missing-project");
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("absent.ilens"), qPrintable(missing.err));
    QVERIFY(missing.out.isEmpty());
    QVERIFY(!QFile::exists(path("absent.ilens")));  // reading never creates a project
  }

  void evaluateMovieLens() {
    IL_REQUIRE_SHARED(kRatings);
    const Run& r = result("movielens");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = json("movielens");
    QCOMPARE(o.value("users").toInt(), 610);
    const QJsonArray results = o.value("results").toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results[0].toObject().value("model").toString(), QStringLiteral("popularity"));
    QCOMPARE(results[1].toObject().value("model").toString(), QStringLiteral("itemknn"));
    for (const auto& v : results) {
      const double recall = v.toObject().value("recall@10").toDouble(-1);
      QVERIFY(recall >= 0 && recall <= 1);
    }
  }
};

QTEST_GUILESS_MAIN(CliEngineTest)
#include "cli_engine_test.moc"
