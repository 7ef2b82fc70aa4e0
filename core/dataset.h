// The in-memory form of what an import produces, before it is written to a project.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace il {

struct ItemRow {
  std::string id, title, description, tags, category;
  std::optional<double> price;
  bool inCatalog = true;  // false: only seen in interactions, no text of its own
};

struct InteractionRow {
  std::string user, item;
  std::optional<double> rating;
  std::optional<int64_t> time;
};

struct TextRow {
  std::string user, item, text;
  std::optional<int64_t> time;
  // Set by cleaning (text_cleaner.h): the text as read when cleaning changed it,
  // the detected language, and TextFlag bits.
  std::string raw, lang;
  uint32_t flags = 0;
};

struct Dataset {
  std::vector<ItemRow> items;
  std::vector<InteractionRow> interactions;  // one per (user, item)
  std::vector<TextRow> texts;
};

}  // namespace il
