#include "profile.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <tuple>

#include "../vec_math.h"
#include "seeded_random.h"
#include "silhouette.h"
#include "user_texts.h"

namespace il {

namespace {

constexpr int64_t kMinVectorsForInterests = 4;

// Accumulates sum(w_i * v_i / |v_i|) in double and returns it scaled to unit length.
std::vector<float> unitWeightedMean(const Matrix& vectors, std::span<const int64_t> rows,
                                    std::span<const double> weights) {
  std::vector<double> sum(static_cast<size_t>(vectors.cols), 0.0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const float* v = vectors.row(rows[i]);
    const double len = norm(v, vectors.cols);
    if (len <= 0) continue;
    const double w = (weights.empty() ? 1.0 : weights[i]) / len;
    for (int64_t d = 0; d < vectors.cols; ++d) sum[static_cast<size_t>(d)] += w * v[d];
  }
  double len = 0;
  for (const double x : sum) len += x * x;
  len = std::sqrt(len);
  std::vector<float> out(sum.size(), 0.0f);
  if (len > 0)
    for (size_t d = 0; d < sum.size(); ++d) out[d] = static_cast<float>(sum[d] / len);
  return out;
}

void normalize(std::vector<float>& v) {
  const float len = norm(v.data(), static_cast<int64_t>(v.size()));
  if (len > 0)
    for (float& x : v) x /= len;
}

// Weights halve every half-life back from the user's latest vector. By days when
// every vector has a time (and the options allow), else by position in event order.
std::vector<double> decayWeights(std::span<const int64_t> times, const ProfileOptions& options, bool& byEvents) {
  const bool timed = std::all_of(times.begin(), times.end(), [](int64_t t) { return t != 0; });
  byEvents = options.decay == DecayBy::Events || (options.decay == DecayBy::Auto && !timed);
  std::vector<double> w(times.size(), 1.0);
  if (times.empty()) return w;
  if (byEvents) {
    const double last = static_cast<double>(times.size() - 1);
    for (size_t i = 0; i < times.size(); ++i)
      w[i] = std::exp2(-(last - static_cast<double>(i)) / std::max(1e-9, options.halfLifeEvents));
  } else {
    const int64_t latest = *std::max_element(times.begin(), times.end());
    const double halfLife = std::max(1e-9, options.halfLifeDays) * 86400.0;
    for (size_t i = 0; i < times.size(); ++i) w[i] = std::exp2(-static_cast<double>(latest - times[i]) / halfLife);
  }
  return w;
}

}  // namespace

const char* toString(ProfileSource source) {
  switch (source) {
    case ProfileSource::Texts: return "texts";
    case ProfileSource::Items: return "items";
    case ProfileSource::None: break;
  }
  return "none";
}

const char* toString(DecayBy decay) {
  switch (decay) {
    case DecayBy::Days: return "days";
    case DecayBy::Events: return "events";
    case DecayBy::Auto: break;
  }
  return "auto";
}

ProfileBuilder::ProfileBuilder(const TrainingData& data, ProfileOptions options, const GlobalClusters* global)
    : data_(data), options_(options), global_(global), events_(data.events) {
  std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
    return std::tie(a.user, a.time, a.item) < std::tie(b.user, b.time, b.item);
  });
  eventStart_.assign(static_cast<size_t>(data.users()) + 1, 0);
  for (const Event& e : events_) ++eventStart_[static_cast<size_t>(e.user) + 1];
  std::partial_sum(eventStart_.begin(), eventStart_.end(), eventStart_.begin());
}

ProfileBuilder::Source ProfileBuilder::textsOf(int32_t user) const {
  Source s;
  if (!data_.textVectors) return s;
  const auto [begin, end] = userTextRange(*data_.corpus, user);
  for (int64_t i = begin; i < end; ++i) {
    if (!data_.textUsable[static_cast<size_t>(i)]) continue;
    if (norm(data_.textVectors->row(i), data_.textVectors->cols) <= 0) continue;  // no vector
    s.rows.push_back(i);
    s.times.push_back(data_.corpus->texts[static_cast<size_t>(i)].time);
  }
  return s;
}

ProfileBuilder::Source ProfileBuilder::itemsOf(int32_t user) const {
  Source s;
  if (!data_.itemVectors) return s;
  for (int64_t e = eventStart_[static_cast<size_t>(user)]; e < eventStart_[static_cast<size_t>(user) + 1]; ++e) {
    const Event& ev = events_[static_cast<size_t>(e)];
    if (norm(data_.itemVectors->row(ev.item), data_.itemVectors->cols) <= 0) continue;
    s.rows.push_back(ev.item);
    s.times.push_back(ev.time);
  }
  return s;
}

UserProfile ProfileBuilder::build(int32_t user) const {
  UserProfile p;
  p.user = user;
  Source src = textsOf(user);
  const Matrix* vectors = data_.textVectors;
  p.source = ProfileSource::Texts;
  if (src.rows.empty()) {
    src = itemsOf(user);
    vectors = data_.itemVectors;
    p.source = ProfileSource::Items;
  }
  if (src.rows.empty()) {
    p.source = ProfileSource::None;
    return p;
  }
  p.vectors = static_cast<int64_t>(src.rows.size());
  p.longTerm = unitWeightedMean(*vectors, src.rows, {});
  const std::vector<double> weights = decayWeights(src.times, options_, p.decayedByEvents);
  p.shortTerm = unitWeightedMean(*vectors, src.rows, weights);
  if (!options_.buildInterests || options_.maxInterests < 1) return p;

  if (p.vectors < kMinVectorsForInterests || options_.maxInterests == 1) {
    p.interests.push_back({p.longTerm, 1.0, src.rows, -1});
  } else {
    Matrix rows = Matrix::zeros(p.vectors, vectors->cols);
    for (int64_t r = 0; r < p.vectors; ++r)
      std::memcpy(rows.row(r), vectors->row(src.rows[static_cast<size_t>(r)]), sizeof(float) * static_cast<size_t>(rows.cols));
    normalizeRows(rows);
    ChooseKOptions o;
    o.kMin = 1, o.kMax = options_.maxInterests, o.seed = mixSeed(options_.seed, static_cast<uint64_t>(user));
    o.threads = 1;  // profiles are built in parallel over users
    const KChoice choice = chooseK(rows, o);
    const KMeansResult& km = choice.clustering;
    p.interests.resize(static_cast<size_t>(km.k()));
    for (int32_t c = 0; c < km.k(); ++c) {
      Interest& in = p.interests[static_cast<size_t>(c)];
      in.centroid.assign(km.centroids.row(c), km.centroids.row(c) + km.centroids.cols);
      in.weight = static_cast<double>(km.sizes[static_cast<size_t>(c)]) / static_cast<double>(p.vectors);
    }
    for (int64_t r = 0; r < p.vectors; ++r)
      p.interests[static_cast<size_t>(km.assignment[static_cast<size_t>(r)])].members.push_back(src.rows[static_cast<size_t>(r)]);
    std::erase_if(p.interests, [](const Interest& in) { return in.members.empty(); });
    std::stable_sort(p.interests.begin(), p.interests.end(), [](const Interest& a, const Interest& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.members.front() < b.members.front();
    });
  }
  if (global_ && global_->centroids.cols == vectors->cols)
    for (Interest& in : p.interests) in.globalCluster = global_->nearest(in.centroid.data());
  return p;
}

UserProfile buildProfile(const TrainingData& data, int32_t user, const ProfileOptions& options,
                         const GlobalClusters* global) {
  return ProfileBuilder(data, options, global).build(user);
}

void applyFeedback(UserProfile& profile, std::span<const int32_t> liked, std::span<const int32_t> disliked,
                   const Matrix& itemVectors, const ProfileOptions& options) {
  profile.liked.assign(liked.begin(), liked.end());
  profile.disliked.assign(disliked.begin(), disliked.end());
  if (liked.empty() && disliked.empty()) return;
  // Means of unit vectors (not renormalised): a plain average, as Rocchio has it.
  auto plainMean = [&](std::span<const int32_t> items) {
    std::vector<float> m(static_cast<size_t>(itemVectors.cols), 0.0f);
    int64_t n = 0;
    for (const int32_t item : items) {
      const float* v = itemVectors.row(item);
      const float len = norm(v, itemVectors.cols);
      if (len <= 0) continue;
      for (int64_t d = 0; d < itemVectors.cols; ++d) m[static_cast<size_t>(d)] += v[d] / len;
      ++n;
    }
    if (n > 0)
      for (float& x : m) x /= static_cast<float>(n);
    return m;
  };
  const std::vector<float> up = plainMean(liked), down = plainMean(disliked);
  auto move = [&](std::vector<float>& v) {
    if (v.empty()) v.assign(up.size(), 0.0f);  // a user with nothing else starts from feedback
    for (size_t d = 0; d < v.size() && d < up.size(); ++d)
      v[d] += static_cast<float>(options.likedWeight) * up[d] - static_cast<float>(options.dislikedWeight) * down[d];
    normalize(v);
  };
  const bool wasEmpty = profile.longTerm.empty();
  move(profile.longTerm);
  move(profile.shortTerm);
  for (Interest& in : profile.interests) move(in.centroid);
  if (wasEmpty && norm(profile.longTerm.data(), static_cast<int64_t>(profile.longTerm.size())) <= 0) {
    profile.longTerm.clear();  // only dislikes: still nothing to point at
    profile.shortTerm.clear();
  }
}

}  // namespace il
