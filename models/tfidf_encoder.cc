#include "tfidf_encoder.h"

#include <QCryptographicHash>
#include <algorithm>
#include <cmath>
#include <map>

#include "interestlens_core.h"
#include "lsa.h"

namespace il {

std::string TfidfEncoder::id() const {
  if (!fitted_) throw EncoderError("tfidf: not fitted on a corpus yet");
  return "tfidf:" + fingerprint_ + ":k" + std::to_string(opt_.components);
}

int TfidfEncoder::dimension() const {
  if (!components_.data.empty()) return static_cast<int>(components_.cols);
  return static_cast<int>(std::max<size_t>(terms_.size(), 1));
}

int TfidfEncoder::tokenCount(const std::string& text) const {
  return static_cast<int>(extractTerms(text).size());
}

void TfidfEncoder::fit(const std::vector<std::string>& corpus) {
  std::unordered_map<std::string, int32_t> df;
  std::vector<std::vector<std::string>> docs;
  docs.reserve(corpus.size());
  for (const auto& text : corpus) {
    std::vector<std::string> t = extractTerms(text);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    for (const auto& term : t) ++df[term];
    docs.push_back(std::move(t));
  }
  const int minDf = opt_.minDf > 0 ? opt_.minDf : (corpus.size() >= 50 ? 2 : 1);
  std::vector<std::pair<std::string, int32_t>> kept;
  for (auto& [term, n] : df)
    if (n >= minDf) kept.emplace_back(term, n);
  // Most frequent first, ties by term: the vocabulary does not depend on hash order.
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (static_cast<int>(kept.size()) > opt_.maxFeatures) kept.resize(static_cast<size_t>(opt_.maxFeatures));
  std::sort(kept.begin(), kept.end());
  terms_.clear();
  column_.clear();
  idf_.clear();
  const double n = static_cast<double>(corpus.size());
  QCryptographicHash h(QCryptographicHash::Sha256);
  for (const auto& [term, count] : kept) {
    column_.emplace(term, static_cast<int32_t>(terms_.size()));
    terms_.push_back(term);
    idf_.push_back(static_cast<float>(std::log((1.0 + n) / (1.0 + count)) + 1.0));
    h.addData(QByteArrayView(term.data(), static_cast<qsizetype>(term.size() + 1)));
    h.addData(QByteArrayView(reinterpret_cast<const char*>(&count), sizeof count));
  }
  fitted_ = true;
  components_ = Matrix{};
  if (opt_.components > 0 && static_cast<int>(terms_.size()) > opt_.components) {
    SparseEntries a;
    a.rows = static_cast<int64_t>(corpus.size());
    a.cols = static_cast<int64_t>(terms_.size());
    for (size_t r = 0; r < corpus.size(); ++r)
      for (const auto& [col, w] : weights(corpus[r])) {
        a.rowIndex.push_back(static_cast<int64_t>(r));
        a.colIndex.push_back(col);
        a.values.push_back(w);
      }
    components_ = lsaComponents(a, opt_.components, opt_.seed);
  }
  fingerprint_ = h.result().toHex().left(16).toStdString();
}

std::vector<std::pair<int32_t, float>> TfidfEncoder::weights(const std::string& text) const {
  std::map<int32_t, int> tf;
  for (const auto& term : extractTerms(text))
    if (auto it = column_.find(term); it != column_.end()) ++tf[it->second];
  std::vector<std::pair<int32_t, float>> w;
  double norm = 0;
  for (const auto& [col, count] : tf) {
    const float v = static_cast<float>(1.0 + std::log(count)) * idf_[static_cast<size_t>(col)];
    w.emplace_back(col, v);
    norm += double(v) * v;
  }
  if (norm > 0)
    for (auto& p : w) p.second = static_cast<float>(p.second / std::sqrt(norm));
  return w;
}

Matrix TfidfEncoder::encode(const std::vector<std::string>& texts) {
  if (!fitted_) throw EncoderError("tfidf: fit() must be called on the corpus before encode()");
  const int dim = dimension();
  Matrix out{static_cast<int64_t>(texts.size()), dim, std::vector<float>(texts.size() * static_cast<size_t>(dim))};
  for (size_t r = 0; r < texts.size(); ++r) {
    float* row = &out.data[r * static_cast<size_t>(dim)];
    const auto w = weights(texts[r]);
    if (components_.data.empty()) {
      for (const auto& [col, v] : w) row[col] = v;
      continue;
    }
    for (const auto& [col, v] : w) {
      const float* comp = &components_.data[static_cast<size_t>(col) * static_cast<size_t>(dim)];
      for (int k = 0; k < dim; ++k) row[k] += v * comp[k];
    }
    double norm = 0;
    for (int k = 0; k < dim; ++k) norm += double(row[k]) * row[k];
    if (norm > 0)
      for (int k = 0; k < dim; ++k) row[k] = static_cast<float>(row[k] / std::sqrt(norm));
  }
  return out;
}

}  // namespace il
