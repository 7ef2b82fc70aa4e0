#include "model_downloader.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <chrono>

#include "job.h"

namespace il {

ModelDownloader::ModelDownloader(QObject* parent) : QObject(parent) {
  qRegisterMetaType<Progress>();
}

ModelDownloader::~ModelDownloader() {
  if (thread_) {
    cancel();
    thread_->wait();
    delete thread_;
  }
}

void ModelDownloader::cancel() {
  if (cancel_) cancel_->store(true);
}

bool ModelDownloader::start(const HubDownloadOptions& options) {
  if (running_) return false;
  if (thread_) {  // the previous one has finished; reap it
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
  }
  running_ = true;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  cancel_ = cancel;
  QPointer<ModelDownloader> self(this);
  const QString id = QString::fromStdString(options.modelId);
  // The worker only touches copies and `cancel`; results go back through queued calls, which Qt
  // drops if this object is gone (the destructor waits for the thread anyway).
  thread_ = QThread::create([self, options, cancel, id]() {
    auto lastEmit = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    int lastFile = -1;
    std::string lastPhase;
    auto report = [&](const HubDownloadProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      const bool milestone = p.fileIndex != lastFile || p.phase != lastPhase || p.fileDone == p.fileTotal;
      if (!milestone && now - lastEmit < std::chrono::milliseconds(50)) return;
      lastEmit = now;
      lastFile = p.fileIndex;
      lastPhase = p.phase;
      Progress q{QString::fromStdString(p.file), QString::fromStdString(p.phase), p.fileIndex, p.fileCount,
                 p.fileDone, p.fileTotal, p.totalDone, p.totalTotal};
      QMetaObject::invokeMethod(self, [self, q]() { if (self) emit self->progressed(q); }, Qt::QueuedConnection);
    };
    bool ok = false;
    QString dir, message;
    int kind = -1;
    try {
      dir = QString::fromStdString(downloadHubModel(options, report, cancel.get()).snapshotDir);
      ok = true;
    } catch (const Cancelled&) {
      message = QObject::tr("Cancelled. Nothing was marked complete; downloading again resumes where it stopped.");
    } catch (const HubDownloadError& e) {
      message = QString::fromStdString(e.what());
      kind = static_cast<int>(e.kind());
    } catch (const std::exception& e) {
      message = QString::fromStdString(e.what());
      kind = static_cast<int>(HubDownloadError::Kind::Io);
    }
    QMetaObject::invokeMethod(self, [self, ok, id, dir, message, kind]() {
      if (!self) return;
      self->running_ = false;
      emit self->finished(ok, id, dir, message, kind);
    }, Qt::QueuedConnection);
  });
  thread_->setObjectName(QStringLiteral("model-download"));
  thread_->start();
  return true;
}

}  // namespace il
