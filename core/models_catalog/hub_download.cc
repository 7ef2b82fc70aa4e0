#include "hub_download.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStorageInfo>
#include <QTimer>
#include <QUrl>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "hf_cache.h"
#include "job.h"

namespace il {

namespace {

using Kind = HubDownloadError::Kind;

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string envOr(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : std::string();
}

[[noreturn]] void fail(Kind k, const std::string& msg) { throw HubDownloadError(k, msg); }

std::string humanBytes(int64_t b) {
  const double d = static_cast<double>(b);
  if (b >= (int64_t(1) << 30)) return QString::number(d / (1 << 30), 'f', 1).toStdString() + " GiB";
  if (b >= (int64_t(1) << 20)) return QString::number(d / (1 << 20), 'f', 1).toStdString() + " MiB";
  if (b >= 1024) return QString::number(d / 1024, 'f', 1).toStdString() + " KiB";
  return std::to_string(b) + " B";
}

bool isHex(const QString& s, int len) {
  static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
  return s.size() == len && hex.match(s).hasMatch();
}

// `"abc"` / `W/"abc"` -> abc.
QString cleanEtag(QByteArray e) {
  e = e.trimmed();
  if (e.startsWith("W/")) e = e.mid(2);
  if (e.size() >= 2 && e.startsWith('"') && e.endsWith('"')) e = e.mid(1, e.size() - 2);
  return QString::fromLatin1(e);
}

// ---- one HTTP exchange -------------------------------------------------------------------

struct Reply {
  int status = 0;
  QNetworkReply::NetworkError error = QNetworkReply::NoError;
  QString errorString;
  QUrl url;
  QHash<QByteArray, QByteArray> headers;  // lower-case names
  QByteArray body;                        // error bodies only (first 4 KiB)
  bool cancelled = false;
  bool sinkFailed = false;
  int64_t received = 0;                   // bytes passed to the sink

  QByteArray header(const char* name) const { return headers.value(QByteArray(name).toLower()); }
  bool networkFailure() const { return status == 0 && error != QNetworkReply::NoError; }
};

// Called with the status and each chunk of a 2xx body; returns false to stop (write error).
using Sink = std::function<bool(int status, const QByteArray&)>;

class Http {
 public:
  Http(std::string token, int stallTimeoutMs, const std::atomic<bool>* cancel)
      : token_(std::move(token)), stallTimeoutMs_(stallTimeoutMs), cancel_(cancel) {}

  bool cancelRequested() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  // One request, no redirects followed.
  Reply once(const QUrl& url, bool head, bool withAuth, qint64 rangeFrom, const Sink& sink) {
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setRawHeader("Accept-Encoding", "identity");  // byte ranges must mean file offsets
    req.setRawHeader("User-Agent", "interestlens-model-manager/1");
    if (withAuth && !token_.empty()) req.setRawHeader("Authorization", QByteArray("Bearer ") + token_.c_str());
    if (rangeFrom > 0) req.setRawHeader("Range", "bytes=" + QByteArray::number(rangeFrom) + "-");
    req.setTransferTimeout(stallTimeoutMs_);

    QNetworkReply* r = head ? nam_.head(req) : nam_.get(req);
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply*)> guard(r, [](QNetworkReply* p) { p->deleteLater(); });
    Reply out;
    out.url = url;
    QEventLoop loop;
    auto statusOf = [r] { return r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); };
    QObject::connect(r, &QNetworkReply::readyRead, &loop, [&] {
      const QByteArray chunk = r->readAll();
      const int st = statusOf();
      if (st >= 200 && st < 300 && sink && !head) {
        if (out.sinkFailed) return;
        out.received += chunk.size();
        if (!sink(st, chunk)) {
          out.sinkFailed = true;
          r->abort();
        }
      } else if (out.body.size() < 4096) {
        out.body += chunk.left(4096 - out.body.size());
      }
      if (cancelRequested()) {
        out.cancelled = true;
        r->abort();
      }
    });
    QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
      if (cancelRequested()) {
        out.cancelled = true;
        r->abort();
      }
    });
    poll.start();
    if (!r->isFinished()) loop.exec();
    poll.stop();
    // Bytes that arrived with the finished signal.
    if (!out.cancelled && !out.sinkFailed && r->bytesAvailable() > 0) {
      const QByteArray chunk = r->readAll();
      const int st = statusOf();
      if (st >= 200 && st < 300 && sink && !head) {
        out.received += chunk.size();
        if (!sink(st, chunk)) out.sinkFailed = true;
      }
    }
    out.status = statusOf();
    out.error = r->error();
    out.errorString = r->errorString();
    for (const auto& [k, v] : r->rawHeaderPairs()) out.headers.insert(k.toLower(), v);
    if (cancelRequested()) out.cancelled = true;
    return out;
  }

  // Follows redirects: all of them for GET (the hub sends large files to a CDN), only relative
  // ones for HEAD (renamed repos), so an LFS file's HEAD returns the hub's own X-Linked-* headers.
  Reply fetch(QUrl url, bool head, qint64 rangeFrom, const Sink& sink) {
    const QUrl origin = url;
    for (int hop = 0; hop < 10; ++hop) {
      const bool sameHost = url.host() == origin.host() && url.port() == origin.port() && url.scheme() == origin.scheme();
      Reply r = once(url, head, sameHost, rangeFrom, sink);
      if (r.cancelled || r.networkFailure() || r.status < 300 || r.status >= 400 || r.status == 304) return r;
      const QByteArray loc = r.header("location");
      if (loc.isEmpty()) return r;
      const QUrl next = QUrl::fromEncoded(loc);
      if (head && !next.isRelative()) return r;
      url = url.resolved(next);
    }
    Reply r;
    r.status = 310;
    r.url = url;
    r.errorString = QStringLiteral("too many redirects");
    return r;
  }

 private:
  QNetworkAccessManager nam_;
  std::string token_;
  int stallTimeoutMs_;
  const std::atomic<bool>* cancel_;
};

// ---- messages ------------------------------------------------------------------------------

bool retryable(const Reply& r) {
  switch (r.error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:  // the transfer timeout fired
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
      return true;
    default:
      return r.status >= 500;
  }
}

[[noreturn]] void failNetwork(const Reply& r, const std::string& what) {
  const std::string host = r.url.host().toStdString() + (r.url.port() > 0 ? ":" + std::to_string(r.url.port()) : "");
  std::string why;
  switch (r.error) {
    case QNetworkReply::ConnectionRefusedError: why = "connection refused"; break;
    case QNetworkReply::HostNotFoundError: why = "host not found"; break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: why = "timed out"; break;
    case QNetworkReply::RemoteHostClosedError: why = "the server closed the connection"; break;
    default: why = r.errorString.toStdString(); break;
  }
  fail(Kind::Offline, "cannot reach " + host + " (" + why + ") while fetching " + what +
                          ": check the network connection, or set HF_ENDPOINT to a reachable hub mirror");
}

[[noreturn]] void failStatus(const Reply& r, const std::string& modelId, const std::string& what, bool haveToken) {
  const QByteArray code = r.header("x-error-code");
  const std::string serverMsg = QString::fromUtf8(r.header("x-error-message")).toStdString();
  const std::string extra = serverMsg.empty() ? "" : " (server: " + serverMsg + ")";
  if (r.status == 401 || r.status == 403) {
    if (code == "RepoNotFound")
      fail(Kind::NotFound, "no such model: " + modelId + " (or it is private: set HF_TOKEN to a token that can read it)" + extra);
    if (code == "GatedRepo")
      fail(Kind::Unauthorized, "gated model " + modelId + ": accept its terms on its hub page, then set HF_TOKEN" + extra);
    fail(Kind::Unauthorized, "gated or private model " + modelId + " (HTTP " + std::to_string(r.status) + " for " + what +
                                 "): " + (haveToken ? "the token in HF_TOKEN was refused or has no access" : "set HF_TOKEN") + extra);
  }
  if (r.status == 404) {
    if (code == "RevisionNotFound") fail(Kind::NotFound, "no such revision of " + modelId + " (" + what + ")" + extra);
    if (code == "EntryNotFound") fail(Kind::NotFound, "no such file in " + modelId + ": " + what + extra);
    fail(Kind::NotFound, "no such model or file: " + modelId + " (" + what + ", HTTP 404)" + extra);
  }
  if (r.status == 416) fail(Kind::Http, "the server refused the byte range for " + what);
  fail(Kind::Http, "HTTP " + std::to_string(r.status) + " for " + what + " from " + r.url.host().toStdString() + extra);
}

// ---- plan ----------------------------------------------------------------------------------

struct FileMeta {
  std::string file;
  QString etag;
  int64_t size = -1;
  bool lfs = false;
  QString commit;
};

QString encodePath(const std::string& file) {
  QStringList parts;
  for (const QString& p : q(file).split(QLatin1Char('/'))) parts << QString::fromLatin1(QUrl::toPercentEncoding(p));
  return parts.join(QLatin1Char('/'));
}

QUrl resolveUrl(const std::string& endpoint, const std::string& modelId, const QString& revision, const std::string& file) {
  return QUrl(q(endpoint) + QLatin1Char('/') + q(modelId) + QStringLiteral("/resolve/") +
              QString::fromLatin1(QUrl::toPercentEncoding(revision)) + QLatin1Char('/') + encodePath(file));
}

bool safeRepoPath(const std::string& f) {
  const QString p = q(f);
  if (p.isEmpty() || QDir::isAbsolutePath(p) || p.contains(QLatin1Char('\\'))) return false;
  for (const QString& part : p.split(QLatin1Char('/')))
    if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")) return false;
  return true;
}

void makeDir(const QString& path) {
  if (!QDir().mkpath(path)) fail(Kind::Io, "cannot create folder " + path.toStdString());
}

// Hash of a blob as the hub names it: sha256 for LFS files, git's blob sha1 for others.
class BlobHasher {
 public:
  BlobHasher(bool lfs, int64_t size) : lfs_(lfs), h_(lfs ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1) {
    if (!lfs_) h_.addData(QByteArray("blob ") + QByteArray::number(qint64(size)) + '\0');
  }
  void add(const QByteArray& b) { h_.addData(b); }
  QString hex() const { return QString::fromLatin1(h_.result().toHex()); }

 private:
  bool lfs_;
  QCryptographicHash h_;
};

// Checks a finished file against the announced size and hash; "" when fine, else the problem.
std::string verifyFile(const QString& path, const FileMeta& m) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return "cannot read " + path.toStdString();
  if (m.size >= 0 && f.size() != m.size)
    return "size is " + std::to_string(f.size()) + " bytes, the hub announced " + std::to_string(m.size);
  const bool byHash = m.lfs ? isHex(m.etag, 64) : isHex(m.etag, 40);
  if (!byHash) return "";
  BlobHasher h(m.lfs, f.size());
  while (!f.atEnd()) h.add(f.read(1 << 20));
  if (h.hex() != m.etag)
    return std::string(m.lfs ? "sha256 " : "git sha1 ") + "of the downloaded bytes is " + h.hex().toStdString() +
           ", the hub announced " + m.etag.toStdString();
  return "";
}

bool writeFailureIsDiskFull(int err, const QFile& f) {
  return err == ENOSPC || err == EDQUOT || f.errorString().contains(QLatin1String("space"), Qt::CaseInsensitive);
}

}  // namespace

const std::vector<std::string>& defaultHubFiles() {
  static const std::vector<std::string> files = {
      "config.json",        "?modules.json",          "?sentence_bert_config.json", "?1_Pooling/config.json",
      "?tokenizer_config.json", "?special_tokens_map.json", "?vocab.txt",          "?tokenizer.json",
      "model.safetensors"};
  return files;
}

std::string hubEndpoint() {
  std::string e = envOr("HF_ENDPOINT");
  if (e.empty()) e = "https://huggingface.co";
  while (!e.empty() && e.back() == '/') e.pop_back();
  return e;
}

HubDownloadResult downloadHubModel(const HubDownloadOptions& o, const HubProgressFn& progress,
                                   const std::atomic<bool>* cancel) {
  if (!QCoreApplication::instance())
    fail(Kind::Io, "internal: downloadHubModel needs a QCoreApplication");
  if (!isValidModelId(o.modelId))
    fail(Kind::BadRequest, "'" + o.modelId + "' is not a model id (expected ORG/NAME, e.g. BAAI/bge-small-en-v1.5)");
  const std::string revision = o.revision.empty() ? std::string("main") : o.revision;
  if (q(revision).contains(QLatin1String("..")) || revision.size() > 256)
    fail(Kind::BadRequest, "'" + revision + "' is not a revision");
  std::string endpoint = o.endpoint.empty() ? hubEndpoint() : o.endpoint;
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  std::string token = o.token.empty() ? envOr("HF_TOKEN") : o.token;
  if (token.empty()) token = envOr("HUGGING_FACE_HUB_TOKEN");
  const std::string cacheDir = o.cacheDir.empty() ? hfHubCacheDir() : o.cacheDir;

  struct Wanted {
    std::string file;
    bool optional;
  };
  std::vector<Wanted> wanted;
  for (const std::string& f : o.files.empty() ? defaultHubFiles() : o.files) {
    const bool opt = !f.empty() && f[0] == '?';
    const std::string name = opt ? f.substr(1) : f;
    if (!safeRepoPath(name)) fail(Kind::BadRequest, "'" + name + "' is not a file path inside a repository");
    wanted.push_back({name, opt});
  }

  Http http(token, o.stallTimeoutMs, cancel);
  HubDownloadProgress p;
  auto report = [&] {
    if (progress) progress(p);
  };
  auto checkCancel = [&] {
    if (http.cancelRequested()) throw Cancelled{};
  };

  // 1. Resolve every file's metadata (HEAD), pinning the commit the first answer names.
  p.phase = "resolving";
  p.fileCount = static_cast<int>(wanted.size());
  QString commit;
  std::vector<FileMeta> metas;
  HubDownloadResult result;
  for (size_t i = 0; i < wanted.size(); ++i) {
    checkCancel();
    const Wanted& w = wanted[i];
    p.file = w.file;
    p.fileIndex = static_cast<int>(i);
    report();
    const QString rev = commit.isEmpty() ? q(revision) : commit;
    Reply r;
    for (int attempt = 0;; ++attempt) {
      r = http.fetch(resolveUrl(endpoint, o.modelId, rev, w.file), /*head=*/true, 0, {});
      if (r.cancelled) throw Cancelled{};
      if (!(retryable(r) && attempt < 2 && !(r.error == QNetworkReply::ConnectionRefusedError))) break;
    }
    if (r.networkFailure()) failNetwork(r, o.modelId + "/" + w.file);
    if (r.status == 404 && w.optional && r.header("x-error-code") != "RepoNotFound" &&
        r.header("x-error-code") != "RevisionNotFound" && !commit.isEmpty()) {
      result.absent.push_back(w.file);
      continue;
    }
    if (r.status == 404 && w.file == "model.safetensors") {
      const Reply pt = http.fetch(resolveUrl(endpoint, o.modelId, rev, "pytorch_model.bin"), true, 0, {});
      if (pt.status == 200 || (pt.status >= 300 && pt.status < 400))
        fail(Kind::NotFound, o.modelId + " has no model.safetensors, only pytorch_model.bin: the bert encoder reads "
                                          "safetensors; try a revision with a safetensors conversion (--revision refs/pr/N "
                                          "from the model's hub page) or convert it with transformers");
    }
    if (r.status < 200 || r.status >= 400) failStatus(r, o.modelId, w.file, !token.empty());
    FileMeta m;
    m.file = w.file;
    m.commit = QString::fromLatin1(r.header("x-repo-commit")).trimmed();
    const QByteArray linked = r.header("x-linked-etag");
    m.lfs = !linked.isEmpty();
    m.etag = cleanEtag(m.lfs ? linked : r.header("etag"));
    bool okSize = false;
    const QByteArray sizeHeader = m.lfs ? r.header("x-linked-size") : r.header("content-length");
    const qint64 sz = sizeHeader.trimmed().toLongLong(&okSize);
    m.size = okSize ? sz : -1;
    if (m.etag.isEmpty() || m.etag.contains(QLatin1Char('/')) || m.etag.contains(QLatin1String("..")))
      fail(Kind::Http, "the server sent no usable ETag for " + w.file + " (is HF_ENDPOINT a Hugging Face hub?)");
    if (commit.isEmpty()) {
      commit = m.commit;
      if (commit.isEmpty() && isHex(q(revision), 40)) commit = q(revision);
      if (commit.isEmpty() || !isHex(commit, 40))
        fail(Kind::Http, "the server did not name the commit (X-Repo-Commit) for " + o.modelId +
                             " (is HF_ENDPOINT a Hugging Face hub?)");
    } else if (!m.commit.isEmpty() && m.commit != commit) {
      fail(Kind::Http, o.modelId + " changed while downloading (commit " + m.commit.toStdString() + " after " +
                           commit.toStdString() + "); run again");
    }
    metas.push_back(m);
  }
  {
    bool tok = false;
    for (const FileMeta& m : metas) tok |= m.file == "vocab.txt" || m.file == "tokenizer.json";
    bool wantsTok = false;
    for (const Wanted& w : wanted) wantsTok |= w.file == "vocab.txt" || w.file == "tokenizer.json";
    if (wantsTok && !tok)
      fail(Kind::NotFound, o.modelId + " has neither vocab.txt nor tokenizer.json: it cannot be tokenized");
  }

  // 2. Folders and what is already there.
  const QString repoDir = QDir(q(cacheDir)).filePath(q(hfRepoFolderName(o.modelId)));
  const QString blobsDir = repoDir + QStringLiteral("/blobs");
  const QString snapDir = repoDir + QStringLiteral("/snapshots/") + commit;
  makeDir(blobsDir);
  result.commit = commit.toStdString();
  result.snapshotDir = QDir(snapDir).absolutePath().toStdString();

  p.totalTotal = 0;
  for (const FileMeta& m : metas) p.totalTotal += std::max<int64_t>(0, m.size);
  p.fileCount = static_cast<int>(metas.size());
  std::vector<bool> have(metas.size(), false);
  int64_t needBytes = 0;
  for (size_t i = 0; i < metas.size(); ++i) {
    const FileMeta& m = metas[i];
    const QFileInfo blob(blobsDir + QLatin1Char('/') + m.etag);
    if (blob.exists() && (m.size < 0 || blob.size() == m.size)) {
      have[i] = true;
      p.totalDone += std::max<int64_t>(0, m.size);
    } else {
      const QFileInfo part(blobsDir + QLatin1Char('/') + m.etag + QStringLiteral(".incomplete"));
      needBytes += std::max<int64_t>(0, m.size - (part.exists() ? part.size() : 0));
    }
  }
  {
    const QStorageInfo st(blobsDir);
    if (st.isValid() && st.bytesAvailable() >= 0 && st.bytesAvailable() < needBytes)
      fail(Kind::DiskFull, "disk full: " + o.modelId + " needs " + humanBytes(needBytes) + " more but " +
                               st.rootPath().toStdString() + " has " + humanBytes(st.bytesAvailable()) +
                               " free (the cache is " + cacheDir + "; set HF_HOME to use another disk)");
  }

  // 3. Fetch each missing blob into <etag>.incomplete, resume on cuts, verify, rename.
  for (size_t i = 0; i < metas.size(); ++i) {
    const FileMeta& m = metas[i];
    HubFileResult fr;
    fr.file = m.file;
    fr.etag = m.etag.toStdString();
    fr.size = m.size;
    fr.lfs = m.lfs;
    p.file = m.file;
    p.fileIndex = static_cast<int>(i);
    p.fileTotal = std::max<int64_t>(0, m.size);
    p.phase = "downloading";
    if (have[i]) {
      fr.reused = true;
      p.fileDone = p.fileTotal;
      report();
      result.files.push_back(fr);
      continue;
    }
    const QString blobPath = blobsDir + QLatin1Char('/') + m.etag;
    const QString partPath = blobPath + QStringLiteral(".incomplete");
    const int64_t totalBefore = p.totalDone;
    bool freshRetryDone = false;
    int attempts = 0;
    for (;;) {
      checkCancel();
      QFile part(partPath);
      if (!part.open(QIODevice::ReadWrite)) fail(Kind::Io, "cannot write " + partPath.toStdString() + ": " + part.errorString().toStdString());
      int64_t offset = part.size();
      if (m.size >= 0 && offset > m.size) {
        part.resize(0);
        offset = 0;
      }
      const bool resumedFromPartial = offset > 0;
      part.seek(offset);
      p.fileDone = offset;
      p.totalDone = totalBefore + offset;
      report();
      Reply r;
      if (m.size < 0 || offset < m.size) {
        if (offset > 0) ++fr.resumes;
        bool started = false;
        bool writeError = false;
        int writeErrno = 0;
        Sink sink = [&](int status, const QByteArray& chunk) {
          if (!started) {
            started = true;
            if (status == 200 && offset > 0) {  // the server ignored the Range: start over
              part.resize(0);
              part.seek(0);
              p.fileDone -= offset;
              p.totalDone -= offset;
              offset = 0;
            }
          }
          errno = 0;
          if (part.write(chunk) != chunk.size()) {
            writeError = true;
            writeErrno = errno;
            return false;
          }
          p.fileDone += chunk.size();
          p.totalDone += chunk.size();
          result.bytesFetched += chunk.size();
          report();
          return true;
        };
        r = http.fetch(resolveUrl(endpoint, o.modelId, commit, m.file), /*head=*/false, offset, sink);
        if (r.cancelled) {
          part.close();
          throw Cancelled{};
        }
        if (writeError) {
          part.close();
          if (writeFailureIsDiskFull(writeErrno, part))
            fail(Kind::DiskFull, "disk full: cannot write " + partPath.toStdString() + " (" + part.errorString().toStdString() +
                                     "); free some space or set HF_HOME to another disk, then run again to resume");
          fail(Kind::Io, "cannot write " + partPath.toStdString() + ": " + part.errorString().toStdString());
        }
        if (r.status == 206) {
          const QByteArray cr = r.header("content-range");  // bytes START-END/TOTAL
          static const QRegularExpression re(QStringLiteral("^bytes (\\d+)-"));
          const auto mm = re.match(QString::fromLatin1(cr));
          if (!mm.hasMatch() || mm.captured(1).toLongLong() != offset) {
            part.resize(0);
            part.close();
            if (++attempts > o.maxResumes) fail(Kind::Http, "the server answered a byte range wrongly for " + m.file);
            continue;
          }
        }
        part.close();
        if (r.networkFailure() || (r.status >= 500)) {
          if (retryable(r) && ++attempts <= o.maxResumes) continue;
          if (r.networkFailure()) failNetwork(r, o.modelId + "/" + m.file);
        }
        if (r.status == 416) {
          QFile::resize(partPath, 0);
          if (++attempts <= o.maxResumes) continue;
        }
        if (r.status < 200 || r.status >= 300) failStatus(r, o.modelId, m.file, !token.empty());
        // A body shorter than announced without an error: treat as a cut.
        if (m.size >= 0 && QFileInfo(partPath).size() < m.size) {
          if (++attempts <= o.maxResumes) continue;
          fail(Kind::Offline, "the connection kept breaking while fetching " + m.file + " (" +
                                  std::to_string(QFileInfo(partPath).size()) + " of " + std::to_string(m.size) + " bytes)");
        }
      } else {
        part.close();
      }
      // Verify before the blob gets its real name.
      p.phase = "verifying";
      report();
      const std::string problem = verifyFile(partPath, m);
      if (!problem.empty()) {
        QFile::remove(partPath);
        if (resumedFromPartial && !freshRetryDone) {  // the old partial may have been the bad part
          freshRetryDone = true;
          p.phase = "downloading";
          p.totalDone = totalBefore;
          continue;
        }
        fail(Kind::Checksum, o.modelId + "/" + m.file + " failed verification: " + problem +
                                 ". The download was corrupted (network, proxy or server) and has been deleted; run again");
      }
      QFile::remove(blobPath);
      if (!QFile::rename(partPath, blobPath))
        fail(Kind::Io, "cannot rename " + partPath.toStdString() + " to " + blobPath.toStdString());
      break;
    }
    p.fileDone = p.fileTotal;
    p.totalDone = totalBefore + p.fileTotal;
    result.files.push_back(fr);
  }

  // 4. All verified: link the snapshot, then point the ref at it.
  checkCancel();
  for (const FileMeta& m : metas) {
    const QString link = snapDir + QLatin1Char('/') + q(m.file);
    const QString blobPath = blobsDir + QLatin1Char('/') + m.etag;
    makeDir(QFileInfo(link).absolutePath());
    const QString target = QDir(QFileInfo(link).absolutePath()).relativeFilePath(blobPath);
    std::error_code ec;
    std::filesystem::remove(link.toStdString(), ec);
    std::filesystem::create_symlink(target.toStdString(), link.toStdString(), ec);
    if (ec && !QFile::copy(blobPath, link))  // file systems without symlinks
      fail(Kind::Io, "cannot link " + link.toStdString() + " -> " + target.toStdString() + ": " + ec.message());
  }
  if (q(revision) != commit) {
    const QString refPath = repoDir + QStringLiteral("/refs/") + q(revision);
    makeDir(QFileInfo(refPath).absolutePath());
    QSaveFile ref(refPath);
    if (!ref.open(QIODevice::WriteOnly) || ref.write(commit.toLatin1()) < 0 || !ref.commit())
      fail(Kind::Io, "cannot write " + refPath.toStdString());
  }
  p.phase = "done";
  p.file.clear();
  p.totalDone = p.totalTotal;
  report();
  return result;
}

}  // namespace il
