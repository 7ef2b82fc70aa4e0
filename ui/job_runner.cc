#include "job_runner.h"

#include "job_thread.h"

namespace il {

JobRunner::JobRunner(QObject* parent) : QObject(parent), thread_(new JobThread(this)) {
  // Queued explicitly: these are emitted on the worker thread and must be handled here.
  connect(thread_, &JobThread::progressed, this, &JobRunner::progressed, Qt::QueuedConnection);
  connect(thread_, &JobThread::finished, this, &JobRunner::onFinished, Qt::QueuedConnection);
}

JobRunner::~JobRunner() {
  // Stop the thread first; done callbacks are not run for jobs cut short by shutdown.
  delete thread_;
  thread_ = nullptr;
}

int JobRunner::start(const QString& name, Work work, Done done) {
  const int id = nextId_++;
  pending_.insert(id, Pending{name, std::move(done)});
  currentId_ = id;
  currentName_ = name;
  thread_->submit(id, std::move(work));
  emit jobStarted(id, name);
  if (!busy_) {
    busy_ = true;
    emit busyChanged(true);
  }
  return id;
}

void JobRunner::cancel() { thread_->cancelAll(); }

void JobRunner::onFinished(int id, bool cancelled, const QString& error) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const Pending p = std::move(*it);
  pending_.erase(it);
  if (pending_.isEmpty()) {
    currentId_ = 0;
    currentName_.clear();
  }
  const JobOutcome outcome{id, p.name, cancelled, error};
  if (p.done) p.done(outcome);
  emit jobFinished(id, p.name, cancelled, error);
  if (pending_.isEmpty() && busy_) {
    busy_ = false;
    emit busyChanged(false);
  }
}

}  // namespace il
