// One table of the Data view (users, items or texts) as a Qt model over a project
// of any size: the row count is known up front, rows arrive in pages of 256 read
// on a loader thread, and a small LRU cache keeps the pages last shown. Scrolling
// to row 900,000 reads only the pages around it; data() never touches SQL.
#pragma once

#include <QAbstractTableModel>
#include <QCache>
#include <QSet>
#include <QStringList>
#include <QVector>

#include "page_loader.h"

namespace il {

class ProjectTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  static constexpr int kPageSize = 256;
  static constexpr int kCachedPages = 32;
  // Role with the full, unshortened cell text.
  static constexpr int FullTextRole = Qt::UserRole + 1;

  explicit ProjectTableModel(DataTable table, QObject* parent = nullptr);
  ~ProjectTableModel() override;

  DataTable table() const { return table_; }
  QString projectPath() const { return path_; }
  void setProject(const QString& path);  // empty: show nothing
  // Re-counts and re-reads; the view debounces typing (see DataTablePanel).
  void setFilter(const QString& filter);
  QString filter() const { return query_.filter; }
  const TableQuery& query() const { return query_; }
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
  // Forgets every cached page and re-counts, e.g. after an import into this project.
  void refresh();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  bool isCounting() const { return counting_; }
  bool isRowLoaded(int row) const { return cache_.contains(row / kPageSize); }
  // Known once the first page arrived; numbers are right-aligned.
  bool isNumericColumn(int column) const { return column < numeric_.size() && numeric_[column]; }
  int columnNamed(const QString& title) const { return static_cast<int>(columns_.indexOf(title)); }
  // Diagnostics (and tests): pages received for the current query, pages held now.
  int pageLoads() const { return pageLoads_; }
  int cachedPages() const { return static_cast<int>(cache_.size()); }

 signals:
  void countChanged(qint64 rows);
  void errorOccurred(const QString& message);

 private:
  struct Page {
    QList<QStringList> rows;   // full text
    QList<QStringList> shown;  // one line, shortened: what a cell displays
  };
  void newGeneration(bool recount);
  const Page* pageFor(int row) const;
  void onCounted(quint64 generation, const QStringList& columns, qint64 rows);
  void onPageLoaded(quint64 generation, const LoadedPage& page);
  void detectNumericColumns(const QList<QStringList>& rows);
  QString toolTip(const Page& page, int rowInPage, int column) const;

  const DataTable table_;
  PageLoader* loader_;
  QString path_;
  TableQuery query_;
  QStringList columns_;
  int rows_ = 0;
  bool counting_ = false;
  int pageLoads_ = 0;
  int longColumn_ = -1;     // the row's long text (description, review), shown in tooltips
  QVector<bool> numeric_;   // right-aligned columns; empty until a page was seen
  mutable QCache<int, Page> cache_;
  mutable QSet<int> requested_;  // pages asked for and not yet here
};

}  // namespace il
