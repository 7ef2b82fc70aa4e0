#include "mf_scorer.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>
#include <span>
#include <vector>

#include "../vec_math.h"

namespace il {

namespace {

// a . b over n doubles; four partial sums break the add dependency chain, which
// otherwise bounds the Cholesky loops by floating-point latency.
double dotN(const double* a, const double* b, int n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += a[k] * b[k];
    s1 += a[k + 1] * b[k + 1];
    s2 += a[k + 2] * b[k + 2];
    s3 += a[k + 3] * b[k + 3];
  }
  for (; k < n; ++k) s0 += a[k] * b[k];
  return (s0 + s1) + (s2 + s3);
}

// Overwrites the lower triangle (row-major) of a symmetric positive definite n x n
// matrix with its Cholesky factor L, A = L L^T.
void choleskyFactor(double* a, int n) {
  for (int j = 0; j < n; ++j) {
    double* rj = a + static_cast<size_t>(j) * n;
    // The systems are positive definite (lambda > 0); the floor only guards against rounding.
    rj[j] = std::sqrt(std::max(rj[j] - dotN(rj, rj, j), 1e-12));
    for (int i = j + 1; i < n; ++i) {
      double* ri = a + static_cast<size_t>(i) * n;
      ri[j] = (ri[j] - dotN(ri, rj, j)) / rj[j];
    }
  }
}

// Solves L L^T x = b in place, with L from choleskyFactor.
void choleskySubstitute(const double* l, double* b, int n) {
  const auto row = [&](int i) { return l + static_cast<size_t>(i) * n; };
  for (int i = 0; i < n; ++i) b[i] = (b[i] - dotN(row(i), b, i)) / row(i)[i];  // L z = b
  for (int i = n - 1; i >= 0; --i) {                                            // L^T x = z
    double s = b[i];
    for (int k = i + 1; k < n; ++k) s -= row(k)[i] * b[k];
    b[i] = s / row(i)[i];
  }
}

// The full inverse of a symmetric positive definite matrix given by its lower triangle.
std::vector<double> inverse(std::vector<double> a, int n) {
  choleskyFactor(a.data(), n);
  std::vector<double> inv(a.size()), e(static_cast<size_t>(n));
  for (int c = 0; c < n; ++c) {
    std::fill(e.begin(), e.end(), 0.0);
    e[static_cast<size_t>(c)] = 1.0;
    choleskySubstitute(a.data(), e.data(), n);
    for (int r = 0; r < n; ++r) inv[static_cast<size_t>(r) * n + c] = e[static_cast<size_t>(r)];
  }
  return inv;
}

// Y^T Y, lower triangle, in double.
std::vector<double> gram(const Matrix& y) {
  const int f = static_cast<int>(y.cols);
  std::vector<double> g(static_cast<size_t>(f) * f, 0.0);
  for (int64_t r = 0; r < y.rows; ++r) {
    const float* v = y.row(r);
    for (int a = 0; a < f; ++a) {
      double* ga = g.data() + static_cast<size_t>(a) * f;
      const double va = v[a];
      for (int b = 0; b <= a; ++b) ga[b] += va * v[b];
    }
  }
  return g;
}

// a += alpha sum_c y_c y_c^T (lower triangle) and b = (1 + alpha) sum_c y_c. Four
// vectors per pass over `a`: a quarter of the loads and stores of one at a time.
void addOuterProducts(std::vector<double>& a, std::vector<double>& b, const Matrix& y, std::span<const int32_t> cols,
                      double alpha) {
  const int f = static_cast<int>(y.cols);
  for (int32_t c : cols)
    for (int i = 0; i < f; ++i) b[static_cast<size_t>(i)] += (1.0 + alpha) * y.row(c)[i];
  size_t n = 0;
  for (; n + 4 <= cols.size(); n += 4) {
    const float *v0 = y.row(cols[n]), *v1 = y.row(cols[n + 1]), *v2 = y.row(cols[n + 2]), *v3 = y.row(cols[n + 3]);
    for (int i = 0; i < f; ++i) {
      double* ai = a.data() + static_cast<size_t>(i) * f;
      const double w0 = alpha * v0[i], w1 = alpha * v1[i], w2 = alpha * v2[i], w3 = alpha * v3[i];
      for (int j = 0; j <= i; ++j) ai[j] += (w0 * v0[j] + w1 * v1[j]) + (w2 * v2[j] + w3 * v3[j]);
    }
  }
  for (; n < cols.size(); ++n) {
    const float* v = y.row(cols[n]);
    for (int i = 0; i < f; ++i) {
      double* ai = a.data() + static_cast<size_t>(i) * f;
      const double w = alpha * v[i];
      for (int j = 0; j <= i; ++j) ai[j] += w * v[j];
    }
  }
}

// Buffers one worker reuses from row to row.
struct Scratch {
  std::vector<double> a, b, u, z, small, w;
};

// The f x f system of a row with many observations, built and solved directly.
void solveDirect(const std::vector<double>& gram, const Matrix& y, std::span<const int32_t> cols, const MfOptions& o,
                 Scratch& s, float* out) {
  const int f = static_cast<int>(y.cols);
  s.a = gram;
  s.b.assign(static_cast<size_t>(f), 0.0);
  addOuterProducts(s.a, s.b, y, cols, o.alpha);
  for (int i = 0; i < f; ++i) s.a[static_cast<size_t>(i) * f + i] += o.regularization;
  choleskyFactor(s.a.data(), f);
  choleskySubstitute(s.a.data(), s.b.data(), f);
  for (int i = 0; i < f; ++i) out[i] = static_cast<float>(s.b[static_cast<size_t>(i)]);
}

// The same system for a row with few observations (n << f, most items), through the
// Woodbury identity: with M = (Y^T Y + lambda I)^-1 shared by all rows and U = [y_c],
//   (M^-1 + alpha U U^T)^-1 = M - Z (I/alpha + U^T Z)^-1 Z^T,  Z = M U,
// so only an n x n system is factored.
void solveFew(const std::vector<double>& m, const Matrix& y, std::span<const int32_t> cols, const MfOptions& o,
              Scratch& s, float* out) {
  const int f = static_cast<int>(y.cols), n = static_cast<int>(cols.size());
  const auto at = [](std::vector<double>& v, int r, int c, int width) -> double* {
    return v.data() + static_cast<size_t>(r) * width + c;
  };
  s.u.resize(static_cast<size_t>(n) * f);
  s.z.resize(s.u.size());
  s.b.assign(static_cast<size_t>(f), 0.0);  // b = (1 + alpha) U 1
  for (int p = 0; p < n; ++p)
    for (int i = 0; i < f; ++i) {
      *at(s.u, p, i, f) = y.row(cols[static_cast<size_t>(p)])[i];
      s.b[static_cast<size_t>(i)] += (1.0 + o.alpha) * *at(s.u, p, i, f);
    }
  for (int p = 0; p < n; ++p)
    for (int i = 0; i < f; ++i) *at(s.z, p, i, f) = dotN(m.data() + static_cast<size_t>(i) * f, at(s.u, p, 0, f), f);
  s.small.assign(static_cast<size_t>(n) * n, 0.0);  // I/alpha + U^T Z, lower triangle
  s.w.resize(static_cast<size_t>(n));               // Z^T b
  for (int p = 0; p < n; ++p) {
    for (int q = 0; q <= p; ++q) *at(s.small, p, q, n) = dotN(at(s.u, p, 0, f), at(s.z, q, 0, f), f);
    *at(s.small, p, p, n) += 1.0 / o.alpha;
    s.w[static_cast<size_t>(p)] = dotN(at(s.z, p, 0, f), s.b.data(), f);
  }
  choleskyFactor(s.small.data(), n);
  choleskySubstitute(s.small.data(), s.w.data(), n);
  // x = M b - Z w, and M b = (1 + alpha) Z 1.
  for (int i = 0; i < f; ++i) {
    double x = 0;
    for (int p = 0; p < n; ++p) x += ((1.0 + o.alpha) - s.w[static_cast<size_t>(p)]) * *at(s.z, p, i, f);
    out[i] = static_cast<float>(x);
  }
}

// One half of an ALS iteration: every row x_r of `x` becomes the minimiser of
// sum_c c_rc (p_rc - x_r.y_c)^2 + lambda |x_r|^2 with `y` fixed, i.e. the solution of
// (Y^T Y + alpha sum_{c in row r} y_c y_c^T + lambda I) x_r = (1 + alpha) sum_{c in row r} y_c.
void solveRows(Matrix& x, const Matrix& y, const SparseRows& rows, const MfOptions& o, const JobControl* job,
               std::atomic<bool>& cancelled) {
  const int f = static_cast<int>(y.cols);
  const std::vector<double> g = gram(y);
  std::vector<double> regularized = g;
  for (int i = 0; i < f; ++i) regularized[static_cast<size_t>(i) * f + i] += o.regularization;
  const std::vector<double> m = inverse(regularized, f);
  parallelRanges(x.rows, o.threads, 16, [&](int64_t begin, int64_t end) {
    Scratch scratch;
    for (int64_t r = begin; r < end; ++r) {
      if ((r & 255) == 0 && job && job->cancelled()) cancelled = true;
      if (cancelled) return;
      float* out = x.row(r);
      const auto cols = rows.row(static_cast<int32_t>(r));
      if (cols.empty())  // nothing observed: the minimiser is 0
        std::fill(out, out + f, 0.0f);
      else if (4 * cols.size() < static_cast<size_t>(f))  // where the n x n route costs less
        solveFew(m, y, cols, o, scratch, out);
      else
        solveDirect(g, y, cols, o, scratch, out);
    }
  });
}

// Uniform in [-scale, scale) from the raw bits of mt19937_64, whose output sequence the
// standard fixes, so factors start the same on every platform.
void randomFill(Matrix& m, uint64_t seed, float scale) {
  std::mt19937_64 rng(seed);
  for (float& v : m.data) {
    const double unit = static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
    v = static_cast<float>((2.0 * unit - 1.0) * scale);
  }
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string MfScorer::paramsJson() const {
  return "{\"factors\":" + std::to_string(o_.factors) + ",\"regularization\":" + number(o_.regularization) +
         ",\"alpha\":" + number(o_.alpha) + ",\"iterations\":" + std::to_string(o_.iterations) + "}";
}

void MfScorer::fit(const TrainingData& data, const JobControl* job) {
  const int f = std::max(o_.factors, 1);
  users_ = Matrix::zeros(data.users(), f);
  items_ = Matrix::zeros(data.items(), f);
  randomFill(items_, data.seed, 0.1f);
  const SparseRows itemUsers = data.userItems.transposed();
  std::atomic<bool> cancelled{false};
  for (int it = 0; it < o_.iterations; ++it) {
    solveRows(users_, items_, data.userItems, o_, job, cancelled);
    if (!cancelled) solveRows(items_, users_, itemUsers, o_, job, cancelled);
    if (cancelled || (job && job->cancelled())) throw Cancelled{};
  }
}

void MfScorer::score(int32_t user, std::span<float> out) const {
  scoreRows(users_.row(user), items_, out, 1);  // callers parallelise over users
}

}  // namespace il
