#include "kmeans.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

#include "../vec_math.h"
#include "parallel.h"
#include "seeded_random.h"

namespace il {

namespace {

constexpr int64_t kRowsPerThread = 256;

void copyRow(const Matrix& from, int64_t r, Matrix& to, int64_t c) {
  std::memcpy(to.row(c), from.row(r), sizeof(float) * static_cast<size_t>(from.cols));
}

// Squared cosine distance of every row to `centroid`, kept only where it is below `nearest`.
double closerDistances(const Matrix& rows, const float* centroid, const std::vector<double>& nearest,
                       std::vector<double>& out, int threads) {
  out.resize(nearest.size());
  parallelFor(rows.rows, threads, kRowsPerThread, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const double d = std::max(0.0, 1.0 - static_cast<double>(dot(rows.row(i), centroid, rows.cols)));
      out[static_cast<size_t>(i)] = std::min(nearest[static_cast<size_t>(i)], d * d);
    }
  });
  double total = 0;
  for (const double d : out) total += d;  // serial: the same sum on any thread count
  return total;
}

// Greedy k-means++ (as scikit-learn does it): each next seed is the best of a few
// candidates drawn with probability proportional to the squared distance to the
// nearest seed so far. Plain k-means++ often misses a whole group of high-dimensional
// text vectors, whose distances within a group are not small next to those between.
// Stops early when every row coincides with a seed (fewer distinct rows than k).
Matrix seedCentroids(const Matrix& rows, int32_t k, uint64_t seed, int threads, const JobControl* job) {
  SeededRandom random(seed);
  Matrix centroids = Matrix::zeros(k, rows.cols);
  copyRow(rows, random.below(rows.rows), centroids, 0);
  std::vector<double> nearest(static_cast<size_t>(rows.rows), std::numeric_limits<double>::max()), trial, best;
  double potential = closerDistances(rows, centroids.row(0), nearest, trial, threads);
  nearest.swap(trial);
  const int candidates = 2 + static_cast<int>(std::log(static_cast<double>(k)));
  int32_t chosen = 1;
  while (chosen < k && potential > 1e-12) {
    if (job && job->cancelled()) throw Cancelled{};
    double bestPotential = std::numeric_limits<double>::max();
    int64_t bestRow = -1;
    for (int c = 0; c < candidates; ++c) {
      const double target = random.uniform() * potential;
      double running = 0;
      int64_t pick = rows.rows - 1;
      for (int64_t i = 0; i < rows.rows; ++i) {
        running += nearest[static_cast<size_t>(i)];
        if (running > target && nearest[static_cast<size_t>(i)] > 0) {
          pick = i;
          break;
        }
      }
      while (pick > 0 && nearest[static_cast<size_t>(pick)] <= 0) --pick;  // rounding at the end of the sum
      const double p = closerDistances(rows, rows.row(pick), nearest, trial, threads);
      if (p < bestPotential) {
        bestPotential = p, bestRow = pick;
        best.swap(trial);
      }
    }
    copyRow(rows, bestRow, centroids, chosen++);
    nearest.swap(best);
    potential = bestPotential;
  }
  centroids.rows = chosen;
  centroids.data.resize(static_cast<size_t>(chosen * rows.cols));
  return centroids;
}

// Assigns every row to its most similar centroid; returns how many rows moved.
int64_t assignRows(const Matrix& rows, const Matrix& centroids, std::vector<int32_t>& assignment,
                   std::vector<float>& similarity, int threads, const JobControl* job) {
  std::atomic<int64_t> moved{0};
  std::atomic<bool> stopped{false};
  parallelFor(rows.rows, threads, kRowsPerThread, [&](int64_t b, int64_t e) {
    int64_t local = 0;
    for (int64_t i = b; i < e; ++i) {
      if ((i & 1023) == 0 && job && job->cancelled()) {
        stopped = true;
        return;
      }
      int32_t best = 0;
      float bestSim = -std::numeric_limits<float>::infinity();
      for (int32_t c = 0; c < centroids.rows; ++c) {
        const float s = dot(rows.row(i), centroids.row(c), rows.cols);
        if (s > bestSim) bestSim = s, best = c;
      }
      if (assignment[static_cast<size_t>(i)] != best) ++local;
      assignment[static_cast<size_t>(i)] = best;
      similarity[static_cast<size_t>(i)] = bestSim;
    }
    moved += local;
  });
  if (stopped) throw Cancelled{};
  return moved;
}

// Centroids as normalised sums, summed serially in row order so the result does not
// depend on the thread count.
void updateCentroids(const Matrix& rows, const std::vector<int32_t>& assignment, Matrix& centroids,
                     std::vector<int64_t>& sizes) {
  std::vector<double> sums(centroids.data.size(), 0.0);
  std::fill(sizes.begin(), sizes.end(), 0);
  for (int64_t i = 0; i < rows.rows; ++i) {
    const int32_t c = assignment[static_cast<size_t>(i)];
    ++sizes[static_cast<size_t>(c)];
    double* s = sums.data() + c * rows.cols;
    const float* r = rows.row(i);
    for (int64_t d = 0; d < rows.cols; ++d) s[d] += r[d];
  }
  for (int32_t c = 0; c < centroids.rows; ++c) {
    if (sizes[static_cast<size_t>(c)] == 0) continue;  // keeps its old centroid until re-seeded
    float* out = centroids.row(c);
    for (int64_t d = 0; d < rows.cols; ++d) out[d] = static_cast<float>(sums[static_cast<size_t>(c * rows.cols + d)]);
  }
  normalizeRows(centroids);
}

// An empty cluster takes the row farthest from its own centroid (lowest index on ties)
// from a cluster that can spare one; deterministic, and it always empties nothing else.
bool reseedEmpty(const Matrix& rows, std::vector<int32_t>& assignment, Matrix& centroids,
                 std::vector<int64_t>& sizes) {
  bool changed = false;
  std::vector<float> distance;
  for (int32_t c = 0; c < centroids.rows; ++c) {
    if (sizes[static_cast<size_t>(c)] != 0) continue;
    if (distance.empty()) {
      distance.resize(static_cast<size_t>(rows.rows));
      for (int64_t i = 0; i < rows.rows; ++i)
        distance[static_cast<size_t>(i)] =
            1.0f - dot(rows.row(i), centroids.row(assignment[static_cast<size_t>(i)]), rows.cols);
    }
    int64_t pick = -1;
    for (int64_t i = 0; i < rows.rows; ++i) {
      if (sizes[static_cast<size_t>(assignment[static_cast<size_t>(i)])] < 2) continue;
      if (pick < 0 || distance[static_cast<size_t>(i)] > distance[static_cast<size_t>(pick)]) pick = i;
    }
    if (pick < 0 || distance[static_cast<size_t>(pick)] <= 1e-6f) continue;  // nothing distinct left
    --sizes[static_cast<size_t>(assignment[static_cast<size_t>(pick)])];
    assignment[static_cast<size_t>(pick)] = c;
    sizes[static_cast<size_t>(c)] = 1;
    distance[static_cast<size_t>(pick)] = -1;  // taken
    copyRow(rows, pick, centroids, c);
    changed = true;
  }
  if (changed) normalizeRows(centroids);
  return changed;
}

KMeansResult singleRun(const Matrix& rows, const KMeansOptions& options, const JobControl* job) {
  KMeansResult result;
  result.assignment.assign(static_cast<size_t>(rows.rows), 0);
  if (rows.rows == 0 || options.k <= 0) {
    result.centroids = Matrix::zeros(0, rows.cols);
    return result;
  }
  const int32_t k = static_cast<int32_t>(std::min<int64_t>(options.k, rows.rows));
  const int threads = std::max(1, options.threads);
  result.centroids = seedCentroids(rows, k, options.seed, threads, job);
  normalizeRows(result.centroids);
  result.sizes.assign(static_cast<size_t>(result.centroids.rows), 0);

  std::vector<float> similarity(static_cast<size_t>(rows.rows), 0.0f);
  std::fill(result.assignment.begin(), result.assignment.end(), -1);
  assignRows(rows, result.centroids, result.assignment, similarity, threads, job);
  for (int it = 0; it < options.maxIterations; ++it) {
    updateCentroids(rows, result.assignment, result.centroids, result.sizes);
    const bool reseeded = reseedEmpty(rows, result.assignment, result.centroids, result.sizes);
    const int64_t moved = assignRows(rows, result.centroids, result.assignment, similarity, threads, job);
    result.iterations = it + 1;
    if (moved == 0 && !reseeded) {
      result.converged = true;
      break;
    }
  }
  std::fill(result.sizes.begin(), result.sizes.end(), 0);
  double inertia = 0;
  for (int64_t i = 0; i < rows.rows; ++i) {
    ++result.sizes[static_cast<size_t>(result.assignment[static_cast<size_t>(i)])];
    inertia += 1.0 - static_cast<double>(similarity[static_cast<size_t>(i)]);
  }
  result.inertia = inertia;
  return result;
}

}  // namespace

KMeansResult sphericalKMeans(const Matrix& rows, const KMeansOptions& options, const JobControl* job) {
  KMeansResult best = singleRun(rows, options, job);
  for (int r = 1; r < options.restarts; ++r) {
    KMeansOptions o = options;
    o.seed = mixSeed(options.seed, static_cast<uint64_t>(r));
    KMeansResult next = singleRun(rows, o, job);
    if (next.inertia < best.inertia) best = std::move(next);
  }
  return best;
}

int32_t nearestCentroid(const Matrix& centroids, const float* v) {
  int32_t best = 0;
  float bestSim = -std::numeric_limits<float>::infinity();
  for (int32_t c = 0; c < centroids.rows; ++c) {
    const float s = dot(v, centroids.row(c), centroids.cols);
    if (s > bestSim) bestSim = s, best = c;
  }
  return best;
}

}  // namespace il
