#include "content_scorer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "../interest/parallel.h"
#include "../vec_math.h"

namespace il {

const char* toString(ContentMode mode) {
  switch (mode) {
    case ContentMode::ShortTerm: return "short-term";
    case ContentMode::MultiInterest: return "multi-interest";
    case ContentMode::Blend: return "blend";
    case ContentMode::LongTerm: break;
  }
  return "long-term";
}

std::optional<ContentMode> parseContentMode(std::string_view name) {
  for (const ContentMode m : {ContentMode::LongTerm, ContentMode::ShortTerm, ContentMode::MultiInterest, ContentMode::Blend})
    if (name == toString(m)) return m;
  return std::nullopt;
}

ContentScorer::ContentScorer(ContentOptions options) : options_(std::move(options)) {
  // These modes score by interests: without them they would quietly be long-term.
  if (options_.mode == ContentMode::MultiInterest || options_.mode == ContentMode::Blend)
    options_.profile.buildInterests = true;
}

ProfileOptions ContentScorer::fittedProfileOptions() const {
  ProfileOptions o = options_.profile;
  if (data_) o.seed = data_->seed;
  return o;
}

namespace {

QJsonObject profileParams(const ProfileOptions& p) {
  QJsonObject o;
  o["halfLifeDays"] = p.halfLifeDays;
  o["halfLifeEvents"] = p.halfLifeEvents;
  o["decay"] = toString(p.decay);
  if (p.buildInterests) o["maxInterests"] = p.maxInterests;
  o["seed"] = QString::number(p.seed);  // 64-bit seeds do not fit a JSON double
  o["feedbackLiked"] = p.likedWeight;
  o["feedbackDisliked"] = p.dislikedWeight;
  return o;
}

std::string compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(); }

}  // namespace

std::string ContentScorer::paramsJson() const {
  QJsonObject o = profileParams(fittedProfileOptions());
  o["mode"] = toString(options_.mode);
  if (options_.mode == ContentMode::Blend) {
    o["blendLongTerm"] = options_.blendLongTerm;
    o["blendShortTerm"] = options_.blendShortTerm;
    o["blendInterest"] = options_.blendInterest;
  }
  return compact(o);
}

void ContentScorer::fit(const TrainingData& data, const JobControl* job) {
  if (!data.itemVectors)
    throw std::runtime_error("content models need item vectors: encode the project first");
  if (data.itemVectors->rows != data.items())
    throw std::runtime_error("item vectors do not match the project's items: encode the project again");
  if (data.textVectors && data.textVectors->cols != data.itemVectors->cols)
    throw std::runtime_error("text and item vectors come from different encoders: encode the project again");
  data_ = &data;
  items_ = *data.itemVectors;
  normalizeRows(items_);

  const ProfileBuilder builder(data, fittedProfileOptions(), global_);
  profiles_.assign(static_cast<size_t>(data.users()), UserProfile{});
  std::atomic<int64_t> done{0};
  std::atomic<bool> stopped{false};
  const int64_t users = data.users();
  parallelFor(users, options_.threads, 16, [&](int64_t begin, int64_t end) {
    for (int64_t u = begin; u < end && !stopped; ++u) {
      if (job && job->cancelled()) {
        stopped = true;
        return;
      }
      profiles_[static_cast<size_t>(u)] = builder.build(static_cast<int32_t>(u));
      const int64_t n = ++done;
      if (begin == 0 && job && (u & 63) == 0) job->report({n, users, "building profiles"});  // caller's thread
    }
  });
  if (stopped) throw Cancelled{};
  if (job) job->report({users, users, "building profiles"});
}

void ContentScorer::scoreItems(int32_t user, std::span<const int32_t> items, std::span<float> out) const {
  const UserProfile& p = profile(user);
  auto cosine = [&](const std::vector<float>& v, int32_t j) {
    return v.empty() ? 0.0f : dot(v.data(), items_.row(j), items_.cols);
  };
  auto bestInterest = [&](int32_t j) {
    if (p.interests.empty()) return cosine(p.longTerm, j);
    float b = cosine(p.interests.front().centroid, j);
    for (size_t i = 1; i < p.interests.size(); ++i) b = std::max(b, cosine(p.interests[i].centroid, j));
    return b;
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const int32_t j = items[i];
    switch (options_.mode) {
      case ContentMode::LongTerm: out[i] = cosine(p.longTerm, j); break;
      case ContentMode::ShortTerm: out[i] = cosine(p.shortTerm, j); break;
      case ContentMode::MultiInterest: out[i] = bestInterest(j); break;
      case ContentMode::Blend: {
        float x = cosine(p.longTerm, j) * static_cast<float>(options_.blendLongTerm);
        x += static_cast<float>(options_.blendShortTerm) * cosine(p.shortTerm, j);
        x += static_cast<float>(options_.blendInterest) * bestInterest(j);
        out[i] = x;
        break;
      }
    }
  }
}

void ContentScorer::cosines(const std::vector<float>& v, std::span<float> out) const {
  if (v.empty()) {
    std::fill(out.begin(), out.end(), 0.0f);
    return;
  }
  scoreRows(v.data(), items_, out, 1);  // one thread: callers score users in parallel
}

void ContentScorer::score(int32_t user, std::span<float> out) const {
  const UserProfile& p = profile(user);
  auto bestInterest = [&](std::span<float> into) {
    if (p.interests.empty()) return cosines(p.longTerm, into);
    std::vector<float> one(into.size());
    cosines(p.interests.front().centroid, into);
    for (size_t i = 1; i < p.interests.size(); ++i) {
      cosines(p.interests[i].centroid, one);
      for (size_t j = 0; j < into.size(); ++j) into[j] = std::max(into[j], one[j]);
    }
  };
  switch (options_.mode) {
    case ContentMode::LongTerm: return cosines(p.longTerm, out);
    case ContentMode::ShortTerm: return cosines(p.shortTerm, out);
    case ContentMode::MultiInterest: return bestInterest(out);
    case ContentMode::Blend: {
      std::vector<float> part(out.size());
      cosines(p.longTerm, out);
      for (float& x : out) x *= static_cast<float>(options_.blendLongTerm);
      cosines(p.shortTerm, part);
      for (size_t j = 0; j < out.size(); ++j) out[j] += static_cast<float>(options_.blendShortTerm) * part[j];
      bestInterest(part);
      for (size_t j = 0; j < out.size(); ++j) out[j] += static_cast<float>(options_.blendInterest) * part[j];
      return;
    }
  }
}

void ContentScorer::setFeedback(int32_t user, std::span<const int32_t> liked, std::span<const int32_t> disliked) {
  if (!data_) throw std::logic_error("setFeedback before fit");
  const ProfileOptions o = fittedProfileOptions();
  UserProfile p = ProfileBuilder(*data_, o, global_).build(user);
  applyFeedback(p, liked, disliked, *data_->itemVectors, o);
  profiles_[static_cast<size_t>(user)] = std::move(p);
}

SeedFormulaScorer::SeedFormulaScorer(double alpha, ContentOptions options)
    : ContentScorer([&] {
        options.mode = ContentMode::LongTerm;
        options.profile.buildInterests = false;  // the formula uses the long-term profile only
        return options;
      }()),
      alpha_(alpha) {}

std::string SeedFormulaScorer::paramsJson() const {
  QJsonObject o = profileParams(fittedProfileOptions());
  o.remove("maxInterests");
  o.remove("halfLifeDays");
  o.remove("halfLifeEvents");
  o.remove("decay");
  o["alpha"] = alpha_;
  return compact(o);
}

void SeedFormulaScorer::score(int32_t user, std::span<float> out) const {
  cosines(profile(user).longTerm, out);
  // alpha*S + (1-alpha)*(1-S) written as (1-alpha) + (2*alpha-1)*S: at alpha = 0.5 the
  // product vanishes exactly, so every score is exactly 0.5, not 0.5 up to rounding.
  const double a = alpha_;
  for (float& x : out) {
    const double s = (1.0 + static_cast<double>(x)) / 2.0;
    x = static_cast<float>((1.0 - a) + (2.0 * a - 1.0) * s);
  }
}

std::string SeedFormulaScorer::warning() const {
  if (alpha_ == 0.5) return "alpha = 0.5 makes every score equal (r = 0.5 for all items): the ranking says nothing";
  return {};
}

}  // namespace il
