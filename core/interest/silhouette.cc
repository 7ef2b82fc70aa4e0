#include "silhouette.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>

#include "../vec_math.h"
#include "parallel.h"
#include "seeded_random.h"

namespace il {

double meanSilhouette(const Matrix& rows, std::span<const int32_t> assignment, int32_t k, int threads) {
  if (rows.rows == 0 || k < 2) return 0;
  std::vector<double> sums(static_cast<size_t>(k * rows.cols), 0.0);
  std::vector<int64_t> sizes(static_cast<size_t>(k), 0);
  for (int64_t i = 0; i < rows.rows; ++i) {
    const int32_t c = assignment[static_cast<size_t>(i)];
    ++sizes[static_cast<size_t>(c)];
    const float* r = rows.row(i);
    double* s = sums.data() + c * rows.cols;
    for (int64_t d = 0; d < rows.cols; ++d) s[d] += r[d];
  }
  if (std::count_if(sizes.begin(), sizes.end(), [](int64_t s) { return s > 0; }) < 2) return 0;

  std::vector<double> score(static_cast<size_t>(rows.rows), 0.0);
  parallelFor(rows.rows, threads, 512, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const float* x = rows.row(i);
      const int32_t own = assignment[static_cast<size_t>(i)];
      const int64_t ownSize = sizes[static_cast<size_t>(own)];
      if (ownSize < 2) continue;  // a singleton scores 0
      double a = 0, bNear = std::numeric_limits<double>::max();
      const double self = dot(x, x, rows.cols);
      for (int32_t c = 0; c < k; ++c) {
        const int64_t n = sizes[static_cast<size_t>(c)];
        if (n == 0) continue;
        const double* s = sums.data() + c * rows.cols;
        double xs = 0;
        for (int64_t d = 0; d < rows.cols; ++d) xs += x[d] * s[d];
        if (c == own)
          a = ((ownSize - 1) - (xs - self)) / static_cast<double>(ownSize - 1);  // without x itself
        else
          bNear = std::min(bNear, 1.0 - xs / static_cast<double>(n));
      }
      const double m = std::max(a, bNear);
      score[static_cast<size_t>(i)] = m > 0 ? (bNear - a) / m : 0.0;
    }
  });
  return std::accumulate(score.begin(), score.end(), 0.0) / static_cast<double>(rows.rows);
}

namespace {

// A deterministic sample of rows (partial Fisher-Yates), kept in ascending order.
Matrix sampleRows(const Matrix& rows, int64_t limit, uint64_t seed) {
  std::vector<int64_t> order(static_cast<size_t>(rows.rows));
  std::iota(order.begin(), order.end(), 0);
  SeededRandom random(seed);
  for (int64_t i = 0; i < limit; ++i)
    std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(i + random.below(rows.rows - i))]);
  order.resize(static_cast<size_t>(limit));
  std::sort(order.begin(), order.end());
  Matrix out = Matrix::zeros(limit, rows.cols);
  for (int64_t i = 0; i < limit; ++i)
    std::memcpy(out.row(i), rows.row(order[static_cast<size_t>(i)]), sizeof(float) * static_cast<size_t>(rows.cols));
  return out;
}

// 1 - cos of the two most similar centroids.
double closestCentroidDistance(const Matrix& centroids) {
  double closest = 2;
  for (int64_t a = 0; a < centroids.rows; ++a)
    for (int64_t b = a + 1; b < centroids.rows; ++b)
      closest = std::min(closest, 1.0 - static_cast<double>(dot(centroids.row(a), centroids.row(b), centroids.cols)));
  return closest;
}

}  // namespace

KChoice chooseK(const Matrix& rows, const ChooseKOptions& options, const JobControl* job) {
  KChoice choice;
  KMeansOptions km;
  km.maxIterations = options.maxIterations;
  km.threads = options.threads;
  km.seed = options.seed;
  km.restarts = options.restarts;

  // Silhouette needs at least 2 clusters with a row to spare: k <= n - 1.
  const int32_t kMax = static_cast<int32_t>(std::min<int64_t>(options.kMax, rows.rows - 1));
  const int32_t kMin = std::max(options.kMin, 1);
  const bool sampled = rows.rows > options.sampleRows && options.sampleRows > 0;
  const Matrix sample = sampled ? sampleRows(rows, options.sampleRows, mixSeed(options.seed, 0)) : Matrix{};
  const Matrix& trial = sampled ? sample : rows;

  int32_t bestK = 0;
  double best = -std::numeric_limits<double>::infinity();
  KMeansResult bestResult;
  for (int32_t k = std::max(kMin, 2); k <= kMax; ++k) {
    if (job && job->cancelled()) throw Cancelled{};
    km.k = k;
    KMeansResult r = sphericalKMeans(trial, km, job);
    const double s = meanSilhouette(trial, r.assignment, r.k(), options.threads);
    choice.tried.emplace_back(k, s);
    if (s > best) {
      best = s, bestK = k;
      bestResult = std::move(r);
    }
  }
  const bool split = bestK >= 2 && (kMin >= 2 || (best >= options.minSplitSilhouette &&
                                                   closestCentroidDistance(bestResult.centroids) >= options.minSplitDistance));
  if (split && !sampled) {
    choice.clustering = std::move(bestResult);
    choice.silhouette = best;
  } else {
    // No candidate (too few rows), no structure worth a split, or k chosen on a sample.
    km.k = split ? bestK : (kMin >= 2 ? kMin : 1);
    choice.clustering = sphericalKMeans(rows, km, job);
    choice.silhouette = meanSilhouette(rows, choice.clustering.assignment, choice.clustering.k(), options.threads);
  }
  choice.k = choice.clustering.k();
  return choice;
}

}  // namespace il
