// Small hand-made corpora and vectors for the interest and content-scorer tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "dataset.h"
#include "matrix.h"
#include "rank/corpus.h"

namespace il::test {

// A unit vector along `axis`, optionally tilted toward `other` by `tilt`.
inline std::vector<float> axisVector(int dim, int axis, int other = -1, float tilt = 0) {
  std::vector<float> v(static_cast<size_t>(dim), 0.0f);
  v[static_cast<size_t>(axis)] = 1;
  if (other >= 0) v[static_cast<size_t>(other)] += tilt;
  float len = 0;
  for (float x : v) len += x * x;
  for (float& x : v) x /= std::sqrt(len);
  return v;
}

inline std::vector<float> unit(std::vector<float> v) {
  float len = 0;
  for (float x : v) len += x * x;
  len = std::sqrt(len);
  for (float& x : v) x /= len;
  return v;
}

// Rows scattered tightly around the unit axes 0..sizes.size()-1 (uniform noise of
// +-noise per coordinate, then normalised). truth[i] = the blob of row i.
inline Matrix blobs(int dim, const std::vector<int>& sizes, uint64_t seed, std::vector<int32_t>& truth,
                    float noise = 0.15f) {
  std::mt19937_64 rng(seed);
  auto u = [&] { return static_cast<float>(static_cast<double>(rng() >> 11) * 0x1.0p-53) * 2 - 1; };
  int total = 0;
  for (int s : sizes) total += s;
  Matrix m = Matrix::zeros(total, dim);
  truth.clear();
  int r = 0;
  for (size_t b = 0; b < sizes.size(); ++b)
    for (int i = 0; i < sizes[b]; ++i, ++r) {
      std::vector<float> v(static_cast<size_t>(dim));
      for (int d = 0; d < dim; ++d) v[static_cast<size_t>(d)] = noise * u();
      v[b] += 1.0f;
      v = unit(v);
      std::copy(v.begin(), v.end(), m.row(r));
      truth.push_back(static_cast<int32_t>(b));
    }
  return m;
}

// True when two labelings put exactly the same rows together.
inline bool samePartition(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = i + 1; j < a.size(); ++j)
      if ((a[i] == a[j]) != (b[i] == b[j])) return false;
  return true;
}

struct TextSpec {
  std::string user, item, text;
  int64_t time = 0;  // 0: none
};

// A dataset where every text is also an interaction; `items` lists catalog items
// (each with an interaction only when a text or `extra` names it).
inline Dataset datasetOf(const std::vector<TextSpec>& texts, const std::vector<std::string>& items,
                         const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  Dataset d;
  for (const auto& id : items) d.items.push_back({id, "title " + id, "", "", "", std::nullopt, true});
  for (const auto& t : texts) {
    InteractionRow r{t.user, t.item, std::nullopt, std::nullopt};
    if (t.time) r.time = t.time;
    d.interactions.push_back(r);
    TextRow tr{t.user, t.item, t.text, std::nullopt};
    if (t.time) tr.time = t.time;
    d.texts.push_back(tr);
  }
  for (const auto& [u, i] : extra) d.interactions.push_back({u, i, std::nullopt, std::nullopt});
  return d;
}

// One vector per corpus text, chosen by the text (rows follow the corpus order).
inline Matrix textVectorsOf(const Corpus& c, int dim, const std::function<std::vector<float>(const CorpusText&)>& f) {
  Matrix m = Matrix::zeros(static_cast<int64_t>(c.texts.size()), dim);
  for (size_t i = 0; i < c.texts.size(); ++i) {
    const std::vector<float> v = f(c.texts[i]);
    std::copy(v.begin(), v.end(), m.row(static_cast<int64_t>(i)));
  }
  return m;
}

inline Matrix itemVectorsOf(const Corpus& c, int dim, const std::function<std::vector<float>(const std::string& id)>& f) {
  Matrix m = Matrix::zeros(c.itemCount(), dim);
  for (int32_t i = 0; i < c.itemCount(); ++i) {
    const std::vector<float> v = f(c.items[static_cast<size_t>(i)].id);
    std::copy(v.begin(), v.end(), m.row(i));
  }
  return m;
}

}  // namespace il::test
