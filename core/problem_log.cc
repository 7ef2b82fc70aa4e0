#include "problem_log.h"

namespace il {

void ProblemLog::add(Problem p) {
  ++counts_[p.kind];
  ++bySeverity_[static_cast<int>(p.severity)];
  if (p.severity == Severity::Fatal && count(Severity::Fatal) == 1) firstFatal_ = p;
  if (kept_.size() < keep_) kept_.push_back(std::move(p));
}

int64_t ProblemLog::count(const std::string& kind) const {
  auto it = counts_.find(kind);
  return it == counts_.end() ? 0 : it->second;
}

const Problem* ProblemLog::firstFatal() const {
  return hasFatal() ? &firstFatal_ : nullptr;
}

}  // namespace il
