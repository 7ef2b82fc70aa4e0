#include "import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "cleaning_preview.h"
#include "column_mapping_editor.h"
#include "file_preview.h"
#include "io/schema.h"

namespace il {

namespace {

const char* kDataFilter =
    "Data files (*.csv *.tsv *.tab *.txt *.jsonl *.json *.ndjson *.gz);;All files (*)";

// "ratings.csv.gz" -> "ratings"
QString baseName(const QString& path) {
  QString name = QFileInfo(path).fileName();
  for (const char* ext : {".gz", ".csv", ".tsv", ".tab", ".txt", ".jsonl", ".ndjson", ".json"})
    if (name.endsWith(QLatin1String(ext), Qt::CaseInsensitive)) name.chop(static_cast<int>(qstrlen(ext)));
  return name.isEmpty() ? QStringLiteral("project") : name;
}

QString shortList(const QStringList& header, int max = 8) {
  QStringList shown = header.mid(0, max);
  if (header.size() > max) shown << QStringLiteral("…");
  return shown.join(QStringLiteral(", "));
}

}  // namespace

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent),
      files_(new QListWidget(this)),
      itemFile_(new QLineEdit(this)),
      project_(new QLineEdit(this)),
      previewChoice_(new QComboBox(this)),
      info_(new QLabel(this)),
      mappingStack_(new QStackedWidget(this)),
      interactionMap_(new ColumnMappingEditor(ColumnMappingEditor::Kind::Interactions, this)),
      itemMap_(new ColumnMappingEditor(ColumnMappingEditor::Kind::Items, this)),
      previewModel_(new QStandardItemModel(this)),
      previewView_(new QTableView(this)),
      strict_(new QCheckBox(tr("Fail the whole import if any row is rejected"), this)),
      cleaning_(new CleaningSettingsEditor(this)),
      cleaningPreview_(new CleaningPreview(this)),
      cli_(new QLabel(this)) {
  setWindowTitle(tr("New project from files"));
  setObjectName(QStringLiteral("importDialog"));

  // Files.
  files_->setObjectName(QStringLiteral("interactionFiles"));
  files_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  files_->setMaximumHeight(fontMetrics().height() * 5);
  auto* add = new QPushButton(tr("Add…"), this);
  auto* remove = new QPushButton(tr("Remove"), this);
  auto* fileButtons = new QVBoxLayout;
  fileButtons->addWidget(add);
  fileButtons->addWidget(remove);
  fileButtons->addStretch();
  auto* filesRow = new QHBoxLayout;
  filesRow->addWidget(files_, 1);
  filesRow->addLayout(fileButtons);

  itemFile_->setObjectName(QStringLiteral("itemFile"));
  itemFile_->setPlaceholderText(tr("optional: items with title, description, tags, category, price"));
  itemFile_->setClearButtonEnabled(true);
  auto* browseItems = new QPushButton(tr("Browse…"), this);
  auto* itemRow = new QHBoxLayout;
  itemRow->addWidget(itemFile_, 1);
  itemRow->addWidget(browseItems);

  project_->setObjectName(QStringLiteral("projectFile"));
  project_->setPlaceholderText(tr("where to save the project (*.ilens)"));
  auto* browseProject = new QPushButton(tr("Save as…"), this);
  auto* projectRow = new QHBoxLayout;
  projectRow->addWidget(project_, 1);
  projectRow->addWidget(browseProject);

  auto* filesBox = new QGroupBox(tr("Files"), this);
  auto* form = new QFormLayout(filesBox);
  form->addRow(tr("Reviews, ratings or tags:"), filesRow);
  form->addRow(tr("Item catalog:"), itemRow);
  form->addRow(tr("Project file:"), projectRow);

  // Preview.
  previewChoice_->setObjectName(QStringLiteral("previewChoice"));
  previewChoice_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  previewChoice_->setMinimumContentsLength(30);
  info_->setObjectName(QStringLiteral("previewInfo"));
  info_->setWordWrap(true);
  info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  mappingStack_->addWidget(interactionMap_);
  mappingStack_->addWidget(itemMap_);
  previewView_->setModel(previewModel_);
  previewView_->setObjectName(QStringLiteral("previewTable"));
  previewView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  previewView_->setWordWrap(false);
  previewView_->setAlternatingRowColors(true);
  previewView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

  auto* previewBox = new QGroupBox(tr("Preview and column mapping"), this);
  auto* previewLayout = new QVBoxLayout(previewBox);
  auto* choiceRow = new QHBoxLayout;
  choiceRow->addWidget(new QLabel(tr("File:"), this));
  choiceRow->addWidget(previewChoice_, 1);
  previewLayout->addLayout(choiceRow);
  previewLayout->addWidget(info_);
  previewLayout->addWidget(mappingStack_);
  previewLayout->addWidget(previewView_, 1);

  // Cleaning: the steps, and what they do to the previewed rows' texts.
  auto* cleaningBox = new QGroupBox(tr("Cleaning (before → after on the previewed rows)"), this);
  cleaningBox->setObjectName(QStringLiteral("cleaningBox"));
  auto* cleaningLayout = new QVBoxLayout(cleaningBox);
  cleaningLayout->addWidget(cleaning_);
  cleaningLayout->addWidget(cleaningPreview_, 1);

  // Bottom.
  cli_->setObjectName(QStringLiteral("mappingSpec"));
  cli_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  cli_->setStyleSheet(QStringLiteral("color: palette(mid)"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  importButton_ = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  importButton_->setDefault(true);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(filesBox);
  layout->addWidget(previewBox, 1);
  layout->addWidget(cleaningBox, 1);
  layout->addWidget(strict_);
  layout->addWidget(cli_);
  layout->addWidget(buttons);

  connect(add, &QPushButton::clicked, this, &ImportDialog::browseInteractionFiles);
  connect(remove, &QPushButton::clicked, this, &ImportDialog::removeSelectedFiles);
  connect(browseItems, &QPushButton::clicked, this, &ImportDialog::browseItemFile);
  connect(browseProject, &QPushButton::clicked, this, &ImportDialog::browseProject);
  connect(itemFile_, &QLineEdit::editingFinished, this, &ImportDialog::refreshPreviewChoices);
  connect(project_, &QLineEdit::textChanged, this, &ImportDialog::updateState);
  connect(files_, &QListWidget::currentTextChanged, this, [this](const QString& path) {
    if (!path.isEmpty()) previewFile(path);
  });
  connect(previewChoice_, &QComboBox::activated, this, [this](int i) {
    previewFile(previewChoice_->itemData(i).toString());
  });
  connect(info_, &QLabel::linkActivated, this, [this]() {
    // Moves the previewed file from the interaction list to the catalog slot.
    const QString path = previewChoice_->currentData().toString();
    qDeleteAll(files_->findItems(path, Qt::MatchExactly));
    setItemFile(path);
    previewFile(path);
  });
  connect(interactionMap_, &ColumnMappingEditor::changed, this, &ImportDialog::updateState);
  connect(interactionMap_, &ColumnMappingEditor::changed, this, &ImportDialog::updateCleaningPreview);
  connect(cleaning_, &CleaningSettingsEditor::changed, this, &ImportDialog::updateCleaningPreview);
  connect(itemMap_, &ColumnMappingEditor::changed, this, &ImportDialog::updateState);
  connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

  resize(980, 720);
  updateState();
}

void ImportDialog::addFiles(const QStringList& paths) {
  QStringList interactions;
  for (const QString& path : paths) {
    if (itemFile().isEmpty() && readPreview(path, 0).looksLikeCatalog)
      setItemFile(path);
    else
      interactions << path;
  }
  addInteractionFiles(interactions);
}

void ImportDialog::addInteractionFiles(const QStringList& paths) {
  for (const QString& path : paths)
    if (files_->findItems(path, Qt::MatchExactly).isEmpty()) files_->addItem(path);
  if (project_->text().isEmpty() && files_->count() > 0) {
    const QFileInfo first(files_->item(0)->text());
    setProjectPath(first.dir().filePath(baseName(first.filePath()) + QStringLiteral(".ilens")));
  }
  refreshPreviewChoices();
  if (!paths.isEmpty()) previewFile(paths.first());
}

void ImportDialog::setItemFile(const QString& path) {
  itemFile_->setText(path);
  refreshPreviewChoices();
  if (files_->count() == 0 && !path.isEmpty()) previewFile(path);
}

void ImportDialog::setProjectPath(const QString& path) { project_->setText(path); }

QStringList ImportDialog::interactionFiles() const {
  QStringList out;
  for (int i = 0; i < files_->count(); ++i) out << files_->item(i)->text();
  return out;
}

QString ImportDialog::itemFile() const { return itemFile_->text().trimmed(); }
QString ImportDialog::projectPath() const { return project_->text().trimmed(); }
QString ImportDialog::interactionMapSpec() const { return interactionMap_->spec(); }
QString ImportDialog::itemMapSpec() const { return itemMap_->spec(); }
QString ImportDialog::previewedFlavour() const { return flavour_; }
QString ImportDialog::previewedFormat() const { return format_; }

ImportOptions ImportDialog::options() const {
  ImportOptions o;
  for (const QString& f : interactionFiles()) o.interactionFiles.push_back(f.toStdString());
  if (!itemFile().isEmpty()) o.itemFiles.push_back(itemFile().toStdString());
  o.map = interactionMapSpec().toStdString();
  o.itemMap = itemMapSpec().toStdString();
  o.strict = strict_->isChecked();
  o.cleaning = cleaning_->settings();
  return o;
}

// The texts an import would take from the previewed rows (summary + text joined as
// the importer does for Amazon), cleaned with the ticked steps.
void ImportDialog::updateCleaningPreview() {
  QStringList texts;
  if (!previewIsCatalog_) {
    std::vector<std::string> header;
    for (const QString& h : previewHeader_) header.push_back(h.toStdString());
    InteractionColumns c;
    std::string error;
    if (!header.empty() && resolveInteractionColumns(header, interactionMapSpec().toStdString(), c, error)) {
      for (const QStringList& row : previewRows_) {
        const QString summary = c.summary >= 0 && c.summary < row.size() ? row[c.summary].trimmed() : QString();
        const QString body = c.text >= 0 && c.text < row.size() ? row[c.text].trimmed() : QString();
        QString t = summary;
        if (!body.isEmpty())
          t = summary.isEmpty() ? body
                                : summary + (QStringLiteral(".!?").contains(summary.back()) ? " " : ". ") + body;
        if (!t.isEmpty()) texts << t;
      }
    }
  } else {
    for (const QStringList& row : previewRows_) {
      QString joined = row.join(QLatin1Char(' ')).trimmed();
      if (!joined.isEmpty()) texts << joined;
    }
  }
  cleaningPreview_->showCleaned(texts, cleaning_->settings());
}

void ImportDialog::browseInteractionFiles() {
  const QStringList paths = QFileDialog::getOpenFileNames(
      this, tr("Reviews, ratings or tags"), QString(), tr(kDataFilter));
  if (!paths.isEmpty()) addFiles(paths);
}

void ImportDialog::browseItemFile() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Item catalog"), itemFile(), tr(kDataFilter));
  if (!path.isEmpty()) {
    setItemFile(path);
    previewFile(path);
  }
}

void ImportDialog::browseProject() {
  // Overwriting is asked about on Import, where adding to the project is offered too.
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Project file"), projectPath(), tr("InterestLens projects (*.ilens)"), nullptr,
      QFileDialog::DontConfirmOverwrite);
  if (path.isEmpty()) return;
  setProjectPath(path.endsWith(QLatin1String(".ilens")) ? path : path + QStringLiteral(".ilens"));
}

void ImportDialog::removeSelectedFiles() {
  qDeleteAll(files_->selectedItems());
  refreshPreviewChoices();
  if (previewChoice_->count() > 0) previewFile(previewChoice_->itemData(0).toString());
  else showPreview(FilePreview{}, false);
}

void ImportDialog::refreshPreviewChoices() {
  const QString current = previewChoice_->currentData().toString();
  const QSignalBlocker block(previewChoice_);
  previewChoice_->clear();
  for (const QString& f : interactionFiles())
    previewChoice_->addItem(tr("%1  (interactions)").arg(QFileInfo(f).fileName()), f);
  if (!itemFile().isEmpty())
    previewChoice_->addItem(tr("%1  (item catalog)").arg(QFileInfo(itemFile()).fileName()),
                            itemFile());
  const int i = previewChoice_->findData(current);
  if (i >= 0) previewChoice_->setCurrentIndex(i);
  updateState();
}

void ImportDialog::previewFile(const QString& path) {
  if (path.isEmpty()) return;
  const bool isCatalog = path == itemFile() && !interactionFiles().contains(path);
  {
    const QSignalBlocker block(previewChoice_);
    const int i = previewChoice_->findData(path);
    if (i >= 0) previewChoice_->setCurrentIndex(i);
  }
  showPreview(readPreview(path), isCatalog);
}

void ImportDialog::showPreview(const FilePreview& preview, bool isCatalog) {
  previewHeader_ = preview.header;
  previewRows_ = preview.rows;
  previewIsCatalog_ = isCatalog;
  previewModel_->clear();
  previewModel_->setHorizontalHeaderLabels(preview.header);
  for (const QStringList& row : preview.rows) {
    QList<QStandardItem*> items;
    for (const QString& cell : row) {
      auto* item = new QStandardItem(cell.simplified());
      if (cell.size() > 40) item->setToolTip(cell);
      items << item;
    }
    previewModel_->appendRow(items);
  }
  // Columns fit their contents up to a limit; the widest (usually the review text)
  // takes whatever room is left.
  QHeaderView* header = previewView_->horizontalHeader();
  header->setStretchLastSection(false);
  header->setSectionResizeMode(QHeaderView::Interactive);
  previewView_->resizeColumnsToContents();
  const int cap = fontMetrics().averageCharWidth() * 36;
  int widest = -1;
  for (int c = 0; c < previewModel_->columnCount(); ++c) {
    if (widest < 0 || previewView_->columnWidth(c) > previewView_->columnWidth(widest)) widest = c;
    previewView_->setColumnWidth(c, std::min(previewView_->columnWidth(c), cap));
  }
  if (widest >= 0) header->setSectionResizeMode(widest, QHeaderView::Stretch);

  ColumnMappingEditor* editor = isCatalog ? itemMap_ : interactionMap_;
  mappingStack_->setCurrentWidget(editor);
  editor->setHeader(preview.header);
  format_ = preview.format;
  flavour_ = editor->flavour();
  updateCleaningPreview();

  QString text;
  if (!preview.error.isEmpty()) {
    text = QStringLiteral("<span style='color:#b00020'>%1</span>").arg(preview.error.toHtmlEscaped());
  } else if (!preview.path.isEmpty()) {
    text = tr("<b>%1</b> · detected: <b>%2</b> · %3 columns: %4")
               .arg(format_.toHtmlEscaped(), flavour_.toHtmlEscaped())
               .arg(preview.header.size())
               .arg(shortList(preview.header).toHtmlEscaped());
    if (!isCatalog && preview.looksLikeCatalog)
      text += tr("<br><span style='color:#8a5a00'>This looks like an item catalog, not "
                 "interactions.</span> <a href='#catalog'>Use it as the item catalog</a>");
    if (!preview.problem.isEmpty())
      text += QStringLiteral("<br><span style='color:#8a5a00'>%1</span>")
                  .arg(preview.problem.toHtmlEscaped());
  }
  info_->setText(text);
  updateState();
}

void ImportDialog::updateState() {
  // The command line that does the same import: handy, and shows the mapping spec.
  QStringList parts;
  if (!interactionMapSpec().isEmpty()) parts << QStringLiteral("--map ") + interactionMapSpec();
  if (!itemMapSpec().isEmpty()) parts << QStringLiteral("--item-map ") + itemMapSpec();
  cli_->setText(parts.isEmpty() ? tr("Column mapping: detected per file")
                                : tr("Column mapping: %1").arg(parts.join(QLatin1Char(' '))));
  if (importButton_)
    importButton_->setEnabled(files_->count() > 0 && !projectPath().isEmpty() &&
                              interactionMap_->error().isEmpty() && itemMap_->error().isEmpty());
}

bool ImportDialog::confirmTarget() {
  replace_ = false;
  if (!QFileInfo::exists(projectPath())) return true;
  QMessageBox box(QMessageBox::Question, tr("Project exists"),
                  tr("%1 already exists.").arg(QFileInfo(projectPath()).fileName()),
                  QMessageBox::NoButton, this);
  box.setInformativeText(tr("Add these files to it, or replace it with a new project?"));
  QPushButton* addTo = box.addButton(tr("Add to project"), QMessageBox::AcceptRole);
  QPushButton* replace = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(addTo);
  box.exec();
  if (box.clickedButton() == replace) replace_ = true;
  return box.clickedButton() == addTo || box.clickedButton() == replace;
}

void ImportDialog::accept() {
  // Check every file against the mapping now, not after a long read.
  QStringList errors;
  auto check = [&](const QString& path, bool catalog) {
    const FilePreview p = readPreview(path, 0);
    if (!p.error.isEmpty()) {
      errors << p.error;
      return;
    }
    std::vector<std::string> header;
    for (const QString& h : p.header) header.push_back(h.toStdString());
    std::string error;
    InteractionColumns ic;
    ItemColumns itc;
    const bool ok = catalog ? resolveItemColumns(header, itemMapSpec().toStdString(), itc, error)
                            : resolveInteractionColumns(header, interactionMapSpec().toStdString(),
                                                        ic, error);
    if (!ok) errors << QFileInfo(path).fileName() + QStringLiteral(": ") + QString::fromStdString(error);
  };
  for (const QString& f : interactionFiles()) check(f, false);
  if (!itemFile().isEmpty()) check(itemFile(), true);
  if (!errors.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot import"), errors.join(QStringLiteral("\n\n")));
    return;
  }
  if (!confirmTarget()) return;
  QDialog::accept();
}

}  // namespace il
