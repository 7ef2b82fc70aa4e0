// A hub-shaped HTTP/1.1 server on 127.0.0.1 for tests, on its own thread: resolve/REV/FILE URLs
// with ETag / X-Repo-Commit, a 302 to a "CDN" for *.safetensors with X-Linked-Etag /
// X-Linked-Size, Range support, and injected faults (cut connection, corrupted bytes, slow
// chunks; 404 and 401 come from the repo tree). addTinyBertRepos() fills it from
// ../shared/models/tiny-bert-synthetic.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <map>
#include <memory>
#include <string>

#include "test_paths.h"

namespace il::test {

inline const char* kTiny = "models/tiny-bert-synthetic";
inline const QStringList kSourceFiles = {"config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                                  "special_tokens_map.json", "model.safetensors"};

inline QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QByteArray gitSha1(const QByteArray& data) {
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

inline const QByteArray kCommit = "0123456789abcdef0123456789abcdef01234567";
inline const QByteArray kModules =
    R"([{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},)"
    R"({"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"}])";
inline const QByteArray kPooling = R"({"word_embedding_dimension":32,"pooling_mode_cls_token":false,"pooling_mode_mean_tokens":true})";


// The tiny synthetic BERT as hub repos: "test-org/tiny-bert" (a sentence-transformers layout
// with mean pooling), "private/tiny-bert" (the same, gated by token "hf_secret") and
// "old/torch-only" (pytorch_model.bin only). Returns the sha256 of model.safetensors.
inline QByteArray addTinyBertRepos(FakeHub& h) {
  RepoTree tree;
  tree.commit = kCommit;
  for (const QString& f : kSourceFiles) tree.files[f] = readAll(sharedPath(QString(kTiny) + "/" + f));
  tree.files["modules.json"] = kModules;
  tree.files["1_Pooling/config.json"] = kPooling;
  const QByteArray weights = tree.files["model.safetensors"];
  const QByteArray sha = QCryptographicHash::hash(weights, QCryptographicHash::Sha256).toHex();
  QMutexLocker l(&h.mu);
  h.blobs[sha] = weights;
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
  return sha;
}

}  // namespace il::test
