#include "map_plot.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "map_points.h"

namespace il {

namespace {

// A pre-drawn antialiased disc: blitting it is several times faster than QPainter's
// ellipse path per point, and looks smoother than the non-antialiased shape.
QCPScatterStyle discStyle(const QColor& color, int diameter) {
  QPixmap pm(diameter, diameter);
  pm.fill(Qt::transparent);
  QPainter painter(&pm);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QPen(color.darker(115), 0.8));
  painter.setBrush(color);
  painter.drawEllipse(QRectF(0.5, 0.5, diameter - 1.0, diameter - 1.0));
  painter.end();
  QCPScatterStyle style(pm);
  style.setSize(diameter);
  return style;
}

}  // namespace

MapPlot::MapPlot(QWidget* parent) : QCustomPlot(parent), hoverTimer_(new QTimer(this)) {
  setObjectName(QStringLiteral("interestMapPlot"));
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  setNoAntialiasingOnDrag(true);
  setMouseTracking(true);
  xAxis->setTicks(true);
  yAxis->setTicks(true);
  xAxis->setTickLabels(false);  // projection coordinates mean nothing in themselves
  yAxis->setTickLabels(false);
  xAxis->grid()->setPen(QPen(QColor(230, 230, 230), 0));
  yAxis->grid()->setPen(QPen(QColor(230, 230, 230), 0));

  addLayer(QStringLiteral("highlight"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
  addLayer(QStringLiteral("markers"), layer(QStringLiteral("highlight")), QCustomPlot::limAbove);

  // The legend lives right of the axis rect, so it never hides points.
  legend->setVisible(true);
  legend->setBorderPen(Qt::NoPen);
  legend->setIconSize(10, 10);
  legend->setRowSpacing(-2);
  QFont lf = font();
  lf.setPointSizeF(std::max(7.0, lf.pointSizeF() - 1));
  legend->setFont(lf);
  auto* side = new QCPLayoutGrid;
  plotLayout()->addElement(0, 1, side);
  side->addElement(0, 0, legend);
  side->addElement(1, 0, new QCPLayoutElement(this));  // pushes the legend to the top
  side->setRowStretchFactor(0, 0.001);
  plotLayout()->setColumnStretchFactor(1, 0.001);

  hoverTimer_->setSingleShot(true);
  hoverTimer_->setInterval(40);  // throttles lookups while the mouse moves
  connect(hoverTimer_, &QTimer::timeout, this, &MapPlot::showHover);
  connect(this, &QCustomPlot::mousePress, this, &MapPlot::onPress);
  connect(this, &QCustomPlot::mouseRelease, this, &MapPlot::onRelease);
  connect(this, &QCustomPlot::mouseMove, this, &MapPlot::onMove);
  connect(this, &QCustomPlot::mouseWheel, this, [this] { userMoved_ = true; });
  connect(selectionRect(), &QCPSelectionRect::accepted, this, [this](const QRect& r, QMouseEvent*) { onRect(r); });

  highlight_ = topGraph(QStringLiteral("userHighlight"), QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(20, 20, 20), 1.6), QBrush(QColor(255, 255, 255, 70)), 10));
  selection_ = topGraph(QStringLiteral("selection"), QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 140), 1.4), Qt::NoBrush, 8));
  longTerm_ = topGraph(QStringLiteral("longTermMarker"), QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::black, 2.2), QBrush(QColor(255, 215, 0)), 20));
  shortTerm_ = topGraph(QStringLiteral("shortTermMarker"), QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(Qt::black, 2), QBrush(QColor(0, 200, 255)), 15));
  longTerm_->setLayer(QStringLiteral("markers"));
  shortTerm_->setLayer(QStringLiteral("markers"));
}

QCPGraph* MapPlot::topGraph(const QString& name, const QCPScatterStyle& style) {
  QCPGraph* g = addGraph();
  g->setObjectName(name);
  g->setName(name);
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(style);
  g->setAdaptiveSampling(false);  // few points, each must show
  g->setLayer(QStringLiteral("highlight"));
  g->removeFromLegend();
  g->setSelectable(QCP::stNone);
  return g;
}

void MapPlot::setClusters(const QStringList& labels) {
  for (QCPGraph* g : clusters_) removeGraph(g);
  if (unclustered_) removeGraph(unclustered_);
  clusters_.clear();
  unclustered_ = nullptr;
  for (int c = 0; c < labels.size(); ++c) {
    QCPGraph* g = addGraph();
    g->setName(labels[c]);
    g->setLineStyle(QCPGraph::lsNone);
    const QColor color = clusterColor(c);
    g->setScatterStyle(discStyle(color, 6));
    g->setPen(QPen(color));
    g->setSelectable(QCP::stNone);
    clusters_.push_back(g);
  }
  xy_.clear();
  grid_.clear();
  setHighlight({});
  setSelection({});
  setMarkers(std::nullopt, std::nullopt);
}

QCPGraph* MapPlot::clusterGraph(int32_t cluster) const {
  if (cluster < 0) return unclustered_;
  return cluster < static_cast<int32_t>(clusters_.size()) ? clusters_[static_cast<size_t>(cluster)] : nullptr;
}

void MapPlot::fillGraph(QCPGraph* g, std::vector<std::pair<double, double>>& pts) const {
  std::sort(pts.begin(), pts.end());  // QCPGraph wants keys ascending; sorting here saves it a copy
  QVector<double> keys(static_cast<qsizetype>(pts.size())), values(static_cast<qsizetype>(pts.size()));
  for (size_t i = 0; i < pts.size(); ++i) keys[static_cast<qsizetype>(i)] = pts[i].first, values[static_cast<qsizetype>(i)] = pts[i].second;
  g->setData(keys, values, true);
}

void MapPlot::setPoints(const std::vector<float>& xy, const std::vector<int32_t>& cluster, bool refit) {
  xy_ = xy;
  const int64_t n = static_cast<int64_t>(xy.size() / 2);
  std::vector<std::vector<std::pair<double, double>>> byCluster(clusters_.size() + 1);
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = cluster[static_cast<size_t>(i)];
    const size_t slot = c >= 0 && c < static_cast<int32_t>(clusters_.size()) ? static_cast<size_t>(c) : clusters_.size();
    byCluster[slot].emplace_back(xy[static_cast<size_t>(2 * i)], xy[static_cast<size_t>(2 * i + 1)]);
  }
  for (size_t c = 0; c < clusters_.size(); ++c) fillGraph(clusters_[c], byCluster[c]);
  if (!byCluster.back().empty() && !unclustered_) {
    unclustered_ = addGraph();
    unclustered_->setName(tr("not clustered"));
    unclustered_->setLineStyle(QCPGraph::lsNone);
    unclustered_->setScatterStyle(discStyle(unclusteredColor(), 6));
    unclustered_->setSelectable(QCP::stNone);
  }
  if (unclustered_) fillGraph(unclustered_, byCluster.back());
  grid_.build(xy_);
  if (refit && !userMoved_ && n > 0) {
    double x0 = xy[0], x1 = xy[0], y0 = xy[1], y1 = xy[1];
    for (int64_t i = 1; i < n; ++i) {
      x0 = std::min<double>(x0, xy[static_cast<size_t>(2 * i)]), x1 = std::max<double>(x1, xy[static_cast<size_t>(2 * i)]);
      y0 = std::min<double>(y0, xy[static_cast<size_t>(2 * i + 1)]), y1 = std::max<double>(y1, xy[static_cast<size_t>(2 * i + 1)]);
    }
    const double px = std::max(1e-9, 0.04 * (x1 - x0)), py = std::max(1e-9, 0.04 * (y1 - y0));
    xAxis->setRange(x0 - px, x1 + px);
    yAxis->setRange(y0 - py, y1 + py);
  }
}

void MapPlot::setAxisTitles(const QString& x, const QString& y) {
  xAxis->setLabel(x);
  yAxis->setLabel(y);
}

void MapPlot::resetView() { userMoved_ = false; }

QPointF MapPlot::pointPosition(int64_t point) const {
  return {xy_[static_cast<size_t>(2 * point)], xy_[static_cast<size_t>(2 * point + 1)]};
}

void MapPlot::setHighlight(const std::vector<int64_t>& points) {
  QVector<double> k, v;
  for (int64_t p : points)
    if (2 * p + 1 < static_cast<int64_t>(xy_.size())) k.push_back(xy_[static_cast<size_t>(2 * p)]), v.push_back(xy_[static_cast<size_t>(2 * p + 1)]);
  highlight_->setData(k, v);
}

void MapPlot::setSelection(const std::vector<int64_t>& points) {
  QVector<double> k, v;
  for (int64_t p : points)
    if (2 * p + 1 < static_cast<int64_t>(xy_.size())) k.push_back(xy_[static_cast<size_t>(2 * p)]), v.push_back(xy_[static_cast<size_t>(2 * p + 1)]);
  selection_->setData(k, v);
}

void MapPlot::setMarkers(std::optional<Marker> longTerm, std::optional<Marker> shortTerm) {
  longMarker_ = std::move(longTerm), shortMarker_ = std::move(shortTerm);
  longTerm_->data()->clear();
  shortTerm_->data()->clear();
  if (longMarker_) longTerm_->addData(longMarker_->x, longMarker_->y);
  if (shortMarker_) shortTerm_->addData(shortMarker_->x, shortMarker_->y);
}

int64_t MapPlot::pointAt(const QPoint& pos, double maxPixels) const {
  if (!axisRect()->rect().contains(pos)) return -1;
  const double x = xAxis->pixelToCoord(pos.x()), y = yAxis->pixelToCoord(pos.y());
  const double sx = std::abs(xAxis->pixelToCoord(pos.x() + 1) - x), sy = std::abs(yAxis->pixelToCoord(pos.y() + 1) - y);
  return grid_.nearest(x, y, sx, sy, maxPixels);
}

QString MapPlot::tooltipAt(const QPoint& pos) const {
  for (const auto* m : {&longMarker_, &shortMarker_}) {
    if (!*m) continue;
    const double dx = xAxis->coordToPixel((*m)->x) - pos.x(), dy = yAxis->coordToPixel((*m)->y) - pos.y();
    if (dx * dx + dy * dy <= 100) return (*m)->tooltip;
  }
  const int64_t p = pointAt(pos);
  return p >= 0 && describe_ ? describe_(p) : QString();
}

void MapPlot::onPress(QMouseEvent* e) {
  pressPos_ = e->pos();
  pressed_ = true;
  QToolTip::hideText();
  // Shift/Ctrl-drag draws a rubber band; a plain drag pans.
  const bool band = e->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
  setSelectionRectMode(band ? QCP::srmCustom : QCP::srmNone);
}

void MapPlot::onRelease(QMouseEvent* e) {
  if (!pressed_) return;
  pressed_ = false;
  if (e->button() != Qt::LeftButton) return;
  if ((e->pos() - pressPos_).manhattanLength() > 3) {
    if (selectionRectMode() == QCP::srmNone) userMoved_ = true;  // panned: keep the user's view
    return;
  }
  const int64_t p = pointAt(e->pos());
  if (p >= 0) emit pointClicked(p);
}

void MapPlot::onMove(QMouseEvent* e) {
  hoverPos_ = e->pos();
  if (e->buttons() == Qt::NoButton && !hoverTimer_->isActive()) hoverTimer_->start();
}

void MapPlot::showHover() {
  const QString text = tooltipAt(hoverPos_);
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(mapToGlobal(hoverPos_), text, this);
}

void MapPlot::onRect(const QRect& r) {
  const double x0 = xAxis->pixelToCoord(r.left()), x1 = xAxis->pixelToCoord(r.right());
  const double y0 = yAxis->pixelToCoord(r.top()), y1 = yAxis->pixelToCoord(r.bottom());
  QVector<qint64> out;
  for (int64_t p : grid_.inside(x0, x1, y0, y1)) out.push_back(p);
  emit rectSelected(out);
}

}  // namespace il
