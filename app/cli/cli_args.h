// Minimal "command --key value ..." parsing for interestlens-cli.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace il::cli {

struct Args {
  std::string command;
  std::multimap<std::string, std::string> options;  // "--project" -> value; flags -> ""

  bool has(const std::string& key) const { return options.count(key) > 0; }
  std::string get(const std::string& key, const std::string& fallback = {}) const;
  std::vector<std::string> all(const std::string& key) const;
};

// Thrown for bad usage (exit code 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Thrown for bad input (exit code 1).
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Option values checked against a range; a bad one is a UsageError naming the option.
int intOption(const Args& a, const std::string& key, int fallback, int lo, int hi);
double doubleOption(const Args& a, const std::string& key, double fallback, double lo, double hi);
// "a,b,c" -> {"a", "b", "c"} (empty parts dropped).
std::vector<std::string> splitList(const std::string& s, char sep = ',');

// `flags` are options that take no value. Unknown options are a UsageError.
Args parseArgs(int argc, char** argv, const std::vector<std::string>& known,
               const std::vector<std::string>& flags);

}  // namespace il::cli
