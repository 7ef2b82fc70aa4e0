#include "data_view.h"

#include <QLocale>
#include <QTabWidget>
#include <QVBoxLayout>

#include "cleaning_preview.h"
#include "data_table_panel.h"

namespace il {

DataView::DataView(QWidget* parent)
    : QWidget(parent), tabs_(new QTabWidget(this)), cleaning_(new CleaningPreview(this)) {
  tabs_->setDocumentMode(true);
  const struct {
    DataTable table;
    QString title, noun;
  } tables[] = {{DataTable::Users, tr("Users"), tr("users")},
                {DataTable::Items, tr("Items"), tr("items")},
                {DataTable::Texts, tr("Texts"), tr("texts")}};
  for (int i = 0; i < 3; ++i) {
    titles_[i] = tables[i].title;
    panels_[i] = new DataTablePanel(tables[i].table, tables[i].noun, this);
    panels_[i]->setObjectName(tables[i].noun);
    tabs_->addTab(panels_[i], titles_[i]);
    // The tab keeps the project's total; the panel's own line shows filtered counts.
    connect(panels_[i], &DataTablePanel::countChanged, this, [this, i](qint64 rows) {
      if (!panels_[i]->model()->filter().isEmpty()) return;
      tabs_->setTabText(i, rows == 0 ? titles_[i]
                                     : QStringLiteral("%1 (%2)").arg(titles_[i],
                                                                     QLocale().toString(rows)));
    });
  }
  cleaning_->setObjectName(QStringLiteral("cleaning"));
  tabs_->addTab(cleaning_, tr("Cleaning"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);
}

// A short read-only query (200 rows at most), so it runs on the GUI thread.
void DataView::showCleaning() {
  std::vector<CleaningExample> rows;
  QString note;
  try {
    if (path_.isEmpty()) throw ProjectError("no project");
    auto p = Project::open(path_.toStdString(), Project::Mode::ReadOnly);
    rows = p->cleanedSamples(200);
    const TextFlagCounts f = p->textFlagCounts();
    const QLocale l;
    note = tr("<b>Cleaning</b>: %1<br>%2 texts changed by cleaning (the first %3 below: before → after) · %4 short · "
              "%5 repeated · %6 exact and %7 near duplicates in %8 groups. Languages and flags are in the Texts "
              "table.")
               .arg(p->hasCleaningSettings() ? QString::fromStdString(p->cleaningSettings().describe()).toHtmlEscaped()
                                             : tr("none recorded (imported before cleaning existed)"),
                    l.toString(f.cleaned), l.toString(qint64(rows.size())), l.toString(f.shortTexts),
                    l.toString(f.repeated), l.toString(f.exactDuplicates), l.toString(f.nearDuplicates),
                    l.toString(f.duplicateGroups));
  } catch (const std::exception& e) {
    note = path_.isEmpty() ? QString() : tr("Cleaning details unavailable: %1").arg(QString::fromUtf8(e.what()));
  }
  cleaning_->showExamples(rows, note);
}

void DataView::setProject(const QString& path) {
  for (int i = 0; i < 3; ++i) {
    tabs_->setTabText(i, titles_[i]);
    panels_[i]->setProject(path);
  }
  path_ = path;
  showCleaning();
}

void DataView::refresh() {
  for (DataTablePanel* p : panels_) p->refresh();
  showCleaning();
}

DataTablePanel* DataView::panel(DataTable table) const { return panels_[static_cast<int>(table)]; }

void DataView::showTable(DataTable table) { tabs_->setCurrentIndex(static_cast<int>(table)); }

}  // namespace il
