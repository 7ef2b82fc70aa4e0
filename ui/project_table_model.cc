#include "project_table_model.h"

#include <QLocale>
#include <limits>

namespace il {

namespace {

constexpr int kShownChars = 300;  // the view elides further; this bounds layout work

QString oneLine(const QString& s) {
  QString out = s;
  if (out.contains(QLatin1Char('\n')) || out.contains(QLatin1Char('\r')) ||
      out.contains(QLatin1Char('\t')))
    out = out.simplified();
  if (out.size() > kShownChars) out = out.left(kShownChars) + QChar(0x2026);
  return out;
}

QString wrappedHtml(const QString& s, int maxChars = 1500) {
  QString text = s.size() > maxChars ? s.left(maxChars) + QChar(0x2026) : s;
  // Rich text makes Qt word-wrap the tooltip instead of drawing one endless line.
  return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped() +
         QStringLiteral("</p>");
}

}  // namespace

ProjectTableModel::ProjectTableModel(DataTable table, QObject* parent)
    : QAbstractTableModel(parent),
      table_(table),
      loader_(new PageLoader(table, kPageSize, this)),
      cache_(kCachedPages) {
  connect(loader_, &PageLoader::counted, this, &ProjectTableModel::onCounted, Qt::QueuedConnection);
  connect(loader_, &PageLoader::pageLoaded, this, &ProjectTableModel::onPageLoaded,
          Qt::QueuedConnection);
  connect(
      loader_, &PageLoader::pageDropped, this,
      [this](quint64 gen, int page) {
        if (gen == query_.generation) requested_.remove(page);
      },
      Qt::QueuedConnection);
  connect(
      loader_, &PageLoader::failed, this,
      [this](quint64 gen, const QString& message) {
        if (gen != query_.generation) return;
        counting_ = false;
        emit errorOccurred(message);
      },
      Qt::QueuedConnection);
}

ProjectTableModel::~ProjectTableModel() = default;

void ProjectTableModel::setProject(const QString& path) {
  beginResetModel();
  path_ = path;
  rows_ = 0;
  columns_.clear();
  numeric_.clear();
  longColumn_ = -1;
  query_.filter.clear();
  query_.sortColumn = -1;
  query_.descending = false;
  ++query_.generation;
  cache_.clear();
  requested_.clear();
  pageLoads_ = 0;
  endResetModel();
  loader_->openProject(path, query_.generation);
  counting_ = !path.isEmpty();
  if (counting_) loader_->requestCount(query_);
  emit countChanged(0);
}

void ProjectTableModel::newGeneration(bool recount) {
  ++query_.generation;
  cache_.clear();
  requested_.clear();
  pageLoads_ = 0;
  if (recount && !path_.isEmpty()) {
    counting_ = true;
    loader_->requestCount(query_);
  }
  // Rows stay until the new count arrives; their cells go blank and are re-read.
  if (rows_ > 0 && !columns_.isEmpty())
    emit dataChanged(index(0, 0), index(rows_ - 1, static_cast<int>(columns_.size()) - 1));
}

void ProjectTableModel::setFilter(const QString& filter) {
  if (filter == query_.filter) return;
  query_.filter = filter;
  newGeneration(true);
}

void ProjectTableModel::sort(int column, Qt::SortOrder order) {
  const bool descending = order == Qt::DescendingOrder;
  if (column == query_.sortColumn && (column < 0 || descending == query_.descending)) return;
  query_.sortColumn = column;
  query_.descending = column >= 0 && descending;
  newGeneration(false);
}

void ProjectTableModel::refresh() { newGeneration(true); }

int ProjectTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows_;
}

int ProjectTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

const ProjectTableModel::Page* ProjectTableModel::pageFor(int row) const {
  const int p = row / kPageSize;
  if (const Page* page = cache_.object(p)) return page;
  if (!requested_.contains(p)) {
    requested_.insert(p);
    TableQuery q = query_;
    q.rows = counting_ ? -1 : rows_;  // a stale count must not steer reads from the end
    loader_->requestPage(q, p);
  }
  return nullptr;
}

QVariant ProjectTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_ || index.column() >= columns_.size()) return {};
  const int column = index.column();
  if (role == Qt::TextAlignmentRole) {
    const bool right = column < numeric_.size() && numeric_[column];
    return QVariant::fromValue(Qt::AlignVCenter | (right ? Qt::AlignRight : Qt::AlignLeft));
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != FullTextRole) return {};
  const Page* page = pageFor(index.row());
  if (!page) return {};  // blank until the loader delivers; dataChanged follows
  const int r = index.row() % kPageSize;
  if (r >= page->rows.size()) return {};
  switch (role) {
    case Qt::DisplayRole: return page->shown[r].value(column);
    case FullTextRole: return page->rows[r].value(column);
    default: return toolTip(*page, r, column);
  }
}

QString ProjectTableModel::toolTip(const Page& page, int r, int column) const {
  const QStringList& row = page.rows[r];
  const QString cell = row.value(column);
  if (longColumn_ < 0 || longColumn_ >= row.size() || column == longColumn_ ||
      row[longColumn_].isEmpty()) {
    return cell.size() > 40 || cell != page.shown[r].value(column) ? wrappedHtml(cell) : QString();
  }
  // Anywhere in the row, hovering shows what the row is about.
  return QStringLiteral("<b>") + cell.toHtmlEscaped() + QStringLiteral("</b>") +
         wrappedHtml(row[longColumn_]);
}

QVariant ProjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal) {
    if (role == Qt::DisplayRole) return columns_.value(section);
    return {};
  }
  if (role == Qt::DisplayRole) return section + 1;
  return {};
}

void ProjectTableModel::onCounted(quint64 generation, const QStringList& columns, qint64 rows) {
  if (generation != query_.generation) return;
  counting_ = false;
  const int n = static_cast<int>(std::min<qint64>(rows, std::numeric_limits<int>::max()));
  if (columns != columns_) {
    beginResetModel();
    columns_ = columns;
    longColumn_ = static_cast<int>(columns_.indexOf(QStringLiteral("Description")));
    if (longColumn_ < 0) longColumn_ = static_cast<int>(columns_.indexOf(QStringLiteral("Text")));
    rows_ = n;
    endResetModel();
  } else if (n < rows_) {
    // Shrink and grow in place so the view keeps its column widths and header state.
    beginRemoveRows({}, n, rows_ - 1);
    rows_ = n;
    endRemoveRows();
  } else if (n > rows_) {
    beginInsertRows({}, rows_, n - 1);
    rows_ = n;
    endInsertRows();
  }
  emit countChanged(rows);
}

void ProjectTableModel::onPageLoaded(quint64 generation, const LoadedPage& loaded) {
  if (generation != query_.generation) return;
  requested_.remove(loaded.index);
  auto* page = new Page;
  page->rows = loaded.rows;
  page->shown.reserve(loaded.rows.size());
  for (const QStringList& row : loaded.rows) {
    QStringList shown;
    shown.reserve(row.size());
    for (const QString& cell : row) shown << oneLine(cell);
    page->shown << std::move(shown);
  }
  if (numeric_.isEmpty() && !loaded.rows.isEmpty()) detectNumericColumns(loaded.rows);
  // Money and means read better with fixed decimals: 36.0 -> 36.00, 3.4 -> 3.40.
  const QLocale locale;
  for (const char* title : {"Price", "Mean rating"}) {
    const int c = columnNamed(QLatin1String(title));
    if (c < 0) continue;
    for (QStringList& row : page->shown) {
      bool ok = false;
      const double v = row.value(c).toDouble(&ok);
      if (ok) row[c] = locale.toString(v, 'f', 2);
    }
  }
  cache_.insert(loaded.index, page);
  ++pageLoads_;
  const int first = loaded.index * kPageSize;
  const int last = std::min(rows_, first + static_cast<int>(loaded.rows.size())) - 1;
  if (last >= first && !columns_.isEmpty())
    emit dataChanged(index(first, 0), index(last, static_cast<int>(columns_.size()) - 1),
                     {Qt::DisplayRole, Qt::ToolTipRole, Qt::TextAlignmentRole});
}

void ProjectTableModel::detectNumericColumns(const QList<QStringList>& rows) {
  numeric_.fill(false, columns_.size());
  for (int c = 0; c < columns_.size(); ++c) {
    bool any = false, all = true;
    for (const QStringList& row : rows) {
      const QString& v = row.value(c);
      if (v.isEmpty()) continue;
      bool ok = false;
      v.toDouble(&ok);
      any = true;
      if (!ok) {
        all = false;
        break;
      }
    }
    numeric_[c] = any && all;
  }
}

}  // namespace il
