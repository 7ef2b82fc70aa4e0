// Crash safety: real `interestlens-cli import` and `encode` runs on large inputs are killed with
// SIGKILL at 20 random moments (10 each; the seed is printed). After every kill the project opens,
// PRAGMA integrity_check says ok, the work that was finished is still there (an import is all or
// nothing; encoded chunks stay), and running the job again completes it.
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>
#include <signal.h>

#include "test_paths.h"

using il::test::binaryPath;

namespace {

constexpr int kKills = 10;  // per job
constexpr int kEncodeTexts = 16000;  // distinct texts: more than 10 short runs can encode

QString cli() { return binaryPath("app/interestlens-cli"); }

// Rows of the large interactions file: user, item, rating, time, text. Texts repeat words from a
// small vocabulary so the file is realistic in size without being random noise.
QByteArray bigInteractions(int rows, int distinctTexts) {
  static const char* words[] = {"great", "coffee", "smell", "battery", "price", "quality", "soft", "broken",
                                "fast", "shipping", "colour", "skin", "hair", "light", "heavy", "cheap",
                                "love", "return", "size", "bottle", "cream", "sound", "screen", "gift"};
  QByteArray out = "user,item,rating,time,text\n";
  out.reserve(rows * 60);
  QRandomGenerator g(7);
  for (int r = 0; r < rows; ++r) {
    const int t = r % distinctTexts;
    QByteArray text = "review " + QByteArray::number(t) + ":";
    QRandomGenerator tg(static_cast<quint32>(t));  // a text's words depend only on its number
    for (int w = 0; w < 8; ++w) text += ' ' + QByteArray(words[tg.bounded(24)]);
    out += "u" + QByteArray::number(g.bounded(rows / 20 + 1)) + ",i" + QByteArray::number(g.bounded(5000)) + "," +
           QByteArray::number(1 + g.bounded(5)) + "," + QByteArray::number(1600000000 + r) + ",\"" + text + "\"\n";
  }
  return out;
}

struct Counts {
  qint64 users = -1, items = -1, interactions = -1, texts = -1, vectors = -1;
  bool operator==(const Counts& o) const {
    return users == o.users && items == o.items && interactions == o.interactions && texts == o.texts;
  }
};

// Opens the project with SQLite itself (as another tool would) and checks it.
QString checkProject(const QString& path, Counts* counts) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const QString e = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_close(db);
    return "cannot open: " + e;
  }
  auto scalarText = [&](const char* sql) {
    sqlite3_stmt* s = nullptr;
    QString v = "<error>";
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      v = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    return v;
  };
  const QString integrity = scalarText("PRAGMA integrity_check");
  counts->users = scalarText("SELECT COUNT(*) FROM users").toLongLong();
  counts->items = scalarText("SELECT COUNT(*) FROM items").toLongLong();
  counts->interactions = scalarText("SELECT COUNT(*) FROM interactions").toLongLong();
  counts->texts = scalarText("SELECT COUNT(*) FROM texts").toLongLong();
  counts->vectors = scalarText("SELECT COUNT(*) FROM vectors").toLongLong();
  sqlite3_close(db);
  return integrity == "ok" ? QString() : "integrity_check: " + integrity;
}

struct Outcome {
  bool killed = false;
  int exitCode = -1;
  qint64 ms = 0;
  QString err;
};

// Runs the CLI; with killAfterMs >= 0, sends SIGKILL after that long (if still running). With
// afterProgress, the time counts from the first progress line on stderr (the model is loaded and
// chunks are being written), so kills land in the middle of the work however loaded the machine.
Outcome run(const QStringList& args, int killAfterMs = -1, bool afterProgress = false) {
  QProcess p;
  p.setProcessChannelMode(QProcess::SeparateChannels);
  QElapsedTimer t;
  t.start();
  p.start(cli(), args);
  Outcome o;
  if (!p.waitForStarted(10000)) return o;
  QByteArray err;
  // The progress line is "\rDONE/TOTAL  phase", written after a chunk is committed. Other
  // stderr lines can hold a '/' too (the coverage warning names models like BAAI/bge-...).
  static const QRegularExpression progressLine("\r\\d+/\\d+ ");
  if (afterProgress)
    while (!progressLine.match(QString::fromUtf8(err)).hasMatch() && p.state() == QProcess::Running) {
      p.waitForReadyRead(100);
      err += p.readAllStandardError();
    }
  if (killAfterMs >= 0 && !p.waitForFinished(killAfterMs)) {
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    o.killed = true;
  }
  p.waitForFinished(600000);
  o.ms = t.elapsed();
  o.exitCode = o.killed ? -1 : p.exitCode();
  o.err = QString::fromUtf8(err + p.readAllStandardError()).right(2000);
  return o;
}

bool haveUseLite() {
  // Where installer/fetch_use_lite.sh puts it (il::modelDirectory("use-lite")).
  const QString base = qEnvironmentVariableIsSet("XDG_DATA_HOME") ? qEnvironmentVariable("XDG_DATA_HOME")
                                                                  : QDir::homePath() + "/.local/share";
  return QFileInfo::exists(base + "/interestlens/models/use-lite");
}

}  // namespace

class CliCrashSafetyTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  quint32 seed_ = 0;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    seed_ = qEnvironmentVariableIsSet("IL_KILL_SEED") ? qEnvironmentVariableIntValue("IL_KILL_SEED")
                                                      : static_cast<quint32>(QDateTime::currentMSecsSinceEpoch());
    qInfo("kill moments from seed %u (IL_KILL_SEED=%u repeats them)", seed_, seed_);
  }

  void killedImportsLoseNothing() {
    const QString small = dir_.filePath("small.csv"), big = dir_.filePath("big.csv");
    {
      QFile f(small);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("user,item,rating,time,text\nkeep-me,i-keep,5,1500000000,\"the first import, kept\"\n");
      QFile b(big);
      QVERIFY(b.open(QIODevice::WriteOnly));
      b.write(bigInteractions(120000, 20000));
    }
    // The whole job once, uninterrupted: its time spreads the kills, its counts are the target.
    const QString reference = dir_.filePath("reference.ilens");
    QCOMPARE(run({"import", "--project", reference, "--interactions", small, "--quiet"}).exitCode, 0);
    Counts before;
    QVERIFY(checkProject(reference, &before).isEmpty());
    const Outcome full = run({"import", "--project", reference, "--interactions", big, "--quiet"});
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    Counts after;
    QVERIFY(checkProject(reference, &after).isEmpty());
    qInfo("uninterrupted import of 120,000 rows: %lld ms", full.ms);

    // Every kill starts from the project as it was before the big import: once one run has
    // committed, later kills would only ever find the rows already there.
    const QString pristine = dir_.filePath("pristine.ilens"), project = dir_.filePath("killed.ilens");
    QCOMPARE(run({"import", "--project", pristine, "--interactions", small, "--quiet"}).exitCode, 0);
    QRandomGenerator g(seed_);
    int killedMidway = 0;
    for (int k = 0; k < kKills; ++k) {
      for (const QString& f : {project, project + "-wal", project + "-shm"}) QFile::remove(f);
      QVERIFY(QFile::copy(pristine, project));
      const int at = 20 + g.bounded(static_cast<int>(std::max<qint64>(100, full.ms * 11 / 10)));
      const Outcome o = run({"import", "--project", project, "--interactions", big, "--quiet"}, at);
      Counts c;
      const QString problem = checkProject(project, &c);
      QVERIFY2(problem.isEmpty(), qPrintable(QString("kill %1 at %2 ms: %3").arg(k).arg(at).arg(problem)));
      // All or nothing: the first import is always there; the big one fully or not at all.
      QVERIFY2(c == before || c == after,
               qPrintable(QString("kill %1 at %2 ms: %3 interactions, %4 texts").arg(k).arg(at).arg(c.interactions).arg(c.texts)));
      if (o.killed && c == before) ++killedMidway;
      QCOMPARE(run({"info", "--project", project, "--format", "json"}).exitCode, 0);
    }
    qInfo("%d of %d kills landed before the import committed", killedMidway, kKills);
    QVERIFY(killedMidway > 0);  // else the kills tested nothing
    const Outcome again = run({"import", "--project", project, "--interactions", big, "--quiet"});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    Counts c;
    QVERIFY(checkProject(project, &c).isEmpty());
    QVERIFY(c == after);
  }

  void killedEncodesKeepFinishedChunks() {
    if (!haveUseLite()) QSKIP("needs the USE-Lite model (installer/fetch_use_lite.sh)");
    const QString input = dir_.filePath("texts.csv"), project = dir_.filePath("encode.ilens");
    {
      QFile f(input);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bigInteractions(2 * kEncodeTexts, kEncodeTexts));
    }
    QCOMPARE(run({"import", "--project", project, "--interactions", input, "--quiet"}).exitCode, 0);
    Counts c;
    QVERIFY(checkProject(project, &c).isEmpty());
    QCOMPARE(c.vectors, qint64(0));
    QRandomGenerator g(seed_ ^ 0x5eed);
    qint64 last = 0;
    int grew = 0;
    for (int k = 0; k < kKills; ++k) {
      // Odd kills: any moment of the first 3 s (model loading included); even: mid-chunks.
      const bool mid = k % 2 == 0;
      const int at = mid ? g.bounded(800) : g.bounded(2000);
      const Outcome o = run({"encode", "--project", project, "--encoder", "use-lite"}, at, mid);
      QVERIFY2(o.killed, qPrintable("run " + QString::number(k) + " finished before its kill: " + o.err));
      const QString problem = checkProject(project, &c);
      QVERIFY2(problem.isEmpty(), qPrintable(QString("kill %1 at %2 ms: %3").arg(k).arg(at).arg(problem)));
      QVERIFY2(c.vectors >= last, qPrintable(QString("kill %1: vectors went from %2 to %3").arg(k).arg(last).arg(c.vectors)));
      grew += c.vectors > last;
      last = c.vectors;
      QCOMPARE(run({"info", "--project", project, "--format", "json"}).exitCode, 0);
    }
    qInfo("after %d kills: %lld of %d texts encoded, kept across %d kills", kKills, last, kEncodeTexts, grew);
    QVERIFY(grew > 0);
    QVERIFY(last < kEncodeTexts);  // every kill hit unfinished work
    const Outcome again = run({"encode", "--project", project, "--encoder", "use-lite"});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY(checkProject(project, &c).isEmpty());
    QCOMPARE(c.vectors, qint64(kEncodeTexts));
  }
};

QTEST_GUILESS_MAIN(CliCrashSafetyTest)
#include "cli_crash_safety_test.moc"
