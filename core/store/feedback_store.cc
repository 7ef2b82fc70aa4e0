#include "feedback_store.h"

#include <ctime>

#include "project.h"
#include "sqlite_db.h"

namespace il {

namespace {
int64_t lookup(Database& db, const char* table, const std::string& ext, const char* what) {
  Statement q(db.handle(), std::string("SELECT id FROM ") + table + " WHERE ext_id = ?1");
  q.bind(1, std::string_view(ext));
  if (!q.step()) throw ProjectError(std::string("no ") + what + " \"" + ext + "\" in this project");
  return q.int64(0);
}
}  // namespace

void FeedbackStore::set(const std::string& user, const std::string& item, Feedback value) {
  Database& db = project_.database();
  const int64_t u = lookup(db, "users", user, "user"), i = lookup(db, "items", item, "item");
  Transaction tx(db);
  if (value == Feedback::None) {
    Statement del(db.handle(), "DELETE FROM feedback WHERE user_id = ?1 AND item_id = ?2");
    del.bind(1, u).bind(2, i);
    del.run();
  } else {
    Statement put(db.handle(),
                  "INSERT INTO feedback(user_id, item_id, value, time) VALUES(?1, ?2, ?3, ?4) "
                  "ON CONFLICT(user_id, item_id) DO UPDATE SET value = excluded.value, time = excluded.time");
    put.bind(1, u).bind(2, i).bind(3, int64_t{static_cast<int>(value)}).bind(4, int64_t{std::time(nullptr)});
    put.run();
  }
  tx.commit();
}

std::vector<FeedbackRow> FeedbackStore::list(const std::string& user) {
  std::vector<FeedbackRow> out;
  Statement q(project_.database().handle(),
              "SELECT u.ext_id, it.ext_id, f.value, f.time FROM feedback f JOIN users u ON u.id = f.user_id "
              "JOIN items it ON it.id = f.item_id WHERE ?1 = '' OR u.ext_id = ?1 ORDER BY u.ext_id, it.ext_id");
  q.bind(1, std::string_view(user));
  while (q.step()) out.push_back({q.text(0), q.text(1), static_cast<Feedback>(q.int64(2)), q.int64(3)});
  return out;
}

}  // namespace il
