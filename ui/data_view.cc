#include "data_view.h"

#include <QLocale>
#include <QTabWidget>
#include <QVBoxLayout>

#include "data_table_panel.h"

namespace il {

DataView::DataView(QWidget* parent) : QWidget(parent), tabs_(new QTabWidget(this)) {
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
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);
}

void DataView::setProject(const QString& path) {
  for (int i = 0; i < 3; ++i) {
    tabs_->setTabText(i, titles_[i]);
    panels_[i]->setProject(path);
  }
}

void DataView::refresh() {
  for (DataTablePanel* p : panels_) p->refresh();
}

DataTablePanel* DataView::panel(DataTable table) const { return panels_[static_cast<int>(table)]; }

void DataView::showTable(DataTable table) { tabs_->setCurrentIndex(static_cast<int>(table)); }

}  // namespace il
