#include "models_dialog.h"

#include <algorithm>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "model_list_model.h"
#include "models_catalog/hf_cache.h"

namespace il {

namespace {

const QString kFoldersKey = QStringLiteral("models/extraFolders");

// Progress bars hold ints; scale byte counts down to KiB so multi-GB files fit.
int barValue(qint64 bytes) { return static_cast<int>(bytes / 1024); }

}  // namespace

ModelsDialog::ModelsDialog(QWidget* parent)
    : QDialog(parent),
      list_(new ModelListModel(this)),
      downloader_(new ModelDownloader(this)),
      watcher_(new QFileSystemWatcher(this)),
      rescanSoon_(new QTimer(this)) {
  setWindowTitle(tr("Models"));
  setObjectName(QStringLiteral("modelsDialog"));
  extraFolders_ = QSettings().value(kFoldersKey).toStringList();

  cacheLabel_ = new QLabel(this);
  cacheLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  cacheLabel_->setWordWrap(true);

  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("modelTable"));
  table_->setModel(list_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->setWordWrap(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setMinimumHeight(160);

  details_ = new QLabel(this);
  details_->setObjectName(QStringLiteral("modelDetails"));
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  details_->setMinimumHeight(details_->fontMetrics().lineSpacing() * 3);
  details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  auto* addFolder = new QPushButton(tr("Add folder…"), this);
  removeFolder_ = new QPushButton(tr("Remove folder"), this);
  auto* refresh = new QPushButton(tr("Refresh"), this);
  use_ = new QPushButton(tr("Use for encoding"), this);
  use_->setObjectName(QStringLiteral("useButton"));
  use_->setToolTip(tr("Sets the Encoder panel to bert with this model folder"));
  auto* listButtons = new QHBoxLayout;
  listButtons->addWidget(addFolder);
  listButtons->addWidget(removeFolder_);
  listButtons->addWidget(refresh);
  listButtons->addStretch(1);
  listButtons->addWidget(use_);

  // ---- download ----
  auto* box = new QGroupBox(tr("Download from the Hugging Face hub"), this);
  modelId_ = new QComboBox(box);
  modelId_->setObjectName(QStringLiteral("modelIdBox"));
  modelId_->setEditable(true);
  modelId_->setInsertPolicy(QComboBox::NoInsert);
  for (const std::string& id : curatedModelIds()) modelId_->addItem(QString::fromStdString(id));
  modelId_->lineEdit()->setPlaceholderText(tr("ORG/NAME, e.g. BAAI/bge-small-en-v1.5"));
  modelId_->setMinimumContentsLength(32);
  revision_ = new QLineEdit(QStringLiteral("main"), box);
  revision_->setObjectName(QStringLiteral("revisionEdit"));
  token_ = new QLineEdit(box);
  token_->setObjectName(QStringLiteral("tokenEdit"));
  token_->setEchoMode(QLineEdit::Password);
  token_->setPlaceholderText(qEnvironmentVariableIsSet("HF_TOKEN") ? tr("(using $HF_TOKEN)")
                                                                   : tr("only for gated or private models; not saved"));
  download_ = new QPushButton(tr("Download"), box);
  download_->setObjectName(QStringLiteral("downloadButton"));
  download_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"), box);
  cancel_->setObjectName(QStringLiteral("cancelDownloadButton"));
  cancel_->setEnabled(false);
  auto* idRow = new QHBoxLayout;
  idRow->addWidget(modelId_, 1);
  idRow->addWidget(download_);
  idRow->addWidget(cancel_);

  fileLabel_ = new QLabel(box);
  fileLabel_->setObjectName(QStringLiteral("fileLabel"));
  fileBar_ = new QProgressBar(box);
  fileBar_->setObjectName(QStringLiteral("fileProgress"));
  totalLabel_ = new QLabel(box);
  totalLabel_->setObjectName(QStringLiteral("totalLabel"));
  totalBar_ = new QProgressBar(box);
  totalBar_->setObjectName(QStringLiteral("totalProgress"));
  for (QProgressBar* b : {fileBar_, totalBar_}) {
    b->setRange(0, 1);
    b->setValue(0);
  }
  status_ = new QLabel(box);
  status_->setObjectName(QStringLiteral("downloadStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* form = new QFormLayout(box);
  form->addRow(tr("Model id:"), idRow);
  form->addRow(tr("Revision:"), revision_);
  form->addRow(tr("Token:"), token_);
  form->addRow(tr("File:"), fileLabel_);
  form->addRow(QString(), fileBar_);
  form->addRow(tr("Total:"), totalLabel_);
  form->addRow(QString(), totalBar_);
  form->addRow(status_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(cacheLabel_);
  layout->addWidget(table_, 1);
  layout->addWidget(details_);
  layout->addLayout(listButtons);
  layout->addWidget(box);
  layout->addWidget(buttons);
  resize(920, 620);

  rescanSoon_->setSingleShot(true);
  rescanSoon_->setInterval(300);  // a copy writes many files: rescan once it settles
  connect(rescanSoon_, &QTimer::timeout, this, &ModelsDialog::rescan);
  connect(watcher_, &QFileSystemWatcher::directoryChanged, rescanSoon_, qOverload<>(&QTimer::start));
  connect(watcher_, &QFileSystemWatcher::fileChanged, rescanSoon_, qOverload<>(&QTimer::start));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  connect(addFolder, &QPushButton::clicked, this, &ModelsDialog::chooseFolder);
  connect(removeFolder_, &QPushButton::clicked, this, &ModelsDialog::removeFolder);
  connect(refresh, &QPushButton::clicked, this, &ModelsDialog::rescan);
  connect(use_, &QPushButton::clicked, this, &ModelsDialog::useSelected);
  connect(table_, &QTableView::doubleClicked, this, &ModelsDialog::useSelected);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsDialog::updateSelection);
  connect(download_, &QPushButton::clicked, this, &ModelsDialog::startDownload);
  connect(modelId_->lineEdit(), &QLineEdit::returnPressed, this, &ModelsDialog::startDownload);
  connect(cancel_, &QPushButton::clicked, downloader_, &ModelDownloader::cancel);
  connect(downloader_, &ModelDownloader::progressed, this, &ModelsDialog::onProgress);
  connect(downloader_, &ModelDownloader::finished, this, &ModelsDialog::onFinished);
  rescan();
}

ModelsDialog::~ModelsDialog() = default;

bool ModelsDialog::isDownloading() const { return downloader_->isRunning(); }

void ModelsDialog::showEvent(QShowEvent* event) {
  QDialog::showEvent(event);
  rescan();  // the environment (HF_HOME) or the disk may have changed since last time
}

void ModelsDialog::rescan() {
  hubDir_ = QString::fromStdString(hfHubCacheDir());
  cacheLabel_->setText(tr("Hugging Face cache: <b>%1</b>%2").arg(hubDir_.toHtmlEscaped(),
      QFileInfo::exists(hubDir_) ? QString() : tr(" (not created yet)")));
  const QString selected = selectAfterScan_.isEmpty() && table_->currentIndex().isValid()
                               ? list_->data(list_->index(table_->currentIndex().row(), ModelListModel::Id)).toString()
                               : selectAfterScan_;
  selectAfterScan_.clear();
  ModelScanOptions o;
  o.hubCacheDir = hubDir_.toStdString();
  for (const QString& f : extraFolders_) o.extraFolders.push_back(f.toStdString());
  list_->setModels(scanModels(o));
  table_->resizeColumnsToContents();
  const int statusWidth = table_->columnWidth(ModelListModel::Status);
  const int least = table_->fontMetrics().horizontalAdvance(tr("downloading…")) + 24;
  table_->setColumnWidth(ModelListModel::Status, std::clamp(statusWidth, least, 320));  // the tooltip has the rest
  const int row = list_->rowOf(selected);
  if (row >= 0) table_->selectRow(row);
  updateSelection();
  watchCache();
}

// Watches the hub folder, each repo in it and its snapshots and refs, so a model copied in by
// another tool (huggingface-cli, transformers) triggers a rescan. Missing folders: the nearest
// existing parent is watched, so creating the cache is seen too.
void ModelsDialog::watchCache() {
  const QStringList old = watcher_->directories();
  if (!old.isEmpty()) watcher_->removePaths(old);
  QStringList paths;
  QDir dir(hubDir_);
  while (!dir.exists() && !dir.isRoot() && dir.cdUp()) {}
  paths << dir.absolutePath();
  if (QFileInfo(hubDir_).isDir()) {
    for (const QFileInfo& repo : QDir(hubDir_).entryInfoList({"models--*"}, QDir::Dirs | QDir::NoDotAndDotDot)) {
      paths << repo.absoluteFilePath();
      for (const char* sub : {"snapshots", "refs", "blobs"})
        if (QFileInfo(repo.absoluteFilePath() + "/" + sub).isDir()) paths << repo.absoluteFilePath() + "/" + sub;
    }
  }
  for (const QString& f : extraFolders_)
    if (QFileInfo(f).isDir()) paths << f;
  paths.removeDuplicates();
  watcher_->addPaths(paths);
}

void ModelsDialog::updateSelection() {
  const QModelIndex cur = table_->selectionModel()->currentIndex();
  const bool any = cur.isValid() && table_->selectionModel()->isRowSelected(cur.row(), {});
  if (!any) {
    use_->setEnabled(false);
    removeFolder_->setEnabled(false);
    details_->setText(list_->rowCount() == 0
                          ? tr("No models found. Download one below, or add a folder that holds a model.")
                          : tr("Select a model to see its details."));
    return;
  }
  const CachedModel& m = list_->models()[static_cast<size_t>(cur.row())];
  use_->setEnabled(m.usable);
  removeFolder_->setEnabled(m.source == "folder");
  QString text = QStringLiteral("<b>%1</b> — %2").arg(QString::fromStdString(m.id).toHtmlEscaped(),
                                                       QString::fromStdString(m.path).toHtmlEscaped());
  if (!m.architecture.empty()) text += tr("<br>architecture %1").arg(QString::fromStdString(m.architecture).toHtmlEscaped());
  if (!m.tokenizer.empty()) text += tr(", tokenizer %1").arg(QString::fromStdString(m.tokenizer));
  for (const ModelIssue& i : m.issues)
    text += QStringLiteral("<br>✗ %1 — <i>%2</i>").arg(QString::fromStdString(i.problem).toHtmlEscaped(),
                                                        QString::fromStdString(i.fix).toHtmlEscaped());
  details_->setText(text);
}

void ModelsDialog::addFolder(const QString& dir) {
  const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
  if (!extraFolders_.contains(clean)) extraFolders_ << clean;
  QSettings().setValue(kFoldersKey, extraFolders_);
  rescan();
}

void ModelsDialog::chooseFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("A model folder, or a folder of model folders"));
  if (!dir.isEmpty()) addFolder(dir);
}

void ModelsDialog::removeFolder() {
  const QModelIndex cur = table_->currentIndex();
  if (!cur.isValid()) return;
  const QString path = QDir::cleanPath(list_->data(cur, ModelListModel::PathRole).toString());
  // The model may be the folder that was added, or one inside it.
  extraFolders_.removeIf([&](const QString& f) { return path == f || path.startsWith(f + '/'); });
  QSettings().setValue(kFoldersKey, extraFolders_);
  rescan();
}

void ModelsDialog::useSelected() {
  const QModelIndex cur = table_->currentIndex();
  if (!cur.isValid() || !list_->data(cur, ModelListModel::UsableRole).toBool()) return;
  const CachedModel& m = list_->models()[static_cast<size_t>(cur.row())];
  emit modelChosen(QString::fromStdString(m.path), m.poolingFromFolder ? QString() : QString::fromStdString(m.pooling));
}

void ModelsDialog::startDownload() {
  if (downloader_->isRunning()) return;
  const QString id = modelId_->currentText().trimmed();
  if (!isValidModelId(id.toStdString())) {
    status_->setText(tr("<span style='color:#b03020'>“%1” is not a model id: expected ORG/NAME, as on the hub.</span>")
                         .arg(id.toHtmlEscaped()));
    return;
  }
  HubDownloadOptions o;
  o.modelId = id.toStdString();
  o.revision = revision_->text().trimmed().isEmpty() ? "main" : revision_->text().trimmed().toStdString();
  o.token = token_->text().trimmed().toStdString();
  o.cacheDir = hubDir_.toStdString();
  if (!downloader_->start(o)) return;
  list_->setDownloading(id);
  download_->setEnabled(false);
  cancel_->setEnabled(true);
  modelId_->setEnabled(false);
  fileLabel_->clear();
  totalLabel_->clear();
  for (QProgressBar* b : {fileBar_, totalBar_}) {
    b->setRange(0, 0);  // busy until the sizes are known
    b->setValue(0);
  }
  status_->setText(tr("Asking %1 for %2…").arg(QString::fromStdString(hubEndpoint()).toHtmlEscaped(), id.toHtmlEscaped()));
}

void ModelsDialog::onProgress(const ModelDownloader::Progress& p) {
  if (p.phase == QLatin1String("resolving")) {
    fileLabel_->setText(tr("checking file %1 of %2").arg(p.fileIndex + 1).arg(p.fileCount));
    return;
  }
  fileLabel_->setText(tr("%1 of %2: %3 — %4 of %5")
                          .arg(p.fileIndex + 1)
                          .arg(p.fileCount)
                          .arg(p.file, humanBytes(p.fileDone), humanBytes(p.fileTotal)));
  fileBar_->setRange(0, std::max(1, barValue(p.fileTotal)));
  fileBar_->setValue(barValue(p.fileDone));
  totalLabel_->setText(tr("%1 of %2").arg(humanBytes(p.totalDone), humanBytes(p.totalTotal)));
  totalBar_->setRange(0, std::max(1, barValue(p.totalTotal)));
  totalBar_->setValue(barValue(p.totalDone));
  if (p.phase == QLatin1String("verifying")) status_->setText(tr("Checking %1…").arg(p.file.toHtmlEscaped()));
  else if (p.phase == QLatin1String("downloading")) status_->setText(tr("Downloading…"));
}

void ModelsDialog::onFinished(bool ok, const QString& modelId, const QString& snapshotDir, const QString& message,
                              int kind) {
  download_->setEnabled(true);
  cancel_->setEnabled(false);
  modelId_->setEnabled(true);
  list_->setDownloading({});
  for (QProgressBar* b : {fileBar_, totalBar_})
    if (b->maximum() == 0) b->setRange(0, 1);
  if (ok) {
    totalBar_->setValue(totalBar_->maximum());
    fileBar_->setValue(fileBar_->maximum());
    status_->setText(tr("<span style='color:#2a7a2a'>Downloaded %1: ready. Select it and press Use for encoding.</span>")
                         .arg(modelId.toHtmlEscaped()));
    selectAfterScan_ = modelId;
    rescan();
    Q_UNUSED(snapshotDir);
  } else {
    QString text = message.toHtmlEscaped();
    if (kind == static_cast<int>(HubDownloadError::Kind::Unauthorized)) {
      text += tr("<br>Paste an access token from huggingface.co/settings/tokens into Token and download again.");
      token_->setFocus();
    }
    status_->setText((kind < 0 ? QStringLiteral("<span>%1</span>") : QStringLiteral("<span style='color:#b03020'>%1</span>"))
                         .arg(text));
    rescan();  // an incomplete download now shows as such
  }
  emit downloadFinished(ok, modelId, message);
}

}  // namespace il
