// Interest clusters over all usable texts of a TrainingData: what the corpus talks
// about, each with a keyword label. Also a user's interest drift: the share of each
// cluster among their texts over time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../job.h"
#include "../matrix.h"
#include "../rank/scorer.h"
#include "cluster_labels.h"

namespace il {

struct GlobalClusterOptions {
  int32_t k = 0;                   // 0: chosen by silhouette in [kMin, kMax]
  int32_t kMin = 4, kMax = 16;
  int maxIterations = 100;
  int restarts = 3;                // k-means starts per k, the lowest inertia kept
  int topTerms = 8;                // keywords kept per cluster
  int labelTerms = 3;              // keywords in the label
  int threads = 2;
  // Seeds come from TrainingData::seed, so a project's runs repeat exactly.
};

struct GlobalCluster {
  int64_t size = 0;                   // texts in the cluster
  std::vector<ClusterTerm> keywords;  // c-TF-IDF, best first
  std::string label;                  // "lipstick · shade · matte"
};

struct GlobalClusters {
  std::vector<GlobalCluster> clusters;
  Matrix centroids;                   // one unit row per cluster
  std::vector<int32_t> textCluster;   // per corpus text; -1 when not usable (or no vector)
  double silhouette = 0;
  bool kChosen = false;               // k came from the silhouette search
  std::vector<std::pair<int32_t, double>> tried;  // (k, silhouette) when chosen
  uint64_t seed = 0;

  int32_t k() const { return static_cast<int32_t>(clusters.size()); }
  // The cluster whose centroid is most similar to v (length centroids.cols), -1 when none.
  int32_t nearest(const float* v) const;
  // Parameters that made these clusters, as a JSON object.
  std::string paramsJson(const GlobalClusterOptions& options) const;
};

// Needs data.textVectors; throws std::runtime_error without them, Cancelled when cancelled.
GlobalClusters buildGlobalClusters(const TrainingData& data, const GlobalClusterOptions& options = {},
                                   const JobControl* job = nullptr);

// One bucket of a user's timeline.
struct InterestBucket {
  int64_t start = 0, end = 0;  // month: [first second, last second] (UTC); else text positions [start, end)
  std::string label;           // "2024-03", or "texts 1–5"
  int64_t texts = 0;
  std::vector<double> shares;  // per global cluster, summing to 1
};

struct InterestTimeline {
  bool byMonth = false;  // false when some of the user's texts have no time
  std::vector<InterestBucket> buckets;
};

// The user's usable, clustered texts in order: by calendar month (months without
// texts are left out) when every text has a time, else `equalBuckets` buckets of
// (nearly) equal size in event order.
InterestTimeline userTimeline(const TrainingData& data, const GlobalClusters& clusters, int32_t user,
                              int equalBuckets = 4);

}  // namespace il
