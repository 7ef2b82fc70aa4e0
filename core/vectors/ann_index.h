// Approximate top-k by dot product for huge catalogs, on FAISS (HNSW or IVF-Flat, inner
// product). The index proposes candidates; they are rescored exactly with il::dot, so
// every returned score is the exact one and only the candidate set is approximate.
// measureRecall() says how approximate: recall@k against exact search on sample queries.
// The header is FAISS-free (FAISS stays inside ann_index.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../matrix.h"
#include "../rank/top_k.h"

namespace il {

enum class AnnMethod { Off, Auto, Hnsw, Ivf };

const char* toString(AnnMethod m);  // "off", "auto", "hnsw", "ivf"
std::optional<AnnMethod> parseAnnMethod(std::string_view name);

struct AnnOptions {
  AnnMethod method = AnnMethod::Off;
  int64_t autoThreshold = 200000;  // auto: an index from this many items on (HNSW)
  int hnswM = 32, efConstruction = 64, efSearch = 128;
  int ivfLists = 0;                // 0 = about 4 * sqrt(items)
  int ivfProbe = 32;
  int recallSample = 200;          // queries for measureRecall in the recommender
  uint64_t seed = 42;
};

// What to build for a catalog of `items` rows: Auto becomes Hnsw at or above the
// threshold and Off below it.
AnnMethod resolveAnnMethod(const AnnOptions& o, int64_t items);

struct AnnRecall {
  int k = 10;
  int queries = 0;
  double recall = 0;                   // mean |ann top-k ∩ exact top-k| / k
  double exactMsPerQuery = 0, annMsPerQuery = 0;
};

class AnnIndex {
 public:
  // Builds over the rows of `items`, which must outlive the index unchanged (kept for
  // exact rescoring). method must be Hnsw or Ivf. Throws std::invalid_argument.
  AnnIndex(const Matrix& items, AnnMethod method, const AnnOptions& options = {});
  ~AnnIndex();
  AnnIndex(const AnnIndex&) = delete;
  AnnIndex& operator=(const AnnIndex&) = delete;

  AnnMethod method() const { return method_; }
  int64_t rows() const { return items_->rows; }
  double buildSeconds() const { return buildSeconds_; }
  std::string describe() const;  // e.g. "HNSW (M 32, efSearch 128) over 1000000 items"

  // The index's n best candidates for q (ids, best first by the index's own scores).
  std::vector<int32_t> candidates(const float* q, int n) const;
  // Best o.k items among the candidates, rescored exactly, best first (ties by item
  // index), excluded items and scores below o.threshold skipped. Asks the index for
  // more candidates while exclusions leave fewer than k.
  std::vector<ScoredItem> topK(const float* q, const TopKOptions& o) const;
  // Recall@k of candidates() against exact topKDot over `queries` rows.
  AnnRecall measureRecall(const Matrix& queries, int k = 10) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const Matrix* items_;
  AnnMethod method_;
  AnnOptions options_;
  double buildSeconds_ = 0;
};

}  // namespace il
