#include "schema.h"

#include <algorithm>
#include <cctype>

namespace il {

const std::vector<std::string> kInteractionMapKeys = {"user", "item", "text", "summary", "rating", "time"};
const std::vector<std::string> kItemMapKeys = {"id", "title", "text", "tags", "category", "price"};

namespace {

// "User_ID", "user id" and "userId" all become "userid".
std::string canonical(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

int findAny(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (size_t i = 0; i < header.size(); ++i)
      if (canonical(header[i]) == n) return static_cast<int>(i);
  return -1;
}

int findExact(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  // Be forgiving about case and separators, but only when that is unambiguous.
  int hit = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (canonical(header[i]) == canonical(name)) {
      if (hit >= 0) return -1;
      hit = static_cast<int>(i);
    }
  }
  return hit;
}

std::string listColumns(const std::vector<std::string>& header) {
  std::string s;
  for (const auto& h : header) s += (s.empty() ? "" : ", ") + h;
  return s.empty() ? "(none)" : s;
}

bool applySpec(const std::vector<std::string>& header, const std::string& spec,
               const std::vector<std::string>& keys, std::map<std::string, int*> slots,
               std::string& error) {
  std::map<std::string, std::string> map;
  if (!parseColumnMap(spec, keys, map, error)) return false;
  for (const auto& [key, col] : map) {
    const int idx = findExact(header, col);
    if (idx < 0) {
      error = "column '" + col + "' given for " + key + " is not in the file; columns found: " +
              listColumns(header);
      return false;
    }
    *slots.at(key) = idx;
  }
  return true;
}

}  // namespace

bool parseColumnMap(const std::string& spec, const std::vector<std::string>& allowed,
                    std::map<std::string, std::string>& out, std::string& error) {
  size_t start = 0;
  while (start < spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    const std::string part = spec.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
      error = "bad mapping '" + part + "': expected key=COLUMN";
      return false;
    }
    const std::string key = part.substr(0, eq);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string keys;
      for (const auto& k : allowed) keys += (keys.empty() ? "" : ", ") + k;
      error = "unknown mapping key '" + key + "': expected one of " + keys;
      return false;
    }
    out[key] = part.substr(eq + 1);
  }
  return true;
}

bool resolveInteractionColumns(const std::vector<std::string>& header, const std::string& spec,
                               InteractionColumns& c, std::string& error) {
  c = InteractionColumns{};
  c.user = findAny(header, {"userid", "user", "reviewerid", "customerid", "uid", "username", "author"});
  c.item = findAny(header, {"itemid", "item", "movieid", "asin", "productid", "product", "iid", "bookid", "isbn"});
  c.text = findAny(header, {"text", "reviewtext", "review", "tag", "comment", "body", "content"});
  c.summary = findAny(header, {"summary", "reviewtitle", "headline"});
  c.rating = findAny(header, {"rating", "overall", "score", "stars"});
  c.time = findAny(header, {"timestamp", "time", "unixreviewtime", "date", "datetime", "createdat"});

  const int movieId = findAny(header, {"movieid"});
  if (movieId >= 0 && findAny(header, {"userid"}) >= 0)
    c.flavour = findAny(header, {"tag"}) >= 0 ? "MovieLens tags" : "MovieLens ratings";
  else if (findAny(header, {"reviewerid"}) >= 0 && findAny(header, {"asin"}) >= 0)
    c.flavour = "Amazon reviews";
  else
    c.flavour = "generic";

  if (!spec.empty()) {
    c.flavour = "mapped";
    if (!applySpec(header, spec, kInteractionMapKeys,
                   {{"user", &c.user}, {"item", &c.item}, {"text", &c.text},
                    {"summary", &c.summary}, {"rating", &c.rating}, {"time", &c.time}},
                   error))
      return false;
  }
  std::string missing;
  if (c.user < 0) missing = "user";
  if (c.item < 0) missing += missing.empty() ? "item" : " and item";
  if (!missing.empty()) {
    error = "missing required column for " + missing + " (use --map user=COL,item=COL); columns found: " +
            listColumns(header);
    return false;
  }
  return true;
}

bool resolveItemColumns(const std::vector<std::string>& header, const std::string& spec,
                        ItemColumns& c, std::string& error) {
  c = ItemColumns{};
  c.id = findAny(header, {"itemid", "movieid", "asin", "id", "productid", "item", "bookid", "isbn"});
  c.title = findAny(header, {"title", "name", "productname"});
  c.text = findAny(header, {"description", "desc", "text", "overview", "plot", "about"});
  c.tags = findAny(header, {"tags", "keywords", "labels"});
  c.category = findAny(header, {"category", "categories", "genres", "genre", "maincat"});
  c.price = findAny(header, {"price", "cost"});
  c.flavour = findAny(header, {"movieid"}) >= 0 && findAny(header, {"genres"}) >= 0 ? "MovieLens movies"
                                                                                     : "generic";
  if (!spec.empty()) {
    c.flavour = "mapped";
    if (!applySpec(header, spec, kItemMapKeys,
                   {{"id", &c.id}, {"title", &c.title}, {"text", &c.text}, {"tags", &c.tags},
                    {"category", &c.category}, {"price", &c.price}},
                   error))
      return false;
  }
  if (c.id < 0) {
    error = "missing required column for the item id (use --item-map id=COL); columns found: " +
            listColumns(header);
    return false;
  }
  return true;
}

bool looksLikeItemCatalog(const std::vector<std::string>& header) {
  const bool hasUser = findAny(header, {"userid", "user", "reviewerid", "customerid", "uid"}) >= 0;
  const bool hasItemText = findAny(header, {"title", "name", "description", "genres"}) >= 0;
  return !hasUser && hasItemText;
}

}  // namespace il
