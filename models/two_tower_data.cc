#include "two_tower_data.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "interest/user_texts.h"
#include "vec_math.h"

namespace il {

namespace {

bool sortedContains(const std::vector<int32_t>& v, int32_t x) { return std::binary_search(v.begin(), v.end(), x); }

void sortUnique(std::vector<int32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void checkVectors(const TrainingData& data) {
  if (!data.itemVectors) throw std::runtime_error("the two-tower model needs item vectors: encode the project first");
  if (data.itemVectors->rows != data.items())
    throw std::runtime_error("item vectors do not match the project's items: encode the project again");
  if (data.itemVectors->cols < 1) throw std::runtime_error("item vectors are empty: encode the project again");
  if (data.textVectors && (data.textVectors->cols != data.itemVectors->cols ||
                           data.textVectors->rows != static_cast<int64_t>(data.corpus->texts.size())))
    throw std::runtime_error("text and item vectors do not match: encode the project again");
}

// The latest usable text with a vector of each (user, item), as a text row.
std::unordered_map<int32_t, int64_t> usableTextsOf(const TrainingData& data, int32_t user) {
  std::unordered_map<int32_t, int64_t> byItem;
  if (!data.textVectors) return byItem;
  const auto [begin, end] = userTextRange(*data.corpus, user);
  for (int64_t i = begin; i < end; ++i) {  // ordered by time: later texts overwrite
    if (!data.textUsable[static_cast<size_t>(i)]) continue;
    if (norm(data.textVectors->row(i), data.textVectors->cols) <= 0) continue;
    byItem[data.corpus->texts[static_cast<size_t>(i)].item] = i;
  }
  return byItem;
}

}  // namespace

bool TwoTowerInputs::isPositive(int32_t user, int32_t item) const {
  return sortedContains(positives[static_cast<size_t>(user)], item);
}
bool TwoTowerInputs::isDisliked(int32_t user, int32_t item) const {
  return sortedContains(dislikes[static_cast<size_t>(user)], item);
}

TwoTowerInputs prepareTwoTowerInputs(const TrainingData& data, const TwoTowerOptions& options,
                                     const std::vector<std::pair<int32_t, int32_t>>& validation,
                                     const std::vector<UserItemFeedback>& feedback) {
  checkVectors(data);
  TwoTowerInputs in;
  in.users = data.users();
  in.items = data.items();
  in.dimIn = data.itemVectors->cols;
  const Matrix& items = *data.itemVectors;
  in.itemVectors = items.data.data();
  in.itemScale.resize(static_cast<size_t>(in.items));
  for (int32_t j = 0; j < in.items; ++j) {
    const float n = norm(items.row(j), items.cols);
    in.itemScale[static_cast<size_t>(j)] = n > 0 ? 1.0f / n : 0.0f;
  }

  in.positives.assign(static_cast<size_t>(in.users), {});
  in.dislikes.assign(static_cast<size_t>(in.users), {});
  std::vector<std::vector<int32_t>> likes(static_cast<size_t>(in.users));
  for (const UserItemFeedback& f : feedback) {
    if (f.user < 0 || f.user >= in.users || f.item < 0 || f.item >= in.items || f.value == 0) continue;
    (f.value > 0 ? likes : in.dislikes)[static_cast<size_t>(f.user)].push_back(f.item);
  }
  for (auto& v : likes) sortUnique(v);
  for (auto& v : in.dislikes) sortUnique(v);

  std::vector<Event> events = data.events;
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.user, a.time, a.item) < std::tie(b.user, b.time, b.item);
  });
  const bool holdOut = validation.empty();
  in.sequenceStart.assign(static_cast<size_t>(in.users) + 1, 0);
  size_t e = 0;
  for (int32_t u = 0; u < in.users; ++u) {
    const auto texts = usableTextsOf(data, u);
    while (e < events.size() && events[e].user < u) ++e;  // tolerates negative user indices
    const size_t begin = e;
    while (e < events.size() && events[e].user == u) ++e;
    const int32_t n = static_cast<int32_t>(e - begin);
    auto& positive = in.positives[static_cast<size_t>(u)];
    const auto& disliked = in.dislikes[static_cast<size_t>(u)];
    for (int32_t p = 0; p < n; ++p) {
      const Event& ev = events[begin + static_cast<size_t>(p)];
      HistoryToken t;
      t.item = ev.item;
      if (const auto it = texts.find(ev.item); it != texts.end()) {
        t.vector = data.textVectors->row(it->second);
        t.scale = 1.0f / norm(t.vector, data.textVectors->cols);
        t.fromText = true;
        t.text = it->second;
      } else {
        t.vector = items.row(ev.item);
        t.scale = in.itemScale[static_cast<size_t>(ev.item)];
      }
      in.tokens.push_back(t);
      if (sortedContains(disliked, ev.item)) continue;  // a dislike overrides the interaction as a target
      positive.push_back(ev.item);
      if (holdOut && n >= 3 && p == n - 1)
        in.validation.push_back({u, ev.item, p, 1});
      else
        in.examples.push_back({u, ev.item, p, 1});
    }
    for (const int32_t j : likes[static_cast<size_t>(u)]) {
      if (sortedContains(disliked, j)) continue;
      positive.push_back(j);
      in.examples.push_back({u, j, n, static_cast<float>(options.likeWeight)});
    }
    sortUnique(positive);
    in.sequenceStart[static_cast<size_t>(u) + 1] = static_cast<int64_t>(in.tokens.size());
  }
  for (const auto& [u, j] : validation)
    if (u >= 0 && u < in.users && j >= 0 && j < in.items)
      in.validation.push_back({u, j, static_cast<int32_t>(in.sequence(u).size()), 1});

  // Id rows for every item the training interactions or likes name; they start at 0,
  // so an item learns its own offset only from its own examples.
  in.idRow.assign(static_cast<size_t>(in.items), -1);
  for (const HistoryToken& t : in.tokens)
    if (in.idRow[static_cast<size_t>(t.item)] < 0) in.idRow[static_cast<size_t>(t.item)] = in.idRows++;
  for (const TwoTowerExample& x : in.examples)
    if (in.idRow[static_cast<size_t>(x.item)] < 0) in.idRow[static_cast<size_t>(x.item)] = in.idRows++;

  in.targetFrequency.assign(static_cast<size_t>(in.items), 0.0);
  for (const TwoTowerExample& x : in.examples) in.targetFrequency[static_cast<size_t>(x.item)] += 1.0;
  for (double& f : in.targetFrequency) f /= std::max<double>(1.0, static_cast<double>(in.examples.size()));
  return in;
}

}  // namespace il
