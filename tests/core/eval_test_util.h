// Small hand-made corpora for the evaluation and scorer tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rank/corpus.h"
#include "rank/scorer.h"

namespace il::test {

struct Row {
  std::string user, item;
  int64_t time = 0;
};

// A corpus of implicit interactions (no ratings); `texts` rows get the text "user:item".
inline Corpus corpusOf(const std::vector<Row>& rows, const std::vector<Row>& texts = {}) {
  Dataset d;
  for (const Row& r : rows) d.interactions.push_back({r.user, r.item, std::nullopt, r.time});
  for (const Row& t : texts) d.texts.push_back({t.user, t.item, t.user + ":" + t.item, t.time});
  return Corpus::fromDataset(d);
}

// Users named "u0".."u{n-1}" interacting with items by index; time = position in the list.
inline Corpus corpusOfLists(const std::vector<std::vector<int>>& itemsPerUser) {
  std::vector<Row> rows;
  for (size_t u = 0; u < itemsPerUser.size(); ++u)
    for (size_t t = 0; t < itemsPerUser[u].size(); ++t)
      rows.push_back({"u" + std::to_string(u), std::to_string(itemsPerUser[u][t]), static_cast<int64_t>(t + 1)});
  return corpusOf(rows);
}

inline std::vector<float> scoresOf(const Scorer& s, int32_t user, int32_t items) {
  std::vector<float> out(static_cast<size_t>(items), -1.0f);
  s.score(user, out);
  return out;
}

}  // namespace il::test
