// Which column holds what: detected from well-known headers (MovieLens, Amazon
// reviews, common names) or given explicitly as "user=COL,item=COL,...".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace il {

// Indices into a header; -1 = not present.
struct InteractionColumns {
  int user = -1, item = -1, text = -1, summary = -1, rating = -1, time = -1;
  std::string flavour;  // e.g. "MovieLens ratings", for the summary and the preview
};

struct ItemColumns {
  int id = -1, title = -1, text = -1, tags = -1, category = -1, price = -1;
  std::string flavour;
};

// Parses "key=COL,key=COL". Keys must be in `allowed`. Returns false with `error`
// naming the bad part.
bool parseColumnMap(const std::string& spec, const std::vector<std::string>& allowed,
                    std::map<std::string, std::string>& out, std::string& error);

extern const std::vector<std::string> kInteractionMapKeys;  // user,item,text,summary,rating,time
extern const std::vector<std::string> kItemMapKeys;         // id,title,text,tags,category,price

// Resolves columns for an interactions file. `spec` (may be empty) overrides detection.
// On failure returns false and sets `error` to a message that lists the columns found.
bool resolveInteractionColumns(const std::vector<std::string>& header, const std::string& spec,
                               InteractionColumns& out, std::string& error);
bool resolveItemColumns(const std::vector<std::string>& header, const std::string& spec,
                        ItemColumns& out, std::string& error);

// Guesses whether a header looks like an item catalog rather than interactions
// (an id and a title or description, no user column).
bool looksLikeItemCatalog(const std::vector<std::string>& header);

}  // namespace il
