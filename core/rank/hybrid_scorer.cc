#include "hybrid_scorer.h"

#include <cmath>
#include <functional>
#include <sstream>

namespace il {

void SharedModel::fitOnce(const TrainingData& data, const JobControl* job) {
  if (prefitted_ || fittedOn_ == &data) return;
  scorer_->fit(data, job);
  fittedOn_ = &data;
}

std::string HybridScorer::paramsJson() const {
  std::ostringstream s;
  s << "{\"blend\":{";
  for (size_t i = 0; i < parts_.size(); ++i)
    s << (i ? "," : "") << '"' << parts_[i].model->scorer().name() << "\":" << parts_[i].weight;
  s << "},\"components\":{";
  for (size_t i = 0; i < parts_.size(); ++i)
    s << (i ? "," : "") << '"' << parts_[i].model->scorer().name() << "\":" << parts_[i].model->scorer().paramsJson();
  s << "}}";
  return s.str();
}

void HybridScorer::fit(const TrainingData& data, const JobControl* job) {
  for (Part& p : parts_) p.model->fitOnce(data, job);
}

void standardize(std::span<float> scores) {
  double sum = 0, sq = 0;
  int64_t n = 0;
  for (float s : scores)
    if (std::isfinite(s)) sum += s, sq += static_cast<double>(s) * s, ++n;
  if (n == 0) return;
  const double mean = sum / n, var = std::max(0.0, sq / n - mean * mean);
  const double sd = std::sqrt(var);
  for (float& s : scores) {
    if (!std::isfinite(s)) continue;
    s = sd > 1e-12 ? static_cast<float>((s - mean) / sd) : 0.0f;
  }
}

void HybridScorer::score(int32_t user, std::span<float> out) const {
  std::fill(out.begin(), out.end(), 0.0f);
  std::vector<float> part(out.size());
  for (const Part& p : parts_) {
    if (p.weight == 0) continue;
    p.model->scorer().score(user, part);
    standardize(part);
    for (size_t j = 0; j < out.size(); ++j) out[j] += static_cast<float>(p.weight) * part[j];
  }
}

std::vector<std::vector<double>> blendWeightGrid(size_t models, double step) {
  std::vector<std::vector<double>> grid;
  const int units = static_cast<int>(std::lround(1.0 / step));
  std::vector<int> w(models, 0);
  // Every way to share `units` steps among the models (compositions of units).
  std::function<void(size_t, int)> place = [&](size_t i, int left) {
    if (i + 1 == models) {
      w[i] = left;
      std::vector<double> v;
      for (int x : w) v.push_back(static_cast<double>(x) / units);
      grid.push_back(std::move(v));
      return;
    }
    for (int x = left; x >= 0; --x) {
      w[i] = x;
      place(i + 1, left - x);
    }
  };
  if (models > 0) place(0, units);
  return grid;
}

}  // namespace il
