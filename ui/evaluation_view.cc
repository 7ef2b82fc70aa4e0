#include "evaluation_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

#include "engine_session.h"
#include "evaluation_charts.h"
#include "evaluation_report_json.h"
#include "export_util.h"
#include "job_runner.h"
#include "two_tower_project.h"

namespace il {

namespace {

// What the worker hands back to the GUI thread.
struct RunResult {
  EvalReport report;
  std::string error, recordError;
  int64_t runId = 0;
};

// The models offered, in table order: the two-tower ones train during the run (minutes
// on a large project), so they start unticked.
const std::vector<std::string> kViewModels = {"popularity", "itemknn", "mf", "content", "twotower", "twotower-apr", "hybrid"};

bool isTwoTower(const std::string& m) { return m.rfind("twotower", 0) == 0; }
bool needsVectors(const std::string& m) { return m == "content" || m == "hybrid" || isTwoTower(m); }
bool needsVectors(const std::vector<std::string>& models) {
  return std::any_of(models.begin(), models.end(), [](const std::string& m) { return needsVectors(m); });
}

QStandardItem* numberItem(double v, int decimals) {
  auto* item = new QStandardItem(QString::number(v, 'f', decimals));
  item->setData(v, Qt::UserRole);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

EvaluationView::EvaluationView(EngineSession* session, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), session_(session), jobs_(jobs) {
  buildControls();
  connect(session_, &EngineSession::ready, this, &EvaluationView::onReady);
  connect(session_, &EngineSession::cleared, this, &EvaluationView::onCleared);
  connect(session_, &EngineSession::loadingStarted, this, &EvaluationView::updateEnabled);
  connect(jobs_, &JobRunner::busyChanged, this, &EvaluationView::updateEnabled);
  connect(jobs_, &JobRunner::progressed, this, [this](int id, qint64 done, qint64 total, const QString& phase) {
    if (id != jobId_) return;
    status_->setText(total > 0 ? tr("Evaluating: %1 (%2 of %3)…").arg(phase).arg(done + 1).arg(total)
                               : tr("Evaluating: %1…").arg(phase));
  });
  if (session_->isReady()) onReady();
  else onCleared();
}

void EvaluationView::buildControls() {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Models:"), this));
  for (const std::string& m : kViewModels) {
    auto* box = new QCheckBox(QString::fromStdString(m), this);
    box->setObjectName(QStringLiteral("model_") + QString::fromStdString(m));
    box->setChecked(!isTwoTower(m));
    modelBoxes_[m] = box;
    controls->addWidget(box);
  }
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("K:"), this));
  ks_ = new QLineEdit(QStringLiteral("10,20"), this);
  ks_->setObjectName(QStringLiteral("ksEdit"));
  ks_->setToolTip(tr("Cut-offs for the table, comma separated. The K-curve adds %1.").arg(QStringLiteral("1, 2, 5, 10, 20, 50")));
  ks_->setMaximumWidth(90);
  controls->addWidget(ks_);
  controls->addWidget(new QLabel(tr("Seed:"), this));
  seed_ = new QSpinBox(this);
  seed_->setObjectName(QStringLiteral("seedSpin"));
  seed_->setRange(0, 2147483647);
  seed_->setValue(42);
  controls->addWidget(seed_);
  run_ = new QPushButton(tr("Run evaluation"), this);
  run_->setObjectName(QStringLiteral("runEvaluation"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName(QStringLiteral("cancelEvaluation"));
  controls->addWidget(run_);
  controls->addWidget(cancel_);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("evaluationStatus"));
  status_->setWordWrap(true);
  controls->addWidget(status_, 1);
  layout->addLayout(controls);

  auto* split = new QSplitter(Qt::Vertical, this);
  model_ = new QStandardItemModel(this);
  table_ = new QTableView(split);
  table_->setObjectName(QStringLiteral("evaluationTable"));
  table_->setModel(model_);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setWordWrap(false);  // params are long JSON: one line each, full text in the tooltip
  addTableExportActions(table_, QStringLiteral("evaluation"));

  auto* charts = new QWidget(split);
  auto* chartRow = new QHBoxLayout(charts);
  chartRow->setContentsMargins(0, 0, 0, 0);
  auto* barsBox = new QVBoxLayout;
  auto* barRow = new QHBoxLayout;
  barRow->addWidget(new QLabel(tr("Bars at K:"), charts));
  barK_ = new QComboBox(charts);
  barK_->setObjectName(QStringLiteral("barK"));
  barRow->addWidget(barK_);
  barRow->addStretch(1);
  barsBox->addLayout(barRow);
  bars_ = makeEvaluationPlot(QStringLiteral("metricBars"), false, charts);
  barsBox->addWidget(bars_, 1);
  chartRow->addLayout(barsBox, 1);
  curve_ = makeEvaluationPlot(QStringLiteral("kCurve"), true, charts);
  chartRow->addWidget(curve_, 1);
  addPlotExportActions(bars_, QStringLiteral("evaluation-bars"));
  addPlotExportActions(curve_, QStringLiteral("evaluation-k-curve"));

  protocol_ = new QPlainTextEdit(split);
  protocol_->setObjectName(QStringLiteral("protocolText"));
  protocol_->setReadOnly(true);
  protocol_->setMaximumHeight(protocol_->fontMetrics().lineSpacing() * 6);
  split->addWidget(table_);
  split->addWidget(charts);
  split->addWidget(protocol_);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 5);
  split->setStretchFactor(2, 1);
  layout->addWidget(split, 1);

  connect(run_, &QPushButton::clicked, this, &EvaluationView::run);
  connect(cancel_, &QPushButton::clicked, this, &EvaluationView::cancel);
  connect(barK_, &QComboBox::currentIndexChanged, this, &EvaluationView::showBars);
}

QString EvaluationView::statusText() const { return status_->text(); }

bool EvaluationView::comparisonOptions(ComparisonOptions* out, std::vector<int>* tableKs, QString* error) const {
  ComparisonOptions o;
  o.models.clear();
  for (const std::string& m : kViewModels) {
    const QCheckBox* box = modelBoxes_.at(m);
    if (!box->isChecked() || !box->isEnabled()) continue;
    o.models.push_back(m);
    if (isTwoTower(m)) o.extraModels.push_back(*twoTowerModel(m));
  }
  if (o.models.empty()) {
    *error = tr("Choose at least one model.");
    return false;
  }
  std::vector<int> ks;
  for (const QString& part : ks_->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int k = part.toInt(&ok);
    if (!ok || k < 1 || k > 1000) {
      *error = tr("K must be whole numbers from 1 to 1000, e.g. 10,20 (not '%1').").arg(part);
      return false;
    }
    if (std::find(ks.begin(), ks.end(), k) == ks.end()) ks.push_back(k);
  }
  if (ks.empty()) {
    *error = tr("Give at least one K, e.g. 10,20.");
    return false;
  }
  std::vector<int> all = kCurveKs;
  all.insert(all.end(), ks.begin(), ks.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  o.eval.ks = all;
  o.eval.seed = static_cast<uint64_t>(seed_->value());
  o.eval.threads = 0;
  *out = std::move(o);
  *tableKs = std::move(ks);
  return true;
}

void EvaluationView::run() {
  const std::shared_ptr<const Recommender> engine = session_->recommender();
  if (!engine) return;
  ComparisonOptions options;
  std::vector<int> tableKs;
  QString error;
  if (!comparisonOptions(&options, &tableKs, &error)) {
    status_->setText(error);
    return;
  }
  const std::string path = session_->projectPath().toStdString();
  auto result = std::make_shared<RunResult>();
  // The work holds the recommender, so corpus and vectors outlive a reload meanwhile.
  auto work = [engine, options, tableKs, path, result](JobControl& job) {
    ComparisonOptions o = options;
    if (needsVectors(o.models)) {
      o.eval.textVectors = engine->data().textVectors;
      o.eval.itemVectors = engine->data().itemVectors;
    }
    try {
      result->report = compareModels(engine->corpus(), o, &job);
    } catch (const std::invalid_argument& e) {
      result->error = e.what();
      return;
    }
    if (path.empty()) return;  // a session without a project file (tests) records nothing
    const Corpus& c = engine->corpus();
    QJsonArray models, table;
    for (const std::string& m : o.models) models.append(QString::fromStdString(m));
    for (int k : tableKs) table.append(k);
    const QJsonObject dataset{{"project", QString::fromStdString(path)},
                              {"users", c.userCount()},
                              {"items", c.itemCount()},
                              {"interactions", static_cast<qint64>(c.events.size())},
                              {"texts", static_cast<qint64>(c.texts.size())}};
    const QJsonObject extra{{"encoder", QString::fromStdString(engine->encoderId())},
                            {"models", models},
                            {"dataset", dataset},
                            {"table_k", table},
                            {"source", "gui"}};
    try {
      // Its own write connection: SQLite connections stay on their thread.
      auto project = Project::open(path, Project::Mode::OpenExisting);
      result->runId = RunStore(*project).record(
          "evaluate", QJsonDocument(extra).toJson(QJsonDocument::Compact).toStdString(), reportJson(result->report, extra));
    } catch (const std::exception& e) {
      result->recordError = e.what();
    }
  };
  const int generation = generation_;
  QPointer<EvaluationView> self(this);
  status_->setText(tr("Evaluating…"));
  jobId_ = jobs_->start(tr("Evaluating models"), work, [self, generation, result, tableKs](const JobOutcome& outcome) {
    if (!self || self->jobId_ != outcome.id) return;
    self->jobId_ = 0;
    self->updateEnabled();
    if (generation != self->generation_) return;  // another project by now
    if (outcome.cancelled) {
      self->status_->setText(tr("Evaluation cancelled."));
      return;
    }
    const std::string failure = !result->error.empty() ? result->error : outcome.error.toStdString();
    if (!failure.empty()) {
      self->status_->setText(tr("Evaluation failed: %1").arg(QString::fromStdString(failure)));
      return;
    }
    self->recordedRun_ = result->runId;
    self->showReport(result->report, tableKs);
    QString done = tr("Evaluated %1 users over %2 items.").arg(result->report.users).arg(result->report.items);
    if (result->runId > 0) done += QLatin1Char(' ') + tr("Recorded in the project (run %1).").arg(result->runId);
    else if (!result->recordError.empty())
      done += QLatin1Char(' ') + tr("Not recorded: %1").arg(QString::fromStdString(result->recordError));
    self->status_->setText(done);
  });
  updateEnabled();
}

void EvaluationView::cancel() {
  if (jobId_ != 0 && jobs_->currentId() == jobId_) jobs_->cancel();
}

void EvaluationView::onReady() {
  ++generation_;
  const auto engine = session_->recommender();
  const bool content = engine && engine->hasContent();
  for (const std::string& m : kViewModels) {
    if (!needsVectors(m)) continue;
    QCheckBox* box = modelBoxes_.at(m);
    box->setEnabled(content);
    if (!content) box->setToolTip(tr("Needs vectors: encode the project first."));
    else if (isTwoTower(m))
      box->setToolTip(m == "twotower" ? tr("Trains the two-tower model on the training split during the run (can take minutes).")
                                      : tr("Two-tower with adversarial regularisation (APR); trains during the run."));
    else box->setToolTip(QString());
  }
  StoredEvaluation stored;
  if (loadLastEvaluation(session_->projectPath().toStdString(), &stored)) {
    recordedRun_ = stored.runId;
    showReport(stored.report, stored.tableKs);
    status_->setText(tr("Last evaluation, recorded %1 (run %2). Run to recompute.")
                         .arg(QLocale().toString(stored.created, QLocale::ShortFormat))
                         .arg(stored.runId));
  } else {
    hasReport_ = false;
    recordedRun_ = 0;
    model_->clear();
    clearEvaluationPlot(bars_, tr("Run an evaluation to compare the models"));
    clearEvaluationPlot(curve_, QString());
    protocol_->clear();
    status_->setText(tr("No evaluation yet for this project."));
  }
  updateEnabled();
}

void EvaluationView::onCleared() {
  ++generation_;
  hasReport_ = false;
  recordedRun_ = 0;
  report_ = {};
  model_->clear();
  barK_->clear();
  clearEvaluationPlot(bars_, tr("Open a project to evaluate its models"));
  clearEvaluationPlot(curve_, QString());
  protocol_->clear();
  status_->clear();
  updateEnabled();
}

void EvaluationView::updateEnabled() {
  const bool mine = jobId_ != 0;
  run_->setEnabled(session_->isReady() && !session_->isLoading() && !jobs_->isBusy() && !mine);
  cancel_->setEnabled(mine);
}

void EvaluationView::showReport(const EvalReport& report, const std::vector<int>& tableKs) {
  report_ = report;
  tableKs_ = tableKs;
  hasReport_ = true;
  fillTable();
  {
    const QSignalBlocker block(barK_);
    barK_->clear();
    for (int k : report_.ks) barK_->addItem(QString::number(k), k);
    int k = std::find(report_.ks.begin(), report_.ks.end(), 10) != report_.ks.end() ? 10
            : tableKs_.empty()                                                    ? report_.ks.front()
                                                                                  : tableKs_.front();
    barK_->setCurrentIndex(std::max(0, barK_->findData(k)));
  }
  showBars();
  showKCurve(curve_, report_);
  QString ks;
  for (int k : tableKs_) ks += (ks.isEmpty() ? "" : ", ") + QString::number(k);
  protocol_->setPlainText(tr("Protocol: %1.\nUsers evaluated: %2 · items ranked over: %3 · seed: %4 · table K: %5 · "
                             "curve K: the table's plus 1, 2, 5, 10, 20, 50.")
                              .arg(QString::fromStdString(report_.protocol))
                              .arg(report_.users)
                              .arg(report_.items)
                              .arg(report_.seed)
                              .arg(ks));
}

void EvaluationView::fillTable() {
  model_->clear();
  QStringList header = {tr("model")};
  for (int k : tableKs_)
    header << QStringLiteral("recall@%1").arg(k) << QStringLiteral("ndcg@%1").arg(k) << QStringLiteral("coverage@%1").arg(k);
  header << QStringLiteral("validation ndcg@%1").arg(kTuningK) << tr("fit s") << tr("eval s") << tr("params");
  model_->setHorizontalHeaderLabels(header);
  for (const ModelResult& r : report_.results) {
    QList<QStandardItem*> row = {new QStandardItem(QString::fromStdString(r.model))};
    for (int k : tableKs_) {
      const auto m = std::find_if(r.atK.begin(), r.atK.end(), [k](const MetricsAtK& x) { return x.k == k; });
      const MetricsAtK v = m != r.atK.end() ? *m : MetricsAtK{};
      row << numberItem(v.recall, 4) << numberItem(v.ndcg, 4) << numberItem(v.coverage, 4);
    }
    row << numberItem(r.validationNdcg, 4) << numberItem(r.fitSeconds, 2) << numberItem(r.evalSeconds, 2)
        << new QStandardItem(QString::fromStdString(r.paramsJson));
    row.back()->setToolTip(QString::fromStdString(r.paramsJson));  // often wider than the column
    model_->appendRow(row);
  }
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
  // Every model's row visible without scrolling (there are at most a handful).
  const int rows = std::min(model_->rowCount(), 8);
  int h = table_->horizontalHeader()->height() + 2 * table_->frameWidth() + 4;
  for (int r = 0; r < rows; ++r) h += table_->rowHeight(r);
  table_->setMinimumHeight(h);
}

void EvaluationView::showBars() {
  if (!hasReport_ || barK_->count() == 0) return;
  showMetricBars(bars_, report_, barK_->currentData().toInt());
}

}  // namespace il
