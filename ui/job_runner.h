// Runs long engine jobs (import now; encode, cluster, train later) on one worker
// thread, in the spirit of Qt's Mandelbrot example: the thread sleeps until work
// arrives, starting a new job cancels the running one, and everything the GUI
// hears arrives through queued signals, so the event loop never waits on a job.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

#include "job.h"

namespace il {

class JobThread;

struct JobOutcome {
  int id = 0;
  QString name;
  bool cancelled = false;  // the job saw cancel() (or never ran because of it)
  QString error;           // an exception escaped the work item
};

class JobRunner : public QObject {
  Q_OBJECT
 public:
  // Runs on the worker thread. Report progress and poll cancelled() through the control.
  using Work = std::function<void(JobControl&)>;
  // Runs on the runner's (GUI) thread once the job is over, whatever happened.
  using Done = std::function<void(const JobOutcome&)>;

  explicit JobRunner(QObject* parent = nullptr);
  ~JobRunner() override;  // cancels the running job and waits for it to stop

  // Queues `work`; a job still running is cancelled first. Returns the job's id.
  int start(const QString& name, Work work, Done done = {});
  void cancel();  // the running (and any queued) job

  bool isBusy() const { return busy_; }
  int currentId() const { return currentId_; }
  QString currentName() const { return currentName_; }

 signals:
  void jobStarted(int id, const QString& name);
  void progressed(int id, qint64 done, qint64 total, const QString& phase);
  void jobFinished(int id, const QString& name, bool cancelled, const QString& error);
  void busyChanged(bool busy);

 private:
  void onFinished(int id, bool cancelled, const QString& error);

  JobThread* thread_;
  int nextId_ = 1;
  int currentId_ = 0;
  QString currentName_;
  bool busy_ = false;
  struct Pending {
    QString name;
    Done done;
  };
  QHash<int, Pending> pending_;  // started, not yet finished
};

}  // namespace il
