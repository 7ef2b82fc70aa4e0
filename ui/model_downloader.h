// Runs one hub download (il::downloadHubModel) on its own thread, the way Qt's Mandelbrot
// example runs its renderer: start() while a download runs is refused, cancel() asks it to
// stop at the next chunk (the partial file is kept for a resume), and everything the GUI hears
// arrives through queued signals. Progress is thinned to ~20 updates a second.
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "models_catalog/hub_download.h"

class QThread;

namespace il {

class ModelDownloader : public QObject {
  Q_OBJECT
 public:
  explicit ModelDownloader(QObject* parent = nullptr);
  ~ModelDownloader() override;  // cancels a running download and waits for its thread

  // False (and nothing started) while another download runs.
  bool start(const HubDownloadOptions& options);
  void cancel();
  bool isRunning() const { return running_; }

  struct Progress {
    QString file, phase;
    int fileIndex = 0, fileCount = 0;
    qint64 fileDone = 0, fileTotal = 0, totalDone = 0, totalTotal = 0;
  };

 signals:
  void progressed(const il::ModelDownloader::Progress& progress);
  // ok: snapshotDir is the model folder. Else `message` says why; `kind` is
  // HubDownloadError::Kind as int, or -1 when cancelled.
  void finished(bool ok, const QString& modelId, const QString& snapshotDir, const QString& message, int kind);

 private:
  QThread* thread_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool running_ = false;
};

}  // namespace il

Q_DECLARE_METATYPE(il::ModelDownloader::Progress)
