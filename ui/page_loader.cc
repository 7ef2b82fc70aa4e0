#include "page_loader.h"

#include <algorithm>
#include <exception>

namespace il {

namespace {
// Page requests beyond this many are stale: the user has scrolled past them.
constexpr size_t kMaxQueuedPages = 8;
}  // namespace

PageLoader::PageLoader(DataTable table, int pageSize, QObject* parent)
    : QThread(parent), table_(table), pageSize_(pageSize) {
  qRegisterMetaType<il::LoadedPage>();
}

PageLoader::~PageLoader() {
  {
    QMutexLocker lock(&mutex_);
    abort_ = true;
    wake_.wakeOne();
  }
  wait();
}

void PageLoader::dropOlderThan(quint64 generation) {
  latest_ = std::max(latest_, generation);
  // An open is never dropped: later generations still read through it.
  std::erase_if(requests_, [&](const Request& r) {
    return r.kind != Request::Open && r.query.generation < latest_;
  });
}

void PageLoader::openProject(const QString& path, quint64 generation) {
  QMutexLocker lock(&mutex_);
  dropOlderThan(generation);
  Request r{Request::Open, {}, 0, path};
  r.query.generation = generation;
  requests_.push_back(std::move(r));
  if (!isRunning()) start();
  wake_.wakeOne();
}

void PageLoader::requestCount(const TableQuery& query) {
  QMutexLocker lock(&mutex_);
  dropOlderThan(query.generation);
  requests_.push_back({Request::Count, query, 0, {}});
  if (!isRunning()) start();
  wake_.wakeOne();
}

void PageLoader::requestPage(const TableQuery& query, int pageIndex) {
  QMutexLocker lock(&mutex_);
  dropOlderThan(query.generation);
  requests_.push_back({Request::Page, query, pageIndex, {}});
  auto isPage = [](const Request& q) { return q.kind == Request::Page; };
  while (static_cast<size_t>(std::count_if(requests_.begin(), requests_.end(), isPage)) >
         kMaxQueuedPages) {
    const auto oldest = std::find_if(requests_.begin(), requests_.end(), isPage);
    emit pageDropped(oldest->query.generation, oldest->page);
    requests_.erase(oldest);
  }
  if (!isRunning()) start();
  wake_.wakeOne();
}

void PageLoader::run() {
  for (;;) {
    Request r;
    {
      QMutexLocker lock(&mutex_);
      while (requests_.empty() && !abort_) wake_.wait(&mutex_);
      if (abort_) return;
      // Open and count come first, in order; then the most recently wanted page.
      auto it = std::find_if(requests_.begin(), requests_.end(),
                             [](const Request& q) { return q.kind != Request::Page; });
      if (it == requests_.end()) it = std::prev(requests_.end());
      r = std::move(*it);
      requests_.erase(it);
    }
    serve(r);
  }
}

void PageLoader::serve(const Request& r) {
  const quint64 gen = r.query.generation;
  try {
    if (r.kind == Request::Open) {
      project_.reset();
      if (!r.path.isEmpty()) project_ = Project::open(r.path.toStdString(), Project::Mode::ReadOnly);
      return;
    }
    if (!project_) return;
    const std::string filter = r.query.filter.toStdString();
    if (r.kind == Request::Count) {
      QStringList columns;
      for (const auto& c : project_->columns(table_)) columns << QString::fromStdString(c);
      const qint64 rows = project_->rowCount(table_, filter);
      emit counted(gen, columns, rows);
      return;
    }
    // An OFFSET costs as many rows as it skips, so in the natural order (which the
    // engine reverses exactly) a page in the second half is read from the end, flipped.
    const int64_t start = static_cast<int64_t>(r.page) * pageSize_;
    const int64_t rows = r.query.rows;
    const bool fromEnd = r.query.sortColumn < 0 && rows > 0 && start * 2 > rows;
    TablePage page;
    if (!fromEnd) {
      page = project_->page(table_, filter, r.query.sortColumn, r.query.descending, start, pageSize_);
    } else if (start < rows) {
      const int64_t end = std::min<int64_t>(start + pageSize_, rows);
      page = project_->page(table_, filter, r.query.sortColumn, !r.query.descending, rows - end,
                            end - start);
      std::reverse(page.rows.begin(), page.rows.end());
    }
    LoadedPage out;
    out.index = r.page;
    out.rows.reserve(static_cast<qsizetype>(page.rows.size()));
    for (const auto& row : page.rows) {
      QStringList cells;
      cells.reserve(static_cast<qsizetype>(row.size()));
      for (const auto& cell : row) cells << QString::fromStdString(cell);
      out.rows << std::move(cells);
    }
    emit pageLoaded(gen, out);
  } catch (const std::exception& e) {
    emit failed(gen, QString::fromUtf8(e.what()));
  }
}

}  // namespace il
