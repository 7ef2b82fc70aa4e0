#include "recommendations_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine_session.h"
#include "evidence_panel.h"
#include "export_util.h"
#include "feedback_delegate.h"
#include "recommendation_table_model.h"
#include "score_bar_delegate.h"

namespace il {

namespace {

// Models in the order people pick them; only those the recommender has are listed.
const std::vector<std::pair<std::string, const char*>> kModels = {
    {"hybrid", QT_TRANSLATE_NOOP("il::RecommendationsView", "Hybrid (blend)")},
    {"content", QT_TRANSLATE_NOOP("il::RecommendationsView", "Content (interest profile)")},
    {"twotower", QT_TRANSLATE_NOOP("il::RecommendationsView", "Two-tower (trained)")},
    {"seed-formula", QT_TRANSLATE_NOOP("il::RecommendationsView", "Seed formula (alpha)")},
    {"itemknn", QT_TRANSLATE_NOOP("il::RecommendationsView", "Item kNN")},
    {"mf", QT_TRANSLATE_NOOP("il::RecommendationsView", "Matrix factorisation")},
    {"popularity", QT_TRANSLATE_NOOP("il::RecommendationsView", "Popularity")},
};

// Lists slower than this are noted in the status line (big catalogs).
constexpr qint64 kSlowMs = 50;

QLabel* small(const QString& text, QWidget* parent) {
  auto* l = new QLabel(text, parent);
  l->setForegroundRole(QPalette::PlaceholderText);
  return l;
}

}  // namespace

RecommendationsView::RecommendationsView(EngineSession* session, QWidget* parent)
    : QWidget(parent), session_(session), model_(new RecommendationTableModel(this)) {
  buildControls();

  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("recommendationsTable"));
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setAlternatingRowColors(true);
  table_->setWordWrap(false);
  table_->setTextElideMode(Qt::ElideRight);
  table_->setMouseTracking(true);  // hover on the like / dislike buttons
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(28);
  table_->horizontalHeader()->setHighlightSections(false);
  table_->horizontalHeader()->setMinimumSectionSize(30);
  auto* feedbackDelegate = new FeedbackDelegate(table_);
  table_->setItemDelegateForColumn(RecommendationTableModel::FeedbackColumn, feedbackDelegate);
  table_->setItemDelegateForColumn(RecommendationTableModel::Score, new ScoreBarDelegate(QColor(0x8c, 0xbc, 0xea), table_));
  addTableExportActions(table_, QStringLiteral("recommendations"));

  like_ = new QToolButton(this);
  like_->setObjectName(QStringLiteral("likeButton"));
  like_->setText(tr("♥ Like"));
  like_->setCheckable(true);
  like_->setToolTip(tr("Like the selected item: the profile moves toward it (click again to clear)"));
  dislike_ = new QToolButton(this);
  dislike_->setObjectName(QStringLiteral("dislikeButton"));
  dislike_->setText(tr("✕ Dislike"));
  dislike_->setCheckable(true);
  dislike_->setToolTip(tr("Dislike the selected item: it leaves the list (click again to clear)"));
  for (QToolButton* b : {like_, dislike_}) b->setToolButtonStyle(Qt::ToolButtonTextOnly);
  status_ = small(QString(), this);

  auto* listBox = new QWidget(this);
  auto* listLayout = new QVBoxLayout(listBox);
  listLayout->setContentsMargins(0, 0, 0, 0);
  listLayout->addWidget(table_, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(like_);
  buttons->addWidget(dislike_);
  buttons->addSpacing(12);
  buttons->addWidget(status_, 1);
  listLayout->addLayout(buttons);

  evidence_ = new EvidencePanel(this);
  evidence_->setObjectName(QStringLiteral("evidencePanel"));
  evidence_->setMinimumWidth(260);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(listBox);
  split->addWidget(evidence_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({650, 350});  // the list wants the room: titles and seven score columns
  split->setChildrenCollapsible(false);
  layout()->addWidget(split);
  static_cast<QVBoxLayout*>(layout())->setStretchFactor(split, 1);

  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &RecommendationsView::onSelectionChanged);
  connect(feedbackDelegate, &FeedbackDelegate::clicked, this, [this](int row, Feedback value) {
    const int32_t item = model_->itemAt(row);
    // Queued: the table is still handling the click, and feedback resets its model.
    QMetaObject::invokeMethod(this, [this, item, value] { toggleFeedback(item, value); }, Qt::QueuedConnection);
  });
  connect(like_, &QToolButton::clicked, this, [this] { toggleFeedback(shownItem_, Feedback::Like); });
  connect(dislike_, &QToolButton::clicked, this, [this] { toggleFeedback(shownItem_, Feedback::Dislike); });
  connect(evidence_, &EvidencePanel::itemActivated, session_, &EngineSession::setCurrentItem);

  connect(session_, &EngineSession::ready, this, &RecommendationsView::onReady);
  connect(session_, &EngineSession::cleared, this, &RecommendationsView::onCleared);
  connect(session_, &EngineSession::currentUserChanged, this, &RecommendationsView::onUserChanged);
  connect(session_, &EngineSession::currentItemChanged, this, &RecommendationsView::onItemChanged);
  // Feedback and blend changes both end in modelsChanged: one re-rank for each.
  connect(session_, &EngineSession::modelsChanged, this, &RecommendationsView::refresh);
  connect(session_, &EngineSession::loadingStarted, this, [this] { setLoading(true); });
  connect(session_, &EngineSession::loadFailed, this, [this](const QString& error) {
    setLoading(false);
    warning_->setText(tr("Could not build the models: %1").arg(error));
    warning_->show();
  });

  if (session_->isReady()) onReady();
  else onCleared();
  if (session_->isLoading()) setLoading(true);
}

void RecommendationsView::buildControls() {
  auto* top = new QVBoxLayout(this);
  auto* grid = new QGridLayout;
  grid->setHorizontalSpacing(8);
  grid->setVerticalSpacing(6);

  user_ = new QComboBox(this);
  user_->setObjectName(QStringLiteral("userCombo"));
  user_->setEditable(true);  // type to find one of thousands
  user_->setInsertPolicy(QComboBox::NoInsert);
  user_->setMinimumContentsLength(12);
  user_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  user_->completer()->setFilterMode(Qt::MatchContains);
  user_->completer()->setCompletionMode(QCompleter::PopupCompletion);
  modelBox_ = new QComboBox(this);
  modelBox_->setObjectName(QStringLiteral("modelCombo"));
  alphaSlider_ = new QSlider(Qt::Horizontal, this);
  alphaSlider_->setRange(0, 100);
  alphaSlider_->setMinimumWidth(90);
  alpha_ = new QDoubleSpinBox(this);
  alpha_->setObjectName(QStringLiteral("alphaSpin"));
  alpha_->setRange(0, 1);
  alpha_->setSingleStep(0.05);
  alpha_->setDecimals(2);
  alpha_->setValue(RecommendRequest{}.alpha);
  alphaSlider_->setValue(qRound(alpha_->value() * 100));
  const QString alphaTip = tr("Seed formula: r = α·S + (1−α)·(1−S), S = (1 + cos)/2. α = 0.5 makes every score equal.");
  alpha_->setToolTip(alphaTip);
  alphaSlider_->setToolTip(alphaTip);
  topN_ = new QSpinBox(this);
  topN_->setObjectName(QStringLiteral("topNSpin"));
  topN_->setRange(1, 500);
  topN_->setValue(10);
  thresholdOn_ = new QCheckBox(tr("Min score"), this);
  thresholdOn_->setObjectName(QStringLiteral("thresholdCheck"));
  threshold_ = new QDoubleSpinBox(this);
  threshold_->setObjectName(QStringLiteral("thresholdSpin"));
  threshold_->setRange(-1e6, 1e6);
  threshold_->setDecimals(3);
  threshold_->setSingleStep(0.05);
  threshold_->setValue(0.5);
  threshold_->setEnabled(false);
  threshold_->setToolTip(tr("Only items whose score (of the chosen model) is at least this"));
  profile_ = new QComboBox(this);
  profile_->setObjectName(QStringLiteral("profileCombo"));
  profile_->addItem(tr("Long-term"), static_cast<int>(ContentMode::LongTerm));
  profile_->addItem(tr("Short-term (recent)"), static_cast<int>(ContentMode::ShortTerm));
  profile_->addItem(tr("Several interests"), static_cast<int>(ContentMode::MultiInterest));
  profile_->addItem(tr("Blend of the three"), static_cast<int>(ContentMode::Blend));
  profile_->setToolTip(tr("Which interest profile the content model matches items against; changing it rebuilds the models"));
  rebuilding_ = new QLabel(this);
  rebuilding_->setObjectName(QStringLiteral("rebuildingLabel"));
  rebuilding_->setStyleSheet(QStringLiteral("color:#1c5fa8; font-style:italic"));
  rebuilding_->hide();

  int col = 0;
  auto add = [&](const QString& label, QWidget* w, int span = 1) {
    if (!label.isEmpty()) grid->addWidget(new QLabel(label, this), 0, col++, Qt::AlignRight);
    grid->addWidget(w, 0, col, 1, span);
    col += span;
  };
  add(tr("User"), user_);
  add(tr("Model"), modelBox_);
  add(tr("α"), alphaSlider_);
  add(QString(), alpha_);
  add(tr("Top"), topN_);
  add(QString(), thresholdOn_);
  add(QString(), threshold_);
  add(tr("Profile"), profile_);
  grid->addWidget(rebuilding_, 0, col++);
  grid->setColumnStretch(col, 1);

  // Hybrid blend: one slider per part; the labels show the normalised shares.
  auto* blendRow = new QHBoxLayout;
  blendRow->addWidget(new QLabel(tr("Hybrid blend"), this));
  for (size_t i = 0; i < blend_.size(); ++i) {
    blend_[i] = new QSlider(Qt::Horizontal, this);
    blend_[i]->setObjectName(QStringLiteral("blend_%1").arg(QString::fromStdString(kBlendParts[i])));
    blend_[i]->setRange(0, 100);
    blend_[i]->setMinimumWidth(70);
    blend_[i]->setToolTip(tr("Weight of %1 in the hybrid").arg(QString::fromStdString(kBlendParts[i])));
    blendShare_[i] = new QLabel(this);
    blendShare_[i]->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.00 ")));
    blendShare_[i]->setToolTip(tr("Share of %1 in the hybrid, after normalising").arg(QString::fromStdString(kBlendParts[i])));
    blendRow->addSpacing(10);
    blendRow->addWidget(new QLabel(QString::fromStdString(kBlendParts[i]), this));
    blendRow->addWidget(blend_[i], 1);
    blendRow->addWidget(blendShare_[i]);
    connect(blend_[i], &QSlider::valueChanged, this, &RecommendationsView::blendChanged);
  }
  blendRow->addStretch(1);

  warning_ = new QLabel(this);
  warning_->setObjectName(QStringLiteral("warningLabel"));
  warning_->setWordWrap(true);
  warning_->setStyleSheet(QStringLiteral(
      "QLabel { background:#fff4d6; color:#6b4a00; border:1px solid #e8c66a; border-radius:3px; padding:4px 8px; }"));
  warning_->hide();

  top->addLayout(grid);
  top->addLayout(blendRow);
  top->addWidget(warning_);

  connect(user_, &QComboBox::activated, this, [this](int i) { session_->setCurrentUser(i); });
  connect(modelBox_, &QComboBox::currentIndexChanged, this, &RecommendationsView::refresh);
  connect(alphaSlider_, &QSlider::valueChanged, this, [this](int v) {
    if (qRound(alpha_->value() * 100) != v) alpha_->setValue(v / 100.0);
  });
  connect(alpha_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    const QSignalBlocker b(alphaSlider_);
    alphaSlider_->setValue(qRound(v * 100));
    refresh();
  });
  connect(topN_, &QSpinBox::valueChanged, this, &RecommendationsView::refresh);
  connect(thresholdOn_, &QCheckBox::toggled, this, [this](bool on) {
    threshold_->setEnabled(on);
    refresh();
  });
  connect(threshold_, &QDoubleSpinBox::valueChanged, this, &RecommendationsView::refresh);
  connect(profile_, &QComboBox::activated, this, &RecommendationsView::rebuildProfiles);
}

void RecommendationsView::setProject(Project* project) {
  project_ = project;
  updateProfileEnabled();
}

void RecommendationsView::updateProfileEnabled() {
  const auto r = session_->recommender();
  profile_->setEnabled(project_ && r && r->hasContent() && !session_->isLoading() && !session_->projectPath().isEmpty());
}

RecommendRequest RecommendationsView::request() const {
  RecommendRequest q;
  q.model = modelBox_->currentData().toString().toStdString();
  if (q.model.empty()) q.model = "hybrid";
  q.topN = topN_->value();
  if (thresholdOn_->isChecked()) q.threshold = static_cast<float>(threshold_->value());
  q.alpha = alpha_->value();
  q.explain = false;  // only the selected row's evidence is shown; explain() on demand
  return q;
}

void RecommendationsView::onReady() {
  setLoading(false);
  const auto r = session_->recommender();
  if (!r) return;
  {
    const QSignalBlocker b(user_);
    // Combo index = user index: one addItems call stays quick for 100k users.
    QStringList ids;
    ids.reserve(r->corpus().userCount());
    for (const std::string& u : r->corpus().users) ids << QString::fromStdString(u);
    user_->clear();
    user_->addItems(ids);
    user_->setCurrentIndex(session_->currentUser());
  }
  {
    const QSignalBlocker b(modelBox_);
    const QString keep = modelBox_->currentData().toString();
    modelBox_->clear();
    const auto have = r->models();
    for (const auto& [id, label] : kModels)
      if (std::find(have.begin(), have.end(), id) != have.end()) modelBox_->addItem(tr(label), QString::fromStdString(id));
    const int i = modelBox_->findData(keep);
    modelBox_->setCurrentIndex(i >= 0 ? i : 0);
  }
  {
    const QSignalBlocker b(profile_);
    profile_->setCurrentIndex(profile_->findData(static_cast<int>(r->options().content.mode)));
  }
  updateProfileEnabled();
  blend_[3]->setEnabled(r->hasContent());
  for (size_t i = 0; i < blend_.size(); ++i) {
    const QSignalBlocker b(blend_[i]);
    blend_[i]->setValue(static_cast<int>(std::lround(r->blend()[i] * 100)));
  }
  showBlend();
  refresh();
}

void RecommendationsView::onCleared() {
  setLoading(false);
  user_->clear();
  model_->clear();
  shownItem_ = -1;
  warning_->hide();
  status_->clear();
  updateProfileEnabled();
  evidence_->showMessage(tr("Open a project with interactions to see recommendations."));
  updateFeedbackButtons();
}

void RecommendationsView::onUserChanged(int32_t user) {
  {
    const QSignalBlocker b(user_);
    user_->setCurrentIndex(user < user_->count() ? user : -1);
  }
  refresh();
}

void RecommendationsView::refresh() {
  const auto r = session_->recommender();
  const int32_t user = session_->currentUser();
  if (!r || user < 0 || user >= r->corpus().userCount()) {
    model_->clear();
    shownItem_ = -1;
    warning_->hide();
    status_->clear();
    evidence_->showMessage(r ? tr("Choose a user.") : tr("The models are not built yet."));
    updateFeedbackButtons();
    return;
  }
  const RecommendRequest q = request();
  std::vector<Recommendation> list;
  QString error;
  QElapsedTimer clock;
  clock.start();
  try {
    list = r->recommend(user, q);
  } catch (const std::exception& e) {
    error = QString::fromStdString(e.what());
  }
  lastMs_ = clock.elapsed();

  const int32_t keep = session_->currentItem();
  model_->setList(std::move(list), q.model, r->models());
  auto* barOthers = table_->itemDelegateForColumn(RecommendationTableModel::FirstModel);
  if (!barOthers) barOthers = new ScoreBarDelegate(QColor(0xc8, 0xd3, 0xe2), table_);
  for (int c = RecommendationTableModel::FirstModel; c < model_->columnCount(); ++c) table_->setItemDelegateForColumn(c, barOthers);
  QHeaderView* h = table_->horizontalHeader();
  h->setSectionResizeMode(RecommendationTableModel::Title, QHeaderView::Stretch);
  h->resizeSection(RecommendationTableModel::Rank, 34);
  h->resizeSection(RecommendationTableModel::FeedbackColumn, 62);
  h->resizeSection(RecommendationTableModel::Item, 70);
  h->resizeSection(RecommendationTableModel::Score, 108);
  // The chosen model's own column would repeat Score: hidden in the view (export keeps it).
  const int own = model_->modelColumn(q.model);
  for (int c = RecommendationTableModel::FirstModel; c < model_->columnCount(); ++c) {
    h->resizeSection(c, std::max(78, h->sectionSizeHint(c)));
    table_->setColumnHidden(c, c == own);
  }

  const QString w = error.isEmpty() ? QString::fromStdString(r->warning(q)) : error;
  warning_->setText(w);
  warning_->setVisible(!w.isEmpty());
  QString s = tr("%n item(s) for %1", nullptr, model_->rowCount()).arg(session_->userId(user));
  if (lastMs_ > kSlowMs) s += tr(" · ranking took %1 ms (large catalog)").arg(lastMs_);
  status_->setText(s);

  const int row = model_->rowOf(keep);
  {
    syncing_ = true;
    if (row >= 0) table_->selectRow(row);
    else table_->clearSelection();
    syncing_ = false;
  }
  showEvidence();
}

void RecommendationsView::onItemChanged(int32_t item) {
  const int row = model_->rowOf(item);
  syncing_ = true;
  if (row >= 0) {
    table_->selectRow(row);
    table_->scrollTo(model_->index(row, 0));
  } else {
    table_->clearSelection();
  }
  syncing_ = false;
  showEvidence();
}

void RecommendationsView::onSelectionChanged() {
  if (syncing_) return;
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return;  // keep the session's item: another view may own it
  const int32_t item = model_->itemAt(rows.front().row());
  if (item == session_->currentItem()) showEvidence();
  else session_->setCurrentItem(item);  // onItemChanged shows it
}

void RecommendationsView::showEvidence() {
  const auto r = session_->recommender();
  const int32_t user = session_->currentUser();
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  int32_t item = rows.isEmpty() ? session_->currentItem() : model_->itemAt(rows.front().row());
  if (!r || user < 0 || item < 0 || item >= r->corpus().itemCount()) {
    shownItem_ = -1;
    if (r && user >= 0) evidence_->showMessage(tr("Select a recommendation to see why it is there."));
    updateFeedbackButtons();
    return;
  }
  shownItem_ = item;
  const int row = model_->rowOf(item);
  std::optional<float> score;
  if (row >= 0) score = model_->list()[static_cast<size_t>(row)].score;
  evidence_->showExplanation(*r, user, item, r->explain(user, item), score, QString::fromStdString(model_->model()));
  updateFeedbackButtons();
}

void RecommendationsView::updateFeedbackButtons() {
  const auto r = session_->recommender();
  const int32_t user = session_->currentUser();
  const bool on = r && user >= 0 && shownItem_ >= 0;
  const Feedback f = on ? r->feedback(user, shownItem_) : Feedback::None;
  like_->setEnabled(on);
  dislike_->setEnabled(on);
  like_->setChecked(f == Feedback::Like);
  dislike_->setChecked(f == Feedback::Dislike);
}

void RecommendationsView::toggleFeedback(int32_t item, Feedback clicked) {
  const auto r = session_->recommender();
  const int32_t user = session_->currentUser();
  if (!r || user < 0 || item < 0 || item >= r->corpus().itemCount()) return;
  const Feedback next = r->feedback(user, item) == clicked ? Feedback::None : clicked;
  // The session saves it and emits modelsChanged, which re-ranks.
  session_->setCurrentItem(item);
  session_->setFeedback(user, item, next);
}

void RecommendationsView::blendChanged() {
  std::vector<double> w;
  for (QSlider* s : blend_) w.push_back(s->value() / 100.0);
  session_->setBlend(w);  // emits modelsChanged -> refresh
  showBlend();
}

void RecommendationsView::showBlend() {
  const auto r = session_->recommender();
  for (size_t i = 0; i < blend_.size(); ++i) {
    const double share = r ? r->blend()[i] : 0.0;
    blendShare_[i]->setText(QString::number(share, 'f', 2));
  }
}

void RecommendationsView::rebuildProfiles() {
  const auto r = session_->recommender();
  if (!r || !project_ || session_->projectPath().isEmpty()) return;
  const auto mode = static_cast<ContentMode>(profile_->currentData().toInt());
  if (mode == r->options().content.mode) return;
  RecommenderOptions o = session_->options();
  o.content.mode = mode;
  o.blend = r->blend();  // keep what the sliders say
  session_->load(session_->projectPath(), project_, o);
}

void RecommendationsView::setLoading(bool loading, const QString& text) {
  rebuilding_->setText(text.isEmpty() ? tr("Rebuilding models…") : text);
  rebuilding_->setVisible(loading);
  updateProfileEnabled();
  table_->setEnabled(!loading);
}

}  // namespace il
