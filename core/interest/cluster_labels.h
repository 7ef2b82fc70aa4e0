// Keyword labels for clusters of texts: class-based TF-IDF as in BERTopic. All texts
// of a cluster form one document; a term's weight in cluster c is
//   tf(t, c) / words(c) * log(1 + average words per cluster / frequency of t in all clusters)
// so a term frequent in one cluster and rare elsewhere ranks first.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "../text/terms.h"

namespace il {

struct ClusterTerm {
  std::string term;  // the key's most frequent surface form ("battery", not the stem "batteri")
  double weight = 0;
};

class ClusterTermCounter {
 public:
  explicit ClusterTermCounter(int32_t clusters);

  // Adds a text (terms from analyzeTerms) to a cluster; negative clusters are skipped.
  void add(int32_t cluster, const std::string& text);
  void addTerms(int32_t cluster, const std::vector<Term>& terms);
  void addTerms(int32_t cluster, const std::vector<std::string>& keys);  // surface = key

  // The topN highest c-TF-IDF terms per cluster, by weight, then term (deterministic).
  std::vector<std::vector<ClusterTerm>> topTerms(int topN) const;

 private:
  std::unordered_map<std::string, int32_t> termIds_;
  std::vector<std::string> terms_;
  std::vector<std::unordered_map<int32_t, int64_t>> counts_;  // per cluster: term id -> count
  std::vector<int64_t> clusterWords_;
  std::vector<int64_t> termTotals_;  // per term id, across clusters
  SurfaceForms surfaces_;
};

// "lipstick · shade · matte": the first n terms joined.
std::string keywordLabel(const std::vector<ClusterTerm>& terms, int n = 3);

}  // namespace il
