#include "retrain_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "engine_session.h"
#include "job_runner.h"
#include "retrain_job.h"
#include "training_plot.h"

namespace il {

namespace {

// "/x/demo.ilens: no text vectors yet; …" reads better without the path in front.
QString withoutPath(const QString& error, const QString& path) {
  const QString prefix = path + QStringLiteral(": ");
  return error.startsWith(prefix) ? error.mid(prefix.size()) : error;
}

}  // namespace

RetrainDialog::RetrainDialog(JobRunner* jobs, EngineSession* session, QWidget* parent)
    : QDialog(parent), jobs_(jobs), session_(session) {
  setWindowTitle(tr("Retrain two-tower model"));
  setObjectName(QStringLiteral("retrainDialog"));
  const TwoTowerOptions defaults;

  epochs_ = new QSpinBox(this);
  epochs_->setObjectName(QStringLiteral("epochsSpin"));
  epochs_->setRange(1, 500);
  epochs_->setValue(defaults.epochs);
  epochs_->setToolTip(tr("Upper bound: training stops early when validation Recall@20 stops improving"));
  dim_ = new QSpinBox(this);
  dim_->setObjectName(QStringLiteral("dimSpin"));
  dim_->setRange(8, 1024);
  dim_->setSingleStep(8);
  dim_->setValue(defaults.dim);
  loss_ = new QComboBox(this);
  loss_->setObjectName(QStringLiteral("lossCombo"));
  loss_->addItem(tr("sampled softmax"), QString::fromLatin1(toString(TwoTowerLoss::Softmax)));
  loss_->addItem(tr("BPR"), QString::fromLatin1(toString(TwoTowerLoss::Bpr)));
  epsilon_ = new QDoubleSpinBox(this);
  epsilon_->setObjectName(QStringLiteral("epsilonSpin"));
  epsilon_->setRange(0, 10);
  epsilon_->setSingleStep(0.1);
  epsilon_->setDecimals(2);
  epsilon_->setSpecialValueText(tr("off"));  // 0 = no adversarial training
  epsilon_->setValue(defaults.adversarialEpsilon);
  feedback_ = new QCheckBox(tr("Use likes and dislikes"), this);
  feedback_->setObjectName(QStringLiteral("feedbackCheck"));
  feedback_->setChecked(true);
  feedback_->setToolTip(tr("Likes count as extra positives, dislikes as hard negatives"));
  seed_ = new QSpinBox(this);
  seed_->setObjectName(QStringLiteral("seedSpin"));
  seed_->setRange(0, 999999);
  seed_->setSpecialValueText(tr("default"));

  auto* form = new QFormLayout;
  form->addRow(tr("Epochs (at most):"), epochs_);
  form->addRow(tr("Embedding size:"), dim_);
  form->addRow(tr("Loss:"), loss_);
  form->addRow(tr("Adversarial epsilon:"), epsilon_);
  form->addRow(QString(), feedback_);
  form->addRow(tr("Seed:"), seed_);

  start_ = new QPushButton(tr("Start"), this);
  start_->setObjectName(QStringLiteral("startButton"));
  start_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(start_);
  runRow->addWidget(cancel_);
  runRow->addStretch(1);
  form->addRow(runRow);

  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("trainProgress"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("epoch %v of %m"));
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("trainStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->setMinimumHeight(status_->fontMetrics().lineSpacing() * 2);
  status_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  plot_ = new TrainingPlot(this);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* top = new QHBoxLayout;
  top->addLayout(form, 0);
  top->addWidget(plot_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top, 1);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(buttons);
  resize(900, 440);

  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);  // closing does not stop training
  connect(start_, &QPushButton::clicked, this, &RetrainDialog::start);
  connect(cancel_, &QPushButton::clicked, this, &RetrainDialog::cancel);
  connect(jobs_, &JobRunner::busyChanged, this, &RetrainDialog::updateButtons);
  connect(session_, &EngineSession::loadingStarted, this, &RetrainDialog::updateButtons);
  connect(session_, &EngineSession::ready, this, &RetrainDialog::updateButtons);
  connect(jobs_, &JobRunner::progressed, this, [this](int id, qint64, qint64, const QString& phase) {
    if (id == jobId_ && !cancelling_) setStatus(phase);
  });
  setStatus(tr("Trains on every interaction of the project with its text vectors."));
  updateButtons();
}

RetrainDialog::~RetrainDialog() {
  if (jobs_ && isRunning() && jobs_->currentId() == jobId_) jobs_->cancel();
}

void RetrainDialog::setProjectPath(const QString& path) {
  path_ = path;
  updateButtons();
}

TwoTowerOptions RetrainDialog::options() const {
  TwoTowerOptions o;
  o.epochs = epochs_->value();
  o.dim = dim_->value();
  o.loss = parseTwoTowerLoss(loss_->currentData().toString().toStdString()).value_or(TwoTowerLoss::Softmax);
  o.adversarialEpsilon = epsilon_->value();
  o.seed = static_cast<uint64_t>(seed_->value());
  return o;
}

bool RetrainDialog::useFeedback() const { return feedback_->isChecked(); }

bool RetrainDialog::start() {
  if (isRunning()) return false;
  if (path_.isEmpty()) {
    setStatus(tr("Open a project first."));
    return false;
  }
  // Building the models may be cut short (the window rebuilds them after training);
  // any other job keeps the worker.
  if (jobs_->isBusy() && !session_->isLoading()) {
    setStatus(tr("Wait for “%1” to finish (or cancel it) first.").arg(jobs_->currentName()));
    return false;
  }
  session_->abandonLoad();
  RetrainRequest request;
  request.projectPath = path_;
  request.train.options = options();
  request.train.useFeedback = useFeedback();
  request.afterEpoch = hook_;
  auto sink = makeEpochSink();
  // Queued: the sink emits on the worker thread; the plot is touched here only.
  connect(sink.get(), &EpochSink::epochFinished, this, &RetrainDialog::onEpoch, Qt::QueuedConnection);
  auto out = std::make_shared<RetrainOutcome>();
  const int epochs = request.train.options.epochs;
  plot_->reset(epochs);
  progress_->setRange(0, epochs);
  progress_->setValue(0);
  progress_->setFormat(tr("epoch %v of %m"));
  cancelling_ = false;
  setStatus(tr("Starting…"));
  const QString path = path_;
  QPointer<RetrainDialog> self(this);
  jobId_ = jobs_->start(tr("Two-tower model"), retrainWork(std::move(request), sink, out),
                        [self, path, out](const JobOutcome& job) {
                          if (self) self->onDone(path, *out, job);
                        });
  updateButtons();
  emit trainingStarted();
  return true;
}

void RetrainDialog::cancel() {
  if (!isRunning() || jobs_->currentId() != jobId_) return;
  cancelling_ = true;
  jobs_->cancel();
  setStatus(tr("Cancelling after the current batch…"));
  updateButtons();
}

QString RetrainDialog::statusText() const { return status_->text(); }

void RetrainDialog::onEpoch(int epoch, double trainLoss, double valRecall, double seconds) {
  if (!isRunning()) return;  // a cancelled run's last epoch
  plot_->addEpoch(epoch, trainLoss, valRecall);
  progress_->setValue(std::min(epoch, progress_->maximum()));
  const QLocale locale;
  QString text = tr("Epoch %1 of %2: loss %3").arg(epoch).arg(progress_->maximum()).arg(locale.toString(trainLoss, 'f', 4));
  if (std::isfinite(valRecall)) text += tr(", validation Recall@20 %1").arg(locale.toString(valRecall, 'f', 4));
  text += tr(" (%1 s)").arg(locale.toString(seconds, 'f', 1));
  if (!cancelling_) setStatus(text);
  emit epochShown(epoch);
}

void RetrainDialog::onDone(const QString& path, const RetrainOutcome& out, const JobOutcome& job) {
  jobId_ = 0;
  cancelling_ = false;
  const QString error = !out.error.isEmpty() ? out.error : job.error;
  const QLocale locale;
  if (!error.isEmpty()) {
    setStatus(tr("Training failed: %1").arg(withoutPath(error, path)));
  } else if (!out.stored) {
    setStatus(tr("Training cancelled: no model was stored."));
  } else {  // a Cancel that came after the last epoch is too late: the model is stored
    QString text = tr("Trained in %1 s, best epoch %2").arg(locale.toString(out.seconds, 'f', 1)).arg(out.bestEpoch);
    if (std::isfinite(out.bestValRecall))
      text += tr(", validation Recall@20 %1").arg(locale.toString(out.bestValRecall, 'f', 4));
    const bool early = out.epochsRun > 0 && out.epochsRun < progress_->maximum();
    if (early) text += tr(" (stopped early after %1 epochs: no better validation recall)").arg(out.epochsRun);
    text += tr(". Stored in the project; Recommendations now offers “Two-tower (trained)”.");
    setStatus(text);
    // Done is done: a full bar, saying how many epochs ran.
    progress_->setValue(progress_->maximum());
    progress_->setFormat(early ? tr("done: %1 of at most %2 epochs").arg(out.epochsRun).arg(progress_->maximum())
                               : tr("done: %1 epochs").arg(progress_->maximum()));
    plot_->markBestEpoch(out.bestEpoch);
  }
  updateButtons();
  emit trainingFinished(path, out.stored);
}

void RetrainDialog::updateButtons() {
  const bool workerFree = !jobs_->isBusy() || session_->isLoading();
  start_->setEnabled(!isRunning() && !path_.isEmpty() && workerFree);
  cancel_->setEnabled(isRunning() && !cancelling_);
  for (QWidget* w : std::initializer_list<QWidget*>{epochs_, dim_, loss_, epsilon_, feedback_, seed_})
    w->setEnabled(!isRunning());
}

void RetrainDialog::setStatus(const QString& text) { status_->setText(text); }

}  // namespace il
