#include "training_plot.h"

#include <algorithm>
#include <cmath>

namespace il {

namespace {
const QColor kLossColor(0x1f, 0x77, 0xb4);
const QColor kRecallColor(0xff, 0x7f, 0x0e);

void styleGraph(QCPGraph* g, const QColor& color, const QString& name) {
  g->setName(name);
  g->setPen(QPen(color, 2));
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 7));
}
}  // namespace

TrainingPlot::TrainingPlot(QWidget* parent) : QCustomPlot(parent) {
  setObjectName(QStringLiteral("trainingPlot"));
  setMinimumSize(420, 260);
  loss_ = addGraph(xAxis, yAxis);
  recall_ = addGraph(xAxis, yAxis2);
  styleGraph(loss_, kLossColor, tr("training loss"));
  styleGraph(recall_, kRecallColor, tr("validation Recall@20"));
  xAxis->setLabel(tr("epoch"));
  yAxis->setLabel(tr("training loss"));
  yAxis2->setLabel(tr("validation Recall@20"));
  yAxis2->setVisible(true);
  yAxis->setLabelColor(kLossColor);
  yAxis2->setLabelColor(kRecallColor);
  // Whole epochs only: a fractional tick would suggest a point between two epochs.
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(1);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  xAxis->setTicker(ticker);
  xAxis->grid()->setVisible(false);
  yAxis->grid()->setPen(QPen(QColor(225, 225, 225), 0));
  legend->setVisible(true);
  legend->setBrush(QColor(255, 255, 255, 220));
  legend->setBorderPen(QPen(QColor(200, 200, 200)));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);
  best_ = addGraph(xAxis, yAxis);
  best_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
  best_->removeFromLegend();
  reset(1);
}

void TrainingPlot::reset(int epochs) {
  epochs_ = std::max(1, epochs);
  loss_->data()->clear();
  recall_->data()->clear();
  best_->data()->clear();
  best_->removeFromLegend();
  bestEpoch_ = 0;
  fitAxes();
  replot();
}

void TrainingPlot::addEpoch(int epoch, double trainLoss, double valRecall) {
  loss_->addData(epoch, trainLoss);
  if (std::isfinite(valRecall)) recall_->addData(epoch, valRecall);
  fitAxes();
  replot(rpQueuedReplot);
}

void TrainingPlot::markBestEpoch(int epoch) {
  if (epoch <= 0) return;
  bestEpoch_ = epoch;
  best_->setName(tr("best epoch (%1), kept").arg(epoch));
  best_->addToLegend();
  fitAxes();
  replot();
}

void TrainingPlot::fitAxes() {
  xAxis->setRange(0.5, epochs_ + 0.5);
  // Each value axis from its own data, with room above for the legend.
  auto fit = [](QCPGraph* g, QCPAxis* axis, double fallbackUpper) {
    bool found = false;
    const QCPRange r = g->getValueRange(found);
    if (!found) {
      axis->setRange(0, fallbackUpper);
      return;
    }
    const double span = std::max(r.size(), std::abs(r.upper) * 0.1 + 1e-6);
    axis->setRange(std::max(0.0, r.lower - span * 0.15), r.upper + span * 0.6);
  };
  fit(loss_, yAxis, 1);
  fit(recall_, yAxis2, 1);
  // The best-epoch line spans the loss axis, so it is set after that axis.
  best_->data()->clear();
  if (bestEpoch_ > 0) {
    best_->addData(bestEpoch_, yAxis->range().lower);
    best_->addData(bestEpoch_, yAxis->range().upper);
  }
}

}  // namespace il
