#include "map_points.h"

#include <algorithm>
#include <cmath>

namespace il {

int64_t MapPoints::dim() const {
  if (subject == MapSubject::Users) return userVectors.cols;
  const Matrix* m = engine ? engine->data().textVectors : nullptr;
  return m ? m->cols : 0;
}

const float* MapPoints::vector(int64_t point) const {
  if (subject == MapSubject::Users) return userVectors.row(point);
  return engine->data().textVectors->row(ids[static_cast<size_t>(point)]);
}

int32_t MapPoints::userOf(int64_t point) const {
  const int64_t id = ids[static_cast<size_t>(point)];
  return subject == MapSubject::Users ? static_cast<int32_t>(id) : engine->corpus().texts[static_cast<size_t>(id)].user;
}

int32_t MapPoints::itemOf(int64_t point) const {
  return subject == MapSubject::Users ? -1 : engine->corpus().texts[static_cast<size_t>(ids[static_cast<size_t>(point)])].item;
}

Matrix MapPoints::unitMatrix() const {
  const int64_t d = dim();
  Matrix m = Matrix::zeros(size(), d);
  for (int64_t p = 0; p < size(); ++p) {
    const float* v = vector(p);
    const float s = invNorm[static_cast<size_t>(p)];
    float* out = m.row(p);
    for (int64_t c = 0; c < d; ++c) out[c] = v[c] * s;
  }
  return m;
}

std::vector<std::pair<int64_t, float>> MapPoints::nearest(const float* q, int k, int64_t exclude) const {
  const int64_t n = size(), d = dim();
  std::vector<float> sim(static_cast<size_t>(n));
  parallelRanges(n, 2, 4096, [&](int64_t b, int64_t e) {
    for (int64_t p = b; p < e; ++p) sim[static_cast<size_t>(p)] = dot(q, vector(p), d) * invNorm[static_cast<size_t>(p)];
  });
  std::vector<int64_t> order;
  order.reserve(static_cast<size_t>(n));
  for (int64_t p = 0; p < n; ++p)
    if (p != exclude) order.push_back(p);
  const auto better = [&](int64_t a, int64_t b) {
    return sim[static_cast<size_t>(a)] != sim[static_cast<size_t>(b)] ? sim[static_cast<size_t>(a)] > sim[static_cast<size_t>(b)] : a < b;
  };
  const size_t top = std::min(order.size(), static_cast<size_t>(std::max(0, k)));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), better);
  std::vector<std::pair<int64_t, float>> out;
  for (size_t i = 0; i < top; ++i) out.emplace_back(order[i], sim[static_cast<size_t>(order[i])]);
  return out;
}

std::shared_ptr<MapPoints> collectTexts(std::shared_ptr<const Recommender> engine) {
  auto points = std::make_shared<MapPoints>();
  points->subject = MapSubject::Texts;
  points->engine = engine;
  const Matrix* vectors = engine ? engine->data().textVectors : nullptr;
  if (!vectors) return points;
  const GlobalClusters* clusters = engine->clusters();
  for (int64_t t = 0; t < vectors->rows; ++t) {
    const float len = norm(vectors->row(t), vectors->cols);
    if (!(len > 0)) continue;  // not encoded
    points->ids.push_back(t);
    points->invNorm.push_back(1.0f / len);
    points->cluster.push_back(clusters && t < static_cast<int64_t>(clusters->textCluster.size()) ? clusters->textCluster[static_cast<size_t>(t)] : -1);
  }
  return points;
}

std::shared_ptr<MapPoints> collectUsers(std::shared_ptr<const Recommender> engine) {
  auto points = std::make_shared<MapPoints>();
  points->subject = MapSubject::Users;
  points->engine = engine;
  if (!engine || !engine->hasContent()) return points;
  const GlobalClusters* clusters = engine->clusters();
  std::vector<float> rows;
  int64_t d = 0;
  for (int32_t u = 0; u < engine->corpus().userCount(); ++u) {
    const UserProfile* p = engine->profile(u);
    if (!p || p->empty()) continue;
    d = static_cast<int64_t>(p->longTerm.size());
    const float len = norm(p->longTerm.data(), d);
    if (!(len > 0)) continue;
    rows.insert(rows.end(), p->longTerm.begin(), p->longTerm.end());
    points->ids.push_back(u);
    points->invNorm.push_back(1.0f / len);
    points->cluster.push_back(clusters && clusters->centroids.cols == d ? clusters->nearest(p->longTerm.data()) : -1);
  }
  points->userVectors = Matrix{points->size(), d, std::move(rows)};
  return points;
}

QColor clusterColor(int32_t cluster) {
  static const char* const kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                                         "#ff9da7", "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6",
                                         "#8cd17d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e"};
  constexpr int32_t kCount = static_cast<int32_t>(sizeof(kPalette) / sizeof(kPalette[0]));
  if (cluster < 0) return unclusteredColor();
  if (cluster < kCount) return QColor(QString::fromLatin1(kPalette[cluster]));
  return QColor::fromHsvF(std::fmod(0.618033988749895 * cluster, 1.0), 0.55, 0.8);
}

QColor unclusteredColor() { return QColor(160, 160, 160); }

}  // namespace il
