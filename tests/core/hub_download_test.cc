// Hub downloads against a real HTTP/1.1 server on 127.0.0.1 (fake_hub.h), started here on its
// own thread, serving a hub-shaped tree made from ../shared/models/tiny-bert-synthetic, with
// injected faults (cut connection, corrupted bytes, 404, 401).
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

#include "fake_hub.h"
#include "job.h"
#include "models_catalog/hf_cache.h"
#include "models_catalog/hub_download.h"

using namespace il;
using namespace il::test;

class HubDownloadTest : public QObject {
  Q_OBJECT

  std::unique_ptr<HubThread> server_;
  QByteArray weightsSha_;
  qint64 weightsSize_ = 0;
  std::unique_ptr<QTemporaryDir> cache_;

  bool haveShared() const { return QFileInfo::exists(sharedPath(QString(kTiny) + "/model.safetensors")); }

  HubDownloadOptions options(const std::string& id) {
    HubDownloadOptions o;
    o.modelId = id;
    o.endpoint = server_->endpoint();
    o.cacheDir = cache_->path().toStdString();
    o.stallTimeoutMs = 10000;
    return o;
  }
  QString repoDir(const std::string& id) const {
    return cache_->path() + "/" + QString::fromStdString(hfRepoFolderName(id));
  }
  void verifyDownloaded(const HubDownloadResult& r, const std::string& id) {
    QCOMPARE(QString::fromStdString(r.commit), QString::fromLatin1(kCommit));
    QCOMPARE(QString::fromStdString(r.snapshotDir), repoDir(id) + "/snapshots/" + kCommit);
    for (const QString& f : kSourceFiles) {
      const QString link = QString::fromStdString(r.snapshotDir) + "/" + f;
      QVERIFY2(QFileInfo(link).isSymLink(), qPrintable(link));
      QVERIFY(QFileInfo(link).symLinkTarget().startsWith(repoDir(id) + "/blobs/"));
      QVERIFY2(readAll(link) == readAll(sharedPath(QString(kTiny) + "/" + f)), qPrintable(f + " differs"));
    }
    QCOMPARE(readAll(QString::fromStdString(r.snapshotDir) + "/1_Pooling/config.json"), kPooling);
    QCOMPARE(QFileInfo(QString::fromStdString(r.snapshotDir) + "/1_Pooling/config.json").symLinkTarget(),
             QFileInfo(repoDir(id) + "/blobs/" + gitSha1(kPooling)).absoluteFilePath());
    QCOMPARE(readAll(repoDir(id) + "/refs/main"), kCommit);
    QVERIFY(QFileInfo::exists(repoDir(id) + "/blobs/" + weightsSha_));
    QVERIFY(QDir(repoDir(id) + "/blobs").entryList({"*.incomplete"}, QDir::Files).isEmpty());
    // The cache scan lists it as usable.
    const std::vector<CachedModel> ms = scanModels({cache_->path().toStdString(), {}});
    bool found = false;
    for (const CachedModel& m : ms) {
      if (m.id != id) continue;
      found = true;
      QVERIFY2(m.usable, m.reason().c_str());
      QCOMPARE(m.hiddenSize, 32);
      QCOMPARE(m.pooling, std::string("mean"));
      QVERIFY(m.poolingFromFolder);
      QVERIFY(m.fromRef);
      QCOMPARE(m.path, r.snapshotDir);
    }
    QVERIFY(found);
  }
  qint64 totalBytes() const {
    qint64 t = kModules.size() + kPooling.size();
    for (const QString& f : kSourceFiles) t += QFileInfo(sharedPath(QString(kTiny) + "/" + f)).size();
    return t;
  }
  int rangeRequests(const QByteArray& pathPrefix, QByteArray* firstRange = nullptr) {
    int n = 0;
    for (const SeenRequest& s : server_->hub().requests())
      if (s.method == "GET" && s.path.startsWith(pathPrefix) && !s.range.isEmpty()) {
        if (n == 0 && firstRange) *firstRange = s.range;
        ++n;
      }
    return n;
  }

 private slots:
  void init() {
    if (!haveShared()) return;
    cache_ = std::make_unique<QTemporaryDir>();
    QVERIFY(cache_->isValid());
    server_ = std::make_unique<HubThread>();
    weightsSha_ = addTinyBertRepos(server_->hub());
    weightsSize_ = QFileInfo(sharedPath(QString(kTiny) + "/model.safetensors")).size();
  }
  void cleanup() {
    server_.reset();
    cache_.reset();
  }

  void downloadsIntoTheHubCacheLayout() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    QCOMPARE(weightsSha_, QByteArray("b0651d34e2943a1dc6b3645049c16b3632833d08634678703211231ee760589e"));
    std::vector<HubDownloadProgress> seen;
    const qint64 totalBytes = this->totalBytes();
    // HF_ENDPOINT from the environment (options.endpoint empty).
    qputenv("HF_ENDPOINT", QByteArray::fromStdString(server_->endpoint()) + "/");
    HubDownloadOptions o = options("test-org/tiny-bert");
    o.endpoint.clear();
    const HubDownloadResult r = downloadHubModel(o, [&](const HubDownloadProgress& p) { seen.push_back(p); });
    qunsetenv("HF_ENDPOINT");
    verifyDownloaded(r, "test-org/tiny-bert");
    QCOMPARE(r.files.size(), size_t(8));
    QCOMPARE(r.absent, std::vector<std::string>{"sentence_bert_config.json"});
    QCOMPARE(r.bytesFetched, totalBytes);
    // Progress: per file and total, monotone, ending at the total.
    QVERIFY(!seen.empty());
    QCOMPARE(seen.back().phase, std::string("done"));
    QCOMPARE(seen.back().totalDone, totalBytes);
    QCOMPARE(seen.back().totalTotal, totalBytes);
    int weightUpdates = 0;
    int64_t last = -1;
    for (const HubDownloadProgress& p : seen) {
      if (p.phase != "downloading") continue;
      QVERIFY(p.totalDone >= last);
      last = p.totalDone;
      if (p.file == "model.safetensors") {
        ++weightUpdates;
        QCOMPARE(p.fileTotal, weightsSize_);
        QVERIFY(p.fileDone <= p.fileTotal);
      }
    }
    QVERIFY2(weightUpdates >= 3, qPrintable(QString::number(weightUpdates)));
    // The large file went through the redirect; no Range was needed.
    QCOMPARE(rangeRequests("/cdn/"), 0);

    // A second run finds everything in the cache and fetches nothing.
    const HubDownloadResult again = downloadHubModel(options("test-org/tiny-bert"));
    QCOMPARE(again.bytesFetched, int64_t(0));
    for (const HubFileResult& f : again.files) QVERIFY(f.reused);
    verifyDownloaded(again, "test-org/tiny-bert");
  }

  void resumesAfterACutConnection() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().cutBlobOnce = weightsSha_;
      server_->hub().cutAfter = 1'000'000;
    }
    const HubDownloadResult r = downloadHubModel(options("test-org/tiny-bert"));
    verifyDownloaded(r, "test-org/tiny-bert");
    QByteArray range;
    QCOMPARE(rangeRequests("/cdn/", &range), 1);
    QVERIFY2(range.startsWith("bytes=") && range.mid(6).split('-').first().toLongLong() > 0 &&
                 range.mid(6).split('-').first().toLongLong() <= 1'000'000,
             range.constData());
    int resumes = 0;
    for (const HubFileResult& f : r.files) resumes += f.resumes;
    QCOMPARE(resumes, 1);
    QCOMPARE(r.bytesFetched, totalBytes());  // the resumed part is not fetched twice
  }

  void cancelLeavesNoCompleteModelAndResumes() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().chunkDelayMs = 5;
    }
    std::atomic<bool> cancel{false};
    bool threw = false;
    try {
      downloadHubModel(options("test-org/tiny-bert"), [&](const HubDownloadProgress& p) {
        if (p.file == "model.safetensors" && p.fileDone > 500'000) cancel = true;
      }, &cancel);
    } catch (const Cancelled&) {
      threw = true;
    }
    QVERIFY(threw);
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/snapshots/" + kCommit));
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/refs/main"));
    const QString part = repoDir("test-org/tiny-bert") + "/blobs/" + weightsSha_ + ".incomplete";
    QVERIFY(QFileInfo::exists(part));
    const qint64 partialSize = QFileInfo(part).size();
    QVERIFY2(partialSize > 500'000 && partialSize < weightsSize_, qPrintable(QString::number(partialSize)));
    const CachedModel m = inspectHubRepo(repoDir("test-org/tiny-bert").toStdString());
    QVERIFY(!m.usable);
    QVERIFY(!m.complete);
    QVERIFY2(m.reason().find("download incomplete") != std::string::npos, m.reason().c_str());

    // The next run continues from the partial blob.
    const HubDownloadResult r = downloadHubModel(options("test-org/tiny-bert"));
    verifyDownloaded(r, "test-org/tiny-bert");
    QByteArray range;
    QCOMPARE(rangeRequests("/cdn/", &range), 1);
    QCOMPARE(range, "bytes=" + QByteArray::number(partialSize) + "-");
    QVERIFY(r.bytesFetched < weightsSize_);
  }

  void rejectsACorruptedFile() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().corruptBlob = weightsSha_;
    }
    try {
      downloadHubModel(options("test-org/tiny-bert"));
      QFAIL("a corrupted download was accepted");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::Checksum);
      QVERIFY2(QString(e.what()).contains("sha256") && QString(e.what()).contains(weightsSha_), e.what());
    }
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/snapshots/" + kCommit));
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/refs/main"));
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/blobs/" + weightsSha_));
    QVERIFY(!QFileInfo::exists(repoDir("test-org/tiny-bert") + "/blobs/" + weightsSha_ + ".incomplete"));
    const std::vector<CachedModel> ms = scanModels({cache_->path().toStdString(), {}});
    for (const CachedModel& m : ms) QVERIFY(!m.usable);

    // Once the server is healthy again, the download completes.
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().corruptBlob.clear();
    }
    verifyDownloaded(downloadHubModel(options("test-org/tiny-bert")), "test-org/tiny-bert");
  }

  void missingModelIs404() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    try {
      downloadHubModel(options("nobody/no-such-model"));
      QFAIL("downloaded a model that does not exist");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::NotFound);
      QVERIFY2(QString(e.what()).contains("no such model"), e.what());
    }
    QVERIFY(!QFileInfo::exists(repoDir("nobody/no-such-model") + "/snapshots"));
    try {
      HubDownloadOptions o = options("test-org/tiny-bert");
      o.revision = "v9";
      downloadHubModel(o);
      QFAIL("downloaded a revision that does not exist");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::NotFound);
      QVERIFY2(QString(e.what()).contains("revision"), e.what());
    }
    try {
      downloadHubModel(options("old/torch-only"));
      QFAIL("downloaded a model without safetensors");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::NotFound);
      QVERIFY2(QString(e.what()).contains("pytorch_model.bin"), e.what());
    }
  }

  void gatedModelNeedsAToken() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    const QByteArray saved = qgetenv("HF_TOKEN");
    qunsetenv("HF_TOKEN");
    qunsetenv("HUGGING_FACE_HUB_TOKEN");
    try {
      downloadHubModel(options("private/tiny-bert"));
      QFAIL("downloaded a gated model without a token");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::Unauthorized);
      QVERIFY2(QString(e.what()).contains("gated or private") && QString(e.what()).contains("HF_TOKEN"), e.what());
    }
    qputenv("HF_TOKEN", "hf_secret");
    const HubDownloadResult r = downloadHubModel(options("private/tiny-bert"));
    if (saved.isEmpty()) qunsetenv("HF_TOKEN");
    else qputenv("HF_TOKEN", saved);
    verifyDownloaded(r, "private/tiny-bert");
    bool sawToken = false;
    for (const SeenRequest& s : server_->hub().requests()) sawToken |= s.auth == "Bearer hf_secret";
    QVERIFY(sawToken);
  }

  void offlineIsReportedClearly() {
    // A port nobody listens on.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QTemporaryDir tmp;
    HubDownloadOptions o;
    o.modelId = "test-org/tiny-bert";
    o.endpoint = "http://127.0.0.1:" + std::to_string(port);
    o.cacheDir = tmp.path().toStdString();
    try {
      downloadHubModel(o);
      QFAIL("no error without a server");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::Offline);
      QVERIFY2(QString(e.what()).contains("connection refused"), e.what());
    }
    o.modelId = "../../etc";
    try {
      downloadHubModel(o);
      QFAIL("accepted a path as a model id");
    } catch (const HubDownloadError& e) {
      QCOMPARE(e.kind(), HubDownloadError::Kind::BadRequest);
    }
  }
};

QTEST_GUILESS_MAIN(HubDownloadTest)
#include "hub_download_test.moc"
