#include "run_store.h"

#include "project.h"
#include "sqlite_db.h"

namespace il {

int64_t RunStore::record(const std::string& kind, const std::string& paramsJson, const std::string& resultJson) {
  Database& db = project_.database();
  Statement ins(db.handle(),
                "INSERT INTO runs(kind, params, result, created) VALUES(?1, ?2, ?3, strftime('%s','now'))");
  ins.bind(1, std::string_view(kind)).bind(2, std::string_view(paramsJson)).bind(3, std::string_view(resultJson));
  ins.run();
  return db.lastInsertId();
}

std::vector<RunRow> RunStore::list(const std::string& kind, int limit) {
  std::vector<RunRow> out;
  Statement q(project_.database().handle(),
              "SELECT id, kind, params, result, created FROM runs WHERE ?1 = '' OR kind = ?1 "
              "ORDER BY id DESC LIMIT ?2");
  q.bind(1, std::string_view(kind)).bind(2, int64_t{limit});
  while (q.step()) out.push_back({q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4)});
  return out;
}

}  // namespace il
