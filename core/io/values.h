// Parsing of field values that must not depend on the user's locale.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace il {

// A finite decimal number ("4.5", " 3 ", "1e3"); nullopt otherwise.
std::optional<double> parseNumber(std::string_view s);

// Unix seconds (integer or fractional; values above 1e12 are taken as milliseconds)
// or an ISO 8601 date / date-time ("2023-05-01", "2023-05-01T10:20:30Z", with offset).
// Times without an offset are UTC. nullopt when neither.
std::optional<int64_t> parseTime(std::string_view s);

}  // namespace il
