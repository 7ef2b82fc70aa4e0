#include "ann_index.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "../vec_math.h"

namespace il {

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

const char* toString(AnnMethod m) {
  switch (m) {
    case AnnMethod::Off: return "off";
    case AnnMethod::Auto: return "auto";
    case AnnMethod::Hnsw: return "hnsw";
    case AnnMethod::Ivf: return "ivf";
  }
  return "off";
}

std::optional<AnnMethod> parseAnnMethod(std::string_view name) {
  for (AnnMethod m : {AnnMethod::Off, AnnMethod::Auto, AnnMethod::Hnsw, AnnMethod::Ivf})
    if (name == toString(m)) return m;
  return std::nullopt;
}

AnnMethod resolveAnnMethod(const AnnOptions& o, int64_t items) {
  if (o.method != AnnMethod::Auto) return o.method;
  return items >= o.autoThreshold ? AnnMethod::Hnsw : AnnMethod::Off;
}

struct AnnIndex::Impl {
  std::unique_ptr<faiss::IndexFlatIP> quantizer;  // IVF only
  std::unique_ptr<faiss::Index> index;
};

AnnIndex::AnnIndex(const Matrix& items, AnnMethod method, const AnnOptions& options)
    : impl_(std::make_unique<Impl>()), items_(&items), method_(method), options_(options) {
  if (method != AnnMethod::Hnsw && method != AnnMethod::Ivf)
    throw std::invalid_argument("AnnIndex: method must be hnsw or ivf");
  if (items.rows <= 0 || items.cols <= 0) throw std::invalid_argument("AnnIndex: no items to index");
  if (items.rows > INT32_MAX) throw std::invalid_argument("AnnIndex: more than 2^31 items");
  const auto start = Clock::now();
  const int d = static_cast<int>(items.cols);
  if (method == AnnMethod::Hnsw) {
    auto idx = std::make_unique<faiss::IndexHNSWFlat>(d, std::max(4, options.hnswM), faiss::METRIC_INNER_PRODUCT);
    idx->hnsw.efConstruction = std::max(8, options.efConstruction);
    idx->hnsw.efSearch = std::max(8, options.efSearch);
    idx->add(items.rows, items.data.data());
    impl_->index = std::move(idx);
  } else {
    int lists = options.ivfLists > 0 ? options.ivfLists
                                     : static_cast<int>(std::max(1.0, 4.0 * std::sqrt(static_cast<double>(items.rows))));
    lists = static_cast<int>(std::min<int64_t>(lists, std::max<int64_t>(1, items.rows / 39)));
    impl_->quantizer = std::make_unique<faiss::IndexFlatIP>(d);
    auto idx = std::make_unique<faiss::IndexIVFFlat>(impl_->quantizer.get(), static_cast<size_t>(d),
                                                     static_cast<size_t>(lists), faiss::METRIC_INNER_PRODUCT);
    idx->cp.seed = static_cast<int>(options.seed);
    // A coarse quantiser needs no more than 64 points a list and 10 rounds.
    idx->cp.max_points_per_centroid = 64;
    idx->cp.niter = 10;
    // k-means on a sample, then every row.
    idx->train(items.rows, items.data.data());
    idx->add(items.rows, items.data.data());
    idx->nprobe = static_cast<size_t>(std::clamp(options.ivfProbe, 1, lists));
    impl_->index = std::move(idx);
  }
  buildSeconds_ = std::chrono::duration<double>(Clock::now() - start).count();
}

AnnIndex::~AnnIndex() = default;

std::string AnnIndex::describe() const {
  if (method_ == AnnMethod::Hnsw)
    return "HNSW (M " + std::to_string(options_.hnswM) + ", efSearch " + std::to_string(options_.efSearch) +
           ") over " + std::to_string(rows()) + " items";
  const auto* ivf = static_cast<const faiss::IndexIVFFlat*>(impl_->index.get());
  return "IVF-Flat (" + std::to_string(ivf->nlist) + " lists, nprobe " + std::to_string(ivf->nprobe) + ") over " +
         std::to_string(rows()) + " items";
}

std::vector<int32_t> AnnIndex::candidates(const float* q, int n) const {
  n = static_cast<int>(std::min<int64_t>(std::max(n, 1), rows()));
  std::vector<float> dist(static_cast<size_t>(n));
  std::vector<faiss::Index::idx_t> ids(static_cast<size_t>(n));
  // One query gains nothing from FAISS's OpenMP team and, on a busy machine, waits for
  // it: search it on this thread alone (the setting is this thread's; restored after).
  const int team = omp_get_max_threads();
  omp_set_num_threads(1);
  impl_->index->search(1, q, n, dist.data(), ids.data());
  omp_set_num_threads(team);
  std::vector<int32_t> out;
  out.reserve(ids.size());
  for (faiss::Index::idx_t id : ids)
    if (id >= 0) out.push_back(static_cast<int32_t>(id));
  return out;
}

std::vector<ScoredItem> AnnIndex::topK(const float* q, const TopKOptions& o) const {
  if (o.k <= 0) return {};
  const int64_t excluded = static_cast<int64_t>(o.excluded.size());
  int64_t fetch = std::min<int64_t>(rows(), o.k + excluded + 16);
  for (;;) {
    const std::vector<int32_t> cand = candidates(q, static_cast<int>(fetch));
    BestItems best(o.k);
    int64_t admissible = 0, belowThreshold = 0;
    for (int32_t j : cand) {
      if (std::binary_search(o.excluded.begin(), o.excluded.end(), j)) continue;
      const float s = dot(q, items_->row(j), items_->cols);
      if (!(s >= o.threshold)) {
        ++belowThreshold;
        continue;
      }
      ++admissible;
      best.offer(j, s);
    }
    // Enough; or the threshold already cut candidates (more would score lower still);
    // or the index has nothing more to give.
    if (admissible >= o.k || belowThreshold > 0 || static_cast<int64_t>(cand.size()) < fetch || fetch >= rows())
      return best.sorted();
    fetch = std::min<int64_t>(rows(), fetch * 4);
  }
}

AnnRecall AnnIndex::measureRecall(const Matrix& queries, int k) const {
  AnnRecall r;
  r.k = k;
  r.queries = static_cast<int>(queries.rows);
  if (queries.rows == 0) return r;
  double hits = 0, exactMs = 0, annMs = 0;
  TopKOptions o;
  o.k = k;
  for (int64_t i = 0; i < queries.rows; ++i) {
    auto t = Clock::now();
    const std::vector<ScoredItem> exact = topKDot(queries.row(i), *items_, o, 1);
    exactMs += msSince(t);
    t = Clock::now();
    const std::vector<int32_t> approx = candidates(queries.row(i), k);
    annMs += msSince(t);
    // A hit is an item as good as the exact k-th: with ties at the k-th score any of
    // the tied items is a correct answer.
    const float kth = exact.empty() ? 0.0f : exact.back().score;
    std::unordered_set<int32_t> truth;
    for (const ScoredItem& s : exact) truth.insert(s.item);
    for (int32_t j : approx)
      if (truth.count(j) || dot(queries.row(i), items_->row(j), items_->cols) >= kth) ++hits;
    // A query with fewer than k exact results (tiny catalog) counts what exists.
    if (exact.size() < static_cast<size_t>(k)) hits += static_cast<double>(k) - static_cast<double>(exact.size());
  }
  r.recall = hits / (static_cast<double>(k) * static_cast<double>(queries.rows));
  r.exactMsPerQuery = exactMs / static_cast<double>(queries.rows);
  r.annMsPerQuery = annMs / static_cast<double>(queries.rows);
  return r;
}

}  // namespace il
