#include "interactions.h"

#include <algorithm>

namespace il {

bool SparseRows::contains(int32_t r, int32_t c) const {
  const auto cs = row(r);
  return std::binary_search(cs.begin(), cs.end(), c);
}

SparseRows SparseRows::transposed() const {
  SparseRows t;
  t.rows = cols;
  t.cols = rows;
  t.start.assign(static_cast<size_t>(cols) + 1, 0);
  for (int32_t c : index) ++t.start[static_cast<size_t>(c) + 1];
  for (int32_t c = 0; c < cols; ++c) t.start[c + 1] += t.start[c];
  t.index.resize(index.size());
  std::vector<int64_t> fill(t.start.begin(), t.start.end() - 1);
  // Rows are visited in order, so each transposed row comes out ascending.
  for (int32_t r = 0; r < rows; ++r)
    for (int32_t c : row(r)) t.index[static_cast<size_t>(fill[c]++)] = r;
  return t;
}

SparseRows SparseRows::fromEvents(int32_t users, int32_t items, const std::vector<Event>& events, bool byUser) {
  SparseRows m;
  m.rows = byUser ? users : items;
  m.cols = byUser ? items : users;
  std::vector<std::pair<int32_t, int32_t>> pairs;
  pairs.reserve(events.size());
  for (const Event& e : events) pairs.emplace_back(byUser ? e.user : e.item, byUser ? e.item : e.user);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  m.start.assign(static_cast<size_t>(m.rows) + 1, 0);
  m.index.reserve(pairs.size());
  for (const auto& [r, c] : pairs) {
    ++m.start[static_cast<size_t>(r) + 1];
    m.index.push_back(c);
  }
  for (int32_t r = 0; r < m.rows; ++r) m.start[r + 1] += m.start[r];
  return m;
}

}  // namespace il
