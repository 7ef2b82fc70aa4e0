#include "retrain_job.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>

#include "interestlens_core.h"

namespace il {

std::shared_ptr<EpochSink> makeEpochSink() {
  return std::shared_ptr<EpochSink>(new EpochSink, [](EpochSink* s) { s->deleteLater(); });
}

JobRunner::Work retrainWork(RetrainRequest request, std::shared_ptr<EpochSink> sink,
                            std::shared_ptr<RetrainOutcome> out) {
  return [request = std::move(request), sink, out](JobControl& job) {
    try {
      // Our own connection, on this thread: the window's stays on the GUI thread.
      auto project = Project::open(request.projectPath.toStdString(), Project::Mode::OpenExisting);
      const TrainResult r = trainTwoTowerOnProject(*project, request.train, &job, [&](const TwoTowerEpoch& e) {
        emit sink->epochFinished(e.epoch, e.trainLoss, e.valRecall, e.seconds);
        if (request.afterEpoch) request.afterEpoch(e);
      });
      out->stored = true;
      out->modelId = r.model.id;
      out->seconds = r.seconds;
      // The best epoch and its recall are in the stored metrics, as the CLI prints them.
      const QJsonObject m = QJsonDocument::fromJson(QByteArray::fromStdString(r.model.metricsJson)).object();
      out->bestEpoch = m.value(QLatin1String("best_epoch")).toInt();
      out->epochsRun = m.value(QLatin1String("epochs_run")).toInt();
      out->bestValRecall = m.value(QLatin1String("val_recall20")).toDouble(std::numeric_limits<double>::quiet_NaN());
    } catch (const Cancelled&) {
      throw;  // JobThread marks the job cancelled; nothing was stored
    } catch (const std::exception& e) {
      out->error = QString::fromUtf8(e.what());
    }
  };
}

}  // namespace il
