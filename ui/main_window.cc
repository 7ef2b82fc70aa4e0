#include "main_window.h"

#include <QApplication>
#include <algorithm>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QToolBar>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "data_view.h"
#include "engine_session.h"
#include "user_picker.h"
#include "demo_project.h"
#include "encoder_panel.h"
#include "import_dialog.h"
#include "import_report_dialog.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "models_dialog.h"
#include "recent_projects.h"
#include "recommendations_view.h"
#include "retrain_dialog.h"
#include "interest_map_view.h"
#include "heatmap_view.h"
#include "evaluation_view.h"

namespace il {

namespace {
constexpr int kJobLabelWidth = 420;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      jobs_(new JobRunner(this)),
      session_(new EngineSession(jobs_, this)),
      pages_(new QStackedWidget(this)),
      tabs_(new QTabWidget(this)),
      dataView_(new DataView(this)),
      encoderPanel_(new EncoderPanel(this)),
      dataSplit_(new QSplitter(Qt::Horizontal, this)),
      projectLabel_(new QLabel(this)),
      encoderLabel_(new QLabel(tr("encoder: —"), this)),
      jobLabel_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      cancel_(new QToolButton(this)) {
  setWindowTitle(QStringLiteral("InterestLens"));
  setObjectName(QStringLiteral("mainWindow"));
  // Later issues add Interests, Heatmap, Recommendations and Evaluation here.
  // The encoder panel sits beside the tables whose Encoded column it fills.
  dataSplit_->setObjectName(QStringLiteral("dataSplit"));
  dataSplit_->addWidget(dataView_);
  dataSplit_->addWidget(encoderPanel_);
  dataSplit_->setStretchFactor(0, 1);
  dataSplit_->setStretchFactor(1, 0);
  dataSplit_->setCollapsible(0, false);
  encoderPanel_->setMinimumWidth(250);
  tabs_->addTab(dataSplit_, tr("Data"));
  createViews();
  pages_->addWidget(createWelcome());
  pages_->addWidget(tabs_);
  setCentralWidget(pages_);
  createMenus();
  createToolBar();
  createStatusBar();
  setAcceptDrops(true);

  connect(jobs_, &JobRunner::jobStarted, this, [this](int, const QString& name) {
    statusBar()->clearMessage();  // the last job's outcome would crowd this one's progress
    jobLabel_->setText(name);
    jobLabel_->setToolTip(name);
    progress_->setRange(0, 0);  // busy until the first report says how far
    progress_->show();
    cancel_->show();
    cancel_->setEnabled(true);
  });
  connect(jobs_, &JobRunner::progressed, this,
          [this](int id, qint64 done, qint64 total, const QString& phase) {
            if (id != jobs_->currentId()) return;  // a cancelled job's last words
            const QString text = jobs_->currentName() + QStringLiteral(": ") + phase;
            jobLabel_->setText(fontMetrics().elidedText(text, Qt::ElideMiddle, kJobLabelWidth));
            jobLabel_->setToolTip(text);
            if (total > 0) {
              progress_->setRange(0, 1000);
              progress_->setValue(static_cast<int>(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
            }
          });
  connect(jobs_, &JobRunner::busyChanged, this, [this](bool busy) {
    if (!busy) setJobIdle();
    updateActions();
  });
  connect(encoderPanel_, &EncoderPanel::encodeRequested, this, &MainWindow::startEncode);
  // A model build may start or end while the worker stays busy (no busyChanged).
  connect(session_, &EngineSession::loadingStarted, this, &MainWindow::updateActions);
  connect(session_, &EngineSession::ready, this, &MainWindow::updateActions);
  connect(cancel_, &QToolButton::clicked, this, [this]() {
    jobs_->cancel();
    cancel_->setEnabled(false);
    jobLabel_->setText(tr("Cancelling…"));
  });

  const QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
    resize(1280, 800);
  if (!dataSplit_->restoreState(settings.value(QStringLiteral("mainWindow/dataSplit")).toByteArray()))
    dataSplit_->setSizes({width() - 300, 300});
  encoderPanel_->load();
  setJobIdle();
  closeProject();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* create = file->addAction(tr("&New project from files…"), this,
                                    &MainWindow::newProjectFromFiles);
  create->setShortcut(QKeySequence::New);
  QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseProjectToOpen);
  open->setShortcut(QKeySequence::Open);
  recentMenu_ = file->addMenu(tr("Recent &projects"));
  connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
  rebuildRecentMenu();  // so the menu is not empty (and disabled) before first shown
  file->addAction(tr("Open &demo"), this, &MainWindow::openDemo);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* projectMenu = menuBar()->addMenu(tr("&Project"));
  encodeAction_ = projectMenu->addAction(tr("&Encode texts"), this, &MainWindow::startEncode);
  encodeAction_->setObjectName(QStringLiteral("encodeAction"));
  encodeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  encodeAction_->setStatusTip(tr("Encode the project's texts with the encoder chosen in the "
                                 "Encoder panel"));
  retrainAction_ = projectMenu->addAction(tr("&Retrain two-tower model…"), this, &MainWindow::showRetrainDialog);
  retrainAction_->setObjectName(QStringLiteral("retrainAction"));
  retrainAction_->setStatusTip(tr("Train the two-tower recommender on this project and add it to Recommendations"));

  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  QAction* models = tools->addAction(tr("&Models…"), this, &MainWindow::showModelsDialog);
  models->setObjectName(QStringLiteral("modelsAction"));
  models->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
  models->setStatusTip(tr("The BERT-family models on this computer, and downloads from the Hugging Face hub"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About InterestLens"), this, [this]() {
    QMessageBox::about(this, tr("About InterestLens"),
                       tr("<b>InterestLens %1</b><p>Explore what users are interested in, from "
                          "what they wrote, and what to recommend them.</p>")
                           .arg(QString::fromUtf8(il::version())));
  });
}

ModelsDialog* MainWindow::showModelsDialog() {
  if (!modelsDialog_) {
    modelsDialog_ = new ModelsDialog(this);
    connect(modelsDialog_, &ModelsDialog::modelChosen, this, [this](const QString& folder, const QString& pooling) {
      EncoderSettings s = encoderPanel_->settings();
      s.kind = "bert";
      s.modelDir = folder.toStdString();
      s.pooling = pooling.toStdString();
      encoderPanel_->setSettings(s);
      encoderPanel_->save();
      statusBar()->showMessage(tr("Encoder set to bert with %1").arg(folder), 8000);
    });
    connect(modelsDialog_, &ModelsDialog::downloadFinished, this,
            [this](bool ok, const QString& id, const QString& message) {
              statusBar()->showMessage(ok ? tr("Downloaded %1").arg(id) : tr("Download of %1 stopped: %2").arg(id, message),
                                       10000);
            });
  }
  modelsDialog_->show();
  modelsDialog_->raise();
  modelsDialog_->activateWindow();
  return modelsDialog_;
}

RetrainDialog* MainWindow::showRetrainDialog() {
  if (!retrainDialog_) {
    retrainDialog_ = new RetrainDialog(jobs_, session_, this);
    connect(retrainDialog_, &RetrainDialog::trainingStarted, this, &MainWindow::updateActions);
    connect(retrainDialog_, &RetrainDialog::trainingFinished, this, [this](const QString& path, bool stored) {
      // The user may have opened another project meanwhile; only this one's engine changes.
      if (path != projectPath_) return;
      // A new model to list, or a model build the training pre-empted: rebuild.
      if (stored || !session_->isReady()) session_->load(projectPath_, project_.get());
      statusBar()->showMessage(stored ? tr("Two-tower model trained and stored") : tr("Training stopped"), 8000);
    });
  }
  retrainDialog_->setProjectPath(projectPath_);
  retrainDialog_->show();
  retrainDialog_->raise();
  retrainDialog_->activateWindow();
  return retrainDialog_;
}

void MainWindow::createToolBar() {
  QToolBar* bar = addToolBar(tr("User"));
  bar->setObjectName(QStringLiteral("userToolBar"));
  bar->setMovable(false);
  bar->addWidget(new QLabel(tr(" User: "), bar));
  userPicker_ = new UserPicker(session_, bar);
  bar->addWidget(userPicker_);
  auto* modelsState = new QLabel(bar);
  modelsState->setObjectName(QStringLiteral("modelsState"));
  modelsState->setContentsMargins(12, 0, 0, 0);
  bar->addWidget(modelsState);
  connect(session_, &EngineSession::loadingStarted, modelsState, [modelsState]() {
    modelsState->setText(tr("building models…"));
  });
  connect(session_, &EngineSession::ready, modelsState, [this, modelsState]() {
    auto rec = session_->recommender();
    modelsState->setText(rec->hasContent() ? tr("models ready") : tr("models ready (no vectors yet: encode for content models)"));
  });
  connect(session_, &EngineSession::loadFailed, this, [this, modelsState](const QString& error) {
    modelsState->setText(tr("models failed"));
    showError(tr("Cannot build the models"), error);
  });
  connect(session_, &EngineSession::cleared, modelsState, [modelsState]() { modelsState->clear(); });
}

void MainWindow::createViews() {
  tabs_->addTab(new InterestMapView(session_, jobs_, this), tr("Interests"));
  tabs_->addTab(new HeatmapView(session_, this), tr("Heatmap"));
  recommendationsView_ = new RecommendationsView(session_, this);
  tabs_->addTab(recommendationsView_, tr("Recommendations"));
  tabs_->addTab(new EvaluationView(session_, jobs_, this), tr("Evaluation"));
  // Alt+1 .. Alt+5 switch tabs.
  for (int i = 0; i < tabs_->count(); ++i) {
    auto* a = new QAction(this);
    a->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)));
    connect(a, &QAction::triggered, this, [this, i]() { tabs_->setCurrentIndex(i); });
    addAction(a);
  }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList files;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) files << url.toLocalFile();
  if (files.isEmpty()) return;
  event->acceptProposedAction();
  if (files.size() == 1 && files.front().endsWith(QLatin1String(".ilens"))) {
    openProject(files.front());
    return;
  }
  ImportDialog dialog(this);
  dialog.addFiles(files);
  if (dialog.exec() != QDialog::Accepted) return;
  startImport({dialog.projectPath(), dialog.options(), dialog.replaceExisting()});
}

void MainWindow::createStatusBar() {
  projectLabel_->setObjectName(QStringLiteral("projectLabel"));
  encoderLabel_->setObjectName(QStringLiteral("encoderLabel"));
  jobLabel_->setObjectName(QStringLiteral("jobLabel"));
  progress_->setObjectName(QStringLiteral("jobProgress"));
  progress_->setFixedWidth(160);
  progress_->setTextVisible(false);
  cancel_->setObjectName(QStringLiteral("jobCancel"));
  cancel_->setText(tr("Cancel"));
  cancel_->setToolButtonStyle(Qt::ToolButtonTextOnly);
  cancel_->setAutoRaise(true);
  QStatusBar* bar = statusBar();
  // All permanent: the left side stays free for passing messages.
  for (QLabel* label : {projectLabel_, encoderLabel_, jobLabel_}) {
    label->setContentsMargins(6, 0, 6, 0);
    if (label != projectLabel_) {
      auto* line = new QFrame(this);
      line->setFrameShape(QFrame::VLine);
      line->setFrameShadow(QFrame::Sunken);
      bar->addPermanentWidget(line);
    }
    bar->addPermanentWidget(label);
  }
  bar->addPermanentWidget(progress_);
  bar->addPermanentWidget(cancel_);
}

QWidget* MainWindow::createWelcome() {
  auto* page = new QWidget(this);
  auto* title = new QLabel(QStringLiteral("<h1>InterestLens</h1>"), page);
  auto* text = new QLabel(
      tr("Load what users wrote (reviews, ratings, tags) and an item catalog, then explore their "
         "interests and what to recommend them."),
      page);
  text->setWordWrap(true);
  text->setAlignment(Qt::AlignCenter);
  // A centred, wrapped label gets no height-for-width from the layout; give it one.
  text->setFixedWidth(520);
  text->setMinimumHeight(text->heightForWidth(520));
  auto* create = new QPushButton(tr("New project from files…"), page);
  auto* open = new QPushButton(tr("Open project…"), page);
  auto* demo = new QPushButton(tr("Open the demo"), page);
  demo->setObjectName(QStringLiteral("welcomeDemo"));
  connect(create, &QPushButton::clicked, this, &MainWindow::newProjectFromFiles);
  connect(open, &QPushButton::clicked, this, &MainWindow::chooseProjectToOpen);
  connect(demo, &QPushButton::clicked, this, &MainWindow::openDemo);
  auto* layout = new QVBoxLayout(page);
  layout->addStretch(2);
  for (QWidget* w : {static_cast<QWidget*>(title), static_cast<QWidget*>(text)})
    layout->addWidget(w, 0, Qt::AlignHCenter);
  layout->addSpacing(16);
  for (QPushButton* b : {create, open, demo}) {
    b->setMinimumWidth(240);
    layout->addWidget(b, 0, Qt::AlignHCenter);
  }
  layout->addStretch(3);
  return page;
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList list = recent::projects();
  int n = 0;
  for (const QString& path : list) {
    const QFileInfo info(path);
    const QString label = QStringLiteral("&%1  %2 — %3")
                              .arg(++n % 10)
                              .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath()));
    QAction* a = recentMenu_->addAction(label, this, [this, path]() { openProject(path); });
    a->setEnabled(info.exists());
    a->setToolTip(path);
  }
  if (list.isEmpty()) recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
  recentMenu_->addSeparator();
  QAction* clear = recentMenu_->addAction(tr("Clear list"), this, []() { recent::clear(); });
  clear->setEnabled(!list.isEmpty());
}

bool MainWindow::openProject(const QString& path) {
  std::unique_ptr<Project> project;
  try {
    project = Project::open(path.toStdString(), Project::Mode::OpenExisting);
  } catch (const std::exception& e) {
    if (!QFileInfo::exists(path)) recent::remove(path);
    showError(tr("Cannot open project"), QString::fromUtf8(e.what()));
    return false;
  }
  project_ = std::move(project);
  projectPath_ = QFileInfo(path).absoluteFilePath();
  dataView_->setProject(projectPath_);
  pages_->setCurrentIndex(1);
  const QString name = QFileInfo(path).fileName();
  setWindowTitle(QStringLiteral("%1 — InterestLens").arg(name));
  projectLabel_->setText(tr("project: %1").arg(name));
  projectLabel_->setToolTip(QDir::toNativeSeparators(projectPath_));
  showProjectEncoders();
  updateActions();
  session_->load(projectPath_, project_.get());
  recommendationsView_->setProject(project_.get());
  if (retrainDialog_) retrainDialog_->setProjectPath(projectPath_);
  recent::add(projectPath_);
  emit projectOpened(projectPath_);
  return true;
}

void MainWindow::closeProject() {
  session_->clear();
  recommendationsView_->setProject(nullptr);
  project_.reset();
  projectPath_.clear();
  dataView_->setProject(QString());
  if (retrainDialog_) retrainDialog_->setProjectPath(QString());
  pages_->setCurrentIndex(0);
  setWindowTitle(QStringLiteral("InterestLens"));
  projectLabel_->setText(tr("project: —"));
  projectLabel_->setToolTip(QString());
  setEncoderLabel(QString(), QString());
  encoderPanel_->setProjectEncoders({});
  updateActions();
}

void MainWindow::chooseProjectToOpen() {
  const QString dir = projectPath_.isEmpty() ? QDir::homePath() : QFileInfo(projectPath_).absolutePath();
  const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), dir,
                                                    tr("InterestLens projects (*.ilens);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::newProjectFromFiles() {
  ImportDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted) return;
  startImport({dialog.projectPath(), dialog.options(), dialog.replaceExisting()});
}

int MainWindow::startImport(const ImportRequest& request) {
  const QString target = QFileInfo(request.projectPath).absoluteFilePath();
  // Replacing the open project: let go of it first.
  if (request.replace && target == projectPath_) closeProject();
  auto outcome = std::make_shared<ImportOutcome>();
  const QString name = tr("Importing into %1").arg(QFileInfo(target).fileName());
  return jobs_->start(name, importWork(request, outcome),
                      [this, request, outcome](const JobOutcome& job) {
                        if (!job.error.isEmpty() && outcome->error.empty())
                          outcome->error = job.error.toStdString();
                        onImportDone(request, *outcome);
                      });
}

void MainWindow::onImportDone(const ImportRequest& request, const ImportOutcome& outcome) {
  const QString path = QFileInfo(request.projectPath).absoluteFilePath();
  if (outcome.written) openProject(path);
  statusBar()->showMessage(outcome.written ? tr("Imported into %1").arg(QFileInfo(path).fileName())
                                           : tr("Import failed"),
                           8000);
  if (showReports_) {
    auto* report = new ImportReportDialog(outcome, path, this);
    report->setAttribute(Qt::WA_DeleteOnClose);
    report->open();
  }
  emit importFinished(outcome.written, path);
}

void MainWindow::openDemo() {
  if (demo::isReady()) {
    openProject(demo::projectPath());
    return;
  }
  auto outcome = std::make_shared<ImportOutcome>();
  jobs_->start(
      tr("Preparing the demo project"),
      [outcome](JobControl& job) { *outcome = demo::build(&job); },
      [this, outcome](const JobOutcome& job) {
        if (!job.error.isEmpty() && outcome->error.empty()) outcome->error = job.error.toStdString();
        const QString path = demo::projectPath();
        if (outcome->written && openProject(path)) {
          statusBar()->showMessage(tr("Demo project ready"), 8000);
        } else if (outcome->error != "cancelled" && showReports_) {
          auto* report = new ImportReportDialog(*outcome, path, this);
          report->setAttribute(Qt::WA_DeleteOnClose);
          report->open();
        }
        emit importFinished(outcome->written, path);
      });
}

int MainWindow::startEncode() {
  if (!project_ || (jobs_->isBusy() && !session_->isLoading())) return 0;
  encoderPanel_->save();
  session_->abandonLoad();  // the encode takes the worker; models are rebuilt after it
  EncodeRequest request{projectPath_, encoderPanel_->settings()};
  auto outcome = std::make_shared<EncodeOutcome>();
  const QString name = tr("Encoding with %1").arg(QString::fromStdString(request.settings.kind));
  const int id = jobs_->start(name, encodeWork(request, outcome),
                              [this, request, outcome](const JobOutcome& job) {
                                onEncodeDone(request, *outcome, job);
                              });
  updateActions();  // the worker was already busy (building models): busyChanged did not fire
  return id;
}

void MainWindow::onEncodeDone(const EncodeRequest& request, const EncodeOutcome& outcome,
                              const JobOutcome& job) {
  const QString error = !outcome.error.isEmpty() ? outcome.error : job.error;
  const bool cancelled = error.isEmpty() && (job.cancelled || outcome.stats.cancelled);
  // The user may have opened another project meanwhile; only this one's view changes.
  if (request.projectPath == projectPath_) {
    showProjectEncoders();
    if (!outcome.encoderId.isEmpty()) setEncoderLabel(outcome.kind, outcome.encoderId);
    dataView_->refresh();
    // New vectors change profiles, clusters and content scores: rebuild the models.
    if (outcome.stats.encoded > 0 || !session_->isReady()) session_->load(projectPath_, project_.get());
  }
  const QLocale locale;
  const EncodeStats& s = outcome.stats;
  if (!error.isEmpty()) {
    statusBar()->showMessage(tr("Encoding failed"), 8000);
    showError(tr("Encoding failed"),
              tr("The %1 encoder could not encode the texts:\n\n%2").arg(outcome.kind, error));
  } else if (cancelled) {
    statusBar()->showMessage(
        tr("Encoding cancelled: %1 of %2 texts have vectors (the next run goes on from there)")
            .arg(locale.toString(s.alreadyEncoded + s.encoded), locale.toString(s.distinctTexts)),
        8000);
  } else {
    statusBar()->showMessage(tr("Encoded %1 texts with %2 in %3 s (%4 already had vectors)")
                                 .arg(locale.toString(s.encoded), outcome.kind,
                                      locale.toString(s.seconds, 'f', 1),
                                      locale.toString(s.alreadyEncoded)),
                             8000);
  }
  emit encodeFinished(cancelled, error);
}

void MainWindow::setEncoderLabel(const QString& kind, const QString& id) {
  encoderLabel_->setText(id.isEmpty() ? tr("encoder: —")
                                      : tr("encoder: %1").arg(shortEncoderName(kind, id)));
  encoderLabel_->setToolTip(id);
}

void MainWindow::showProjectEncoders() {
  std::vector<EncoderInfo> encoders;
  try {
    // The panel warns before Encode when the encoder does not cover these languages.
    encoderPanel_->setProjectLanguages(project_ ? project_->languageCounts() : std::map<std::string, int64_t>{});
    if (project_) encoders = projectEncoders(*project_);
  } catch (const std::exception&) {
    // Only the label and the list would say it; the project itself is fine.
  }
  // Newest first: the one last used, unless it never wrote a vector.
  const auto used = std::find_if(encoders.begin(), encoders.end(),
                                 [](const EncoderInfo& e) { return e.vectors > 0; });
  if (used == encoders.end()) setEncoderLabel(QString(), QString());
  else setEncoderLabel(QString::fromStdString(used->kind), QString::fromStdString(used->id));
  encoderPanel_->setProjectEncoders(encoders);
}

void MainWindow::updateActions() {
  // Building the models may be cut short: an encode rebuilds them when it is done.
  const bool canEncode = project_ && (!jobs_->isBusy() || session_->isLoading());
  encodeAction_->setEnabled(canEncode);
  encoderPanel_->setEncodeEnabled(canEncode);
  // The dialog itself says when the worker is taken; it can always be opened to look.
  retrainAction_->setEnabled(project_ != nullptr);
}

void MainWindow::setJobIdle() {
  jobLabel_->setText(tr("no job running"));
  jobLabel_->setToolTip(QString());
  progress_->hide();
  cancel_->hide();
}

void MainWindow::showError(const QString& title, const QString& text) {
  // Non-modal, so scripted runs and tests are never stuck behind a message box.
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (jobs_->isBusy()) {
    const auto answer = QMessageBox::question(
        this, tr("A job is running"),
        tr("%1 is still running. Cancel it and quit?").arg(jobs_->currentName()));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    jobs_->cancel();  // the runner waits for it as the window goes away
  }
  QSettings settings;
  settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("mainWindow/dataSplit"), dataSplit_->saveState());
  encoderPanel_->save();
  event->accept();
}

}  // namespace il
