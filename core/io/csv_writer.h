// Writes RFC 4180 CSV that spreadsheets open safely: fields are quoted when needed,
// and a cell that a spreadsheet would run as a formula (one starting with =, +, -, @,
// tab or carriage return; OWASP "CSV injection") gets a leading apostrophe. Plain
// numbers such as -0.5 are data and stay as they are.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace il {

// The cell as written: neutralised, then quoted if it holds a comma, quote or newline.
std::string csvCell(std::string_view value);

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  void row(const std::vector<std::string>& cells);

 private:
  std::ostream& out_;
};

}  // namespace il
