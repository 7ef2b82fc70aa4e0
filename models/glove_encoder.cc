#include "glove_encoder.h"

#include <QList>
#include <QString>
#include <cmath>

#include "wordpiece_tokenizer.h"

namespace il {

namespace {
bool hasLetterOrNumber(const std::string& word) {
  for (const char32_t c : QString::fromStdString(word).toUcs4())
    if (QChar::isLetterOrNumber(c)) return true;
  return false;
}
}  // namespace

GloveEncoder::GloveEncoder(WordVectors vectors, bool normalize)
    : vectors_(std::move(vectors)), normalize_(normalize) {}

std::string GloveEncoder::id() const {
  return "glove:" + vectors_.fingerprint() + (normalize_ ? ":l2" : "");
}

std::vector<std::string> GloveEncoder::usedWords(const std::string& text) const {
  std::vector<std::string> used;
  for (auto& w : basicTokenize(text, TokenizerFlags{}))
    if (hasLetterOrNumber(w) && vectors_.find(w)) used.push_back(std::move(w));
  return used;
}

int GloveEncoder::tokenCount(const std::string& text) const {
  return static_cast<int>(basicTokenize(text, TokenizerFlags{}).size());
}

Matrix GloveEncoder::encode(const std::vector<std::string>& texts) {
  const int dim = dimension();
  Matrix out{static_cast<int64_t>(texts.size()), dim, std::vector<float>(texts.size() * static_cast<size_t>(dim))};
  std::vector<double> sum(static_cast<size_t>(dim));
  for (size_t r = 0; r < texts.size(); ++r) {
    std::fill(sum.begin(), sum.end(), 0.0);
    int used = 0;
    for (const auto& w : basicTokenize(texts[r], TokenizerFlags{})) {
      if (!hasLetterOrNumber(w)) continue;
      const float* v = vectors_.find(w);
      if (!v) continue;
      for (int k = 0; k < dim; ++k) sum[static_cast<size_t>(k)] += v[k];
      ++used;
    }
    if (used == 0) continue;  // no known word: the zero vector
    double norm = 0;
    for (auto& x : sum) {
      x /= used;
      norm += x * x;
    }
    const double scale = normalize_ ? 1.0 / std::max(std::sqrt(norm), 1e-12) : 1.0;
    for (int k = 0; k < dim; ++k)
      out.data[r * static_cast<size_t>(dim) + static_cast<size_t>(k)] = static_cast<float>(sum[static_cast<size_t>(k)] * scale);
  }
  return out;
}

}  // namespace il
