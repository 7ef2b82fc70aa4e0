#include "job_thread.h"

#include <QElapsedTimer>
#include <exception>

namespace il {

namespace {
// Engines report every few thousand rows; more than ~20 updates a second would only
// flood the GUI's event queue.
constexpr qint64 kProgressIntervalMs = 50;
}  // namespace

JobThread::JobThread(QObject* parent) : QThread(parent) {}

JobThread::~JobThread() {
  {
    QMutexLocker lock(&mutex_);
    abort_ = true;
    if (running_) running_->cancel();
    if (next_) next_->control->cancel();
    wake_.wakeOne();
  }
  wait();
}

std::shared_ptr<JobControl> JobThread::makeControl(int id) {
  // The listener runs on this worker thread only, so the throttle needs no lock.
  auto clock = std::make_shared<QElapsedTimer>();
  return std::make_shared<JobControl>([this, id, clock](const Progress& p) {
    if (clock->isValid() && clock->elapsed() < kProgressIntervalMs && p.done < p.total) return;
    clock->start();
    emit progressed(id, p.done, p.total, QString::fromStdString(p.phase));
  });
}

void JobThread::submit(int id, JobRunner::Work work) {
  QMutexLocker lock(&mutex_);
  if (running_) running_->cancel();
  if (next_) {
    // The superseded job never runs; its owner still hears that it ended.
    const int dropped = next_->id;
    emit finished(dropped, true, QString());
  }
  next_ = Job{id, std::move(work), makeControl(id)};
  if (!isRunning()) start();
  wake_.wakeOne();
}

void JobThread::cancelAll() {
  QMutexLocker lock(&mutex_);
  if (running_) running_->cancel();
  if (next_) next_->control->cancel();
}

void JobThread::run() {
  for (;;) {
    Job job;
    {
      QMutexLocker lock(&mutex_);
      while (!next_ && !abort_) wake_.wait(&mutex_);
      if (abort_) return;
      job = std::move(*next_);
      next_.reset();
      running_ = job.control;
    }
    QString error;
    if (!job.control->cancelled()) {
      try {
        job.work(*job.control);
      } catch (const Cancelled&) {
        job.control->cancel();
      } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
      } catch (...) {
        error = QStringLiteral("unknown error");
      }
    }
    const bool cancelled = job.control->cancelled();
    {
      QMutexLocker lock(&mutex_);
      running_.reset();
    }
    // Drop the work item (and what it captured) here, before the GUI hears the end.
    job.work = nullptr;
    emit finished(job.id, cancelled, error);
  }
}

}  // namespace il
