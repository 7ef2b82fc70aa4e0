// One problem found in an input file, located precisely enough to fix it by hand.
#pragma once

#include <cstdint>
#include <string>

namespace il {

enum class Severity {
  Warning,   // the row is kept (maybe changed, e.g. deduplicated); the user should know
  Rejected,  // the row is dropped; the rest of the file is still trusted
  Fatal,     // the file cannot be trusted; the whole import fails and nothing is written
};

struct Problem {
  std::string file;
  int64_t line = 0;  // 1-based; 0 when the problem is about the whole file
  int64_t column = 0;  // 1-based, in characters; 0 when not applicable
  Severity severity = Severity::Rejected;
  std::string kind;      // short stable id, e.g. "wrong-field-count"
  std::string expected;  // what the reader wanted
  std::string found;     // what it got

  // "file:line:column: kind: expected ..., found ..."
  std::string message() const;
};

// Shortens a value for display in a message: at most `max` characters, control
// characters shown escaped, so a message never floods a terminal.
std::string quoteForMessage(const std::string& value, size_t max = 40);

}  // namespace il
