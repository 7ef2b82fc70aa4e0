#include "similarity_block.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "../rank/top_k.h"
#include "../vec_math.h"
#include "recommender.h"

namespace il {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// One row of the block before values are computed: whose vector and which one.
struct RowSpec {
  int32_t user = -1;
  int interest = -1;  // -1: the long-term profile
};

const std::vector<float>* rowVector(const Recommender& r, const RowSpec& row) {
  const UserProfile* p = r.profile(row.user);
  if (!p) return nullptr;
  if (row.interest < 0) return &p->longTerm;
  if (row.interest >= static_cast<int>(p->interests.size())) return nullptr;
  return &p->interests[static_cast<size_t>(row.interest)].centroid;
}

float cosine(const float* a, const float* b, int64_t n) {
  const float na = norm(a, n), nb = norm(b, n);
  if (na <= 0 || nb <= 0) return kNaN;
  return std::clamp(dot(a, b, n) / (na * nb), -1.0f, 1.0f);
}

// The best `k` items of `user` by `model`, leaving out what they have and disliked.
std::vector<int32_t> topItems(const Recommender& r, int32_t user, const std::string& model, int k) {
  const std::vector<float> s = r.scores(user, model);
  const auto owned = r.data().userItems.row(user);
  TopKOptions o;
  o.k = k + 8;  // room for a few disliked ones
  o.excluded = owned;
  std::vector<int32_t> out;
  for (const ScoredItem& it : topK(s, o)) {
    if (static_cast<int>(out.size()) == k) break;
    if (r.feedback(user, it.item) != Feedback::Dislike) out.push_back(it.item);
  }
  return out;
}

// The best `k` items by cosine with `q`, leaving out `owned` (ascending).
std::vector<int32_t> nearestItems(const Matrix& items, const std::vector<float>& q, std::span<const int32_t> owned,
                                  int k) {
  std::vector<std::pair<float, int32_t>> s;
  for (int32_t j = 0; j < static_cast<int32_t>(items.rows); ++j) {
    if (std::binary_search(owned.begin(), owned.end(), j)) continue;
    const float c = cosine(q.data(), items.row(j), items.cols);
    if (!std::isnan(c)) s.emplace_back(c, j);
  }
  const size_t n = std::min(s.size(), static_cast<size_t>(std::max(0, k)));
  std::partial_sort(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n), s.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<int32_t> out;
  for (size_t i = 0; i < n; ++i) out.push_back(s[i].second);
  return out;
}

// Round robin over the lists (each list's best first), distinct, at most `cap`.
std::vector<int32_t> interleave(const std::vector<std::vector<int32_t>>& lists, int cap) {
  std::vector<int32_t> out;
  std::vector<char> seen;
  for (size_t rank = 0;; ++rank) {
    bool any = false;
    for (const auto& l : lists) {
      if (rank >= l.size()) continue;
      any = true;
      const int32_t it = l[rank];
      if (seen.size() <= static_cast<size_t>(it)) seen.resize(static_cast<size_t>(it) + 1, 0);
      if (seen[static_cast<size_t>(it)]) continue;
      if (static_cast<int>(out.size()) == cap) return out;
      seen[static_cast<size_t>(it)] = 1;
      out.push_back(it);
    }
    if (!any) return out;
  }
}

// Samples rows and columns over the cap, computes every cosine and orders the block.
SimilarityBlock build(const Recommender& r, BlockRows kind, std::vector<RowSpec> rows, std::vector<int32_t> cols,
                      int32_t focusUser, const SimilarityBlockOptions& o) {
  SimilarityBlock b;
  b.rowsKind = kind;
  b.selectedRows = static_cast<int64_t>(rows.size());
  b.selectedCols = static_cast<int64_t>(cols.size());
  const Matrix* items = r.data().itemVectors;
  if (!items) {
    b.message = "No vectors: encode the project to see similarities.";
    return b;
  }
  if (b.selectedRows > o.maxRows) {
    int64_t keep = -1;
    for (size_t i = 0; i < rows.size() && keep < 0; ++i)
      if (kind == BlockRows::Users && rows[i].user == focusUser) keep = static_cast<int64_t>(i);
    std::vector<RowSpec> kept;
    for (int64_t i : evenSample(b.selectedRows, std::max(1, o.maxRows), keep)) kept.push_back(rows[static_cast<size_t>(i)]);
    rows = std::move(kept);
    b.sampled = true;
  }
  if (b.selectedCols > o.maxCols) {
    std::vector<int32_t> kept;
    for (int64_t i : evenSample(b.selectedCols, std::max(1, o.maxCols))) kept.push_back(cols[static_cast<size_t>(i)]);
    cols = std::move(kept);
    b.sampled = true;
  }

  Matrix v = Matrix::zeros(static_cast<int64_t>(rows.size()), static_cast<int64_t>(cols.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::vector<float>* q = rowVector(r, rows[i]);
    const bool usable = q && static_cast<int64_t>(q->size()) == items->cols;
    for (size_t j = 0; j < cols.size(); ++j)
      v.row(static_cast<int64_t>(i))[j] = usable ? cosine(q->data(), items->row(cols[j]), items->cols) : kNaN;
  }

  BlockOrder order;
  if (o.order) {
    order = orderBlock(v);
  } else {
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) order.rows.push_back(i);
    for (int j = 0; j < static_cast<int>(cols.size()); ++j) order.cols.push_back(j);
  }
  b.values = Matrix::zeros(v.rows, v.cols);
  for (size_t i = 0; i < order.rows.size(); ++i) {
    const RowSpec& s = rows[static_cast<size_t>(order.rows[i])];
    b.users.push_back(s.user);
    b.interests.push_back(s.interest);
    if (kind == BlockRows::Users && s.user == focusUser) b.focusRow = static_cast<int>(i);
    for (size_t j = 0; j < order.cols.size(); ++j)
      b.values.row(static_cast<int64_t>(i))[j] = v.at(order.rows[i], order.cols[j]);
  }
  for (int j : order.cols) b.items.push_back(cols[static_cast<size_t>(j)]);
  return b;
}

// Greedy nearest-neighbour chain over the rows of `m` (squared Euclidean), from `start`.
std::vector<int> chain(const Matrix& m, int start) {
  const int n = static_cast<int>(m.rows);
  std::vector<int> out;
  std::vector<char> used(static_cast<size_t>(n), 0);
  int cur = start;
  while (cur >= 0) {
    out.push_back(cur);
    used[static_cast<size_t>(cur)] = 1;
    int best = -1;
    double bestD = 0;
    for (int i = 0; i < n; ++i) {
      if (used[static_cast<size_t>(i)]) continue;
      double d = 0;
      for (int64_t c = 0; c < m.cols; ++c) {
        const double x = m.at(cur, c) - m.at(i, c);
        d += x * x;
      }
      if (best < 0 || d < bestD) best = i, bestD = d;
    }
    cur = best;
  }
  return out;
}

Matrix transposed(const Matrix& m) {
  Matrix t = Matrix::zeros(m.cols, m.rows);
  for (int64_t i = 0; i < m.rows; ++i)
    for (int64_t j = 0; j < m.cols; ++j) t.row(j)[i] = m.at(i, j);
  return t;
}

int argmin(const std::vector<double>& x) {
  int best = 0;
  for (size_t i = 1; i < x.size(); ++i)
    if (x[i] < x[static_cast<size_t>(best)]) best = static_cast<int>(i);
  return best;
}

}  // namespace

std::vector<int64_t> evenSample(int64_t n, int64_t count, int64_t keep) {
  std::vector<int64_t> out;
  if (count >= n) {
    for (int64_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  for (int64_t i = 0; i < count; ++i) out.push_back(static_cast<int64_t>((static_cast<double>(i) + 0.5) * n / count));
  if (keep >= 0 && keep < n && !std::binary_search(out.begin(), out.end(), keep)) {
    // Replacing the nearest pick keeps the list ascending and distinct.
    auto it = std::lower_bound(out.begin(), out.end(), keep);
    if (it == out.end() || (it != out.begin() && keep - *(it - 1) <= *it - keep)) --it;
    *it = keep;
  }
  return out;
}

BlockOrder orderBlock(const Matrix& values) {
  const int64_t R = values.rows, C = values.cols;
  Matrix a = values;  // NaN -> 0, then double-centred so the leading vector is the main contrast
  for (float& x : a.data)
    if (std::isnan(x)) x = 0;
  const Matrix plain = a;
  std::vector<double> rowMean(static_cast<size_t>(R), 0), colMean(static_cast<size_t>(C), 0);
  double all = 0;
  for (int64_t i = 0; i < R; ++i)
    for (int64_t j = 0; j < C; ++j) {
      rowMean[static_cast<size_t>(i)] += a.at(i, j) / static_cast<double>(C);
      colMean[static_cast<size_t>(j)] += a.at(i, j) / static_cast<double>(R);
      all += a.at(i, j) / static_cast<double>(R * C);
    }
  for (int64_t i = 0; i < R; ++i)
    for (int64_t j = 0; j < C; ++j)
      a.row(i)[j] = static_cast<float>(a.at(i, j) - rowMean[static_cast<size_t>(i)] - colMean[static_cast<size_t>(j)] + all);

  // Power iteration on A^T A from a fixed, slightly tilted start.
  std::vector<double> u(static_cast<size_t>(R), 0), v(static_cast<size_t>(C));
  for (int64_t j = 0; j < C; ++j) v[static_cast<size_t>(j)] = 1.0 + 0.01 * static_cast<double>(j);
  for (int iter = 0; iter < 200 && R > 0 && C > 0; ++iter) {
    for (int64_t i = 0; i < R; ++i) {
      double s = 0;
      for (int64_t j = 0; j < C; ++j) s += a.at(i, j) * v[static_cast<size_t>(j)];
      u[static_cast<size_t>(i)] = s;
    }
    double nu = 0;
    for (double x : u) nu += x * x;
    if (nu < 1e-24) break;  // nothing to contrast: keep the given order's start
    std::vector<double> next(static_cast<size_t>(C), 0);
    for (int64_t i = 0; i < R; ++i)
      for (int64_t j = 0; j < C; ++j) next[static_cast<size_t>(j)] += a.at(i, j) * u[static_cast<size_t>(i)];
    double nv = 0;
    for (double x : next) nv += x * x;
    nv = std::sqrt(nv);
    if (nv < 1e-12) break;
    for (double& x : next) x /= nv;
    v = std::move(next);
  }
  // A sign fixed by the largest row entry, so the result does not depend on the start.
  int big = 0;
  for (size_t i = 1; i < u.size(); ++i)
    if (std::abs(u[i]) > std::abs(u[static_cast<size_t>(big)])) big = static_cast<int>(i);
  if (!u.empty() && u[static_cast<size_t>(big)] < 0) {
    for (double& x : u) x = -x;
    for (double& x : v) x = -x;
  }
  BlockOrder o;
  if (R > 0) o.rows = chain(plain, argmin(u));
  if (C > 0) o.cols = chain(transposed(plain), argmin(v));
  return o;
}

SimilarityBlock similarityBlock(const Recommender& r, int32_t user, const SimilarityBlockOptions& o) {
  SimilarityBlock empty;
  empty.rowsKind = o.rows;
  const UserProfile* p = user >= 0 && user < r.corpus().userCount() ? r.profile(user) : nullptr;
  if (!r.data().itemVectors || !r.hasContent()) {
    empty.message = "No vectors: encode the project to see similarities.";
    return empty;
  }
  if (!p || p->empty()) {
    empty.message = "This user has no profile (nothing encoded to build it from).";
    return empty;
  }
  const auto models = r.models();
  const std::string model = std::find(models.begin(), models.end(), o.model) != models.end() ? o.model : "hybrid";
  std::vector<RowSpec> rows;
  std::vector<std::vector<int32_t>> lists;
  if (o.rows == BlockRows::Users) {
    std::vector<std::pair<float, int32_t>> near;
    for (int32_t v = 0; v < r.corpus().userCount(); ++v) {
      const UserProfile* q = r.profile(v);
      if (v == user || !q || q->empty()) continue;
      const float c = cosine(p->longTerm.data(), q->longTerm.data(), static_cast<int64_t>(p->longTerm.size()));
      if (!std::isnan(c)) near.emplace_back(c, v);
    }
    std::sort(near.begin(), near.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    rows.push_back({user, -1});
    for (size_t i = 0; i < near.size() && static_cast<int>(i) < o.neighbours; ++i) rows.push_back({near[i].second, -1});
    for (const RowSpec& s : rows) lists.push_back(topItems(r, s.user, model, o.itemsPerRow));
  } else {
    const auto owned = r.data().userItems.row(user);
    for (int k = 0; k < static_cast<int>(p->interests.size()); ++k) {
      rows.push_back({user, k});
      lists.push_back(nearestItems(*r.data().itemVectors, p->interests[static_cast<size_t>(k)].centroid, owned,
                                   o.itemsPerRow));
    }
    if (rows.empty()) rows.push_back({user, -1});  // no interests: the long-term profile stands in
    lists.push_back(topItems(r, user, model, o.itemsPerRow));
  }
  return build(r, o.rows, std::move(rows), interleave(lists, o.maxColumns), user, o);
}

SimilarityBlock similarityBlock(const Recommender& r, std::span<const int32_t> users, std::span<const int32_t> items,
                                const SimilarityBlockOptions& o) {
  std::vector<RowSpec> rows;
  for (int32_t u : users)
    if (u >= 0 && u < r.corpus().userCount()) rows.push_back({u, -1});
  std::vector<int32_t> cols;
  for (int32_t i : items)
    if (i >= 0 && i < r.corpus().itemCount()) cols.push_back(i);
  return build(r, BlockRows::Users, std::move(rows), std::move(cols), -1, o);
}

}  // namespace il
