// The work item that trains the two-tower model on the JobRunner's thread. Like
// encodeWork it opens its own connection to the project (SQLite connections stay on
// one thread); each finished epoch reaches the GUI only through EpochSink's signal.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "job_runner.h"
#include "two_tower.h"
#include "two_tower_project.h"

namespace il {

// Lives on the GUI thread; emitted from the worker, so connect it queued.
class EpochSink : public QObject {
  Q_OBJECT
 signals:
  void epochFinished(int epoch, double trainLoss, double valRecall, double seconds);
};

// A sink whose last owner may be the worker thread: deleteLater sends the delete
// back to the sink's own thread.
std::shared_ptr<EpochSink> makeEpochSink();

struct RetrainRequest {
  QString projectPath;
  TrainRequest train;
  // Tests: runs on the worker after each epoch, after the sink heard of it.
  std::function<void(const TwoTowerEpoch&)> afterEpoch;
};

struct RetrainOutcome {
  bool stored = false;   // a model was trained and saved in the project
  int64_t modelId = 0;
  double seconds = 0;
  int epochsRun = 0;
  int bestEpoch = 0;
  double bestValRecall = 0;  // NaN without validation pairs
  QString error;         // what went wrong (empty when cancelled or fine)
};

// `out` is filled on the job thread; read it in the job's Done callback.
JobRunner::Work retrainWork(RetrainRequest request, std::shared_ptr<EpochSink> sink,
                            std::shared_ptr<RetrainOutcome> out);

}  // namespace il
