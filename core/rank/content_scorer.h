// Content-based scorers: rank items by the cosine between a user's interest profile
// (built from their texts, see interest/profile.h) and each item's vector.
//   "content"      long-term, short-term, best matching interest, or a blend of the three
//   "seed-formula" r = alpha * S + (1 - alpha) * (1 - S), S = (1 + cos(long-term, item)) / 2
// Profiles are built once in fit() and kept, because explanations show them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../interest/profile.h"
#include "scorer.h"

namespace il {

enum class ContentMode { LongTerm, ShortTerm, MultiInterest, Blend };

const char* toString(ContentMode mode);  // "long-term", "short-term", "multi-interest", "blend"
std::optional<ContentMode> parseContentMode(std::string_view name);

struct ContentOptions {
  ContentMode mode = ContentMode::LongTerm;
  // Its seed is replaced by TrainingData::seed in fit(); multi-interest and blend
  // always build interests.
  ProfileOptions profile;
  // Blend: weights of the long-term, short-term and best-interest cosines.
  double blendLongTerm = 0.5, blendShortTerm = 0.25, blendInterest = 0.25;
  int threads = 2;  // for building profiles in fit()
};

class ContentScorer : public Scorer {
 public:
  explicit ContentScorer(ContentOptions options = {});

  std::string name() const override { return "content"; }
  std::string paramsJson() const override;
  // Throws std::runtime_error without item vectors (or when their size does not match
  // the text vectors), Cancelled when cancelled.
  void fit(const TrainingData& data, const JobControl* job = nullptr) override;
  // Users with nothing to build a profile from score 0 everywhere.
  void score(int32_t user, std::span<float> out) const override;
  // score() for the listed items only (out[i] for items[i]): for ranking candidates
  // from an approximate index on a huge catalog.
  void scoreItems(int32_t user, std::span<const int32_t> items, std::span<float> out) const;

  // Before fit(): interests then record their best matching global cluster.
  void setGlobalClusters(const GlobalClusters* clusters) { global_ = clusters; }
  const UserProfile& profile(int32_t user) const { return profiles_[static_cast<size_t>(user)]; }
  // Rebuilds the user's profile from scratch, then applies the feedback (item rows);
  // empty lists restore the profile fit() built. Not concurrent with score().
  void setFeedback(int32_t user, std::span<const int32_t> liked, std::span<const int32_t> disliked);
  const Matrix& unitItemVectors() const { return items_; }
  const ContentOptions& options() const { return options_; }

 protected:
  // out[j] = cos(v, item j); 0 for an empty v.
  void cosines(const std::vector<float>& v, std::span<float> out) const;
  ProfileOptions fittedProfileOptions() const;

  ContentOptions options_;
  const TrainingData* data_ = nullptr;
  const GlobalClusters* global_ = nullptr;
  Matrix items_;  // unit item vectors
  std::vector<UserProfile> profiles_;
};

class SeedFormulaScorer : public ContentScorer {
 public:
  explicit SeedFormulaScorer(double alpha = 0.7, ContentOptions options = {});

  std::string name() const override { return "seed-formula"; }
  std::string paramsJson() const override;
  void score(int32_t user, std::span<float> out) const override;
  double alpha() const { return alpha_; }
  // Non-empty when the parameters make the ranking meaningless (alpha = 0.5).
  std::string warning() const;

 private:
  double alpha_;
};

}  // namespace il
