// Two-dimensional maps of vectors (texts, users): PCA, and Barnes-Hut t-SNE (van der
// Maaten 2014) that can be advanced a few iterations at a time, so a front end can show
// the layout as it forms and pause it. Both are deterministic for a seed.
#pragma once

#include <cstdint>
#include <vector>

#include "../job.h"
#include "../matrix.h"

namespace il {

struct PcaOptions {
  int components = 2;
  uint64_t seed = 42;      // start of the subspace iteration
  int maxIterations = 500;
  double tolerance = 1e-10;  // relative change of the eigenvalues that ends the iteration
  int threads = 2;
};

struct PcaResult {
  Matrix points;                 // rows x components: each row's coordinates
  Matrix components;             // components x cols: unit directions, largest variance first
  std::vector<float> mean;       // cols: what was subtracted
  std::vector<double> variance;  // per component: variance of the data along it
  double totalVariance = 0;      // sum over all directions (trace of the covariance)
  int iterations = 0;

  // Share of the total variance along component c.
  double explained(int c) const;
  // Coordinates of a vector of length components.cols (e.g. a profile), written to out[0..components).
  void project(const float* v, float* out) const;
};

// Centres the rows and finds the top principal directions by subspace iteration on the
// covariance (formed when cols <= 2048, else applied as X^T X V). Each direction's sign
// makes its largest-magnitude entry positive. Throws Cancelled.
PcaResult pca(const Matrix& data, const PcaOptions& options = {}, const JobControl* job = nullptr);

struct TsneOptions {
  double perplexity = 30;        // neighbours k = 3 * perplexity
  double theta = 0.5;            // Barnes-Hut accuracy: 0 = exact, larger = faster and coarser
  double earlyExaggeration = 12;
  int exaggerationIterations = 250;
  double initialMomentum = 0.5, finalMomentum = 0.8;
  int momentumSwitch = 250;      // iteration where momentum changes
  double learningRate = 0;       // 0: max(200, n / 12)
  int maxIterations = 1000;
  // Neighbours are exact, by cosine on the unit rows. Above `exactUpTo` points with more
  // than `pcaDimensions` columns they are searched on the top PCA dimensions of the unit
  // rows instead (what t-SNE implementations usually do first); 0 turns that off.
  int pcaDimensions = 50;
  int64_t exactUpTo = 5000;
  bool pcaInit = true;           // start from PCA (scaled to std 1e-4), else Gaussian noise
  uint64_t seed = 42;
  int threads = 2;               // results do not depend on it
};

// A t-SNE layout in progress. The constructor does the costly preparation (neighbours
// and perplexity-calibrated affinities); step() runs gradient iterations. Running 100
// then 100 gives exactly what 200 at once gives.
class TsneState {
 public:
  // Throws Cancelled. Rows of `data` need not be unit length (they are normalised).
  explicit TsneState(const Matrix& data, TsneOptions options = {}, const JobControl* job = nullptr);

  // Runs up to `iterations` more (never past maxIterations); returns how many ran.
  // Checks job->cancelled() before each iteration and throws Cancelled; the state then
  // stays valid and can be stepped again.
  int step(int iterations, const JobControl* job = nullptr);

  int64_t size() const { return n_; }
  int iteration() const { return iteration_; }
  bool finished() const { return iteration_ >= options_.maxIterations; }
  const TsneOptions& options() const { return options_; }
  int neighbours() const { return k_; }
  double learningRate() const { return eta_; }
  // x0, y0, x1, y1, ... (the layout is kept centred on the origin).
  std::vector<float> coordinates() const;

 private:
  void computeAffinities(const Matrix& data, const JobControl* job);
  void initialise(const Matrix& unit);

  TsneOptions options_;
  int64_t n_ = 0;
  int k_ = 0;
  double eta_ = 200;
  int iteration_ = 0;
  // Symmetric P in compressed rows: neighbours of i are col_[rowStart_[i] .. rowStart_[i+1]).
  std::vector<int64_t> rowStart_;
  std::vector<int32_t> col_;
  std::vector<double> val_;
  std::vector<double> y_, update_, gains_;  // 2 per point
};

}  // namespace il
