#include "corpus.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace il {

namespace {

bool asNumber(const std::string& s, long long& v) {
  if (s.empty() || s.size() > 18) return false;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> sortedIds(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end(), idLess);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::unordered_map<std::string, int32_t> indexOf(const std::vector<std::string>& ids) {
  std::unordered_map<std::string, int32_t> m;
  m.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) m.emplace(ids[i], static_cast<int32_t>(i));
  return m;
}

}  // namespace

bool idLess(const std::string& a, const std::string& b) {
  long long x = 0, y = 0;
  const bool na = asNumber(a, x), nb = asNumber(b, y);
  if (na && nb) return x != y ? x < y : a < b;
  if (na != nb) return na;
  return a < b;
}

int32_t Corpus::findUser(const std::string& id) const {
  const auto it = userIndex.find(id);
  return it == userIndex.end() ? -1 : it->second;
}

int32_t Corpus::findItem(const std::string& id) const {
  const auto it = itemIndex.find(id);
  return it == itemIndex.end() ? -1 : it->second;
}

Corpus Corpus::fromDataset(const Dataset& data) {
  Corpus c;
  std::vector<std::string> users, items;
  for (const auto& r : data.interactions) users.push_back(r.user), items.push_back(r.item);
  for (const auto& t : data.texts) users.push_back(t.user), items.push_back(t.item);
  for (const auto& it : data.items) items.push_back(it.id);
  c.users = sortedIds(std::move(users));
  c.userIndex = indexOf(c.users);
  const std::vector<std::string> itemIds = sortedIds(std::move(items));
  c.itemIndex = indexOf(itemIds);
  c.items.resize(itemIds.size());
  for (size_t i = 0; i < itemIds.size(); ++i) {
    c.items[i].id = itemIds[i];
    c.items[i].inCatalog = false;
  }
  for (const auto& it : data.items) c.items[static_cast<size_t>(c.itemIndex.at(it.id))] = it;

  c.events.reserve(data.interactions.size());
  for (const auto& r : data.interactions)
    c.events.push_back({c.userIndex.at(r.user), c.itemIndex.at(r.item), r.time.value_or(0),
                        static_cast<float>(r.rating.value_or(0.0))});
  std::sort(c.events.begin(), c.events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.user, a.time, a.item) < std::tie(b.user, b.time, b.item);
  });
  c.texts.reserve(data.texts.size());
  for (const auto& t : data.texts)
    c.texts.push_back({c.userIndex.at(t.user), c.itemIndex.at(t.item), t.time.value_or(0), t.text});
  std::stable_sort(c.texts.begin(), c.texts.end(), [](const CorpusText& a, const CorpusText& b) {
    return std::tie(a.user, a.time, a.item) < std::tie(b.user, b.time, b.item);
  });
  return c;
}

std::string itemText(const ItemRow& item) {
  std::string out;
  for (const std::string* part : {&item.title, &item.category, &item.tags, &item.description}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ". ";
    out += *part;
  }
  return out;
}

}  // namespace il
