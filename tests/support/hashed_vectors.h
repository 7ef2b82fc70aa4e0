// Test vectors without an encoder: a hashed bag of the words extractTerms() finds,
// normalised. Enough likeness between the demo's texts and items for views and
// screenshots, and the same on every run (FNV-1a; qHash is seeded per process).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "matrix.h"
#include "text/terms.h"

namespace il::test {

inline uint32_t fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

inline Matrix hashedVectors(const std::vector<std::string>& texts, int dims = 384) {
  Matrix m = Matrix::zeros(static_cast<int64_t>(texts.size()), dims);
  for (size_t i = 0; i < texts.size(); ++i) {
    float* row = m.row(static_cast<int64_t>(i));
    for (const std::string& t : extractTerms(texts[i])) row[fnv1a(t) % static_cast<uint32_t>(dims)] += 1;
    double n = 0;
    for (int c = 0; c < dims; ++c) n += row[c] * row[c];
    for (int c = 0; c < dims && n > 0; ++c) row[c] = static_cast<float>(row[c] / std::sqrt(n));
  }
  return m;
}

}  // namespace il::test
