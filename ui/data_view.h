// The Data view: users, items and texts of the open project, one tab each.
#pragma once

#include <QWidget>

#include "store/project.h"

class QTabWidget;

namespace il {

class CleaningPreview;
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
  // The Cleaning tab: the project's settings, flag counts, before/after of cleaned texts.
  CleaningPreview* cleaningPreview() const { return cleaning_; }

 private:
  QTabWidget* tabs_;
  DataTablePanel* panels_[3];
  QString titles_[3];
  CleaningPreview* cleaning_;
  QString path_;
  void showCleaning();
};

}  // namespace il
