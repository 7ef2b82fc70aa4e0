#include "data_table_panel.h"

#include "store/table_export.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QSaveFile>
#include <QtConcurrent>
#include <sstream>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace il {

void DataTablePanel::exportTo(const QString& path) {
  const QString project = model_->projectPath();
  if (project.isEmpty()) return;
  const TableQuery q = model_->query();
  const DataTable table = model_->table();
  status_->setText(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path]() {
    const QString error = watcher->result();
    status_->setText(error.isEmpty() ? tr("Exported to %1").arg(QFileInfo(path).fileName()) : error);
    emit exported(path, error);
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run([project, q, table, path]() -> QString {
    try {
      // Its own read-only connection: SQLite connections stay on one thread.
      auto p = Project::open(project.toStdString(), Project::Mode::ReadOnly);
      std::ostringstream out;
      writeTableCsv(*p, table, q.filter.toStdString(), q.sortColumn, q.descending, out);
      QSaveFile f(path);  // all or nothing: no half-written file on failure
      const std::string bytes = out.str();
      if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), static_cast<qint64>(bytes.size())) < 0 || !f.commit())
        return path + QStringLiteral(": ") + f.errorString();
      return {};
    } catch (const std::exception& e) {
      return QString::fromUtf8(e.what());
    }
  }));
}

namespace {

// Widest a column gets from its contents, in average character widths; the last
// column (description, review text) takes the rest of the row.
int maxCharsFor(const QString& title) {
  static const QHash<QString, int> widths = {
      {"Title", 42}, {"Tags", 34}, {"Category", 24}, {"User", 22}, {"Item", 22},
      {"Encoded", 26}};  // "✓ tfidf, use-lite, bert"
  return widths.value(title, 16);
}

}  // namespace

DataTablePanel::DataTablePanel(DataTable table, const QString& noun, QWidget* parent)
    : QWidget(parent),
      noun_(noun),
      model_(new ProjectTableModel(table, this)),
      filter_(new QLineEdit(this)),
      status_(new QLabel(this)),
      view_(new QTableView(this)),
      debounce_(new QTimer(this)) {
  filter_->setPlaceholderText(tr("Filter %1 (id or text contains…)").arg(noun));
  filter_->setClearButtonEnabled(true);
  filter_->setObjectName(QStringLiteral("filter"));
  status_->setObjectName(QStringLiteral("status"));
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  view_->setModel(model_);
  view_->setObjectName(QStringLiteral("table"));
  view_->setAlternatingRowColors(true);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setWordWrap(false);
  view_->setTextElideMode(Qt::ElideRight);
  view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  // Fixed row heights keep a million-row header cheap: no per-row size hints.
  QHeaderView* rowsHeader = view_->verticalHeader();
  rowsHeader->setSectionResizeMode(QHeaderView::Fixed);
  rowsHeader->setDefaultSectionSize(fontMetrics().height() + 8);
  rowsHeader->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
  QHeaderView* columns = view_->horizontalHeader();
  columns->setStretchLastSection(true);
  columns->setHighlightSections(false);
  columns->setSortIndicatorClearable(true);
  columns->setSortIndicator(-1, Qt::AscendingOrder);  // natural order until a click
  view_->setSortingEnabled(true);

  // Right-click: the whole table (filtered and sorted as shown) to CSV, off the GUI thread.
  view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* exportCsv = new QAction(tr("Export CSV…"), view_);
  exportCsv->setObjectName(QStringLiteral("exportCsv"));
  connect(exportCsv, &QAction::triggered, this, [this]() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), noun_ + QStringLiteral(".csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty()) exportTo(path);
  });
  view_->addAction(exportCsv);

  debounce_->setSingleShot(true);
  debounce_->setInterval(kFilterDelayMs);
  connect(filter_, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
  connect(debounce_, &QTimer::timeout, this, &DataTablePanel::applyFilter);
  connect(model_, &QAbstractItemModel::modelReset, this, &DataTablePanel::applyColumnWidths);
  connect(model_, &QAbstractItemModel::dataChanged, this, [this]() {
    if (!fitted_ && model_->isRowLoaded(0)) fitColumnsToRows();
  });
  connect(model_, &ProjectTableModel::countChanged, this, [this](qint64 rows) {
    if (model_->filter().isEmpty() && !model_->isCounting()) total_ = rows;
    updateStatus();
    emit countChanged(rows);
  });
  connect(model_, &ProjectTableModel::errorOccurred, this, [this](const QString& message) {
    status_->setText(tr("Could not read the %1: %2").arg(noun_, message));
  });

  auto* top = new QHBoxLayout;
  top->addWidget(filter_, 1);
  top->addWidget(status_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(top);
  layout->addWidget(view_, 1);
  updateStatus();
}

void DataTablePanel::setProject(const QString& path) {
  total_ = -1;
  debounce_->stop();
  {
    QSignalBlocker block(filter_);
    filter_->clear();
  }
  view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  model_->setProject(path);
  updateStatus();
}

void DataTablePanel::refresh() {
  fitted_ = false;
  growOnly_ = true;
  model_->refresh();
}

void DataTablePanel::applyFilter() {
  model_->setFilter(filter_->text().trimmed());
  view_->scrollToTop();
  updateStatus();
}

void DataTablePanel::applyColumnWidths() {
  // Until rows arrive: wide enough for the title and its sort arrow.
  fitted_ = false;
  growOnly_ = false;
  const int ch = fontMetrics().averageCharWidth();
  for (int c = 0; c < model_->columnCount(); ++c) {
    const QString title = model_->headerData(c, Qt::Horizontal).toString();
    view_->setColumnWidth(c, fontMetrics().horizontalAdvance(title) + 5 * ch);
  }
}

void DataTablePanel::fitColumnsToRows() {
  // From the first page of a project (and after refresh(), growing only): sized to
  // what the rows hold, within limits.
  fitted_ = true;
  const int ch = fontMetrics().averageCharWidth();
  const int last = model_->columnCount() - 1;
  // Only a text column (description, review) should take up the rest of the row.
  const bool stretch = last >= 0 && !model_->isNumericColumn(last);
  view_->horizontalHeader()->setStretchLastSection(stretch);
  for (int c = 0; c < (stretch ? last : last + 1); ++c) {
    const QString title = model_->headerData(c, Qt::Horizontal).toString();
    const int header = fontMetrics().horizontalAdvance(title) + 5 * ch;
    const int before = view_->columnWidth(c);
    view_->resizeColumnToContents(c);  // measures the rows on screen, all loaded now
    const int rows = view_->columnWidth(c) + ch;
    const int fit = std::clamp(rows, header, std::max(header, maxCharsFor(title) * ch));
    view_->setColumnWidth(c, growOnly_ ? std::max(before, fit) : fit);
  }
}

void DataTablePanel::updateStatus() {
  const QLocale locale;
  if (model_->projectPath().isEmpty()) {
    status_->setText(tr("No project open"));
  } else if (model_->isCounting()) {
    status_->setText(tr("Counting %1…").arg(noun_));
  } else if (!model_->filter().isEmpty() && total_ >= 0) {
    status_->setText(tr("%1 of %2 %3")
                         .arg(locale.toString(model_->rowCount()), locale.toString(total_), noun_));
  } else {
    status_->setText(tr("%1 %2").arg(locale.toString(model_->rowCount()), noun_));
  }
}

}  // namespace il
