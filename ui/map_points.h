// What the interest map shows: one point per encoded text (or per user with a profile),
// its global interest cluster and its vector, plus the cosine neighbours of a point in
// the original vector space. Plain data, safe to read from any thread once built.
#pragma once

#include <QColor>
#include <QString>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "interestlens_core.h"

namespace il {

enum class MapSubject { Texts, Users };
enum class MapMethod { Pca, Tsne };

struct MapPoints {
  MapSubject subject = MapSubject::Texts;
  std::shared_ptr<const Recommender> engine;  // keeps corpus and text vectors alive
  std::vector<int64_t> ids;       // per point: row of corpus().texts, or user index
  std::vector<int32_t> cluster;   // per point: global cluster, -1 for none
  std::vector<float> invNorm;     // per point: 1 / |vector|
  Matrix userVectors;             // Users: the long-term profiles, one row per point

  int64_t size() const { return static_cast<int64_t>(ids.size()); }
  int64_t dim() const;
  const float* vector(int64_t point) const;
  int32_t userOf(int64_t point) const;
  int32_t itemOf(int64_t point) const;  // -1 for users
  // Unit rows, one per point: the input of both projections.
  Matrix unitMatrix() const;
  // Top `k` points by cosine to the unit vector `q`, best first (ties by point), skipping `exclude`.
  std::vector<std::pair<int64_t, float>> nearest(const float* q, int k, int64_t exclude = -1) const;
};

// Every text with a non-zero vector. Any thread.
std::shared_ptr<MapPoints> collectTexts(std::shared_ptr<const Recommender> engine);
// Every user with a long-term profile, coloured by the nearest global cluster. GUI
// thread: profiles change with feedback there.
std::shared_ptr<MapPoints> collectUsers(std::shared_ptr<const Recommender> engine);

// A qualitative palette (Tableau 10, then its light tones, then golden-angle hues).
QColor clusterColor(int32_t cluster);
QColor unclusteredColor();

}  // namespace il
