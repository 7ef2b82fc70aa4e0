#include "column_mapping_editor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <string>
#include <vector>

#include "io/schema.h"

namespace il {

namespace {

const char* roleLabel(const QString& role) {
  static const QMap<QString, const char*> labels = {
      {"user", "User"},   {"item", "Item"},         {"text", "Text"},   {"summary", "Summary"},
      {"rating", "Rating"}, {"time", "Time"},       {"id", "Item id"},  {"title", "Title"},
      {"tags", "Tags"},   {"category", "Category"}, {"price", "Price"}};
  return labels.value(role, "?");
}

std::vector<std::string> toStd(const QStringList& list) {
  std::vector<std::string> out;
  for (const QString& s : list) out.push_back(s.toStdString());
  return out;
}

}  // namespace

ColumnMappingEditor::ColumnMappingEditor(Kind kind, QWidget* parent)
    : QWidget(parent), kind_(kind), note_(new QLabel(this)) {
  for (const auto& k : kind == Kind::Interactions ? kInteractionMapKeys : kItemMapKeys)
    roles_ << QString::fromStdString(k);
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setHorizontalSpacing(8);
  // Two rows of three roles: compact above a preview table.
  for (int i = 0; i < roles_.size(); ++i) {
    auto* label = new QLabel(tr(roleLabel(roles_[i])) + QLatin1Char(':'), this);
    auto* box = new QComboBox(this);
    box->setObjectName(QStringLiteral("map-") + roles_[i]);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(12);
    label->setBuddy(box);
    combos_.insert(roles_[i], box);
    grid->addWidget(label, i / 3, (i % 3) * 2, Qt::AlignRight);
    grid->addWidget(box, i / 3, (i % 3) * 2 + 1);
    grid->setColumnStretch((i % 3) * 2 + 1, 1);
    connect(box, &QComboBox::currentIndexChanged, this, &ColumnMappingEditor::onEdited);
  }
  note_->setWordWrap(true);
  note_->setObjectName(QStringLiteral("mapping-note"));
  grid->addWidget(note_, 2, 0, 1, 6);
  setHeader({});
}

void ColumnMappingEditor::setHeader(const QStringList& header) {
  header_ = header;
  for (QComboBox* box : std::as_const(combos_)) {
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(tr("(none)"), QString());
    for (const QString& h : header) box->addItem(h, h);
    box->setEnabled(!header.isEmpty());
  }
  resolve(spec_);
  if (!spec_.isEmpty() && !error_.isEmpty()) {
    spec_.clear();  // the edits were for another file's columns
    resolve(spec_);
  }
  emit changed();
}

void ColumnMappingEditor::onEdited() {
  QStringList parts;
  QStringList unset;
  for (const QString& role : roles_) {
    const QString column = combos_[role]->currentData().toString();
    if (!column.isEmpty())
      parts << role + QLatin1Char('=') + column;
    else
      unset << role;
  }
  spec_ = parts.join(QLatin1Char(','));
  resolve(spec_);
  // The engine fills roles the spec leaves out from detection; say so when that
  // overrules a "(none)".
  QStringList kept;
  for (const QString& role : unset)
    if (!combos_[role]->currentData().toString().isEmpty()) kept << role;
  if (!kept.isEmpty() && error_.isEmpty())
    note_->setText(tr("Detected columns are always read for: %1.").arg(kept.join(QStringLiteral(", "))));
  emit changed();
}

void ColumnMappingEditor::resolve(const QString& spec) {
  error_.clear();
  flavour_.clear();
  std::vector<int> picked;
  if (!header_.isEmpty()) {
    std::string error;
    const auto header = toStd(header_);
    if (kind_ == Kind::Interactions) {
      InteractionColumns c;
      const bool ok = resolveInteractionColumns(header, spec.toStdString(), c, error);
      picked = {c.user, c.item, c.text, c.summary, c.rating, c.time};
      flavour_ = QString::fromStdString(c.flavour);
      if (!ok) error_ = QString::fromStdString(error);
    } else {
      ItemColumns c;
      const bool ok = resolveItemColumns(header, spec.toStdString(), c, error);
      picked = {c.id, c.title, c.text, c.tags, c.category, c.price};
      flavour_ = QString::fromStdString(c.flavour);
      if (!ok) error_ = QString::fromStdString(error);
    }
  }
  // On a bad spec keep the user's choices on screen; otherwise show what will be read.
  if (error_.isEmpty() || spec.isEmpty()) {
    for (int i = 0; i < roles_.size() && i < static_cast<int>(picked.size()); ++i) {
      QComboBox* box = combos_[roles_[i]];
      const QSignalBlocker block(box);
      box->setCurrentIndex(picked[i] + 1);  // index 0 is "(none)"
    }
  }
  note_->setStyleSheet(error_.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
  note_->setText(error_);
  note_->setVisible(!error_.isEmpty() || !spec.isEmpty());
}

}  // namespace il
