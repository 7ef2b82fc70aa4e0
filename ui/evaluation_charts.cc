#include "evaluation_charts.h"

#include <algorithm>
#include <map>
#include <qcustomplot.h>

namespace il {

namespace {

QCPTextElement* titleOf(QCustomPlot* plot) {
  return qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
}

void setTitle(QCustomPlot* plot, const QString& text) {
  if (QCPTextElement* t = titleOf(plot)) t->setText(text);
}

const MetricsAtK* at(const ModelResult& r, int k) {
  for (const MetricsAtK& m : r.atK)
    if (m.k == k) return &m;
  return nullptr;
}

}  // namespace

QColor modelColor(const std::string& model) {
  static const std::map<std::string, QColor> colors = {
      {"popularity", QColor(0x8c, 0x8c, 0x8c)}, {"itemknn", QColor(0x1f, 0x77, 0xb4)},
      {"mf", QColor(0xff, 0x7f, 0x0e)},         {"content", QColor(0x2c, 0xa0, 0x2c)},
      {"hybrid", QColor(0x94, 0x67, 0xbd)}};
  const auto it = colors.find(model);
  return it != colors.end() ? it->second : QColor(0x17, 0xbe, 0xcf);
}

QCustomPlot* makeEvaluationPlot(const QString& objectName, bool legendRight, QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->setObjectName(objectName);
  plot->setMinimumSize(320, 240);
  QFont bold = plot->font();
  bold.setBold(true);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), bold));
  plot->legend->setVisible(true);
  plot->legend->setBorderPen(Qt::NoPen);
  plot->legend->setBrush(Qt::NoBrush);
  if (legendRight) {
    // A column right of the axes: the legend on top, empty space under it.
    auto* side = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 1, side);
    side->addElement(0, 0, plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(plot));
    side->setRowStretchFactor(0, 0.01);
    plot->plotLayout()->setColumnStretchFactor(1, 0.01);
  } else {
    // A row under the title, the legend centred in it between two empty cells.
    plot->plotLayout()->insertRow(1);
    auto* row = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, row);
    row->addElement(0, 0, new QCPLayoutElement(plot));
    row->addElement(0, 1, plot->legend);
    row->addElement(0, 2, new QCPLayoutElement(plot));
    row->setColumnStretchFactor(1, 0.01);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->plotLayout()->setRowStretchFactor(1, 0.01);
  }
  plot->xAxis->grid()->setVisible(false);
  plot->yAxis->grid()->setPen(QPen(QColor(225, 225, 225), 0));
  return plot;
}

void clearEvaluationPlot(QCustomPlot* plot, const QString& title) {
  plot->clearPlottables();
  plot->clearItems();
  setTitle(plot, title);
  plot->replot();
}

void showMetricBars(QCustomPlot* plot, const EvalReport& report, int k) {
  plot->clearPlottables();
  plot->clearItems();
  setTitle(plot, QObject::tr("Recall@%1 and NDCG@%1 on test").arg(k));
  constexpr double kWidth = 0.36, kGap = 0.04;
  auto* group = new QCPBarsGroup(plot);
  group->setSpacingType(QCPBarsGroup::stPlotCoords);
  group->setSpacing(kGap);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double top = 0;
  const struct {
    QString name;
    QColor color;
    bool recall;
  } series[] = {{QObject::tr("Recall@%1").arg(k), QColor(0x4c, 0x72, 0xb0), true},
                {QObject::tr("NDCG@%1").arg(k), QColor(0xdd, 0x84, 0x52), false}};
  QFont small = plot->font();
  small.setPointSizeF(std::max(6.5, small.pointSizeF() - 1.5));
  for (size_t s = 0; s < 2; ++s) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(series[s].name);
    bars->setWidth(kWidth);
    bars->setPen(QPen(series[s].color.darker(130), 1));
    bars->setBrush(series[s].color);
    bars->setBarsGroup(group);
    for (size_t m = 0; m < report.results.size(); ++m) {
      const MetricsAtK* v = at(report.results[m], k);
      const double value = v ? (series[s].recall ? v->recall : v->ndcg) : 0;
      const double x = static_cast<double>(m + 1);
      bars->addData(x, value);
      top = std::max(top, value);
      // The group puts the two bars side by side around x.
      auto* label = new QCPItemText(plot);
      label->setFont(small);
      label->setText(QString::number(value, 'f', 3));
      label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
      label->position->setCoords(x + (s == 0 ? -1 : 1) * (kWidth + kGap) / 2, value);
      label->setPadding(QMargins(0, 0, 0, 2));
      label->setClipToAxisRect(false);
    }
  }
  for (size_t m = 0; m < report.results.size(); ++m)
    ticker->addTick(static_cast<double>(m + 1), QString::fromStdString(report.results[m].model));
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setSubTicks(false);
  plot->xAxis->setTickLength(0, 4);
  plot->xAxis->setRange(0.4, static_cast<double>(report.results.size()) + 0.6);
  plot->yAxis->setLabel(QObject::tr("on test (higher is better)"));
  plot->yAxis->setRange(0, std::max(0.05, top * 1.18));
  plot->replot();
}

void showKCurve(QCustomPlot* plot, const EvalReport& report) {
  plot->clearPlottables();
  plot->clearItems();
  setTitle(plot, QObject::tr("Recall@K (solid) and NDCG@K (dashed) against K"));
  std::vector<int> ks = report.ks;
  std::sort(ks.begin(), ks.end());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  double top = 0;
  for (const ModelResult& r : report.results) {
    const QColor color = modelColor(r.model);
    for (bool recall : {true, false}) {
      QCPGraph* g = plot->addGraph();
      g->setName(QString::fromStdString(r.model));
      QPen pen(color, 2);
      if (!recall) pen.setStyle(Qt::DashLine);
      g->setPen(pen);
      g->setScatterStyle(QCPScatterStyle(recall ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssCircle, color, 5));
      for (int k : ks)
        if (const MetricsAtK* m = at(r, k)) {
          const double v = recall ? m->recall : m->ndcg;
          g->addData(k, v);
          top = std::max(top, v);
        }
      if (!recall) g->removeFromLegend();  // one legend entry per model; the title tells the styles
    }
  }
  plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int k : ks) ticker->addTick(k, QString::number(k));
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setSubTicks(false);
  plot->xAxis->setLabel(QObject::tr("K (log scale)"));
  plot->yAxis->setLabel(QObject::tr("on test"));
  if (!ks.empty()) plot->xAxis->setRange(ks.front() / 1.25, ks.back() * 1.25);
  plot->yAxis->setRange(0, std::max(0.05, top * 1.1));
  plot->replot();
}

}  // namespace il
