#include "interest_timeline_plot.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <map>
#include <qcustomplot.h>

#include "export_util.h"
#include "interestlens_core.h"
#include "map_points.h"

namespace il {

namespace {

QCustomPlot* makePlot(const QString& name, QWidget* parent) {
  auto* p = new QCustomPlot(parent);
  p->setObjectName(name);
  p->setMinimumHeight(150);
  QFont f = p->font();
  f.setPointSizeF(std::max(7.0, f.pointSizeF() - 1));
  p->xAxis->setTickLabelFont(f);
  p->yAxis->setTickLabelFont(f);
  p->xAxis->setLabelFont(f);
  p->yAxis->setLabelFont(f);
  p->xAxis->grid()->setPen(QPen(QColor(230, 230, 230), 0));
  p->yAxis->grid()->setPen(QPen(QColor(230, 230, 230), 0));
  auto* title = new QCPTextElement(p, QString(), QFont(f.family(), static_cast<int>(f.pointSizeF()), QFont::Bold));
  p->plotLayout()->insertRow(0);
  p->plotLayout()->addElement(0, 0, title);
  return p;
}

void setTitle(QCustomPlot* p, const QString& text) {
  if (auto* t = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0))) t->setText(text);
}

}  // namespace

UserInterestPanel::UserInterestPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("userInterestPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("userPanelTitle"));
  layout->addWidget(title_);
  auto* row = new QHBoxLayout;
  texts_ = makePlot(QStringLiteral("userTextsPlot"), this);
  drift_ = makePlot(QStringLiteral("interestDriftPlot"), this);
  setTitle(texts_, tr("Texts over time"));
  setTitle(drift_, tr("Interest drift"));
  texts_->yAxis->setLabel(tr("cosine to long-term"));
  drift_->yAxis->setLabel(tr("share of texts"));
  row->addWidget(texts_, 1);
  row->addWidget(drift_, 1);
  layout->addLayout(row, 1);
  addPlotExportActions(texts_, QStringLiteral("user-texts-over-time"));
  addPlotExportActions(drift_, QStringLiteral("interest-drift"));
  clear();
}

void UserInterestPanel::clear() {
  title_->setText(tr("Choose a user (click a point) to see their interests over time."));
  texts_->clearGraphs();
  drift_->clearPlottables();
  shownTexts_ = 0;
  texts_->replot();
  drift_->replot();
}

void UserInterestPanel::showUser(const Recommender& engine, int32_t user) {
  if (user < 0 || user >= engine.corpus().userCount()) {
    clear();
    return;
  }
  showTexts(engine, user);
  showDrift(engine, user);
  const UserProfile* p = engine.profile(user);
  title_->setText(tr("<b>%1</b> — %2 texts on the map · profile from %3 %4 · ★ long-term and ▲ short-term interest marked on the map")
                      .arg(QString::fromStdString(engine.corpus().users[static_cast<size_t>(user)]).toHtmlEscaped())
                      .arg(shownTexts_)
                      .arg(p ? p->vectors : 0)
                      .arg(p && p->source == ProfileSource::Items ? tr("items") : tr("texts")));
}

void UserInterestPanel::showTexts(const Recommender& engine, int32_t user) {
  texts_->clearGraphs();
  shownTexts_ = 0;
  const Matrix* vectors = engine.data().textVectors;
  const UserProfile* profile = engine.profile(user);
  const GlobalClusters* clusters = engine.clusters();
  if (!vectors || !profile || profile->empty()) {
    texts_->replot();
    return;
  }
  const std::vector<int64_t> rows = engine.userTexts(user);
  bool timed = !rows.empty();
  for (int64_t t : rows) timed = timed && engine.corpus().texts[static_cast<size_t>(t)].time > 0;
  std::map<int32_t, QCPGraph*> graphs;
  double y0 = 1, y1 = -1, x0 = 0, x1 = 0;
  int position = 0;
  for (int64_t t : rows) {
    const float len = norm(vectors->row(t), vectors->cols);
    if (!(len > 0)) continue;
    const double cosine = dot(vectors->row(t), profile->longTerm.data(), vectors->cols) / len;
    const int32_t c = clusters ? clusters->textCluster[static_cast<size_t>(t)] : -1;
    QCPGraph*& g = graphs[c];
    if (!g) {
      g = texts_->addGraph();
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, clusterColor(c), 7));
    }
    const double x = timed ? static_cast<double>(engine.corpus().texts[static_cast<size_t>(t)].time) : ++position;
    g->addData(x, cosine);
    if (shownTexts_ == 0) x0 = x1 = x;
    x0 = std::min(x0, x), x1 = std::max(x1, x);
    y0 = std::min(y0, cosine), y1 = std::max(y1, cosine);
    ++shownTexts_;
  }
  if (timed) {
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("yyyy-MM"));
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setTickCount(4);
    texts_->xAxis->setTicker(ticker);
    texts_->xAxis->setLabel(tr("time"));
  } else {
    texts_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    texts_->xAxis->setLabel(tr("text (in order)"));
  }
  const double pad = std::max(1.0, 0.04 * (x1 - x0));
  texts_->xAxis->setRange(x0 - pad, x1 + pad);
  texts_->yAxis->setRange(std::min(0.0, y0 - 0.05), std::min(1.05, y1 + 0.05));
  texts_->replot();
}

void UserInterestPanel::showDrift(const Recommender& engine, int32_t user) {
  drift_->clearPlottables();
  const GlobalClusters* clusters = engine.clusters();
  if (!clusters) {
    drift_->replot();
    return;
  }
  const InterestTimeline timeline = userTimeline(engine.data(), *clusters, user);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (size_t b = 0; b < timeline.buckets.size(); ++b)
    ticker->addTick(static_cast<double>(b), QString::fromStdString(timeline.buckets[b].label));
  drift_->xAxis->setTicker(ticker);
  drift_->xAxis->setTickLabelRotation(timeline.buckets.size() > 6 ? 60 : 0);
  drift_->xAxis->setLabel(timeline.byMonth ? tr("month") : tr("texts, in order"));
  QCPBars* below = nullptr;
  for (int32_t c = 0; c < clusters->k(); ++c) {
    bool any = false;
    for (const auto& b : timeline.buckets) any = any || b.shares[static_cast<size_t>(c)] > 0;
    if (!any) continue;
    auto* bars = new QCPBars(drift_->xAxis, drift_->yAxis);
    bars->setName(QString::fromStdString(clusters->clusters[static_cast<size_t>(c)].label));
    bars->setBrush(clusterColor(c));
    bars->setPen(QPen(clusterColor(c).darker(130)));
    bars->setWidth(0.75);
    for (size_t b = 0; b < timeline.buckets.size(); ++b) bars->addData(static_cast<double>(b), timeline.buckets[b].shares[static_cast<size_t>(c)]);
    if (below) bars->moveAbove(below);
    below = bars;
  }
  drift_->xAxis->setRange(-0.6, std::max<double>(0.6, static_cast<double>(timeline.buckets.size()) - 0.4));
  drift_->yAxis->setRange(0, 1.02);
  drift_->replot();
}

}  // namespace il
