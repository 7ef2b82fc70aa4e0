#include "cli_args.h"

#include <algorithm>

namespace il::cli {

std::string Args::get(const std::string& key, const std::string& fallback) const {
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

std::vector<std::string> Args::all(const std::string& key) const {
  std::vector<std::string> out;
  for (auto [b, e] = options.equal_range(key); b != e; ++b) out.push_back(b->second);
  return out;
}

Args parseArgs(int argc, char** argv, const std::vector<std::string>& known,
               const std::vector<std::string>& flags) {
  Args a;
  a.command = argc > 1 ? argv[1] : "";
  for (int i = 2; i < argc; ++i) {
    std::string key = argv[i];
    std::string value;
    const size_t eq = key.find('=');
    const bool inlineValue = key.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inlineValue) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (key.rfind("--", 0) != 0) throw UsageError("unexpected argument '" + key + "'");
    const bool isFlag = std::find(flags.begin(), flags.end(), key) != flags.end();
    if (!isFlag && std::find(known.begin(), known.end(), key) == known.end())
      throw UsageError("unknown option '" + key + "' for '" + a.command + "'");
    if (!isFlag && !inlineValue) {
      if (i + 1 >= argc) throw UsageError("option '" + key + "' needs a value");
      value = argv[++i];
    }
    a.options.emplace(key, value);
  }
  return a;
}

}  // namespace il::cli

namespace il::cli {

int intOption(const Args& a, const std::string& key, int fallback, int lo, int hi) {
  if (!a.has(key)) return fallback;
  const std::string v = a.get(key);
  try {
    size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  throw UsageError(key + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                   ", not '" + v + "'");
}

double doubleOption(const Args& a, const std::string& key, double fallback, double lo, double hi) {
  if (!a.has(key)) return fallback;
  const std::string v = a.get(key);
  try {
    size_t used = 0;
    const double x = std::stod(v, &used);
    if (used == v.size() && x >= lo && x <= hi) return x;
  } catch (const std::exception&) {
  }
  throw UsageError(key + " must be a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not '" +
                   v + "'");
}

std::vector<std::string> splitList(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + sep) {
    if (c != sep) {
      cur += c;
      continue;
    }
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  }
  return out;
}

}  // namespace il::cli
