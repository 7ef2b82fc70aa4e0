// The interest map's scatter: one scatter-only graph per global cluster (adaptive
// sampling keeps 50k points smooth), a legend of cluster labels outside the axis rect,
// the chosen user's points and the selection drawn bigger on a top layer, markers for
// the user's long-/short-term interests, and lookups through a uniform grid: hover
// tooltips, click on a point, Shift/Ctrl-drag rubber band.
#pragma once

#include <QPoint>
#include <QStringList>
#include <QVector>
#include <functional>
#include <optional>
#include <qcustomplot.h>
#include <vector>

#include "point_grid.h"

namespace il {

class MapPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit MapPlot(QWidget* parent = nullptr);

  // One legend entry and colour per cluster label. Clears the points.
  void setClusters(const QStringList& labels);
  // Coordinates (x0, y0, ...) and cluster (-1: none) per point. `refit` rescales the
  // axes unless the user has zoomed or panned since the last reset.
  void setPoints(const std::vector<float>& xy, const std::vector<int32_t>& cluster, bool refit = true);
  void setAxisTitles(const QString& x, const QString& y);
  void resetView();  // fit the points again on the next setPoints
  void setHighlight(const std::vector<int64_t>& points);
  void setSelection(const std::vector<int64_t>& points);
  struct Marker {
    double x = 0, y = 0;
    QString tooltip;
  };
  void setMarkers(std::optional<Marker> longTerm, std::optional<Marker> shortTerm);
  // Text for a point's tooltip.
  void setDescriber(std::function<QString(int64_t)> describe) { describe_ = std::move(describe); }

  int64_t pointCount() const { return grid_.size(); }
  QPointF pointPosition(int64_t point) const;
  // Nearest point within `maxPixels` of a widget position; -1 if none.
  int64_t pointAt(const QPoint& pos, double maxPixels = 6) const;
  // Tooltip text at a widget position (points and markers), empty if nothing is there.
  QString tooltipAt(const QPoint& pos) const;
  QCPGraph* clusterGraph(int32_t cluster) const;  // -1: the "no cluster" graph (may be null)
  QCPGraph* highlightGraph() const { return highlight_; }
  QCPGraph* selectionGraph() const { return selection_; }
  QCPGraph* longTermGraph() const { return longTerm_; }
  QCPGraph* shortTermGraph() const { return shortTerm_; }

 signals:
  void pointClicked(qint64 point);
  void rectSelected(const QVector<qint64>& points);

 private:
  void onPress(QMouseEvent* e);
  void onRelease(QMouseEvent* e);
  void onMove(QMouseEvent* e);
  void showHover();
  void onRect(const QRect& rect);
  void fillGraph(QCPGraph* g, std::vector<std::pair<double, double>>& pts) const;
  QCPGraph* topGraph(const QString& name, const QCPScatterStyle& style);

  std::vector<QCPGraph*> clusters_;
  QCPGraph* unclustered_ = nullptr;
  QCPGraph *highlight_ = nullptr, *selection_ = nullptr, *longTerm_ = nullptr, *shortTerm_ = nullptr;
  std::optional<Marker> longMarker_, shortMarker_;
  std::vector<float> xy_;
  PointGrid grid_;
  std::function<QString(int64_t)> describe_;
  bool userMoved_ = false;
  QPoint pressPos_, hoverPos_;
  bool pressed_ = false;
  QTimer* hoverTimer_;
};

}  // namespace il
