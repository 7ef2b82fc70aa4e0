// interestlens-cli models download|list, end to end: the real binary against a hub-shaped server
// on 127.0.0.1 (fake_hub.h), with HF_ENDPOINT and HF_HOME set as a user would. The download shows
// per-file and total progress on stderr, resumes after a cut connection, refuses a corrupted
// file (exit 1, nothing usable), and the folder it prints encodes like reference.json.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

#include "fake_hub.h"
#include "test_paths.h"

using namespace il::test;

namespace {

constexpr double kTol = 1e-5;  // max abs error against reference.json (ONNX Runtime outputs)

struct Run {
  int exitCode = -1;
  QString out, err;
};

}  // namespace

class CliModelsTest : public QObject {
  Q_OBJECT

  std::unique_ptr<HubThread> server_;
  std::unique_ptr<QTemporaryDir> home_;
  QByteArray weightsSha_;

  Run cli(const QStringList& args, const QByteArray& stdinBytes = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HF_HOME", home_->path());
    env.insert("HF_ENDPOINT", QString::fromStdString(server_->endpoint()));
    env.remove("HF_HUB_CACHE");
    env.remove("HF_TOKEN");
    p.setProcessEnvironment(env);
    p.start(binaryPath("app/interestlens-cli"), args);
    Run r;
    if (!p.waitForStarted(10000)) return r;
    if (!stdinBytes.isEmpty()) p.write(stdinBytes);
    p.closeWriteChannel();
    if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit) r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
  }
  int cdnRangeRequests() {
    int n = 0;
    for (const SeenRequest& s : server_->hub().requests()) n += s.path.startsWith("/cdn/") && !s.range.isEmpty();
    return n;
  }
  QJsonObject listed(const QString& id) {
    const Run r = cli({"models", "list", "--format", "json"});
    if (r.exitCode != 0) return {};
    for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).object()["models"].toArray())
      if (v["id"].toString() == id) return v.toObject();
    return {};
  }

 private slots:
  void init() {
    if (!QFileInfo::exists(sharedPath(QString(kTiny) + "/model.safetensors"))) return;
    home_ = std::make_unique<QTemporaryDir>();
    server_ = std::make_unique<HubThread>();
    weightsSha_ = addTinyBertRepos(server_->hub());
  }
  void cleanup() {
    server_.reset();
    home_.reset();
  }

  void downloadResumesAndTheModelEncodesRightAway() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/reference.json");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().cutBlobOnce = weightsSha_;
      server_->hub().cutAfter = 1'000'000;
    }
    const Run r = cli({"models", "download", "test-org/tiny-bert"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString snapshot = r.out.trimmed();
    QCOMPARE(snapshot, home_->path() + "/hub/models--test-org--tiny-bert/snapshots/" + QString::fromLatin1(kCommit));
    // Progress per file and in total (stderr is not a terminal here: one line per step).
    QVERIFY2(r.err.contains("model.safetensors") && r.err.contains("total 100%"), qPrintable(r.err));
    QVERIFY2(r.err.contains(QRegularExpression(R"(\[\d+/\d+\] model\.safetensors .* total [1-9]\d?%)")), qPrintable(r.err));
    QVERIFY2(r.err.contains("1 resumed"), qPrintable(r.err));
    QCOMPARE(cdnRangeRequests(), 1);

    const QJsonObject m = listed("test-org/tiny-bert");
    QVERIFY(m["usable"].toBool());
    QCOMPARE(m["path"].toString(), snapshot);

    // Use it at once: embed the reference sentences with the downloaded folder.
    QFile f(sharedPath(QString(kTiny) + "/reference.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray input;
    QList<QJsonArray> expected;
    for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll()).object()["sentences"].toArray()) {
      if (v["truncated_to_128"].toBool()) continue;
      input += v["text"].toString().toUtf8() + "\n";
      expected << v["mean_pooled"].toArray();
    }
    const Run e = cli({"embed", "--encoder", "bert", "--model-dir", snapshot, "--pooling", "mean", "--normalize", "0",
                       "--input", "-", "--format", "json"},
                      input);
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    const QJsonArray rows = QJsonDocument::fromJson(e.out.toUtf8()).array();
    QCOMPARE(rows.size(), expected.size());
    double worst = 0;
    for (int i = 0; i < rows.size(); ++i) {
      QCOMPARE(rows[i].toArray().size(), 32);
      for (int h = 0; h < 32; ++h) worst = std::max(worst, std::fabs(rows[i][h].toDouble() - expected[i][h].toDouble()));
    }
    qInfo("downloaded model vs reference.json: max abs error %.3g (tolerance %.0e)", worst, kTol);
    QVERIFY(worst < kTol);

    // A second download fetches nothing.
    const Run again = cli({"models", "download", "test-org/tiny-bert"});
    QVERIFY2(again.exitCode == 0 && again.err.contains("0 B fetched"), qPrintable(again.err));
  }

  void corruptedFileIsRefused() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().corruptBlob = weightsSha_;
    }
    const Run r = cli({"models", "download", "test-org/tiny-bert", "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("sha256"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());  // no folder to use
    QVERIFY(!listed("test-org/tiny-bert")["usable"].toBool());
  }

  void errorsSayWhatToDo() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    Run r = cli({"models", "download", "private/tiny-bert", "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HF_TOKEN"), qPrintable(r.err));
    r = cli({"models", "download", "nobody/nothing", "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no such model"), qPrintable(r.err));
    r = cli({"models", "download", "../etc"});
    QCOMPARE(r.exitCode, 2);
  }

  // A model another tool put in the cache is listed with no action.
  void modelsPlacedByOtherToolsAreListed() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    const QString repo = home_->path() + "/hub/models--other-tool--placed";
    const QString snap = repo + "/snapshots/" + QString::fromLatin1(kCommit);
    QVERIFY(QDir().mkpath(snap));
    QVERIFY(QDir().mkpath(repo + "/refs"));
    for (const QString& f : kSourceFiles) QVERIFY(QFile::copy(sharedPath(QString(kTiny) + "/" + f), snap + "/" + f));
    QFile ref(repo + "/refs/main");
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write(kCommit);
    ref.close();
    const QJsonObject m = listed("other-tool/placed");
    QVERIFY(m["usable"].toBool());
    QCOMPARE(m["hidden_size"].toInt(), 32);
  }
};

QTEST_GUILESS_MAIN(CliModelsTest)
#include "cli_models_test.moc"
