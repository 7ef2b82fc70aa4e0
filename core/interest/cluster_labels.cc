#include "cluster_labels.h"

#include <algorithm>
#include <QList>
#include <QString>
#include <cmath>

#include "../text/terms.h"

namespace il {

namespace {

// One Han/kana character (3 or 4 UTF-8 bytes, one code point): 玩, 用. Out of context it is
// too ambiguous to name a cluster, so it counts towards the cluster's words but is no label.
bool singleCjkCharacter(const std::string& t) {
  if (t.size() < 3 || t.size() > 4) return false;  // one code point of 3 or 4 UTF-8 bytes
  const QList<uint> cps = QString::fromStdString(t).toUcs4();
  if (cps.size() != 1) return false;
  const uint c = cps[0];
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || c == 0x3007;
}

}  // namespace

ClusterTermCounter::ClusterTermCounter(int32_t clusters)
    : counts_(static_cast<size_t>(std::max(0, clusters))), clusterWords_(counts_.size(), 0) {}

void ClusterTermCounter::add(int32_t cluster, const std::string& text) {
  if (cluster < 0 || cluster >= static_cast<int32_t>(counts_.size())) return;
  addTerms(cluster, analyzeTerms(text));
}

void ClusterTermCounter::addTerms(int32_t cluster, const std::vector<Term>& terms) {
  if (cluster < 0 || cluster >= static_cast<int32_t>(counts_.size())) return;
  std::vector<std::string> keys;
  keys.reserve(terms.size());
  for (const Term& t : terms) {
    surfaces_.add(t);
    keys.push_back(t.key);
  }
  addTerms(cluster, keys);
}

void ClusterTermCounter::addTerms(int32_t cluster, const std::vector<std::string>& keys) {
  if (cluster < 0 || cluster >= static_cast<int32_t>(counts_.size())) return;
  auto& counts = counts_[static_cast<size_t>(cluster)];
  for (const std::string& t : keys) {
    const auto [it, added] = termIds_.try_emplace(t, static_cast<int32_t>(terms_.size()));
    if (added) {
      terms_.push_back(t);
      termTotals_.push_back(0);
    }
    ++counts[it->second];
    ++termTotals_[static_cast<size_t>(it->second)];
  }
  clusterWords_[static_cast<size_t>(cluster)] += static_cast<int64_t>(keys.size());
}

std::vector<std::vector<ClusterTerm>> ClusterTermCounter::topTerms(int topN) const {
  std::vector<std::vector<ClusterTerm>> out(counts_.size());
  if (counts_.empty()) return out;
  int64_t words = 0;
  for (const int64_t w : clusterWords_) words += w;
  const double averageWords = static_cast<double>(words) / static_cast<double>(counts_.size());
  for (size_t c = 0; c < counts_.size(); ++c) {
    if (clusterWords_[c] == 0) continue;
    std::vector<ClusterTerm>& terms = out[c];
    terms.reserve(counts_[c].size());
    for (const auto& [id, count] : counts_[c]) {
      if (singleCjkCharacter(terms_[static_cast<size_t>(id)])) continue;
      const double tf = static_cast<double>(count) / static_cast<double>(clusterWords_[c]);
      const double idf = std::log(1.0 + averageWords / static_cast<double>(termTotals_[static_cast<size_t>(id)]));
      terms.push_back({terms_[static_cast<size_t>(id)], tf * idf});  // the key; shown as its surface below
    }
    auto better = [](const ClusterTerm& a, const ClusterTerm& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    };
    const size_t keep = std::min(terms.size(), static_cast<size_t>(std::max(0, topN)));
    std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(keep), terms.end(), better);
    terms.resize(keep);
    for (ClusterTerm& t : terms) t.term = surfaces_.display(t.term);
  }
  return out;
}

std::string keywordLabel(const std::vector<ClusterTerm>& terms, int n) {
  std::string label;
  for (int i = 0; i < n && i < static_cast<int>(terms.size()); ++i) {
    if (i > 0) label += " \u00b7 ";
    label += terms[static_cast<size_t>(i)].term;
  }
  return label;
}

}  // namespace il
