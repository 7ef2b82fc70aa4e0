// Leave-last-out split (DESIGN.md, "Evaluation protocol"): each user's interactions in
// (time, item id) order; the last is the test item, the one before it the validation
// item, the rest train. Users with fewer than 3 interactions are not evaluated and keep
// all their interactions in training.
#pragma once

#include <cstdint>
#include <vector>

#include "../rank/corpus.h"
#include "../rank/interactions.h"

namespace il {

struct LeaveLastOutSplit {
  std::vector<Event> training;          // ordered by (user, time, item)
  std::vector<int32_t> validationItem;  // per user; -1 when the user is not evaluated
  std::vector<int32_t> testItem;        // per user; -1 when the user is not evaluated

  bool evaluated(int32_t user) const { return testItem[static_cast<size_t>(user)] >= 0; }
  int32_t evaluatedUsers() const;
};

inline constexpr int kMinInteractionsToEvaluate = 3;

// `events` hold one event per (user, item), users in [0, users); any order.
LeaveLastOutSplit leaveLastOutSplit(const std::vector<Event>& events, int32_t users);
inline LeaveLastOutSplit leaveLastOutSplit(const Corpus& corpus) {
  return leaveLastOutSplit(corpus.events, corpus.userCount());
}

}  // namespace il
