#include "cleaning_preview.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <memory>

#include "text/language.h"

namespace il {

namespace {

struct StepBox {
  const char* name;
  const char* label;
  const char* tip;
  bool CleaningSettings::*member;
};

const StepBox kBoxes[] = {
    {"entities", "HTML entities", "&quot; &amp; &#39; become the characters they stand for", &CleaningSettings::entities},
    {"tags", "HTML tags", "<br>, <p>, <a href=…> and comments are removed", &CleaningSettings::tags},
    {"urls", "Mask URLs", "http(s)://… and www.… become <URL>", &CleaningSettings::urls},
    {"emails", "Mask e-mails", "name@host.tld becomes <EMAIL>", &CleaningSettings::emails},
    {"numbers", "Mask long numbers", "7+ digits, or phone-like groups with 9+ digits, become <NUMBER>",
     &CleaningSettings::numbers},
    {"control", "Invisible characters", "control, zero-width and bidi-control characters are removed",
     &CleaningSettings::control},
    {"whitespace", "White space", "runs of spaces, tabs and line breaks become one space", &CleaningSettings::whitespace},
    {"nfkc", "NFKC for terms", "full-width letters, ligatures etc. are folded for lexical features and duplicate "
                               "keys (the stored text keeps them; encoders normalise themselves)",
     &CleaningSettings::nfkc},
    {"flags", "Flag short/repeated", "texts under 8 letter units, or one character/unit repeated, are flagged",
     &CleaningSettings::flags},
    {"duplicates", "Find duplicates", "exact and near duplicates (same after normalisation, or Jaccard of "
                                      "5-character shingles >= 0.8) are marked",
     &CleaningSettings::duplicates},
    {"language", "Detect language", "libexttextcat per text; under 20 letter units it says unknown",
     &CleaningSettings::language},
};

}  // namespace

CleaningSettingsEditor::CleaningSettingsEditor(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  int i = 0;
  for (const StepBox& b : kBoxes) {
    auto* box = new QCheckBox(tr(b.label), this);
    box->setObjectName(QStringLiteral("clean_%1").arg(QLatin1String(b.name)));
    box->setToolTip(tr(b.tip));
    box->setChecked(CleaningSettings{}.*b.member);
    grid->addWidget(box, i / 4, i % 4);
    boxes_.emplace_back(QLatin1String(b.name), box);
    connect(box, &QCheckBox::toggled, this, &CleaningSettingsEditor::changed);
    ++i;
  }
}

CleaningSettings CleaningSettingsEditor::settings() const {
  CleaningSettings s = base_;
  for (size_t i = 0; i < boxes_.size(); ++i) s.*kBoxes[i].member = boxes_[i].second->isChecked();
  return s;
}

void CleaningSettingsEditor::setSettings(const CleaningSettings& s) {
  base_ = s;
  for (size_t i = 0; i < boxes_.size(); ++i) boxes_[i].second->setChecked(s.*kBoxes[i].member);
}

QCheckBox* CleaningSettingsEditor::box(const QString& step) const {
  for (const auto& [name, box] : boxes_)
    if (name == step) return box;
  return nullptr;
}

CleaningPreview::CleaningPreview(QWidget* parent)
    : QWidget(parent), note_(new QLabel(this)), model_(new QStandardItemModel(this)), view_(new QTableView(this)) {
  note_->setObjectName(QStringLiteral("cleaningNote"));
  note_->setWordWrap(true);
  view_->setObjectName(QStringLiteral("cleaningTable"));
  view_->setModel(model_);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setWordWrap(true);
  view_->setAlternatingRowColors(true);
  view_->verticalHeader()->hide();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(note_);
  layout->addWidget(view_, 1);
}

void CleaningPreview::addRow(const QString& before, const QString& after, const QString& what,
                             const QString& flags, const QString& lang) {
  QList<QStandardItem*> row;
  for (const QString& cell : {before, after, what, flags, lang}) {
    auto* item = new QStandardItem(cell);
    item->setToolTip(cell);
    row << item;
  }
  model_->appendRow(row);
}

void CleaningPreview::finish() {
  QHeaderView* h = view_->horizontalHeader();
  h->setSectionResizeMode(0, QHeaderView::Stretch);
  h->setSectionResizeMode(1, QHeaderView::Stretch);
  for (int c = 2; c < model_->columnCount(); ++c) h->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  view_->resizeRowsToContents();
}

void CleaningPreview::showCleaned(const QStringList& raw, const CleaningSettings& s) {
  model_->clear();
  model_->setHorizontalHeaderLabels({tr("Before"), tr("After"), tr("Changed"), tr("Flags"), tr("Language")});
  std::unique_ptr<LanguageDetector> detector;
  QString langNote;
  if (s.language) {
    try {
      detector = std::make_unique<LanguageDetector>();
    } catch (const std::exception& e) {
      langNote = tr(" Language detection is unavailable: %1").arg(QString::fromUtf8(e.what()));
    }
  }
  int changed = 0;
  for (const QString& r : raw) {
    const CleanedText c = cleanText(r.toStdString(), s);
    const bool differs = QString::fromStdString(c.text) != r;
    changed += differs;
    const QString lang = detector ? QString::fromStdString(detector->detect(c.text, s.languageMinUnits)) : QString();
    addRow(r, c.text.empty() ? tr("(empty: dropped)") : QString::fromStdString(c.text),
           QString::fromStdString(changeNames(c.changes)), QString::fromStdString(flagNames(c.flags)), lang);
  }
  note_->setText(raw.isEmpty() ? tr("No texts in the previewed rows.")
                               : tr("%1 of %2 sample texts change. Encoders get the cleaned text; duplicates are "
                                    "found over all texts at import.%3")
                                     .arg(changed)
                                     .arg(raw.size())
                                     .arg(langNote));
  finish();
}

void CleaningPreview::showExamples(const std::vector<CleaningExample>& rows, const QString& note) {
  model_->clear();
  model_->setHorizontalHeaderLabels({tr("Before"), tr("After"), tr("User"), tr("Item")});
  for (const auto& e : rows) {
    QList<QStandardItem*> row;
    for (const std::string& cell : {e.before, e.after, e.user, e.item}) {
      auto* item = new QStandardItem(QString::fromStdString(cell));
      item->setToolTip(item->text());
      row << item;
    }
    model_->appendRow(row);
  }
  note_->setText(note);
  finish();
}

}  // namespace il
