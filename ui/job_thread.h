// The worker thread behind JobRunner: one job at a time, a slot for the next one,
// and a pointer to the running job's JobControl so cancel() can reach it.
#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <memory>
#include <optional>

#include "job_runner.h"

namespace il {

class JobThread : public QThread {
  Q_OBJECT
 public:
  explicit JobThread(QObject* parent = nullptr);
  ~JobThread() override;

  // Replaces any queued job and cancels the running one.
  void submit(int id, JobRunner::Work work);
  void cancelAll();

 signals:
  // Emitted from the worker thread; JobRunner connects with Qt::QueuedConnection.
  void progressed(int id, qint64 done, qint64 total, const QString& phase);
  void finished(int id, bool cancelled, const QString& error);

 protected:
  void run() override;

 private:
  struct Job {
    int id = 0;
    JobRunner::Work work;
    std::shared_ptr<JobControl> control;
  };
  std::shared_ptr<JobControl> makeControl(int id);

  QMutex mutex_;
  QWaitCondition wake_;
  std::optional<Job> next_;
  std::shared_ptr<JobControl> running_;
  bool abort_ = false;
};

}  // namespace il
