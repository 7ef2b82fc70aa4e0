// Sharded encoding on Dask, end to end with the real binaries: a LocalCluster of 2
// worker processes on 127.0.0.1 encodes 2,000 real Amazon All_Beauty review texts with
// USE-Lite in 4 shards (shard 1 is killed with SIGKILL half-way and retried), the set is
// imported into the project, and the vectors equal a single-process `embed` of the same
// file. Also: a finished shard is a no-op, tfidf is refused for sharding, a corrupt
// shard set is refused naming the file and leaves the project as it was.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <map>

#include "test_paths.h"

using il::test::binaryPath;
using il::test::sharedPath;
using il::test::sourcePath;

namespace {

const char* kBeauty = "data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz";
// Short windows keep the test quick; the model and code path are the full ones.
const QStringList kEncoder = {"--encoder", "use-lite", "--truncate", "--max-length", "32", "--threads", "1"};

struct Run {
  int code = -1;
  QString out, err;
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 240000) {
  QProcess p;
  p.start(program, args);
  Run r;
  if (!p.waitForStarted(10000)) {
    r.err = "cannot start " + program;
    return r;
  }
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out";
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err += QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString cli() { return binaryPath("app/interestlens-cli"); }

QString pythonWithDask() {
  for (const QString& py : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")})
    if (run(py, {"-c", "import distributed, numpy"}, 60000).code == 0) return py;
  return {};
}

// A float32 2-D .npy (C order), as rows.
std::vector<std::vector<float>> readNpy(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray b = f.readAll();
  if (!b.startsWith("\x93NUMPY")) return {};
  const int hlen = static_cast<unsigned char>(b[8]) | (static_cast<unsigned char>(b[9]) << 8);
  const QString header = QString::fromLatin1(b.mid(10, hlen));
  if (!header.contains("'<f4'")) return {};
  const qsizetype s = header.indexOf("'shape': (") + 10;
  const QStringList dims = header.mid(s, header.indexOf(')', s) - s).split(',', Qt::SkipEmptyParts);
  const qsizetype rows = dims[0].trimmed().toLongLong(), cols = dims[1].trimmed().toLongLong();
  if (b.size() != 10 + hlen + rows * cols * 4) return {};
  std::vector<std::vector<float>> out(static_cast<size_t>(rows), std::vector<float>(static_cast<size_t>(cols)));
  for (qsizetype r = 0; r < rows; ++r)
    std::memcpy(out[static_cast<size_t>(r)].data(), b.constData() + 10 + hlen + r * cols * 4, static_cast<size_t>(cols) * 4);
  return out;
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  f.open(QIODevice::ReadOnly);
  return QJsonDocument::fromJson(f.readAll()).object();
}

// Largest |a - b| over two row sets of the same shape; +inf when the shapes differ.
double maxDiff(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b, bool* exact) {
  if (a.size() != b.size() || a.empty()) return INFINITY;
  double m = 0;
  *exact = true;
  for (size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size()) return INFINITY;
    for (size_t c = 0; c < a[r].size(); ++c) {
      m = std::max(m, std::abs(static_cast<double>(a[r][c]) - b[r][c]));
      if (a[r][c] != b[r][c]) *exact = false;
    }
  }
  return m;
}

}  // namespace

class VectorsDaskTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString python_, project_, input_;

  QString path(const QString& rel) const { return dir_.filePath(rel); }

 private slots:
  void initTestCase() {
    IL_REQUIRE_SHARED(kBeauty);
    if (!QFileInfo::exists(QDir::homePath() + "/.local/share/interestlens/models/use-lite/dist/model.json") &&
        !QFileInfo::exists(QDir::homePath() + "/.local/share/interestlens/models/use-lite/model.json"))
      QSKIP("needs the USE-Lite model (installer/fetch_use_lite.sh)");
    python_ = pythonWithDask();
    if (python_.isEmpty()) QSKIP("needs python3 with dask.distributed and numpy (Debian python3-distributed)");
    project_ = path("beauty.ilens");
    const Run imp = run(cli(), {"import", "--project", project_, "--interactions", sharedPath(kBeauty), "--quiet"});
    QVERIFY2(imp.code == 0, qPrintable(imp.err));
    // 2,000 review texts in file order, as the project holds them (repeats included:
    // Amazon repeats reviews across product variants), one JSON object a line.
    input_ = path("reviews.jsonl");
    const Run py = run(python_, {"-c",
                                 "import sqlite3, json, sys\n"
                                 "rows = sqlite3.connect(sys.argv[1]).execute("
                                 "'SELECT text FROM texts ORDER BY id LIMIT 2000').fetchall()\n"
                                 "open(sys.argv[2], 'w').write(''.join(json.dumps({'text': r[0]}) + '\\n' for r in rows))\n"
                                 "print(len(rows))",
                                 project_, input_});
    QVERIFY2(py.code == 0, qPrintable(py.err));
    QCOMPARE(py.out.trimmed(), QStringLiteral("2000"));
  }

  void tfidfIsRefusedForShards() {
    const Run r = run(cli(), {"embed", "--encoder", "tfidf", "--input", input_, "--shard", "0/4", "--output", path("tf")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("fitted on the whole corpus"), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(path("tf/shard-00000-of-00004.json")));
    const Run bad = run(cli(), {"embed", "--input", input_, "--shard", "4/4", "--output", path("tf")});
    QCOMPARE(bad.code, 2);
  }

  void daskShardsEqualSingleProcess() {
    QDir().mkpath(path("kill"));
    QStringList args = {sourcePath("app/dask/interestlens_dask.py"), "--cli", cli(), "--input", input_,
                        "--output", path("shards"), "--shards", "4", "--workers", "2", "--host", "127.0.0.1",
                        "--summary", path("summary.json"), "--kill-once-dir", path("kill"), "--kill-shards", "1", "--"};
    args += kEncoder;
    QElapsedTimer t;
    t.start();
    const Run d = run(python_, args, 300000);
    qInfo("dask driver: %.1f s", t.elapsed() / 1000.0);
    QVERIFY2(d.code == 0, qPrintable(d.out + d.err));
    QVERIFY2(d.out.contains("all 4 shard(s) finished: 2000 rows"), qPrintable(d.out));

    // Shard 1 was killed half-way (its partial .npy existed then) and retried.
    const QJsonObject summary = readJson(path("summary.json"));
    const QJsonObject killed = summary.value("killed").toObject().value("1").toObject();
    QVERIFY2(!killed.isEmpty(), "shard 1 was not killed");
    QVERIFY(killed.value("rows_done").toInt() < killed.value("rows").toInt());
    QVERIFY2(!killed.value("partial_files").toObject().isEmpty(), "no partial file at the kill");
    QCOMPARE(summary.value("finished").toArray().size(), 4);
    for (const QString& f : QDir(path("shards")).entryList(QDir::Files | QDir::Hidden))
      QVERIFY2(!f.contains("partial"), qPrintable("left behind: " + f));

    // Single process, same settings.
    QStringList single = {"embed", "--input", input_, "--format", "npy", "--output", path("single.npy")};
    single += kEncoder;
    const Run s = run(cli(), single);
    QVERIFY2(s.code == 0, qPrintable(s.err));
    const auto whole = readNpy(path("single.npy"));
    QCOMPARE(whole.size(), size_t{2000});
    std::vector<std::vector<float>> sharded;
    std::vector<QString> hashes;
    for (int k = 0; k < 4; ++k) {
      const QString stem = path(QString("shards/shard-%1-of-00004").arg(k, 5, 10, QChar('0')));
      const auto part = readNpy(stem + ".npy");
      QVERIFY2(!part.empty(), qPrintable(stem));
      sharded.insert(sharded.end(), part.begin(), part.end());
      const QJsonObject side = readJson(stem + ".json");
      QCOMPARE(side.value("encoder").toObject().value("kind").toString(), QStringLiteral("use-lite"));
      QCOMPARE(side.value("dimension").toInt(), 512);
      for (const auto& h : side.value("text_hashes").toObject().value("values").toArray()) hashes.push_back(h.toString());
    }
    bool exact = false;
    const double diff = maxDiff(whole, sharded, &exact);
    qInfo("sharded vs single-process: max |diff| %.3g (%s)", diff, exact ? "bit for bit" : "not bit for bit");
    QVERIFY2(diff <= 1e-6, qPrintable(QString::number(diff)));
    QCOMPARE(hashes.size(), size_t{2000});

    // Re-running a finished shard is a no-op.
    const QString npy2 = path("shards/shard-00002-of-00004.npy");
    const QDateTime before = QFileInfo(npy2).lastModified();
    QStringList again = {"embed", "--input", input_, "--shard", "2/4", "--output", path("shards")};
    again += kEncoder;
    const Run a = run(cli(), again);
    QVERIFY2(a.code == 0 && a.out.contains("already finished"), qPrintable(a.out + a.err));
    QCOMPARE(QFileInfo(npy2).lastModified(), before);

    // Import; every text of the input now has the single-process vector in the project.
    const Run imp = run(cli(), {"import-vectors", "--project", project_, "--vectors", path("shards"), "--quiet"});
    QVERIFY2(imp.code == 0, qPrintable(imp.err));
    QVERIFY2(imp.out.contains("2000 rows verified"), qPrintable(imp.out));
    const Run ex = run(cli(), {"export", "--project", project_, "--what", "vectors", "--output", path("export"),
                               "--shard-rows", "100000"});
    QVERIFY2(ex.code == 0, qPrintable(ex.err));
    const auto cached = readNpy(path("export/shard-00000-of-00001.npy"));
    const QJsonArray cachedHashes =
        readJson(path("export/shard-00000-of-00001.json")).value("text_hashes").toObject().value("values").toArray();
    QCOMPARE(static_cast<size_t>(cachedHashes.size()), cached.size());
    std::map<QString, size_t> rowOf;
    for (qsizetype i = 0; i < cachedHashes.size(); ++i) rowOf[cachedHashes[i].toString()] = static_cast<size_t>(i);
    double cacheDiff = 0;
    for (size_t r = 0; r < hashes.size(); ++r) {
      const auto it = rowOf.find(hashes[r]);
      QVERIFY2(it != rowOf.end(), qPrintable("no vector in the project for row " + QString::number(r)));
      for (size_t c = 0; c < 512; ++c)
        cacheDiff = std::max(cacheDiff, std::abs(static_cast<double>(cached[it->second][c]) - whole[r][c]));
    }
    QVERIFY2(cacheDiff <= 1e-6, qPrintable(QString::number(cacheDiff)));
    QVERIFY(QFileInfo::exists(path("export/vectors.tsv")) && QFileInfo::exists(path("export/metadata.tsv")));

    // The views work on the imported vectors: content recommendations for a user.
    const Run info = run(cli(), {"info", "--project", project_, "--format", "json"});
    QVERIFY2(info.code == 0, qPrintable(info.err));
  }

  // recommend --ann hnsw|ivf on the demo (tfidf vectors): the same list and scores as
  // exact search, with the measured recall reported.
  void annRecommendMatchesExact() {
    const QString demo = path("demo.ilens");
    QVERIFY(run(cli(), {"import", "--project", demo, "--interactions", sourcePath("resources/demo/reviews.csv"),
                        "--items", sourcePath("resources/demo/items.csv"), "--quiet"}).code == 0);
    const Run enc = run(cli(), {"encode", "--project", demo, "--encoder", "tfidf", "--quiet"});
    QVERIFY2(enc.code == 0, qPrintable(enc.err));
    auto list = [&](const QString& ann, QString* err) {
      const Run r = run(cli(), {"recommend", "--project", demo, "--user", "alice", "--model", "content", "--k", "8",
                                "--format", "json", "--ann", ann, "--quiet"});
      *err = r.err;
      QStringList items;
      for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).object().value("recommendations").toArray())
        items << v.toObject().value("item").toString() + "=" +
                     QString::number(v.toObject().value("score").toDouble(), 'g', 6);
      return items;
    };
    QString errOff, errHnsw, errIvf;
    const QStringList exact = list("off", &errOff), hnsw = list("hnsw", &errHnsw), ivf = list("ivf", &errIvf);
    QCOMPARE(exact.size(), 8);
    QCOMPARE(hnsw, exact);
    QCOMPARE(ivf, exact);
    QVERIFY2(errHnsw.contains("HNSW") && errHnsw.contains("recall@10 1.000"), qPrintable(errHnsw));
    QVERIFY2(errIvf.contains("IVF-Flat"), qPrintable(errIvf));
    QVERIFY2(!errOff.contains("approximate"), qPrintable(errOff));
    const Run bad = run(cli(), {"recommend", "--project", demo, "--user", "alice", "--ann", "fast"});
    QCOMPARE(bad.code, 2);
  }

  void corruptSetIsRefusedAndProjectUnchanged() {
    if (!QFileInfo::exists(path("shards/shard-00003-of-00004.npy"))) QSKIP("needs the shard set of the Dask case");
    QVERIFY(QFile::copy(project_, path("copy.ilens")));
    QDir().mkpath(path("bad"));
    for (const QString& f : QDir(path("shards")).entryList(QDir::Files))
      QVERIFY(QFile::copy(path("shards/" + f), path("bad/" + f)));
    QFile npy(path("bad/shard-00003-of-00004.npy"));
    QVERIFY(npy.open(QIODevice::ReadWrite));
    npy.seek(4000);
    npy.write("\x01\x02\x03\x04", 4);
    npy.close();
    auto counts = [&] {
      return run(python_, {"-c",
                           "import sqlite3, sys\n"
                           "c = sqlite3.connect(sys.argv[1])\n"
                           "print(c.execute('SELECT COUNT(*) FROM vectors').fetchone()[0],"
                           " c.execute('SELECT COUNT(*) FROM encoders').fetchone()[0])",
                           path("copy.ilens")})
          .out.trimmed();
    };
    // Remove the vectors of the copy first, so a half-written import would show.
    QCOMPARE(run(python_, {"-c",
                           "import sqlite3, sys\n"
                           "c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM vectors');"
                           " c.execute('DELETE FROM encoders'); c.commit()",
                           path("copy.ilens")})
                 .code,
             0);
    const QString before = counts();
    QCOMPARE(before, QStringLiteral("0 0"));
    const Run r = run(cli(), {"import-vectors", "--project", path("copy.ilens"), "--vectors", path("bad")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("shard-00003-of-00004.npy: SHA-256 checksum does not match"), qPrintable(r.err));
    QCOMPARE(counts(), before);
    // A shard missing: named.
    QFile::remove(path("bad/shard-00001-of-00004.json"));
    const Run m = run(cli(), {"import-vectors", "--project", path("copy.ilens"), "--vectors", path("bad")});
    QCOMPARE(m.code, 1);
    QVERIFY2(m.err.contains("shard(s) 1 of 4 are not finished"), qPrintable(m.err));
  }
};

QTEST_GUILESS_MAIN(VectorsDaskTest)
#include "vectors_dask_test.moc"
