#include "interest_map_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

#include "engine_session.h"
#include "export_util.h"
#include "interest_timeline_plot.h"
#include "job_runner.h"
#include "map_plot.h"
#include "map_point_list_model.h"

namespace il {

namespace {

QString elide(const std::string& text, int chars = 120) {
  const QString s = QString::fromStdString(text).simplified();
  return s.size() <= chars ? s : s.left(chars - 1) + QChar(0x2026);
}

QString percent(double share) { return QString::number(100 * share, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

InterestMapView::InterestMapView(EngineSession* session, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), session_(session), jobs_(jobs), projector_(new MapProjector(jobs, this)) {
  setObjectName(QStringLiteral("interestMapView"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  subject_ = new QComboBox(this);
  subject_->setObjectName(QStringLiteral("subjectCombo"));
  subject_->addItem(tr("Texts"), static_cast<int>(MapSubject::Texts));
  subject_->addItem(tr("Users (long-term profiles)"), static_cast<int>(MapSubject::Users));
  method_ = new QComboBox(this);
  method_->setObjectName(QStringLiteral("projectionCombo"));
  method_->addItem(tr("t-SNE"), static_cast<int>(MapMethod::Tsne));
  method_->addItem(tr("PCA"), static_cast<int>(MapMethod::Pca));
  perplexity_ = new QSpinBox(this);
  perplexity_->setObjectName(QStringLiteral("perplexitySpin"));
  perplexity_->setRange(2, 100);
  perplexity_->setValue(30);
  perplexity_->setToolTip(tr("t-SNE perplexity: about how many neighbours each point keeps close"));
  pause_ = new QPushButton(tr("Pause"), this);
  pause_->setObjectName(QStringLiteral("pauseButton"));
  restart_ = new QPushButton(tr("Restart"), this);
  restart_->setObjectName(QStringLiteral("restartButton"));
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("mapStatus"));
  bar->addWidget(new QLabel(tr("Show"), this));
  bar->addWidget(subject_);
  bar->addSpacing(8);
  bar->addWidget(new QLabel(tr("Projection"), this));
  bar->addWidget(method_);
  bar->addWidget(new QLabel(tr("Perplexity"), this));
  bar->addWidget(perplexity_);
  bar->addWidget(pause_);
  bar->addWidget(restart_);
  bar->addSpacing(8);
  bar->addWidget(status_, 1);
  layout->addLayout(bar);

  plot_ = new MapPlot(this);
  plot_->setMinimumSize(360, 260);
  plot_->setDescriber([this](int64_t p) { return describe(p); });
  addPlotExportActions(plot_, QStringLiteral("interest-map"));
  userPanel_ = new UserInterestPanel(this);
  auto* left = new QSplitter(Qt::Vertical, this);
  left->addWidget(plot_);
  left->addWidget(userPanel_);
  left->setStretchFactor(0, 3);
  left->setStretchFactor(1, 1);

  auto* side = new QWidget(this);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  listTitle_ = new QLabel(tr("Click a point for its nearest neighbours; Shift-drag to select."), side);
  listTitle_->setObjectName(QStringLiteral("mapListTitle"));
  listTitle_->setWordWrap(true);
  listModel_ = new MapPointListModel(this);
  list_ = new QTableView(side);
  list_->setObjectName(QStringLiteral("mapPointList"));
  list_->setModel(listModel_);
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->setWordWrap(false);
  list_->verticalHeader()->setVisible(false);
  list_->verticalHeader()->setDefaultSectionSize(list_->fontMetrics().height() + 6);
  list_->horizontalHeader()->setStretchLastSection(true);
  list_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  list_->setColumnWidth(MapPointListModel::User, 72);
  list_->setColumnWidth(MapPointListModel::Item, 64);
  list_->setColumnWidth(MapPointListModel::Similarity, 52);
  list_->setMinimumWidth(300);
  addTableExportActions(list_, QStringLiteral("interest-map-points"));
  sideLayout->addWidget(listTitle_);
  sideLayout->addWidget(list_, 1);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->setObjectName(QStringLiteral("mapSplitter"));
  split->addWidget(left);
  split->addWidget(side);
  split->setStretchFactor(0, 5);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  connect(session_, &EngineSession::ready, this, &InterestMapView::onReady);
  connect(session_, &EngineSession::cleared, this, &InterestMapView::onCleared);
  connect(session_, &EngineSession::currentUserChanged, this, &InterestMapView::onUser);
  connect(session_, &EngineSession::modelsChanged, this, [this] { onUser(session_->currentUser()); });
  connect(jobs_, &JobRunner::busyChanged, this, [this](bool busy) {
    if (!busy) maybeStart();
  });
  connect(projector_, &MapProjector::layoutChanged, this, &InterestMapView::onLayout);
  connect(projector_, &MapProjector::stateChanged, this, &InterestMapView::onState);
  connect(plot_, &MapPlot::pointClicked, this, &InterestMapView::onPointClicked);
  connect(plot_, &MapPlot::rectSelected, this, &InterestMapView::onRectSelected);
  connect(subject_, &QComboBox::currentIndexChanged, this, &InterestMapView::project);
  connect(method_, &QComboBox::currentIndexChanged, this, &InterestMapView::project);
  connect(perplexity_, &QSpinBox::editingFinished, this, [this] {
    if (static_cast<int>(tsne_.perplexity) != perplexity_->value() && method_->currentData().toInt() == static_cast<int>(MapMethod::Tsne)) project();
  });
  connect(restart_, &QPushButton::clicked, this, &InterestMapView::project);
  connect(pause_, &QPushButton::clicked, this, &InterestMapView::togglePause);
  connect(list_, &QTableView::clicked, this, [this](const QModelIndex& index) {
    if (!shown_ || !index.isValid()) return;
    const int64_t p = listModel_->pointAt(index.row());
    session_->setCurrentUser(shown_->userOf(p));
    if (shown_->itemOf(p) >= 0) session_->setCurrentItem(shown_->itemOf(p));
  });
  if (session_->isReady()) onReady();
  else onCleared();
}

InterestMapView::~InterestMapView() = default;

void InterestMapView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  maybeStart();
}

void InterestMapView::onReady() {
  engine_ = session_->recommender();
  QStringList labels;
  if (const GlobalClusters* g = engine_ ? engine_->clusters() : nullptr)
    for (const auto& c : g->clusters) labels << QString::fromStdString(c.label);
  projector_->clear();  // a layout of the previous models must not keep running
  plot_->setClusters(labels);
  shown_.reset();
  listModel_->clear();
  pending_ = true;
  maybeStart();
  updateStatus();
}

void InterestMapView::onCleared() {
  engine_.reset();
  shown_.reset();
  pending_ = false;
  projector_->clear();
  plot_->setClusters({});
  plot_->replot();
  listModel_->clear();
  userPanel_->clear();
  highlighted_.clear();
  updateStatus();
}

void InterestMapView::maybeStart() {
  // Started lazily: a hidden tab should not take the single worker from other jobs.
  if (!pending_ || !engine_ || !isVisible() || (jobs_->isBusy() && !projector_->isWorking())) return;
  project();
}

void InterestMapView::project() {
  if (!engine_) return;
  pending_ = false;
  MapRequest r;
  r.engine = engine_;
  r.subject = static_cast<MapSubject>(subject_->currentData().toInt());
  r.method = static_cast<MapMethod>(method_->currentData().toInt());
  tsne_.perplexity = perplexity_->value();
  r.tsne = tsne_;
  r.seed = engine_->options().seed;
  plot_->resetView();
  projector_->start(std::move(r));
}

void InterestMapView::togglePause() {
  const auto s = projector_->state();
  if (s == MapProjector::State::Running || s == MapProjector::State::Preparing) projector_->pause();
  else if (s == MapProjector::State::Paused || s == MapProjector::State::Pausing) projector_->resume();
}

void InterestMapView::onLayout() {
  const MapLayout& l = projector_->layout();
  if (l.empty()) {
    shown_ = l.points;
    plot_->setPoints({}, {});
    plot_->replot(QCustomPlot::rpQueuedReplot);
    updateStatus();
    return;
  }
  const bool fresh = l.points != shown_;
  shown_ = l.points;
  if (fresh) {
    userPoints_.assign(static_cast<size_t>(engine_ ? engine_->corpus().userCount() : 0), {});
    for (int64_t p = 0; p < shown_->size(); ++p) {
      const int32_t u = shown_->userOf(p);
      if (u >= 0 && u < static_cast<int32_t>(userPoints_.size())) userPoints_[static_cast<size_t>(u)].push_back(p);
    }
    listModel_->clear();
    plot_->setSelection({});
  }
  plot_->setPoints(l.xy, shown_->cluster);
  if (l.method == MapMethod::Pca && l.pca)
    plot_->setAxisTitles(tr("PC1 (%1 of variance)").arg(percent(l.pca->explained(0))),
                         tr("PC2 (%1 of variance)").arg(percent(l.pca->explained(1))));
  else
    plot_->setAxisTitles(tr("t-SNE 1"), tr("t-SNE 2"));
  updateHighlight();
  updateMarkers();
  // Keep the selection rings on their points as the layout moves.
  std::vector<int64_t> sel;
  for (int r = 0; r < listModel_->rowCount(); ++r) sel.push_back(listModel_->pointAt(r));
  plot_->setSelection(sel);
  plot_->replot(QCustomPlot::rpQueuedReplot);
  updateStatus();
  if (fresh) onUser(session_->currentUser());
}

void InterestMapView::onState() {
  const auto s = projector_->state();
  const bool tsne = projector_->request().method == MapMethod::Tsne;
  pause_->setEnabled(tsne && (s == MapProjector::State::Running || s == MapProjector::State::Preparing ||
                              s == MapProjector::State::Paused || s == MapProjector::State::Pausing));
  pause_->setText(s == MapProjector::State::Paused || s == MapProjector::State::Pausing ? tr("Resume") : tr("Pause"));
  updateStatus();
}

void InterestMapView::updateStatus() {
  if (!engine_) {
    status_->setText(session_->isLoading() ? tr("Building models…") : tr("Open a project to see its interest map."));
    return;
  }
  if (!engine_->data().textVectors) {
    status_->setText(tr("Encode the texts first (Project › Encode texts) to see the interest map."));
    return;
  }
  const MapLayout& l = projector_->layout();
  const QString what = shown_ ? (shown_->subject == MapSubject::Texts ? tr("%L1 texts") : tr("%L1 users")).arg(shown_->size()) : QString();
  QString state;
  switch (projector_->state()) {
    case MapProjector::State::Idle: state = pending_ ? tr("waiting for the worker") : QString(); break;
    case MapProjector::State::Preparing: state = tr("preparing (neighbours, affinities)…"); break;
    case MapProjector::State::Running: state = tr("running"); break;
    case MapProjector::State::Pausing: state = tr("pausing…"); break;
    case MapProjector::State::Paused: state = tr("paused"); break;
    case MapProjector::State::Finished: state = tr("done"); break;
    case MapProjector::State::Failed: state = tr("failed: %1").arg(projector_->error()); break;
  }
  QString detail;
  if (projector_->request().method == MapMethod::Tsne && !l.empty())
    detail = tr("t-SNE iteration %1/%2").arg(l.iteration).arg(l.iterations);
  else if (l.pca)
    detail = tr("PCA: %1 + %2 of variance").arg(percent(l.pca->explained(0)), percent(l.pca->explained(1)));
  QStringList parts;
  for (const QString& s : {what, detail, state})
    if (!s.isEmpty()) parts << s;
  status_->setText(parts.join(QStringLiteral(" · ")));
}

QString InterestMapView::describe(int64_t point) const {
  if (!shown_ || point < 0 || point >= shown_->size()) return {};
  const Corpus& corpus = shown_->engine->corpus();
  const GlobalClusters* g = shown_->engine->clusters();
  const int32_t c = shown_->cluster[static_cast<size_t>(point)];
  const QString cluster = c >= 0 && g ? QString::fromStdString(g->clusters[static_cast<size_t>(c)].label) : tr("not clustered");
  const int32_t user = shown_->userOf(point);
  const QString userId = QString::fromStdString(corpus.users[static_cast<size_t>(user)]);
  if (shown_->subject == MapSubject::Users)
    return tr("User %1 — %2 texts\nInterest: %3")
        .arg(userId)
        .arg(user < static_cast<int32_t>(userPoints_.size()) ? engine_->userTexts(user).size() : 0)
        .arg(cluster);
  const CorpusText& t = corpus.texts[static_cast<size_t>(shown_->ids[static_cast<size_t>(point)])];
  const ItemRow& item = corpus.items[static_cast<size_t>(t.item)];
  return tr("“%1”\nUser %2 · item %3 — %4\nInterest: %5")
      .arg(elide(t.text), userId, QString::fromStdString(item.id), elide(item.title, 60), cluster);
}

void InterestMapView::onUser(int32_t user) {
  updateHighlight();
  updateMarkers();
  plot_->replot(QCustomPlot::rpQueuedReplot);
  if (engine_ && user >= 0) userPanel_->showUser(*engine_, user);
  else userPanel_->clear();
}

void InterestMapView::updateHighlight() {
  highlighted_.clear();
  const int32_t user = session_->currentUser();
  if (shown_ && user >= 0 && user < static_cast<int32_t>(userPoints_.size())) highlighted_ = userPoints_[static_cast<size_t>(user)];
  plot_->setHighlight(highlighted_);
}

QString InterestMapView::weightedPlacementNote() const {
  return shown_ && shown_->subject == MapSubject::Users
             ? tr("t-SNE cannot place a new vector: shown at the similarity-weighted mean of the 10 most similar users' points.")
             : tr("t-SNE cannot place a new vector: shown at the similarity-weighted mean of the user's text points.");
}

void InterestMapView::updateMarkers() {
  const MapLayout& l = projector_->layout();
  const int32_t user = session_->currentUser();
  const UserProfile* profile = engine_ && user >= 0 ? engine_->profile(user) : nullptr;
  if (!shown_ || l.empty() || l.points != shown_ || !profile || profile->empty() ||
      static_cast<int64_t>(profile->longTerm.size()) != shown_->dim()) {
    plot_->setMarkers(std::nullopt, std::nullopt);
    return;
  }
  const QString userId = QString::fromStdString(engine_->corpus().users[static_cast<size_t>(user)]);
  auto place = [&](const std::vector<float>& v, const QString& what) -> std::optional<MapPlot::Marker> {
    if (v.empty()) return std::nullopt;
    MapPlot::Marker m;
    if (l.method == MapMethod::Pca && l.pca) {
      float xy[2] = {0, 0};
      l.pca->project(v.data(), xy);
      m.x = xy[0], m.y = xy[1];
      m.tooltip = tr("%1 interest of %2\nProjected with the same PCA as the points.").arg(what, userId);
      return m;
    }
    // t-SNE has no out-of-sample mapping: average the related points, weighted by cosine.
    std::vector<std::pair<int64_t, float>> related;
    if (shown_->subject == MapSubject::Texts) {
      for (int64_t p : userPoints_[static_cast<size_t>(user)])
        related.emplace_back(p, dot(v.data(), shown_->vector(p), shown_->dim()) * shown_->invNorm[static_cast<size_t>(p)]);
    } else {
      related = shown_->nearest(v.data(), 10);
    }
    if (related.empty()) return std::nullopt;
    double wx = 0, wy = 0, w = 0;
    for (const auto& [p, s] : related) {
      const double weight = std::max(0.0f, s);
      wx += weight * l.xy[static_cast<size_t>(2 * p)], wy += weight * l.xy[static_cast<size_t>(2 * p + 1)], w += weight;
    }
    if (w <= 0) {  // nothing similar: the plain mean
      for (const auto& [p, s] : related) wx += l.xy[static_cast<size_t>(2 * p)], wy += l.xy[static_cast<size_t>(2 * p + 1)], w += 1;
    }
    m.x = wx / w, m.y = wy / w;
    m.tooltip = tr("%1 interest of %2\n%3").arg(what, userId, weightedPlacementNote());
    return m;
  };
  plot_->setMarkers(place(profile->longTerm, tr("Long-term")), place(profile->shortTerm, tr("Short-term")));
}

void InterestMapView::onPointClicked(qint64 point) {
  if (!shown_ || point < 0 || point >= shown_->size()) return;
  std::vector<float> q(shown_->vector(point), shown_->vector(point) + shown_->dim());
  for (float& x : q) x *= shown_->invNorm[static_cast<size_t>(point)];
  auto near = shown_->nearest(q.data(), 10, point);
  std::vector<int64_t> ring{point};
  for (const auto& [p, s] : near) ring.push_back(p);
  listModel_->setNeighbours(shown_, std::move(near));
  plot_->setSelection(ring);
  listTitle_->setText(tr("Nearest to <i>%1</i> (cosine in the original vector space):")
                          .arg(shown_->subject == MapSubject::Texts
                                   ? elide(shown_->engine->corpus().texts[static_cast<size_t>(shown_->ids[static_cast<size_t>(point)])].text, 80).toHtmlEscaped()
                                   : session_->userId(shown_->userOf(point)).toHtmlEscaped()));
  session_->setCurrentUser(shown_->userOf(point));
  if (shown_->itemOf(point) >= 0) session_->setCurrentItem(shown_->itemOf(point));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void InterestMapView::onRectSelected(const QVector<qint64>& points) {
  if (!shown_) return;
  std::vector<int64_t> rows(points.begin(), points.end());
  plot_->setSelection(rows);
  listTitle_->setText(tr("%L1 selected %2:").arg(rows.size()).arg(shown_->subject == MapSubject::Texts ? tr("texts") : tr("users")));
  listModel_->setPoints(shown_, std::move(rows));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace il
