// A Data view table (users, items, texts), with its filter and sort, as CSV: read
// page by page, so a million-row table never sits in memory at once.
#pragma once

#include <ostream>
#include <string>

#include "../job.h"
#include "project.h"

namespace il {

// Returns the number of rows written. Throws Cancelled when `job` is cancelled.
int64_t writeTableCsv(Project& project, DataTable table, const std::string& filter, int sortColumn, bool descending,
                      std::ostream& out, const JobControl* job = nullptr);

}  // namespace il
