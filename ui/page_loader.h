// Reads pages of one Data view table on its own thread, through its own read-only
// connection to the project, so a slow query (a filter over a million texts, a
// sort on an unindexed column) never freezes the window. Newest requests are
// served first and requests from an older generation (filter, sort) are dropped.
#pragma once

#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>
#include <deque>
#include <memory>

#include "store/project.h"

namespace il {

// What a table shows; a new generation starts whenever the filter or sort changes.
struct TableQuery {
  quint64 generation = 0;
  QString filter;
  int sortColumn = -1;  // -1: the table's natural order
  bool descending = false;
  qint64 rows = -1;     // matching rows when known; lets pages near the end be read from it
};

struct LoadedPage {
  int index = 0;
  QList<QStringList> rows;  // as stored
};

class PageLoader : public QThread {
  Q_OBJECT
 public:
  PageLoader(DataTable table, int pageSize, QObject* parent = nullptr);
  ~PageLoader() override;

  // All of these are called from the GUI thread and return at once.
  void openProject(const QString& path, quint64 generation);  // empty path: close
  void requestCount(const TableQuery& query);
  void requestPage(const TableQuery& query, int pageIndex);

 signals:
  // Emitted from the loader thread; receivers get them queued.
  void counted(quint64 generation, const QStringList& columns, qint64 rows);
  void pageLoaded(quint64 generation, const il::LoadedPage& page);
  void failed(quint64 generation, const QString& message);
  // A queued page request was dropped unserved (the user scrolled on); ask again if needed.
  void pageDropped(quint64 generation, int pageIndex);

 protected:
  void run() override;

 private:
  struct Request {
    enum Kind { Open, Count, Page } kind;
    TableQuery query;
    int page = 0;
    QString path;
  };
  void dropOlderThan(quint64 generation);
  void serve(const Request& r);

  const DataTable table_;
  const int pageSize_;
  std::unique_ptr<Project> project_;  // loader thread only

  QMutex mutex_;
  QWaitCondition wake_;
  std::deque<Request> requests_;
  quint64 latest_ = 0;
  bool abort_ = false;
};

}  // namespace il

Q_DECLARE_METATYPE(il::LoadedPage)
