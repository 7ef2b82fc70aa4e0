// The Data view: users, items and texts of the open project, one tab each.
#pragma once

#include <QWidget>

#include "store/project.h"

class QTabWidget;

namespace il {

class DataTablePanel;

class DataView : public QWidget {
  Q_OBJECT
 public:
  explicit DataView(QWidget* parent = nullptr);

  void setProject(const QString& path);
  // Re-reads every table (keeping filters and sorting), e.g. after an encode job.
  void refresh();
  DataTablePanel* panel(DataTable table) const;
  void showTable(DataTable table);

 private:
  QTabWidget* tabs_;
  DataTablePanel* panels_[3];
  QString titles_[3];
};

}  // namespace il
