#include "projection.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "../vec_math.h"
#include "seeded_random.h"

namespace il {

namespace {

void checkCancelled(const JobControl* job) {
  if (job && job->cancelled()) throw Cancelled{};
}

// ---- PCA -------------------------------------------------------------------------

// Column means, in double so a long column does not lose its small digits.
std::vector<float> columnMeans(const Matrix& m) {
  std::vector<double> sum(static_cast<size_t>(m.cols), 0.0);
  for (int64_t r = 0; r < m.rows; ++r) {
    const float* v = m.row(r);
    for (int64_t c = 0; c < m.cols; ++c) sum[static_cast<size_t>(c)] += v[c];
  }
  std::vector<float> mean(sum.size());
  for (size_t c = 0; c < sum.size(); ++c) mean[c] = m.rows > 0 ? static_cast<float>(sum[c] / static_cast<double>(m.rows)) : 0.0f;
  return mean;
}

// Covariance (1/n) X_c^T X_c, full d x d. Chunks of rows are transposed so each entry is a
// dot product of two short contiguous columns; rows of C are split in mirrored pairs
// (p, d-1-p) so threads get equal work and the result does not depend on their number.
std::vector<double> covariance(const Matrix& m, const std::vector<float>& mean, int threads, const JobControl* job) {
  const int64_t d = m.cols;
  constexpr int64_t kChunk = 128;
  std::vector<double> cov(static_cast<size_t>(d * d), 0.0);
  std::vector<float> bt(static_cast<size_t>(d * kChunk));
  for (int64_t r0 = 0; r0 < m.rows; r0 += kChunk) {
    checkCancelled(job);
    const int64_t len = std::min(kChunk, m.rows - r0);
    for (int64_t r = 0; r < len; ++r) {
      const float* v = m.row(r0 + r);
      for (int64_t c = 0; c < d; ++c) bt[static_cast<size_t>(c * kChunk + r)] = v[c] - mean[static_cast<size_t>(c)];
    }
    auto rowOf = [&](int64_t i) {
      const float* a = bt.data() + i * kChunk;
      double* out = cov.data() + i * d;
      for (int64_t j = i; j < d; ++j) out[j] += dot(a, bt.data() + j * kChunk, len);
    };
    parallelRanges((d + 1) / 2, threads, 16, [&](int64_t b, int64_t e) {
      for (int64_t p = b; p < e; ++p) {
        rowOf(p);
        if (d - 1 - p != p) rowOf(d - 1 - p);
      }
    });
  }
  const double inv = m.rows > 0 ? 1.0 / static_cast<double>(m.rows) : 0.0;
  for (int64_t i = 0; i < d; ++i)
    for (int64_t j = i; j < d; ++j) {
      const double v = cov[static_cast<size_t>(i * d + j)] * inv;
      cov[static_cast<size_t>(i * d + j)] = cov[static_cast<size_t>(j * d + i)] = v;
    }
  return cov;
}

// Eigen-decomposition of a small symmetric matrix (row-major p x p) by cyclic Jacobi
// rotations. Returns eigenvalues; vectors' columns hold the eigenvectors.
std::vector<double> jacobiEigen(std::vector<double> a, int64_t p, std::vector<double>& vectors) {
  vectors.assign(static_cast<size_t>(p * p), 0.0);
  for (int64_t i = 0; i < p; ++i) vectors[static_cast<size_t>(i * p + i)] = 1.0;
  auto at = [&](int64_t i, int64_t j) -> double& { return a[static_cast<size_t>(i * p + j)]; };
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, diag = 0;
    for (int64_t i = 0; i < p; ++i) {
      diag += at(i, i) * at(i, i);
      for (int64_t j = i + 1; j < p; ++j) off += at(i, j) * at(i, j);
    }
    if (off <= 1e-30 * std::max(diag, 1e-300)) break;
    for (int64_t i = 0; i < p; ++i)
      for (int64_t j = i + 1; j < p; ++j) {
        if (std::abs(at(i, j)) < 1e-300) continue;
        const double theta = (at(j, j) - at(i, i)) / (2 * at(i, j));
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int64_t k = 0; k < p; ++k) {  // A = A * J
          const double aki = at(k, i), akj = at(k, j);
          at(k, i) = c * aki - s * akj;
          at(k, j) = s * aki + c * akj;
        }
        for (int64_t k = 0; k < p; ++k) {  // A = J^T * A
          const double aik = at(i, k), ajk = at(j, k);
          at(i, k) = c * aik - s * ajk;
          at(j, k) = s * aik + c * ajk;
        }
        for (int64_t k = 0; k < p; ++k) {
          double& vi = vectors[static_cast<size_t>(k * p + i)];
          double& vj = vectors[static_cast<size_t>(k * p + j)];
          const double x = vi, y = vj;
          vi = c * x - s * y;
          vj = s * x + c * y;
        }
      }
  }
  std::vector<double> values(static_cast<size_t>(p));
  for (int64_t i = 0; i < p; ++i) values[static_cast<size_t>(i)] = at(i, i);
  return values;
}

double dotD(const double* a, const double* b, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// Modified Gram-Schmidt on p vectors of length d (row-major). A vector that collapses
// (rank-deficient data) is replaced by a fresh random one, so the basis stays complete.
// Returns the norms before normalisation.
std::vector<double> orthonormalise(std::vector<double>& v, int64_t p, int64_t d, SeededRandom& rng) {
  std::vector<double> norms(static_cast<size_t>(p));
  for (int64_t j = 0; j < p; ++j) {
    double* vj = v.data() + j * d;
    for (int attempt = 0;; ++attempt) {
      const double before = std::sqrt(dotD(vj, vj, d));
      for (int64_t i = 0; i < j; ++i) {
        const double* vi = v.data() + i * d;
        const double proj = dotD(vi, vj, d);
        for (int64_t c = 0; c < d; ++c) vj[c] -= proj * vi[c];
      }
      const double len = std::sqrt(dotD(vj, vj, d));
      if (attempt == 0) norms[static_cast<size_t>(j)] = len;
      if (len > 1e-10 * std::max(before, 1e-300) && len > 1e-300) {
        for (int64_t c = 0; c < d; ++c) vj[c] /= len;
        break;
      }
      if (attempt == 0) norms[static_cast<size_t>(j)] = 0;
      for (int64_t c = 0; c < d; ++c) vj[c] = rng.uniform() - 0.5;
    }
  }
  return norms;
}

}  // namespace

double PcaResult::explained(int c) const {
  if (c < 0 || c >= static_cast<int>(variance.size()) || totalVariance <= 0) return 0;
  return variance[static_cast<size_t>(c)] / totalVariance;
}

void PcaResult::project(const float* v, float* out) const {
  for (int64_t k = 0; k < components.rows; ++k) {
    const float* w = components.row(k);
    double s = 0;
    for (int64_t c = 0; c < components.cols; ++c) s += (v[c] - mean[static_cast<size_t>(c)]) * static_cast<double>(w[c]);
    out[k] = static_cast<float>(s);
  }
}

PcaResult pca(const Matrix& data, const PcaOptions& options, const JobControl* job) {
  const int64_t n = data.rows, d = data.cols;
  const int64_t c = std::clamp<int64_t>(options.components, 0, d);
  PcaResult out;
  out.mean = columnMeans(data);
  out.points = Matrix::zeros(n, c);
  out.components = Matrix::zeros(c, d);
  out.variance.assign(static_cast<size_t>(c), 0.0);
  if (c == 0) return out;
  for (int64_t r = 0; r < n; ++r) {
    const float* v = data.row(r);
    for (int64_t k = 0; k < d; ++k) {
      const double x = v[k] - out.mean[static_cast<size_t>(k)];
      out.totalVariance += x * x;
    }
  }
  if (n > 0) out.totalVariance /= static_cast<double>(n);

  // W = C V for p vectors, with C formed when it fits, else applied through the data.
  const bool formed = d <= 2048;
  std::vector<double> cov;
  if (formed) cov = covariance(data, out.mean, options.threads, job);
  const int64_t p = std::min<int64_t>(d, c + 8);  // oversampling speeds convergence
  auto apply = [&](const std::vector<double>& v, std::vector<double>& w) {
    w.assign(static_cast<size_t>(p * d), 0.0);
    if (formed) {
      parallelRanges(d, options.threads, 64, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i)
          for (int64_t j = 0; j < p; ++j) w[static_cast<size_t>(j * d + i)] = dotD(cov.data() + i * d, v.data() + j * d, d);
      });
      return;
    }
    // Fixed parts whatever the thread count, summed in order: deterministic.
    constexpr int64_t kParts = 16;
    std::vector<std::vector<double>> part(kParts, std::vector<double>(static_cast<size_t>(p * d), 0.0));
    std::vector<double> meanDot(static_cast<size_t>(p));
    for (int64_t j = 0; j < p; ++j) {
      double s = 0;
      for (int64_t k = 0; k < d; ++k) s += out.mean[static_cast<size_t>(k)] * v[static_cast<size_t>(j * d + k)];
      meanDot[static_cast<size_t>(j)] = s;
    }
    parallelRanges(kParts, options.threads, 1, [&](int64_t b, int64_t e) {
      std::vector<double> proj(static_cast<size_t>(p));
      for (int64_t q = b; q < e; ++q) {
        auto& acc = part[static_cast<size_t>(q)];
        const int64_t r0 = n * q / kParts, r1 = n * (q + 1) / kParts;
        for (int64_t r = r0; r < r1; ++r) {
          const float* x = data.row(r);
          for (int64_t j = 0; j < p; ++j) {
            double s = 0;
            const double* vj = v.data() + j * d;
            for (int64_t k = 0; k < d; ++k) s += x[k] * vj[k];
            proj[static_cast<size_t>(j)] = s - meanDot[static_cast<size_t>(j)];
          }
          for (int64_t j = 0; j < p; ++j) {
            double* aj = acc.data() + j * d;
            const double s = proj[static_cast<size_t>(j)];
            for (int64_t k = 0; k < d; ++k) aj[k] += s * (x[k] - out.mean[static_cast<size_t>(k)]);
          }
        }
      }
    });
    for (const auto& acc : part)
      for (size_t i = 0; i < w.size(); ++i) w[i] += acc[i];
    const double inv = n > 0 ? 1.0 / static_cast<double>(n) : 0.0;
    for (double& x : w) x *= inv;
  };

  SeededRandom rng(options.seed);
  std::vector<double> v(static_cast<size_t>(p * d)), w;
  for (double& x : v) x = rng.uniform() - 0.5;
  orthonormalise(v, p, d, rng);
  std::vector<double> previous(static_cast<size_t>(c), -1.0);
  for (int it = 0; it < options.maxIterations; ++it) {
    checkCancelled(job);
    apply(v, w);
    v.swap(w);
    const std::vector<double> norms = orthonormalise(v, p, d, rng);
    out.iterations = it + 1;
    double change = 0;
    for (int64_t k = 0; k < c; ++k) change = std::max(change, std::abs(norms[static_cast<size_t>(k)] - previous[static_cast<size_t>(k)]));
    std::copy(norms.begin(), norms.begin() + c, previous.begin());
    if (it >= 2 && change <= options.tolerance * std::max(norms[0], 1e-300)) break;
  }

  // Rayleigh-Ritz: the best directions within the converged subspace, sorted.
  apply(v, w);
  std::vector<double> h(static_cast<size_t>(p * p));
  for (int64_t i = 0; i < p; ++i)
    for (int64_t j = 0; j < p; ++j) h[static_cast<size_t>(i * p + j)] = dotD(v.data() + i * d, w.data() + j * d, d);
  for (int64_t i = 0; i < p; ++i)
    for (int64_t j = i + 1; j < p; ++j) {
      const double s = 0.5 * (h[static_cast<size_t>(i * p + j)] + h[static_cast<size_t>(j * p + i)]);
      h[static_cast<size_t>(i * p + j)] = h[static_cast<size_t>(j * p + i)] = s;
    }
  std::vector<double> u;
  const std::vector<double> values = jacobiEigen(h, p, u);
  std::vector<int64_t> order(static_cast<size_t>(p));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return values[static_cast<size_t>(a)] > values[static_cast<size_t>(b)]; });
  for (int64_t k = 0; k < c; ++k) {
    const int64_t e = order[static_cast<size_t>(k)];
    std::vector<double> dir(static_cast<size_t>(d), 0.0);
    for (int64_t j = 0; j < p; ++j) {
      const double coef = u[static_cast<size_t>(j * p + e)];
      const double* vj = v.data() + j * d;
      for (int64_t i = 0; i < d; ++i) dir[static_cast<size_t>(i)] += coef * vj[i];
    }
    const double len = std::sqrt(dotD(dir.data(), dir.data(), d));
    int64_t biggest = 0;
    for (int64_t i = 1; i < d; ++i)
      if (std::abs(dir[static_cast<size_t>(i)]) > std::abs(dir[static_cast<size_t>(biggest)])) biggest = i;
    const double sign = dir[static_cast<size_t>(biggest)] < 0 ? -1.0 : 1.0;
    for (int64_t i = 0; i < d; ++i) out.components.row(k)[i] = static_cast<float>(sign * dir[static_cast<size_t>(i)] / (len > 0 ? len : 1));
    out.variance[static_cast<size_t>(k)] = std::max(0.0, values[static_cast<size_t>(e)]);
  }
  parallelRanges(n, options.threads, 1024, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) out.project(data.row(r), out.points.row(r));
  });
  return out;
}

// ---- t-SNE -----------------------------------------------------------------------

namespace {

// Barnes-Hut quadtree over the current layout, rebuilt every iteration.
class QuadTree {
 public:
  void build(const std::vector<double>& y, int64_t n) {
    nodes_.clear();
    if (n == 0) return;
    double x0 = y[0], x1 = y[0], y0 = y[1], y1 = y[1];
    for (int64_t i = 1; i < n; ++i) {
      x0 = std::min(x0, y[static_cast<size_t>(2 * i)]), x1 = std::max(x1, y[static_cast<size_t>(2 * i)]);
      y0 = std::min(y0, y[static_cast<size_t>(2 * i + 1)]), y1 = std::max(y1, y[static_cast<size_t>(2 * i + 1)]);
    }
    Node root;
    root.cx = 0.5 * (x0 + x1), root.cy = 0.5 * (y0 + y1);
    root.hw = 0.5 * std::max(x1 - x0, y1 - y0) * (1 + 1e-6) + 1e-12;
    nodes_.reserve(static_cast<size_t>(4 * n + 8));
    nodes_.push_back(root);
    for (int64_t i = 0; i < n; ++i) insert(static_cast<int32_t>(i), y[static_cast<size_t>(2 * i)], y[static_cast<size_t>(2 * i + 1)], y);
    for (Node& node : nodes_)
      if (node.count > 0) node.sx /= node.count, node.sy /= node.count;  // sums become centres of mass
    // Points in tree order: neighbours in the plane walk the same nodes, which stay in cache.
    order_.clear();
    int32_t stack[256];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const Node& node = nodes_[static_cast<size_t>(stack[--top])];
      if (node.child < 0) {
        if (node.point >= 0) order_.push_back(node.point);
        continue;
      }
      for (int k = 3; k >= 0; --k)
        if (nodes_[static_cast<size_t>(node.child + k)].count > 0) stack[top++] = node.child + k;
    }
    if (static_cast<int64_t>(order_.size()) != n) {  // buckets of equal points hold no index
      order_.resize(static_cast<size_t>(n));
      std::iota(order_.begin(), order_.end(), 0);
    }
  }
  const std::vector<int32_t>& order() const { return order_; }

  // Repulsion on point i at (px, py): sum over others of q^2 (p - y) and of q, q = 1/(1+d^2).
  void repulsion(int32_t i, double px, double py, double theta2, double& fx, double& fy, double& sumQ) const {
    int32_t stack[256];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const Node& node = nodes_[static_cast<size_t>(stack[--top])];
      if (node.count == 0 || (node.child < 0 && node.point == i)) continue;
      const double dx = px - node.sx, dy = py - node.sy, d2 = dx * dx + dy * dy;
      const double width = 2 * node.hw;
      if (node.child < 0 || width * width < theta2 * d2) {
        const double q = 1 / (1 + d2);
        double m = node.count * q;
        sumQ += m;
        m *= q;
        fx += m * dx, fy += m * dy;
      } else {
        for (int k = 0; k < 4; ++k)
          if (nodes_[static_cast<size_t>(node.child + k)].count > 0) stack[top++] = node.child + k;
      }
    }
  }

 private:
  struct Node {
    double cx = 0, cy = 0, hw = 0;  // square cell: centre and half width
    double sx = 0, sy = 0;          // sum of positions while building, then centre of mass
    int32_t count = 0;
    int32_t child = -1;             // first of four children; -1 for a leaf
    int32_t point = -1;             // the point of a one-point leaf
  };
  static constexpr int kMaxDepth = 48;  // deeper leaves hold several (near-)equal points

  int32_t quadrant(const Node& node, double x, double y) const { return node.child + (x >= node.cx ? 1 : 0) + (y >= node.cy ? 2 : 0); }

  void split(int32_t at) {
    const int32_t first = static_cast<int32_t>(nodes_.size());
    const Node parent = nodes_[static_cast<size_t>(at)];
    for (int k = 0; k < 4; ++k) {
      Node c;
      c.hw = 0.5 * parent.hw;
      c.cx = parent.cx + ((k & 1) ? c.hw : -c.hw);
      c.cy = parent.cy + ((k & 2) ? c.hw : -c.hw);
      nodes_.push_back(c);
    }
    nodes_[static_cast<size_t>(at)].child = first;
  }

  void insert(int32_t p, double x, double y, const std::vector<double>& pos) {
    int32_t at = 0;
    for (int depth = 0;; ++depth) {
      Node& node = nodes_[static_cast<size_t>(at)];
      node.count += 1, node.sx += x, node.sy += y;
      if (node.child < 0) {
        if (node.count == 1) {
          node.point = p;
          return;
        }
        if (depth >= kMaxDepth) {
          node.point = -1;
          return;
        }
        const int32_t old = node.point;
        nodes_[static_cast<size_t>(at)].point = -1;
        split(at);  // invalidates `node`
        const Node& fresh = nodes_[static_cast<size_t>(at)];
        const double ox = pos[static_cast<size_t>(2 * old)], oy = pos[static_cast<size_t>(2 * old + 1)];
        Node& moved = nodes_[static_cast<size_t>(quadrant(fresh, ox, oy))];
        moved.count = 1, moved.sx = ox, moved.sy = oy, moved.point = old;
      }
      at = quadrant(nodes_[static_cast<size_t>(at)], x, y);
    }
  }

  std::vector<Node> nodes_;
  std::vector<int32_t> order_;
};

// out[m * kRef + (r - r0)] = q_m . x_r for `count` (<= 4) queries from row q: each reference
// row is read once for all of them.
constexpr int64_t kRef = 1024;
void dots4(const Matrix& x, int64_t q, int64_t count, int64_t r0, int64_t r1, float* out) {
  const int64_t d = x.cols;
  const float* a[4];
  for (int64_t m = 0; m < 4; ++m) a[m] = x.row(q + std::min(m, count - 1));
  for (int64_t r = r0; r < r1; ++r) {
    const float* b = x.row(r);
    float s[4][4] = {};
    int64_t c = 0;
    for (; c + 4 <= d; c += 4)
      for (int m = 0; m < 4; ++m)
        for (int l = 0; l < 4; ++l) s[m][l] += a[m][c + l] * b[c + l];
    for (int64_t m = 0; m < count; ++m) {
      float t = (s[m][0] + s[m][1]) + (s[m][2] + s[m][3]);
      for (int64_t cc = c; cc < d; ++cc) t += a[m][cc] * b[cc];
      out[m * kRef + (r - r0)] = t;
    }
  }
}

// Gaussian draws from our own uniform numbers (Box-Muller): the same on every platform.
double gaussian(SeededRandom& rng) {
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

}  // namespace

TsneState::TsneState(const Matrix& data, TsneOptions options, const JobControl* job) : options_(options), n_(data.rows) {
  eta_ = options_.learningRate > 0 ? options_.learningRate : std::max(200.0, static_cast<double>(n_) / 12.0);
  y_.assign(static_cast<size_t>(2 * n_), 0.0);
  update_.assign(y_.size(), 0.0);
  gains_.assign(y_.size(), 1.0);
  if (n_ < 2) return;
  computeAffinities(data, job);
}

void TsneState::computeAffinities(const Matrix& data, const JobControl* job) {
  const int64_t n = n_;
  Matrix unit = data;
  normalizeRows(unit);

  // Neighbours on the unit rows, or on their top PCA dimensions for large inputs.
  const bool reduce = options_.pcaDimensions > 0 && n > options_.exactUpTo && unit.cols > options_.pcaDimensions;
  Matrix reduced;
  Matrix initial;  // n x 2 PCA layout
  if (reduce) {
    if (job) job->report({0, n, "t-SNE: PCA"});
    PcaOptions po;
    po.components = options_.pcaDimensions, po.seed = options_.seed, po.threads = options_.threads;
    po.maxIterations = 60, po.tolerance = 1e-6;  // a search space, not a result: loose is fine
    PcaResult r = pca(unit, po, job);
    reduced = std::move(r.points);
    initial = Matrix::zeros(n, 2);
    for (int64_t i = 0; i < n; ++i) initial.row(i)[0] = reduced.row(i)[0], initial.row(i)[1] = reduced.row(i)[1];
  } else if (options_.pcaInit) {
    PcaOptions po;
    po.seed = options_.seed, po.threads = options_.threads;
    initial = pca(unit, po, job).points;
  }
  const Matrix& space = reduce ? reduced : unit;
  std::vector<float> sqNorm(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) sqNorm[static_cast<size_t>(i)] = dot(space.row(i), space.row(i), space.cols);

  const double perplexity = std::min(options_.perplexity, static_cast<double>(n - 1) / 3.0);
  k_ = static_cast<int>(std::clamp<int64_t>(static_cast<int64_t>(3 * perplexity), 1, n - 1));
  const int64_t k = k_;
  std::vector<int32_t> nbr(static_cast<size_t>(n * k));
  std::vector<float> dist(static_cast<size_t>(n * k));

  // Exact k nearest by squared distance, query blocks against reference blocks that stay in cache.
  constexpr int64_t kQuery = 32;
  const int64_t blocks = (n + kQuery - 1) / kQuery;
  std::atomic<int64_t> doneRows{0};
  std::atomic<bool> stop{false};
  parallelRanges(blocks, options_.threads, 1, [&](int64_t b0, int64_t b1) {
    std::vector<std::vector<std::pair<float, int32_t>>> heaps(kQuery);
    std::vector<float> sims(static_cast<size_t>(kQuery * kRef));
    for (int64_t b = b0; b < b1 && !stop; ++b) {
      if (job && job->cancelled()) {
        stop = true;
        break;
      }
      const int64_t q0 = b * kQuery, q1 = std::min(n, q0 + kQuery);
      for (auto& h : heaps) h.clear();
      for (int64_t r0 = 0; r0 < n; r0 += kRef) {
        const int64_t r1 = std::min(n, r0 + kRef);
        for (int64_t q = q0; q < q1; q += 4) dots4(space, q, std::min<int64_t>(4, q1 - q), r0, r1, sims.data() + (q - q0) * kRef);
        for (int64_t q = q0; q < q1; ++q) {
          auto& heap = heaps[static_cast<size_t>(q - q0)];
          const float qn = sqNorm[static_cast<size_t>(q)];
          const float* sq = sims.data() + (q - q0) * kRef;
          for (int64_t r = r0; r < r1; ++r) {
            if (r == q) continue;
            const float d2 = std::max(0.0f, qn + sqNorm[static_cast<size_t>(r)] - 2 * sq[r - r0]);
            const std::pair<float, int32_t> cand{d2, static_cast<int32_t>(r)};
            if (static_cast<int64_t>(heap.size()) < k) {
              heap.push_back(cand);
              std::push_heap(heap.begin(), heap.end());
            } else if (cand < heap.front()) {
              std::pop_heap(heap.begin(), heap.end());
              heap.back() = cand;
              std::push_heap(heap.begin(), heap.end());
            }
          }
        }
      }
      for (int64_t q = q0; q < q1; ++q) {
        auto& heap = heaps[static_cast<size_t>(q - q0)];
        std::sort_heap(heap.begin(), heap.end());
        for (int64_t m = 0; m < k; ++m) {
          nbr[static_cast<size_t>(q * k + m)] = heap[static_cast<size_t>(m)].second;
          dist[static_cast<size_t>(q * k + m)] = heap[static_cast<size_t>(m)].first;
        }
      }
      const int64_t done = doneRows += q1 - q0;
      if (b0 == 0 && job) job->report({done, n, "t-SNE: nearest neighbours"});
    }
  });
  checkCancelled(job);

  // Conditional p(j|i): a Gaussian whose width gives the wanted perplexity (binary search on beta).
  std::vector<double> cond(static_cast<size_t>(n * k));
  const double target = std::log(perplexity);
  parallelRanges(n, options_.threads, 256, [&](int64_t b, int64_t e) {
    std::vector<double> p(static_cast<size_t>(k));
    for (int64_t i = b; i < e; ++i) {
      const float* di = dist.data() + i * k;
      const double dmin = di[0];
      double beta = 1, lo = -1, hi = -1;
      for (int it = 0; it < 200; ++it) {
        double sum = 0, sumDP = 0;
        for (int64_t m = 0; m < k; ++m) {
          const double dd = di[m] - dmin;
          p[static_cast<size_t>(m)] = std::exp(-beta * dd);
          sum += p[static_cast<size_t>(m)];
          sumDP += dd * p[static_cast<size_t>(m)];
        }
        const double entropy = std::log(sum) + beta * sumDP / sum;
        if (std::abs(entropy - target) < 1e-5) break;
        if (entropy > target) {
          lo = beta;
          beta = hi < 0 ? beta * 2 : 0.5 * (beta + hi);
        } else {
          hi = beta;
          beta = lo < 0 ? beta / 2 : 0.5 * (beta + lo);
        }
      }
      double sum = 0;
      for (int64_t m = 0; m < k; ++m) sum += p[static_cast<size_t>(m)];
      for (int64_t m = 0; m < k; ++m) cond[static_cast<size_t>(i * k + m)] = p[static_cast<size_t>(m)] / sum;
    }
  });
  checkCancelled(job);

  // Symmetric P = (P + P^T) / 2n, rows sorted by column.
  std::vector<int64_t> count(static_cast<size_t>(n), k);
  for (int32_t j : nbr) ++count[static_cast<size_t>(j)];
  std::vector<int64_t> start(static_cast<size_t>(n + 1), 0);
  for (int64_t i = 0; i < n; ++i) start[static_cast<size_t>(i + 1)] = start[static_cast<size_t>(i)] + count[static_cast<size_t>(i)];
  std::vector<std::pair<int32_t, double>> entries(static_cast<size_t>(start[static_cast<size_t>(n)]));
  std::vector<int64_t> fill(start.begin(), start.end() - 1);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t m = 0; m < k; ++m) {
      const int32_t j = nbr[static_cast<size_t>(i * k + m)];
      const double v = cond[static_cast<size_t>(i * k + m)];
      entries[static_cast<size_t>(fill[static_cast<size_t>(i)]++)] = {j, v};
      entries[static_cast<size_t>(fill[static_cast<size_t>(j)]++)] = {static_cast<int32_t>(i), v};
    }
  const double scale = 1.0 / (2.0 * static_cast<double>(n));
  rowStart_.assign(static_cast<size_t>(n + 1), 0);
  col_.clear(), val_.clear();
  col_.reserve(entries.size()), val_.reserve(entries.size());
  for (int64_t i = 0; i < n; ++i) {
    auto b = entries.begin() + start[static_cast<size_t>(i)], e = entries.begin() + start[static_cast<size_t>(i + 1)];
    std::sort(b, e, [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto it = b; it != e; ++it) {
      if (!col_.empty() && static_cast<int64_t>(col_.size()) > rowStart_[static_cast<size_t>(i)] && col_.back() == it->first)
        val_.back() += it->second * scale;
      else
        col_.push_back(it->first), val_.push_back(it->second * scale);
    }
    rowStart_[static_cast<size_t>(i + 1)] = static_cast<int64_t>(col_.size());
  }
  initialise(initial);
}

void TsneState::initialise(const Matrix& initial) {
  const int64_t n = n_;
  double sx = 0, sxx = 0;
  if (initial.rows == n) {
    for (int64_t i = 0; i < n; ++i) sx += initial.row(i)[0], sxx += initial.row(i)[0] * static_cast<double>(initial.row(i)[0]);
  }
  const double var = n > 0 ? sxx / static_cast<double>(n) - (sx / static_cast<double>(n)) * (sx / static_cast<double>(n)) : 0;
  if (initial.rows == n && var > 1e-20) {
    // Small scale like random starts, so early exaggeration can still pull clusters together.
    const double s = 1e-4 / std::sqrt(var);
    for (int64_t i = 0; i < n; ++i)
      for (int c = 0; c < 2; ++c) y_[static_cast<size_t>(2 * i + c)] = s * initial.row(i)[c];
  } else {
    SeededRandom rng(options_.seed);
    for (double& v : y_) v = 1e-4 * gaussian(rng);
  }
}

int TsneState::step(int iterations, const JobControl* job) {
  const int64_t n = n_;
  int ran = 0;
  if (n < 2) {
    const int left = std::max(0, std::min(iterations, options_.maxIterations - iteration_));
    iteration_ += left;
    return left;
  }
  QuadTree tree;
  std::vector<double> attr(static_cast<size_t>(2 * n)), rep(static_cast<size_t>(2 * n)), sumQ(static_cast<size_t>(n));
  const double theta2 = options_.theta * options_.theta;
  while (ran < iterations && !finished()) {
    checkCancelled(job);
    const double exaggeration = iteration_ < options_.exaggerationIterations ? options_.earlyExaggeration : 1.0;
    const double momentum = iteration_ < options_.momentumSwitch ? options_.initialMomentum : options_.finalMomentum;
    tree.build(y_, n);
    // Each point's forces are computed on their own, so threads never change a result.
    parallelRanges(n, options_.threads, 512, [&](int64_t b, int64_t e) {
      for (int64_t at = b; at < e; ++at) {
        const int64_t i = tree.order()[static_cast<size_t>(at)];
        const double px = y_[static_cast<size_t>(2 * i)], py = y_[static_cast<size_t>(2 * i + 1)];
        double ax = 0, ay = 0;
        for (int64_t m = rowStart_[static_cast<size_t>(i)]; m < rowStart_[static_cast<size_t>(i + 1)]; ++m) {
          const int64_t j = col_[static_cast<size_t>(m)];
          const double dx = px - y_[static_cast<size_t>(2 * j)], dy = py - y_[static_cast<size_t>(2 * j + 1)];
          const double f = val_[static_cast<size_t>(m)] / (1 + dx * dx + dy * dy);
          ax += f * dx, ay += f * dy;
        }
        attr[static_cast<size_t>(2 * i)] = ax, attr[static_cast<size_t>(2 * i + 1)] = ay;
        double fx = 0, fy = 0, q = 0;
        tree.repulsion(static_cast<int32_t>(i), px, py, theta2, fx, fy, q);
        rep[static_cast<size_t>(2 * i)] = fx, rep[static_cast<size_t>(2 * i + 1)] = fy;
        sumQ[static_cast<size_t>(i)] = q;
      }
    });
    double z = 0;
    for (double q : sumQ) z += q;
    if (z <= 0) z = 1;
    double mx = 0, my = 0;
    for (size_t c = 0; c < y_.size(); ++c) {
      const double g = exaggeration * attr[c] - rep[c] / z;
      const double u = update_[c];
      const bool sameSign = (g > 0 && u > 0) || (g < 0 && u < 0);
      gains_[c] = sameSign ? gains_[c] * 0.8 : gains_[c] + 0.2;
      if (gains_[c] < 0.01) gains_[c] = 0.01;
      update_[c] = momentum * u - eta_ * gains_[c] * g;
      y_[c] += update_[c];
      (c % 2 == 0 ? mx : my) += y_[c];
    }
    mx /= static_cast<double>(n), my /= static_cast<double>(n);
    for (int64_t i = 0; i < n; ++i) y_[static_cast<size_t>(2 * i)] -= mx, y_[static_cast<size_t>(2 * i + 1)] -= my;
    ++iteration_;
    ++ran;
  }
  return ran;
}

std::vector<float> TsneState::coordinates() const {
  std::vector<float> out(y_.size());
  for (size_t i = 0; i < y_.size(); ++i) out[i] = static_cast<float>(y_[i]);
  return out;
}

}  // namespace il
