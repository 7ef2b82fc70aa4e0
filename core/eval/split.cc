#include "split.h"

#include <algorithm>
#include <tuple>

namespace il {

int32_t LeaveLastOutSplit::evaluatedUsers() const {
  return static_cast<int32_t>(std::count_if(testItem.begin(), testItem.end(), [](int32_t i) { return i >= 0; }));
}

LeaveLastOutSplit leaveLastOutSplit(const std::vector<Event>& events, int32_t users) {
  std::vector<Event> sorted = events;
  std::sort(sorted.begin(), sorted.end(), [](const Event& a, const Event& b) {
    return std::tie(a.user, a.time, a.item) < std::tie(b.user, b.time, b.item);
  });
  LeaveLastOutSplit split;
  split.validationItem.assign(static_cast<size_t>(users), -1);
  split.testItem.assign(static_cast<size_t>(users), -1);
  split.training.reserve(sorted.size());
  for (size_t begin = 0; begin < sorted.size();) {
    const int32_t user = sorted[begin].user;
    size_t end = begin;
    while (end < sorted.size() && sorted[end].user == user) ++end;
    size_t trainEnd = end;
    if (end - begin >= static_cast<size_t>(kMinInteractionsToEvaluate)) {
      split.testItem[static_cast<size_t>(user)] = sorted[end - 1].item;
      split.validationItem[static_cast<size_t>(user)] = sorted[end - 2].item;
      trainEnd = end - 2;
    }
    split.training.insert(split.training.end(), sorted.begin() + static_cast<std::ptrdiff_t>(begin),
                          sorted.begin() + static_cast<std::ptrdiff_t>(trainEnd));
    begin = end;
  }
  return split;
}

}  // namespace il
