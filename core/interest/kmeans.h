// Spherical k-means: clusters unit-length rows by cosine similarity (centroids are
// normalised means). k-means++ seeding and Lloyd iterations, deterministic per seed.
#pragma once

#include <cstdint>
#include <vector>

#include "../job.h"
#include "../matrix.h"

namespace il {

struct KMeansOptions {
  int32_t k = 8;
  int maxIterations = 100;
  uint64_t seed = 42;
  int threads = 2;
  // Independent k-means++ starts; the lowest inertia wins (Lloyd only finds a local
  // optimum, and one unlucky seeding can merge two groups and split another).
  int restarts = 1;
};

struct KMeansResult {
  Matrix centroids;                 // k x dim, unit rows
  std::vector<int32_t> assignment;  // cluster per input row
  std::vector<int64_t> sizes;       // rows per cluster
  double inertia = 0;               // sum over rows of 1 - cos(row, its centroid)
  int iterations = 0;
  bool converged = false;           // assignments stopped changing before maxIterations

  int32_t k() const { return static_cast<int32_t>(centroids.rows); }
};

// `rows` should be L2-normalised (zero rows are allowed and join cluster 0). k is
// capped at the number of rows, and at the number of distinct rows seeding can find,
// so the result may have fewer clusters than asked for. Throws Cancelled.
KMeansResult sphericalKMeans(const Matrix& rows, const KMeansOptions& options, const JobControl* job = nullptr);

// Index of the row of `centroids` with the largest dot product with v (lowest on ties).
int32_t nearestCentroid(const Matrix& centroids, const float* v);

}  // namespace il
