#include "table_export.h"

#include "../io/csv_writer.h"

namespace il {

int64_t writeTableCsv(Project& project, DataTable table, const std::string& filter, int sortColumn, bool descending,
                      std::ostream& out, const JobControl* job) {
  constexpr int64_t kPage = 5000;
  CsvWriter csv(out);
  csv.row(project.columns(table));
  const int64_t total = project.rowCount(table, filter);
  int64_t written = 0;
  while (written < total) {
    if (job && job->cancelled()) throw Cancelled{};
    const TablePage page = project.page(table, filter, sortColumn, descending, written, kPage);
    if (page.rows.empty()) break;
    for (const auto& row : page.rows) csv.row(row);
    written += static_cast<int64_t>(page.rows.size());
    if (job) job->report({written, total, "writing CSV"});
  }
  return written;
}

}  // namespace il
