// How well a partition fits (mean silhouette, cosine distance) and choosing k by it.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "../job.h"
#include "../matrix.h"
#include "kmeans.h"

namespace il {

// Mean silhouette of `assignment` (clusters 0..k-1) over unit rows, with distance
// 1 - cos. Exact for every n: for unit rows the mean distance from x to a cluster C
// is 1 - x . sum(C) / |C|, so each row costs k dot products, not n (no sampling).
// Rows alone in their cluster score 0 (Rousseeuw); fewer than two non-empty clusters
// give 0.
double meanSilhouette(const Matrix& rows, std::span<const int32_t> assignment, int32_t k, int threads = 2);

struct ChooseKOptions {
  int32_t kMin = 2, kMax = 8;
  uint64_t seed = 42;
  int maxIterations = 100;
  int threads = 2;
  int restarts = 3;  // k-means starts per candidate k (see KMeansOptions)
  // Candidate k are tried on a deterministic sample of at most this many rows; the
  // chosen k is then fitted on all rows.
  int64_t sampleRows = 4000;
  // With kMin == 1, a split is kept only when its silhouette reaches this (below 0.25
  // Kaufman and Rousseeuw find "no substantial structure").
  double minSplitSilhouette = 0.25;
  // ... and when its two closest centroids are at least this far apart (1 - cos):
  // silhouette does not see scale, so it happily halves one tight group.
  double minSplitDistance = 0.05;
};

struct KChoice {
  int32_t k = 1;
  double silhouette = 0;                          // of the chosen k (0 for k = 1)
  std::vector<std::pair<int32_t, double>> tried;  // (k, silhouette) per candidate
  KMeansResult clustering;                        // the chosen k, fitted on all rows
};

// Picks k in [kMin, kMax] with the highest silhouette (smallest k on ties). Throws Cancelled.
KChoice chooseK(const Matrix& rows, const ChooseKOptions& options, const JobControl* job = nullptr);

inline KChoice chooseK(const Matrix& rows, int32_t kMin, int32_t kMax, uint64_t seed) {
  ChooseKOptions o;
  o.kMin = kMin, o.kMax = kMax, o.seed = seed;
  return chooseK(rows, o);
}

}  // namespace il
