// The engine's in-memory dataset: users and items numbered densely in ascending order
// of their ids (numeric ids compare as numbers), so "order by item id" is order by index.
// Built from an import (Dataset) or read back from a project.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "../dataset.h"
#include "interactions.h"

namespace il {

struct CorpusText {
  int32_t user = 0, item = 0;
  int64_t time = 0;  // 0 when unknown
  std::string text;
};

struct Corpus {
  std::vector<std::string> users;  // external ids, ascending
  std::vector<ItemRow> items;      // ascending by id
  std::vector<Event> events;       // one per (user, item), ordered by (user, time, item)
  std::vector<CorpusText> texts;   // ordered by (user, time, item)
  std::unordered_map<std::string, int32_t> userIndex, itemIndex;

  int32_t userCount() const { return static_cast<int32_t>(users.size()); }
  int32_t itemCount() const { return static_cast<int32_t>(items.size()); }
  // -1 when unknown.
  int32_t findUser(const std::string& id) const;
  int32_t findItem(const std::string& id) const;

  static Corpus fromDataset(const Dataset& data);
};

// The text that stands for an item when it is encoded: title, category, tags and
// description joined (empty parts skipped).
std::string itemText(const ItemRow& item);

// Ascending id order, numbers by value ("9" < "10") and before other strings.
bool idLess(const std::string& a, const std::string& b);

}  // namespace il
