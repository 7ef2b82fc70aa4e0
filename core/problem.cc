#include "problem.h"

#include <cstdio>

namespace il {

std::string Problem::message() const {
  std::string m = file;
  if (line > 0) {
    m += ':' + std::to_string(line);
    if (column > 0) m += ':' + std::to_string(column);
  }
  m += ": " + kind;
  if (!expected.empty()) m += ": expected " + expected;
  if (!found.empty()) m += (expected.empty() ? ": found " : ", found ") + found;
  return m;
}

std::string quoteForMessage(const std::string& value, size_t max) {
  std::string out = "'";
  size_t chars = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if ((c & 0xC0) != 0x80 && ++chars > max) {
      out += "...";
      break;
    }
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "'";
}

}  // namespace il
