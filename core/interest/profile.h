// A user's interest profile, built from what they wrote: a long-term direction (mean
// of their text vectors), a short-term one (time-decayed mean), and a few separate
// interests (clusters of their texts). Users who wrote nothing get the same from the
// item vectors of what they interacted with. Only usable texts count, so held-out
// interactions never leak into a profile.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../matrix.h"
#include "../rank/scorer.h"
#include "global_clusters.h"

namespace il {

enum class ProfileSource { Texts, Items, None };
enum class DecayBy { Auto, Days, Events };  // Auto: days when every vector has a time

const char* toString(ProfileSource source);
const char* toString(DecayBy decay);

struct ProfileOptions {
  double halfLifeDays = 30;
  double halfLifeEvents = 10;    // used when decaying by event count
  DecayBy decay = DecayBy::Auto;
  int32_t maxInterests = 4;      // k is chosen by silhouette in 1..maxInterests
  bool buildInterests = true;
  uint64_t seed = 42;            // mixed with the user index, so users do not depend on each other
  // Rocchio feedback: profile += liked * mean(liked items) - disliked * mean(disliked items).
  double likedWeight = 0.75;
  double dislikedWeight = 0.25;
};

struct Interest {
  std::vector<float> centroid;   // unit length
  double weight = 0;             // share of the user's vectors
  std::vector<int64_t> members;  // rows of corpus->texts (source Texts) or item rows (source Items)
  int32_t globalCluster = -1;    // best matching global cluster, -1 without them
};

struct UserProfile {
  int32_t user = -1;
  ProfileSource source = ProfileSource::None;
  int64_t vectors = 0;              // texts (or items) the profile was built from
  bool decayedByEvents = false;     // short-term weights came from event order, not days
  std::vector<float> longTerm;      // unit length; empty when there is nothing to build from
  std::vector<float> shortTerm;     // unit length; empty likewise
  std::vector<Interest> interests;  // heaviest first
  std::vector<int32_t> liked, disliked;  // feedback applied on top (item rows)

  bool empty() const { return longTerm.empty(); }
};

// Builds profiles for many users: indexes the training events once. build() is
// thread-safe; `data` and `global` must outlive the builder.
class ProfileBuilder {
 public:
  explicit ProfileBuilder(const TrainingData& data, ProfileOptions options = {},
                          const GlobalClusters* global = nullptr);
  UserProfile build(int32_t user) const;
  const ProfileOptions& options() const { return options_; }

 private:
  struct Source {
    std::vector<int64_t> rows;   // text rows or item rows
    std::vector<int64_t> times;  // per row, 0 when unknown
  };
  Source textsOf(int32_t user) const;
  Source itemsOf(int32_t user) const;

  const TrainingData& data_;
  ProfileOptions options_;
  const GlobalClusters* global_;
  std::vector<Event> events_;        // training events ordered by (user, time, item)
  std::vector<int64_t> eventStart_;  // per user, into events_
};

UserProfile buildProfile(const TrainingData& data, int32_t user, const ProfileOptions& options = {},
                         const GlobalClusters* global = nullptr);

// Moves every part of the profile toward the liked items and away from the disliked
// ones (Rocchio), then renormalises. To undo, rebuild the profile without feedback.
void applyFeedback(UserProfile& profile, std::span<const int32_t> liked, std::span<const int32_t> disliked,
                   const Matrix& itemVectors, const ProfileOptions& options);

}  // namespace il
