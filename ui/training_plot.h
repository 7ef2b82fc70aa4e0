// The Retrain dialog's live chart: training loss per epoch on the left axis and
// validation Recall@20 on the right, one point appended per finished epoch.
#pragma once

#include <qcustomplot.h>

namespace il {

class TrainingPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit TrainingPlot(QWidget* parent = nullptr);

  // Empties both curves; the x axis spans 1..epochs.
  void reset(int epochs);
  // NaN recall (nothing to validate on) adds only the loss point.
  void addEpoch(int epoch, double trainLoss, double valRecall);
  // A dashed line at the epoch whose parameters were kept, named in the legend.
  void markBestEpoch(int epoch);

  QCPGraph* lossGraph() const { return loss_; }
  QCPGraph* recallGraph() const { return recall_; }
  QCPGraph* bestEpochGraph() const { return best_; }

 private:
  void fitAxes();

  QCPGraph* loss_;
  QCPGraph* recall_;
  QCPGraph* best_;  // two points at one x: a vertical line that has a legend entry
  int bestEpoch_ = 0;
  int epochs_ = 1;
};

}  // namespace il
