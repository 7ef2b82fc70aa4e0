#include "encoder_panel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "encode_job_gui.h"
#include "encoder_coverage.h"
#include "text/language.h"
#include "paths.h"

namespace il {

namespace {

struct Kind {
  const char* id;
  const char* about;
  bool folder, pooling, maxLength;
};

const Kind kKinds[] = {
    {"use-lite",
     QT_TRANSLATE_NOOP("il::EncoderPanel",
                       "Google's Universal Sentence Encoder Lite: English, 512 dimensions. "
                       "Installed with InterestLens; needs no folder."),
     false, false, true},
    {"bert",
     QT_TRANSLATE_NOOP("il::EncoderPanel",
                       "Any Hugging Face BERT-family folder (config.json, vocab.txt or "
                       "tokenizer.json, model.safetensors): MiniLM, BGE, E5, GTE, "
                       "bert-base-chinese…"),
     true, true, true},
    {"tfidf",
     QT_TRANSLATE_NOOP("il::EncoderPanel",
                       "TF-IDF reduced to 256 dimensions (LSA), fitted on this project's "
                       "texts. Fast; needs no files."),
     false, false, false},
    {"glove",
     QT_TRANSLATE_NOOP("il::EncoderPanel",
                       "The mean of a text's word vectors (GloVe or word2vec files, text or "
                       "binary)."),
     true, false, false},
};

const Kind& kindNamed(const QString& id) {
  for (const Kind& k : kKinds)
    if (id == QLatin1String(k.id)) return k;
  return kKinds[0];
}

QString settingsKey(const char* name) { return QStringLiteral("encoder/") + QLatin1String(name); }

// Where the encoder looks when the folder is left empty, with the home folder as ~.
QString defaultFolder(const QString& kind) {
  QString dir = QDir::toNativeSeparators(QString::fromStdString(modelDirectory(kind.toStdString())));
  const QString home = QDir::toNativeSeparators(QDir::homePath());
  if (dir.startsWith(home + QDir::separator())) dir = QStringLiteral("~") + dir.mid(home.size());
  return dir;
}

}  // namespace

EncoderPanel::EncoderPanel(QWidget* parent)
    : QWidget(parent),
      kind_(new QComboBox(this)),
      about_(new QLabel(this)),
      modelDir_(new QLineEdit(this)),
      browse_(new QToolButton(this)),
      pooling_(new QComboBox(this)),
      maxLength_(new QSpinBox(this)),
      encode_(new QPushButton(tr("Encode texts"), this)),
      inProject_(new QLabel(this)),
      coverage_(new QLabel(this)) {
  setObjectName(QStringLiteral("encoderPanel"));
  for (const Kind& k : kKinds) kind_->addItem(QString::fromLatin1(k.id), QString::fromLatin1(k.id));
  kind_->setObjectName(QStringLiteral("encoderKind"));
  about_->setWordWrap(true);
  about_->setForegroundRole(QPalette::PlaceholderText);
  about_->setObjectName(QStringLiteral("encoderAbout"));
  modelDir_->setObjectName(QStringLiteral("encoderModelDir"));
  modelDir_->setClearButtonEnabled(true);
  browse_->setText(tr("Browse…"));
  browse_->setToolTip(tr("Choose the model folder"));
  pooling_->setObjectName(QStringLiteral("encoderPooling"));
  pooling_->addItem(tr("model default"), QString());
  pooling_->addItem(tr("mean"), QStringLiteral("mean"));
  pooling_->addItem(tr("CLS token"), QStringLiteral("cls"));
  maxLength_->setObjectName(QStringLiteral("encoderMaxLength"));
  maxLength_->setRange(0, 8192);
  maxLength_->setSingleStep(32);
  maxLength_->setSpecialValueText(tr("model default"));
  maxLength_->setSuffix(tr(" tokens"));
  maxLength_->setAccelerated(true);
  encode_->setObjectName(QStringLiteral("encodeButton"));
  encode_->setDefault(true);
  encode_->setToolTip(tr("Encode every text of the project that has no vector from this "
                         "encoder yet (Ctrl+E)"));

  coverage_->setObjectName(QStringLiteral("coverageWarning"));
  coverage_->setWordWrap(true);
  coverage_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  coverage_->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; "
                                          "border-radius: 3px; padding: 4px; }"));
  coverage_->hide();
  inProject_->setObjectName(QStringLiteral("encodersInProject"));
  inProject_->setWordWrap(true);
  inProject_->setTextFormat(Qt::RichText);

  auto* title = new QLabel(tr("<b>Encoder</b>"), this);
  // A row whose field is a layout gets no buddy from QFormLayout; give it one.
  auto* folderLabel = new QLabel(tr("Model &folder"), this);
  folderLabel->setBuddy(modelDir_);
  auto* folderRow = new QHBoxLayout;
  folderRow->setSpacing(4);
  folderRow->addWidget(modelDir_, 1);
  folderRow->addWidget(browse_);
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  form->addRow(tr("&Type"), kind_);
  form->addRow(QString(), about_);
  form->addRow(folderLabel, folderRow);
  form->addRow(tr("&Pooling"), pooling_);
  form->addRow(tr("&Max length"), maxLength_);
  auto* note = new QLabel(tr("Vectors are kept in the project. Texts that already have one "
                             "from this encoder are skipped, so a cancelled run resumes."),
                          this);
  note->setWordWrap(true);
  note->setForegroundRole(QPalette::PlaceholderText);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 8, 10, 8);
  layout->addWidget(title);
  layout->addLayout(form);
  layout->addSpacing(6);
  layout->addWidget(coverage_);
  layout->addWidget(encode_);
  layout->addWidget(note);
  layout->addSpacing(12);
  layout->addWidget(inProject_);
  layout->addStretch(1);

  connect(kind_, &QComboBox::currentIndexChanged, this, &EncoderPanel::updateForKind);
  connect(kind_, &QComboBox::currentIndexChanged, this, &EncoderPanel::updateCoverage);
  connect(modelDir_, &QLineEdit::editingFinished, this, &EncoderPanel::updateCoverage);
  connect(browse_, &QToolButton::clicked, this, &EncoderPanel::browse);
  connect(encode_, &QPushButton::clicked, this, &EncoderPanel::encodeRequested);
  updateForKind();
}

EncoderSettings EncoderPanel::settings() const {
  EncoderSettings s;
  s.kind = kind_->currentData().toString().toStdString();
  const Kind& k = kindNamed(kind_->currentData().toString());
  if (k.folder) s.modelDir = QDir::fromNativeSeparators(modelDir_->text().trimmed()).toStdString();
  if (k.pooling) s.pooling = pooling_->currentData().toString().toStdString();
  if (k.maxLength) s.maxLength = maxLength_->value();
  return s;
}

void EncoderPanel::setSettings(const EncoderSettings& s) {
  const int kind = kind_->findData(QString::fromStdString(s.kind));
  kind_->setCurrentIndex(kind < 0 ? 0 : kind);  // shows that kind's folder...
  modelDir_->setText(QDir::toNativeSeparators(QString::fromStdString(s.modelDir)));
  const int pooling = pooling_->findData(QString::fromStdString(s.pooling));
  pooling_->setCurrentIndex(pooling < 0 ? 0 : pooling);
  maxLength_->setValue(s.maxLength);
  updateCoverage();
}

void EncoderPanel::load() {
  const QSettings q;
  EncoderSettings s;
  s.kind = q.value(settingsKey("kind"), QStringLiteral("use-lite")).toString().toStdString();
  for (const Kind& k : kKinds)
    if (k.folder) {
      const QString id = QLatin1String(k.id);
      folders_[id] = q.value(settingsKey("modelDir/") + id).toString();
    }
  s.modelDir = folders_.value(QString::fromStdString(s.kind)).toStdString();
  s.pooling = q.value(settingsKey("pooling")).toString().toStdString();
  s.maxLength = q.value(settingsKey("maxLength"), 0).toInt();
  setSettings(s);
}

void EncoderPanel::save() const {
  QSettings q;
  q.setValue(settingsKey("kind"), kind_->currentData().toString());
  QHash<QString, QString> folders = folders_;
  folders[shownKind_] = modelDir_->text().trimmed();
  for (const Kind& k : kKinds)
    if (k.folder)
      q.setValue(settingsKey("modelDir/") + QLatin1String(k.id),
                 QDir::fromNativeSeparators(folders.value(QLatin1String(k.id))));
  q.setValue(settingsKey("pooling"), pooling_->currentData().toString());
  q.setValue(settingsKey("maxLength"), maxLength_->value());
}

void EncoderPanel::setEncodeEnabled(bool enabled) { encode_->setEnabled(enabled); }

void EncoderPanel::setProjectEncoders(const std::vector<EncoderInfo>& encoders) {
  const QLocale locale;
  QString html = tr("<b>Vectors in this project</b>");
  if (encoders.empty()) html += QStringLiteral("<br>") + tr("none yet");
  for (const EncoderInfo& e : encoders) {
    const QString kind = QString::fromStdString(e.kind), id = QString::fromStdString(e.id);
    html += QStringLiteral("<br>%1: %2")
                .arg(shortEncoderName(kind, id).toHtmlEscaped(),
                     tr("%1 vectors, %2-d").arg(locale.toString(e.vectors)).arg(e.dim));
  }
  inProject_->setText(html);
}

void EncoderPanel::updateForKind() {
  const QString id = kind_->currentData().toString();
  const Kind& k = kindNamed(id);
  if (!shownKind_.isEmpty()) folders_[shownKind_] = modelDir_->text().trimmed();
  shownKind_ = id;
  modelDir_->setText(QDir::toNativeSeparators(folders_.value(id)));
  about_->setText(tr(k.about));
  modelDir_->setEnabled(k.folder);
  browse_->setEnabled(k.folder);
  modelDir_->setPlaceholderText(k.folder ? tr("default: %1").arg(defaultFolder(id))
                                         : tr("not needed"));
  modelDir_->setToolTip(k.folder ? tr("Leave empty for %1").arg(defaultFolder(id)) : QString());
  pooling_->setEnabled(k.pooling);
  maxLength_->setEnabled(k.maxLength);
}

void EncoderPanel::setProjectLanguages(const std::map<std::string, int64_t>& languages) {
  languages_ = languages;
  updateCoverage();
}

// The same check as `interestlens-cli encode` (models/encoder_coverage): reads the
// vocabulary only, so it is quick enough to run on every change of encoder.
void EncoderPanel::updateCoverage() {
  if (languages_.empty()) {
    coverage_->hide();
    return;
  }
  QString text;
  try {
    const CoverageReport r = checkEncoderCoverage(settings(), languages_);
    if (!r.ok()) {
      const QLocale locale;
      QStringList langs;
      for (const auto& [code, n] : r.uncovered)
        langs << QStringLiteral("%1 %2").arg(QString::fromStdString(languageName(code)), locale.toString(qint64(n)));
      text = tr("⚠ %1 of %2 texts are in languages %3 does not cover (%4). They will be encoded poorly. "
                "Try %5.")
                 .arg(locale.toString(qint64(r.uncoveredTexts)), locale.toString(qint64(r.texts + r.undetected)),
                      QString::fromStdString(settings().kind), langs.join(QStringLiteral(", ")),
                      QString::fromStdString(r.suggestion));
      coverage_->setToolTip(QString::fromStdString(r.basis));
    }
  } catch (const std::exception& e) {
    // No vocabulary to judge by: the Encode run will name the folder's problem itself.
    text.clear();
  }
  coverage_->setText(text);
  coverage_->setVisible(!text.isEmpty());
}

void EncoderPanel::browse() {
  const QString kind = kind_->currentData().toString();
  const QString start = modelDir_->text().trimmed().isEmpty()
                            ? QString::fromStdString(modelDirectory(kind.toStdString()))
                            : modelDir_->text().trimmed();
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), start);
  if (!dir.isEmpty()) modelDir_->setText(QDir::toNativeSeparators(dir));
  updateCoverage();
}

}  // namespace il
