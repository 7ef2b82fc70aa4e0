#include "heatmap_view.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "engine_session.h"
#include "export_util.h"

namespace il {

namespace {

constexpr int kLabelPixels = 150;  // elide tick labels beyond this width

// Viridis: perceptually even and readable for colour-blind people; used when no
// value is clearly negative (the usual case for text embeddings).
QCPColorGradient sequentialGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
  g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
  g.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
  g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
  g.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(215, 215, 215));
  return g;
}

// Blue - white - red around 0, for blocks with real negative cosines.
QCPColorGradient divergingGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(0x21, 0x66, 0xac));
  g.setColorStopAt(0.25, QColor(0x67, 0xa9, 0xcf));
  g.setColorStopAt(0.5, QColor(0xf7, 0xf7, 0xf7));
  g.setColorStopAt(0.75, QColor(0xef, 0x8a, 0x62));
  g.setColorStopAt(1.0, QColor(0xb2, 0x18, 0x2b));
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(215, 215, 215));
  return g;
}

// QCPColorMap spreads `size` cells over [lower, upper] by their centres; one cell has
// no extent, so it is stored twice, each half a unit wide.
struct Span {
  int size;
  double lower, upper;
};
Span spanFor(int n) { return n == 1 ? Span{2, -0.25, 0.25} : Span{n, 0.0, static_cast<double>(n - 1)}; }

}  // namespace

HeatmapView::HeatmapView(EngineSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Rows:"), this));
  mode_ = new QComboBox(this);
  mode_->setObjectName(QStringLiteral("heatmapMode"));
  mode_->addItem(tr("Users × items"), static_cast<int>(BlockRows::Users));
  mode_->addItem(tr("This user's interests × items"), static_cast<int>(BlockRows::Interests));
  mode_->setToolTip(tr("Rows are the chosen user and their nearest users (by long-term profile), "
                       "or the chosen user's separate interests"));
  controls->addWidget(mode_);
  controls->addWidget(new QLabel(tr("Neighbours:"), this));
  neighbours_ = new QSpinBox(this);
  neighbours_->setObjectName(QStringLiteral("heatmapNeighbours"));
  neighbours_->setRange(1, 1000);
  neighbours_->setValue(SimilarityBlockOptions{}.neighbours);
  neighbours_->setToolTip(tr("Users shown besides the chosen one, nearest first (Users × items). "
                             "Over %1 rows the block is sampled.").arg(SimilarityBlockOptions{}.maxRows));
  controls->addWidget(neighbours_);
  caption_ = new QLabel(this);
  caption_->setObjectName(QStringLiteral("heatmapCaption"));
  controls->addWidget(caption_, 1);
  layout->addLayout(controls);

  notice_ = new QLabel(this);
  notice_->setObjectName(QStringLiteral("sampledNotice"));
  notice_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 3px; }"));
  notice_->setVisible(false);
  layout->addWidget(notice_);

  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("heatmapPlot"));
  plot_->setMinimumHeight(260);
  plot_->setMouseTracking(true);
  plot_->axisRect()->setupFullAxesBox(false);
  for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
    a->grid()->setVisible(false);
    a->setSubTicks(false);
    a->setTickLength(0, 3);
  }
  plot_->xAxis->setTickLabelRotation(50);
  plot_->yAxis->setRangeReversed(true);  // row 0 at the top, as in a table
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = new QCPColorScale(plot_);
  scale_->setType(QCPAxis::atRight);
  scale_->axis()->setLabel(tr("cosine similarity"));
  scale_->setBarWidth(14);
  plot_->plotLayout()->addElement(0, 1, scale_);
  map_->setColorScale(scale_);
  // Colour bar as tall as the map.
  auto* group = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, group);
  // The chosen user's row: a dark frame with a light inner line shows on any colour.
  focusOuter_ = new QCPItemRect(plot_);
  focusOuter_->setPen(QPen(QColor(20, 20, 20), 3));
  focusOuter_->setBrush(Qt::NoBrush);
  focusInner_ = new QCPItemRect(plot_);
  focusInner_->setPen(QPen(QColor(255, 255, 255), 1));
  focusInner_->setBrush(Qt::NoBrush);
  selected_ = new QCPItemRect(plot_);
  selected_->setPen(QPen(QColor(255, 255, 255), 2));
  selected_->setBrush(Qt::NoBrush);
  for (QCPItemRect* r : {focusOuter_, focusInner_, selected_}) {
    r->setSelectable(false);
    r->setVisible(false);
  }
  layout->addWidget(plot_, 1);
  addPlotExportActions(plot_, QStringLiteral("heatmap"));

  explanation_ = new QLabel(this);
  explanation_->setObjectName(QStringLiteral("heatmapExplanation"));
  explanation_->setWordWrap(true);
  explanation_->setTextFormat(Qt::RichText);
  explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  explanation_->setMinimumHeight(explanation_->fontMetrics().lineSpacing() * 3);
  explanation_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  layout->addWidget(explanation_);

  connect(mode_, &QComboBox::currentIndexChanged, this, &HeatmapView::refresh);
  connect(neighbours_, &QSpinBox::valueChanged, this, &HeatmapView::refresh);
  connect(plot_, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
  connect(plot_, &QCustomPlot::mousePress, this, &HeatmapView::onMousePress);
  connect(session_, &EngineSession::ready, this, &HeatmapView::refresh);
  connect(session_, &EngineSession::modelsChanged, this, &HeatmapView::refresh);
  connect(session_, &EngineSession::currentUserChanged, this, &HeatmapView::onUserChanged);
  connect(session_, &EngineSession::currentItemChanged, this, &HeatmapView::onItemChanged);
  connect(session_, &EngineSession::cleared, this, [this] { clearMap(tr("Open a project to see similarities.")); });
  refresh();
}

SimilarityBlockOptions HeatmapView::options() const {
  SimilarityBlockOptions o;
  o.rows = static_cast<BlockRows>(mode_->currentData().toInt());
  o.neighbours = neighbours_->value();
  return o;
}

void HeatmapView::onUserChanged(int32_t user) {
  // A click on another user's row keeps the block in place and moves the frame.
  if (selecting_ && std::find(block_.users.begin(), block_.users.end(), user) != block_.users.end()) return;
  refresh();
}

void HeatmapView::refresh() {
  const auto engine = session_->recommender();
  if (!engine) {
    clearMap(tr("Open a project to see similarities."));
    return;
  }
  const int32_t user = session_->currentUser();
  if (user < 0) {
    clearMap(tr("Choose a user to see their neighbourhood."));
    return;
  }
  block_ = similarityBlock(*engine, user, options());
  blockUser_ = user;
  explanation_->clear();
  selected_->setVisible(false);
  if (block_.empty()) {
    clearMap(QString::fromStdString(block_.message.empty() ? "Nothing to show for this user." : block_.message));
    return;
  }
  showBlock();
}

void HeatmapView::clearMap(const QString& message) {
  block_ = SimilarityBlock{};
  map_->data()->clear();
  focusOuter_->setVisible(false);
  focusInner_->setVisible(false);
  selected_->setVisible(false);
  notice_->setVisible(false);
  caption_->setText(message);
  explanation_->clear();
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  plot_->xAxis->setTickLabels(false);
  plot_->yAxis->setTickLabels(false);
  plot_->replot();
}

QString HeatmapView::rowLabel(int row) const {
  const auto engine = session_->recommender();
  const int32_t user = block_.users[static_cast<size_t>(row)];
  const int k = block_.interests[static_cast<size_t>(row)];
  if (block_.rowsKind == BlockRows::Users || !engine) return session_->userId(user);
  const UserProfile* p = engine->profile(user);
  if (k < 0 || !p || k >= static_cast<int>(p->interests.size())) return tr("long-term profile");
  const Interest& in = p->interests[static_cast<size_t>(k)];
  QString label = tr("interest %1 (%2%)").arg(k + 1).arg(std::lround(100 * in.weight));
  const GlobalClusters* gc = engine->clusters();
  if (gc && in.globalCluster >= 0 && in.globalCluster < static_cast<int>(gc->clusters.size()))
    label += QStringLiteral(" · ") + QString::fromStdString(gc->clusters[static_cast<size_t>(in.globalCluster)].label);
  return label;
}

void HeatmapView::showBlock() {
  const int rows = block_.rows(), cols = block_.cols();
  const Span sx = spanFor(cols), sy = spanFor(rows);
  map_->data()->setSize(sx.size, sy.size);
  map_->data()->setRange(QCPRange(sx.lower, sx.upper), QCPRange(sy.lower, sy.upper));
  float lo = 1, hi = -1;
  for (int ix = 0; ix < sx.size; ++ix)
    for (int iy = 0; iy < sy.size; ++iy) {
      const int c = std::min(ix, cols - 1), r = std::min(iy, rows - 1);
      const float v = block_.values.at(r, c);
      map_->data()->setCell(ix, iy, v);
      if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (lo > hi) lo = 0, hi = 1;  // all NaN
  if (lo < -0.05f) {
    const double m = std::max(std::abs(lo), std::abs(hi));
    map_->setGradient(divergingGradient());
    map_->setDataRange(QCPRange(-m, m));
  } else {
    map_->setGradient(sequentialGradient());
    map_->setDataRange(QCPRange(std::min(0.0f, lo), std::max(hi, 0.05f)));
  }

  const QFontMetrics fm(plot_->xAxis->tickLabelFont());
  auto xt = QSharedPointer<QCPAxisTickerText>::create();
  for (int c = 0; c < cols; ++c)
    xt->addTick(c, fm.elidedText(session_->itemTitle(block_.items[static_cast<size_t>(c)]), Qt::ElideRight, kLabelPixels));
  auto yt = QSharedPointer<QCPAxisTickerText>::create();
  for (int r = 0; r < rows; ++r) {
    QString label = fm.elidedText(rowLabel(r), Qt::ElideRight, kLabelPixels);
    if (r == block_.focusRow) label = QStringLiteral("▶ ") + label;
    yt->addTick(r, label);
  }
  plot_->xAxis->setTicker(xt);
  plot_->yAxis->setTicker(yt);
  plot_->xAxis->setTickLabels(true);
  plot_->yAxis->setTickLabels(true);
  plot_->xAxis->setRange(-0.5, cols - 0.5);
  plot_->yAxis->setRange(-0.5, rows - 0.5);

  const bool focus = block_.focusRow >= 0;
  for (QCPItemRect* rect : {focusOuter_, focusInner_}) {
    rect->setVisible(focus);
    if (!focus) continue;
    const double inset = rect == focusInner_ ? 0.06 : 0.0;
    rect->topLeft->setCoords(-0.5 + inset * 0.5, block_.focusRow - 0.5 + inset);
    rect->bottomRight->setCoords(cols - 0.5 - inset * 0.5, block_.focusRow + 0.5 - inset);
  }

  const QString who = session_->userId(blockUser_);
  if (block_.rowsKind == BlockRows::Users)
    caption_->setText(tr("%1 and %n nearest user(s) by long-term profile; columns: their top items (hybrid).", "",
                         static_cast<int>(block_.selectedRows) - 1)
                          .arg(who));
  else
    caption_->setText(tr("%1's interests; columns: items nearest each interest and %1's top items.").arg(who));
  notice_->setVisible(block_.sampled);
  if (block_.sampled)
    notice_->setText(tr("Sampled: showing %1 of %2 rows and %3 of %4 columns (evenly spaced).")
                         .arg(rows)
                         .arg(block_.selectedRows)
                         .arg(cols)
                         .arg(block_.selectedCols));
  plot_->replot();
}

QPoint HeatmapView::cellCenter(int row, int col) const {
  return QPoint(static_cast<int>(std::lround(plot_->xAxis->coordToPixel(col))),
                static_cast<int>(std::lround(plot_->yAxis->coordToPixel(row))));
}

bool HeatmapView::cellAt(const QPoint& pos, int* row, int* col) const {
  if (block_.empty()) return false;
  const long c = std::lround(plot_->xAxis->pixelToCoord(pos.x()));
  const long r = std::lround(plot_->yAxis->pixelToCoord(pos.y()));
  if (c < 0 || r < 0 || c >= block_.cols() || r >= block_.rows()) return false;
  *row = static_cast<int>(r);
  *col = static_cast<int>(c);
  return true;
}

QString HeatmapView::cellText(int row, int col) const {
  const float v = block_.values.at(row, col);
  const QString value = std::isnan(v) ? tr("no vector") : QString::number(v, 'f', 3);
  const int32_t item = block_.items[static_cast<size_t>(col)];
  return tr("%1 × %2 (%3): %4")
      .arg(rowLabel(row), session_->itemTitle(item), session_->itemId(item), value);
}

void HeatmapView::onMouseMove(QMouseEvent* event) {
  int r = 0, c = 0;
  if (!cellAt(event->pos(), &r, &c)) {
    QToolTip::hideText();
    return;
  }
  hoverText_ = cellText(r, c);
  QToolTip::showText(plot_->mapToGlobal(event->pos()), hoverText_, plot_);
}

void HeatmapView::onMousePress(QMouseEvent* event) {
  int r = 0, c = 0;
  if (event->button() == Qt::LeftButton && cellAt(event->pos(), &r, &c)) selectCell(r, c);
}

void HeatmapView::onItemChanged(int32_t item) {
  if (selecting_ || block_.empty() || block_.focusRow < 0) return;
  const auto it = std::find(block_.items.begin(), block_.items.end(), item);
  if (it != block_.items.end()) selectCell(block_.focusRow, static_cast<int>(it - block_.items.begin()));
}

void HeatmapView::selectCell(int row, int col) {
  const auto engine = session_->recommender();
  if (!engine) return;
  const int32_t user = block_.users[static_cast<size_t>(row)];
  const int32_t item = block_.items[static_cast<size_t>(col)];
  const QString text = cellText(row, col);
  selecting_ = true;
  session_->setCurrentUser(user);
  session_->setCurrentItem(item);
  selecting_ = false;
  if (block_.rowsKind == BlockRows::Users) block_.focusRow = row;  // the frame follows the click
  selected_->topLeft->setCoords(col - 0.5, row - 0.5);
  selected_->bottomRight->setCoords(col + 0.5, row + 0.5);
  selected_->setVisible(true);
  showBlock();
  const std::string why = engine->explain(user, item).summary();
  explanation_->setText(QStringLiteral("<b>%1</b><br>%2")
                            .arg(text.toHtmlEscaped(),
                                 why.empty() ? tr("No evidence for this item.")
                                             : QString::fromStdString(why).toHtmlEscaped()));
}

}  // namespace il
