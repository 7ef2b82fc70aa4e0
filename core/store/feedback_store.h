// Like / dislike feedback per (user, item), stored in the project. Applied by the
// engine at once and reversible: clearing removes the row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace il {

class Project;

enum class Feedback : int { Dislike = -1, None = 0, Like = 1 };

struct FeedbackRow {
  std::string user, item;
  Feedback value = Feedback::None;
  int64_t time = 0;
};

class FeedbackStore {
 public:
  explicit FeedbackStore(Project& project) : project_(project) {}

  // Sets (Like/Dislike) or clears (None) the feedback. Throws ProjectError for an
  // unknown user or item.
  void set(const std::string& user, const std::string& item, Feedback value);
  // All feedback of one user ("" = every user), ordered by user, item.
  std::vector<FeedbackRow> list(const std::string& user = {});

 private:
  Project& project_;
};

}  // namespace il
