// Runs recorded in the project: what was computed (evaluate, recommend, cluster),
// with every parameter that made it, so results are reproducible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace il {

class Project;

struct RunRow {
  int64_t id = 0;
  std::string kind, paramsJson, resultJson;
  int64_t created = 0;
};

class RunStore {
 public:
  explicit RunStore(Project& project) : project_(project) {}
  int64_t record(const std::string& kind, const std::string& paramsJson, const std::string& resultJson);
  // Newest first; kind "" = all kinds.
  std::vector<RunRow> list(const std::string& kind = {}, int limit = 100);

 private:
  Project& project_;
};

}  // namespace il
