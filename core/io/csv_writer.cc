#include "csv_writer.h"

namespace il {

namespace {
// A plain number ("-0.25", "+3", "1e-5") is data, not a formula: left as it is, so
// spreadsheets still read negative scores as numbers.
bool isNumber(std::string_view v) {
  size_t i = (v.size() > 1 && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false, exp = false;
  for (; i < v.size(); ++i) {
    const char c = v[i];
    if (c >= '0' && c <= '9') digits = true;
    else if (c == '.' && !dot && !exp) dot = true;
    else if ((c == 'e' || c == 'E') && digits && !exp && i + 1 < v.size()) {
      exp = true;
      if (v[i + 1] == '-' || v[i + 1] == '+') ++i;
      digits = false;
    } else return false;
  }
  return digits;
}

bool startsFormula(std::string_view v) {
  if (v.empty() || isNumber(v)) return false;
  switch (v.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}
}  // namespace

std::string csvCell(std::string_view value) {
  std::string cell;
  if (startsFormula(value)) cell += '\'';
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out_ << ',';
    out_ << csvCell(cells[i]);
  }
  out_ << "\r\n";
}

}  // namespace il
