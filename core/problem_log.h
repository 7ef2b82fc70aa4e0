// Collects problems during an import: every one is counted by kind, the first
// `keep` are stored with their location for the user to read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "problem.h"

namespace il {

class ProblemLog {
 public:
  explicit ProblemLog(size_t keep = 1000) : keep_(keep) {}

  void add(Problem p);

  const std::vector<Problem>& kept() const { return kept_; }
  const std::map<std::string, int64_t>& countsByKind() const { return counts_; }
  int64_t count(Severity s) const { return bySeverity_[static_cast<int>(s)]; }
  int64_t count(const std::string& kind) const;
  bool hasFatal() const { return count(Severity::Fatal) > 0; }
  const Problem* firstFatal() const;

 private:
  size_t keep_;
  std::vector<Problem> kept_;
  std::map<std::string, int64_t> counts_;
  int64_t bySeverity_[3] = {0, 0, 0};
  Problem firstFatal_;
};

}  // namespace il
