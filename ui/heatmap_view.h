// The Heatmap tab: cosine similarity of users (or the chosen user's interests) with
// items, as a colour map around the chosen user (see recommend/similarity_block.h).
// Rows and columns are ordered so groups show as blocks; the chosen user's row is
// framed; hovering tells the exact value; clicking a cell selects that user and item
// and explains the item for the user. A notice says when the block was sampled.
#pragma once

#include <QPoint>
#include <QString>
#include <QWidget>

#include "interestlens_core.h"

class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSpinBox;

namespace il {

class EngineSession;

class HeatmapView : public QWidget {
  Q_OBJECT
 public:
  explicit HeatmapView(EngineSession* session, QWidget* parent = nullptr);

  const SimilarityBlock& block() const { return block_; }
  SimilarityBlockOptions options() const;  // what the controls ask for
  QCustomPlot* plot() const { return plot_; }
  QCPColorMap* colorMap() const { return map_; }
  // Centre of cell (row, col) in plot widget coordinates (after a replot).
  QPoint cellCenter(int row, int col) const;
  // The cell under `pos` (plot coordinates); false outside the map.
  bool cellAt(const QPoint& pos, int* row, int* col) const;
  QString hoverText() const { return hoverText_; }  // the last tooltip shown

 public slots:
  void refresh();  // recomputes the block for the current user

 private:
  void onUserChanged(int32_t user);
  // An item chosen in another view: mark its cell in the user's row, if shown.
  void onItemChanged(int32_t item);
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  void selectCell(int row, int col);
  void showBlock();
  void clearMap(const QString& message);
  QString rowLabel(int row) const;
  QString cellText(int row, int col) const;

  EngineSession* session_;
  QComboBox* mode_;
  QSpinBox* neighbours_;
  QLabel* caption_;
  QLabel* notice_;
  QCustomPlot* plot_;
  QCPColorMap* map_;
  QCPColorScale* scale_;
  QCPItemRect* focusOuter_;
  QCPItemRect* focusInner_;
  QCPItemRect* selected_;  // the clicked cell
  QLabel* explanation_;
  SimilarityBlock block_;
  int32_t blockUser_ = -1;  // the user the block was chosen around
  QString hoverText_;
  bool selecting_ = false;  // our own click changes the user: keep the block
};

}  // namespace il
