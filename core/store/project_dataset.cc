// Project::readDataset: the whole dataset back from the project, for the engine.
#include "project.h"
#include "sqlite_db.h"

namespace il {

namespace {
std::optional<int64_t> optInt(const Statement& s, int col) {
  return s.isNull(col) ? std::nullopt : std::optional<int64_t>(s.int64(col));
}
std::optional<double> optReal(const Statement& s, int col) {
  return s.isNull(col) ? std::nullopt : std::optional<double>(s.real(col));
}
}  // namespace

Dataset Project::readDataset() {
  Dataset d;
  sqlite3* h = db_->handle();
  Statement items(h, "SELECT ext_id, title, description, tags, category, price, in_catalog FROM items ORDER BY id");
  while (items.step())
    d.items.push_back({items.text(0), items.text(1), items.text(2), items.text(3), items.text(4), optReal(items, 5),
                       items.int64(6) != 0});
  Statement inter(h,
                  "SELECT u.ext_id, it.ext_id, i.rating, i.time FROM interactions i "
                  "JOIN users u ON u.id = i.user_id JOIN items it ON it.id = i.item_id");
  while (inter.step()) d.interactions.push_back({inter.text(0), inter.text(1), optReal(inter, 2), optInt(inter, 3)});
  Statement texts(h,
                  "SELECT u.ext_id, it.ext_id, t.text, t.time FROM texts t "
                  "JOIN users u ON u.id = t.user_id JOIN items it ON it.id = t.item_id ORDER BY t.id");
  while (texts.step()) d.texts.push_back({texts.text(0), texts.text(1), texts.text(2), optInt(texts, 3)});
  return d;
}

}  // namespace il
