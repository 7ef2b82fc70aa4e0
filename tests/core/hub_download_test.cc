// Hub downloads against a real HTTP/1.1 server on 127.0.0.1, started here on its own thread,
// serving a hub-shaped tree made from ../shared/models/tiny-bert-synthetic: resolve/REV/FILE URLs
// with ETag / X-Repo-Commit, a 302 to a "CDN" for model.safetensors with X-Linked-Etag /
// X-Linked-Size, Range support, and injected faults (cut connection, corrupted bytes, 404, 401).
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <map>
#include <memory>

#include "job.h"
#include "models_catalog/hf_cache.h"
#include "models_catalog/hub_download.h"
#include "test_paths.h"

using namespace il;

namespace {

const char* kTiny = "models/tiny-bert-synthetic";
const QStringList kSourceFiles = {"config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                                  "special_tokens_map.json", "model.safetensors"};

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray gitSha1(const QByteArray& data) {
  return QCryptographicHash::hash("blob " + QByteArray::number(data.size()) + '\0' + data, QCryptographicHash::Sha1)
      .toHex();
}

struct SeenRequest {
  QByteArray method, path, range, auth;
};

// ---- the fake hub ---------------------------------------------------------------------------

struct RepoTree {
  QByteArray commit;
  std::map<QString, QByteArray> files;  // repo path -> bytes
  QByteArray token;                     // non-empty: 401 unless "Bearer <token>"
};

class FakeHub : public QTcpServer {
 public:
  // Faults, set by the tests (guarded by mu).
  QByteArray cutBlobOnce;     // sha256 of a blob: the first full GET stops after cutAfter bytes
  qint64 cutAfter = 0;
  QByteArray corruptBlob;     // sha256 of a blob served with one byte flipped
  int chunkDelayMs = 0;       // pause between 64 KiB chunks of blob bodies (for cancel tests)

  QMutex mu;
  std::map<QString, RepoTree> repos;
  std::map<QByteArray, QByteArray> blobs;  // sha256 -> bytes (the CDN)
  QList<SeenRequest> seen;

  QList<SeenRequest> requests() {
    QMutexLocker l(&mu);
    return seen;
  }

 protected:
  void incomingConnection(qintptr fd) override {
    auto* s = new QTcpSocket(this);
    s->setSocketDescriptor(fd);
    auto buf = std::make_shared<QByteArray>();
    connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
      *buf += s->readAll();
      const qsizetype end = buf->indexOf("\r\n\r\n");
      if (end < 0) return;
      const QByteArray head = buf->left(end);
      buf->clear();
      handle(s, head);
    });
    connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
  }

 private:
  static QByteArray statusText(int code) {
    switch (code) {
      case 200: return "OK";
      case 206: return "Partial Content";
      case 302: return "Found";
      case 401: return "Unauthorized";
      case 404: return "Not Found";
      case 416: return "Range Not Satisfiable";
      default: return "Status";
    }
  }

  void reply(QTcpSocket* s, int code, QList<QPair<QByteArray, QByteArray>> headers, const QByteArray& body,
             bool head, qint64 contentLength = -1) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(code) + " " + statusText(code) + "\r\n";
    headers.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(contentLength >= 0 ? contentLength : body.size())));
    headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    for (const auto& [k, v] : headers) out += k + ": " + v + "\r\n";
    out += "\r\n";
    s->write(out);
    if (!head) s->write(body);
    s->disconnectFromHost();
  }

  // Streams `body` in 64 KiB chunks; stops (closing the connection) after `stopAt` bytes.
  void stream(QTcpSocket* s, const QByteArray& body, qint64 stopAt, int delayMs) {
    auto pos = std::make_shared<qint64>(0);
    auto* t = new QTimer(s);
    t->setInterval(delayMs);
    connect(t, &QTimer::timeout, s, [s, t, body, stopAt, pos] {
      if (s->state() != QAbstractSocket::ConnectedState) {
        t->stop();
        return;
      }
      if (s->bytesToWrite() > 256 * 1024) return;
      const qint64 n = std::min<qint64>(64 * 1024, stopAt - *pos);
      if (n > 0) {
        s->write(body.constData() + *pos, n);
        *pos += n;
      }
      if (*pos >= stopAt) {
        t->stop();
        s->disconnectFromHost();  // graceful: what was written still arrives
      }
    });
    t->start();
  }

  void handle(QTcpSocket* s, const QByteArray& head) {
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> rl = lines.value(0).trimmed().split(' ');
    SeenRequest req;
    req.method = rl.value(0);
    req.path = rl.value(1);
    for (int i = 1; i < lines.size(); ++i) {
      const QByteArray line = lines[i].trimmed();
      const qsizetype c = line.indexOf(':');
      if (c < 0) continue;
      const QByteArray k = line.left(c).trimmed().toLower(), v = line.mid(c + 1).trimmed();
      if (k == "range") req.range = v;
      if (k == "authorization") req.auth = v;
    }
    QMutexLocker l(&mu);
    seen.append(req);
    const bool isHead = req.method == "HEAD";
    const QByteArray path = QUrl::fromPercentEncoding(req.path.split('?').first()).toUtf8();

    if (path.startsWith("/cdn/")) {
      const QByteArray sha = path.mid(5);
      if (!blobs.count(sha)) return reply(s, 404, {}, "no such blob", isHead);
      QByteArray body = blobs[sha];
      if (sha == corruptBlob) body[body.size() / 2] = char(body[body.size() / 2] ^ 0x5a);
      qint64 from = 0;
      if (req.range.startsWith("bytes=")) from = req.range.mid(6).split('-').first().toLongLong();
      QList<QPair<QByteArray, QByteArray>> h = {{"ETag", "\"" + sha + "\""}, {"Accept-Ranges", "bytes"}};
      if (from >= body.size() && from > 0) {
        h.append(qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(body.size())));
        return reply(s, 416, h, {}, isHead);
      }
      int code = 200;
      if (from > 0) {
        code = 206;
        h.append(qMakePair(QByteArray("Content-Range"), "bytes " + QByteArray::number(from) + "-" +
                                                            QByteArray::number(body.size() - 1) + "/" +
                                                            QByteArray::number(body.size())));
      }
      const QByteArray part = body.mid(from);
      qint64 stopAt = part.size();
      if (sha == cutBlobOnce && from == 0) {
        stopAt = cutAfter;
        cutBlobOnce.clear();
      }
      if (isHead) return reply(s, code, h, part, true);
      QByteArray out = "HTTP/1.1 " + QByteArray::number(code) + " " + statusText(code) + "\r\n";
      h.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(part.size())));
      h.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
      for (const auto& [k, v] : h) out += k + ": " + v + "\r\n";
      s->write(out + "\r\n");
      stream(s, part, stopAt, chunkDelayMs);
      return;
    }

    // /ORG/NAME/resolve/REV/FILE
    const qsizetype at = path.indexOf("/resolve/");
    if (at < 0) return reply(s, 404, {}, "not found", isHead);
    const QString id = QString::fromUtf8(path.mid(1, at - 1));
    const QByteArray rest = path.mid(at + 9);
    const qsizetype slash = rest.indexOf('/');
    const QByteArray rev = rest.left(slash);
    const QString file = QString::fromUtf8(rest.mid(slash + 1));
    if (!repos.count(id))
      return reply(s, 404, {{"X-Error-Code", "RepoNotFound"}, {"X-Error-Message", "Repository not found"}}, "{}", isHead);
    const RepoTree& repo = repos[id];
    if (!repo.token.isEmpty() && req.auth != "Bearer " + repo.token)
      return reply(s, 401, {{"X-Error-Message", "Access to model " + id.toUtf8() + " is restricted."}}, "{}", isHead);
    if (rev != "main" && rev != repo.commit)
      return reply(s, 404, {{"X-Error-Code", "RevisionNotFound"}}, "{}", isHead);
    const auto f = repo.files.find(file);
    if (f == repo.files.end())
      return reply(s, 404, {{"X-Error-Code", "EntryNotFound"}, {"X-Repo-Commit", repo.commit}}, "{}", isHead);
    const QByteArray& data = f->second;
    if (file.endsWith(".safetensors")) {  // an LFS file: to the CDN
      const QByteArray sha = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
      const QByteArray loc = "http://127.0.0.1:" + QByteArray::number(serverPort()) + "/cdn/" + sha + "?sig=x";
      return reply(s, 302,
                   {{"Location", loc},
                    {"X-Repo-Commit", repo.commit},
                    {"X-Linked-Etag", "\"" + sha + "\""},
                    {"X-Linked-Size", QByteArray::number(data.size())},
                    {"ETag", "\"" + gitSha1(data) + "\""}},
                   {}, isHead);
    }
    return reply(s, 200, {{"ETag", "\"" + gitSha1(data) + "\""}, {"X-Repo-Commit", repo.commit}}, data, isHead);
  }
};

// Runs FakeHub on its own thread.
class HubThread {
 public:
  HubThread() {
    thread_.start();
    ctx_ = new QObject;
    ctx_->moveToThread(&thread_);
    QMetaObject::invokeMethod(ctx_, [this] {
      hub_ = new FakeHub;
      hub_->listen(QHostAddress::LocalHost, 0);
    }, Qt::BlockingQueuedConnection);
  }
  ~HubThread() {
    QMetaObject::invokeMethod(ctx_, [this] {
      delete hub_;
      delete ctx_;
    }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
  }
  FakeHub& hub() { return *hub_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(hub_->serverPort()); }

 private:
  QThread thread_;
  QObject* ctx_ = nullptr;
  FakeHub* hub_ = nullptr;
};

const QByteArray kCommit = "0123456789abcdef0123456789abcdef01234567";
const QByteArray kModules =
    R"([{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},)"
    R"({"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"}])";
const QByteArray kPooling = R"({"word_embedding_dimension":32,"pooling_mode_cls_token":false,"pooling_mode_mean_tokens":true})";

}  // namespace

class HubDownloadTest : public QObject {
  Q_OBJECT

  std::unique_ptr<HubThread> server_;
  QByteArray weightsSha_;
  qint64 weightsSize_ = 0;
  std::unique_ptr<QTemporaryDir> cache_;

  bool haveShared() const { return QFileInfo::exists(il::test::sharedPath(QString(kTiny) + "/model.safetensors")); }

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
      QVERIFY2(readAll(link) == readAll(il::test::sharedPath(QString(kTiny) + "/" + f)), qPrintable(f + " differs"));
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
    for (const QString& f : kSourceFiles) t += QFileInfo(il::test::sharedPath(QString(kTiny) + "/" + f)).size();
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
    FakeHub& h = server_->hub();
    RepoTree tree;
    tree.commit = kCommit;
    for (const QString& f : kSourceFiles) tree.files[f] = readAll(il::test::sharedPath(QString(kTiny) + "/" + f));
    tree.files["modules.json"] = kModules;
    tree.files["1_Pooling/config.json"] = kPooling;
    const QByteArray weights = tree.files["model.safetensors"];
    weightsSize_ = weights.size();
    weightsSha_ = QCryptographicHash::hash(weights, QCryptographicHash::Sha256).toHex();
    QMutexLocker l(&h.mu);
    h.blobs[weightsSha_] = weights;
    h.repos["test-org/tiny-bert"] = tree;
    RepoTree gated = tree;
    gated.token = "hf_secret";
    h.repos["private/tiny-bert"] = gated;
    RepoTree torchOnly;
    torchOnly.commit = kCommit;
    torchOnly.files["config.json"] = tree.files["config.json"];
    torchOnly.files["vocab.txt"] = tree.files["vocab.txt"];
    torchOnly.files["pytorch_model.bin"] = "not really";
    h.repos["old/torch-only"] = torchOnly;
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
