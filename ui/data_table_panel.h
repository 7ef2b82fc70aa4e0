// One table of the Data view: a filter box (debounced), the table, and a line that
// says how many rows match. Sorting is by clicking a header; a third click returns
// to the table's natural order.
#pragma once

#include <QWidget>

#include "project_table_model.h"

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace il {

class DataTablePanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kFilterDelayMs = 200;

  DataTablePanel(DataTable table, const QString& noun, QWidget* parent = nullptr);

  void setProject(const QString& path);
  // Re-reads the rows (filter and sort stay); columns widen to what they now hold.
  void refresh();
  ProjectTableModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  QLineEdit* filterEdit() const { return filter_; }
  // Writes the whole table, with the filter and sort shown, as CSV (in the background).
  void exportTo(const QString& path);

 signals:
  void countChanged(qint64 rows);
  void exported(const QString& path, const QString& error);  // error empty on success

 private:
  void applyFilter();
  void applyColumnWidths();
  void fitColumnsToRows();
  void updateStatus();

  const QString noun_;  // "users", "items", "texts"
  ProjectTableModel* model_;
  QLineEdit* filter_;
  QLabel* status_;
  QTableView* view_;
  QTimer* debounce_;
  qint64 total_ = -1;  // unfiltered row count, for "12 of 5,000"
  bool fitted_ = false;  // columns sized to the first rows of this project
  bool growOnly_ = false;  // a refit after refresh() keeps widths the user chose
};

}  // namespace il
