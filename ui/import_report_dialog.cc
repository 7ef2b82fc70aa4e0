#include "import_report_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace il {

namespace {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Warning: return QT_TRANSLATE_NOOP("il::ImportReportDialog", "warning");
    case Severity::Rejected: return QT_TRANSLATE_NOOP("il::ImportReportDialog", "rejected");
    default: return QT_TRANSLATE_NOOP("il::ImportReportDialog", "fatal");
  }
}

QString summaryOf(const ImportResult& r) {
  // The table lists the problems; the summary keeps the counts.
  QString s = QString::fromStdString(r.summaryText(0));
  const qsizetype cut = s.indexOf(QLatin1String("First 0 problems"));
  if (cut >= 0) s.truncate(cut);
  return s.trimmed();
}

}  // namespace

ImportReportDialog::ImportReportDialog(const ImportOutcome& outcome, const QString& projectPath,
                                       QWidget* parent)
    : QDialog(parent), problems_(new QTableWidget(this)) {
  setObjectName(QStringLiteral("importReport"));
  const ImportResult& r = outcome.result;
  const QLocale locale;
  const QString project = QFileInfo(projectPath).fileName();
  QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
  if (!outcome.written) {
    setWindowTitle(tr("Import failed"));
    headline_ = outcome.error == "cancelled"
                    ? tr("The import was cancelled; %1 was not changed.").arg(project)
                    : tr("Nothing was imported into %1:\n%2")
                          .arg(project, QString::fromStdString(outcome.error));
    icon = QStyle::SP_MessageBoxCritical;
  } else {
    setWindowTitle(tr("Import finished"));
    headline_ = tr("Imported into %1: %2 rows read, %3 kept, %4 rejected.")
                    .arg(project, locale.toString(static_cast<qlonglong>(r.rowsRead)),
                         locale.toString(static_cast<qlonglong>(r.rowsKept)),
                         locale.toString(static_cast<qlonglong>(r.rowsRejected)));
    if (r.rowsRejected > 0) icon = QStyle::SP_MessageBoxWarning;
  }

  auto* iconLabel = new QLabel(this);
  iconLabel->setPixmap(style()->standardIcon(icon).pixmap(32, 32));
  auto* headline = new QLabel(headline_, this);
  headline->setObjectName(QStringLiteral("headline"));
  headline->setWordWrap(true);
  headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* top = new QHBoxLayout;
  top->addWidget(iconLabel, 0, Qt::AlignTop);
  top->addWidget(headline, 1);

  auto* summary = new QPlainTextEdit(summaryOf(r), this);
  summary->setObjectName(QStringLiteral("summary"));
  summary->setReadOnly(true);
  summary->setLineWrapMode(QPlainTextEdit::NoWrap);
  summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

  const auto& kept = r.problems.kept();
  problems_->setObjectName(QStringLiteral("problems"));
  problems_->setColumnCount(7);
  problems_->setHorizontalHeaderLabels(
      {tr("File"), tr("Line"), tr("Column"), tr("Severity"), tr("Kind"), tr("Expected"), tr("Found")});
  problems_->setRowCount(static_cast<int>(kept.size()));
  problems_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  problems_->setSelectionBehavior(QAbstractItemView::SelectRows);
  problems_->setWordWrap(false);
  problems_->verticalHeader()->hide();
  problems_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  problems_->horizontalHeader()->setStretchLastSection(true);
  for (int i = 0; i < static_cast<int>(kept.size()); ++i) {
    const Problem& p = kept[static_cast<size_t>(i)];
    const QString file = QString::fromStdString(p.file);
    auto cell = [&](int c, const QString& text, bool number = false) {
      auto* item = new QTableWidgetItem(text);
      if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      item->setToolTip(QString::fromStdString(p.message()));
      problems_->setItem(i, c, item);
    };
    cell(0, QFileInfo(file).fileName());
    cell(1, p.line > 0 ? QString::number(p.line) : QString(), true);
    cell(2, p.column > 0 ? QString::number(p.column) : QString(), true);
    cell(3, tr(severityName(p.severity)));
    cell(4, QString::fromStdString(p.kind));
    cell(5, QString::fromStdString(p.expected));
    cell(6, QString::fromStdString(p.found));
  }
  problems_->resizeColumnsToContents();
  for (int c = 0; c < 6; ++c) problems_->setColumnWidth(c, std::min(problems_->columnWidth(c), 260));

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(summary);
  auto* problemsBox = new QWidget(this);
  auto* problemsLayout = new QVBoxLayout(problemsBox);
  problemsLayout->setContentsMargins(0, 0, 0, 0);
  const int64_t total = r.problems.count(Severity::Warning) + r.problems.count(Severity::Rejected) +
                        r.problems.count(Severity::Fatal);
  auto* problemsTitle = new QLabel(
      total > static_cast<int64_t>(kept.size())
          ? tr("Problems (first %1 of %2):").arg(locale.toString(static_cast<qlonglong>(kept.size())),
                                                 locale.toString(static_cast<qlonglong>(total)))
          : tr("Problems (%1):").arg(locale.toString(static_cast<qlonglong>(kept.size()))),
      this);
  problemsLayout->addWidget(problemsTitle);
  problemsLayout->addWidget(problems_);
  splitter->addWidget(problemsBox);
  problemsBox->setVisible(!kept.empty());
  // The summary is a few lines; the problems get the rest of the room.
  const int summaryHeight =
      (static_cast<int>(summary->toPlainText().count(QLatin1Char('\n'))) + 2) *
          summary->fontMetrics().lineSpacing() + 2 * summary->frameWidth() + 8;
  splitter->setStretchFactor(1, 2);
  if (!kept.empty()) splitter->setSizes({summaryHeight, 400});

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* copy = buttons->addButton(tr("Copy report"), QDialogButtonBox::ActionRole);
  connect(copy, &QPushButton::clicked, this, [this, summary]() {
    QString text = headline_ + QStringLiteral("\n\n") + summary->toPlainText() + QLatin1Char('\n');
    for (int i = 0; i < problems_->rowCount(); ++i)
      text += problems_->item(i, 0)->toolTip() + QLatin1Char('\n');
    QApplication::clipboard()->setText(text);
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(splitter, 1);
  layout->addWidget(buttons);
  resize(kept.empty() ? QSize(720, 360) : QSize(900, 560));
}

}  // namespace il
