// Exact vs FAISS top-10 on a large catalog: 1,000,000 random unit 384-d item vectors
// (IL_ANN_BENCH_ITEMS overrides the count), random unit queries. Reports per-query
// latency (one thread) and recall@10 against exact search; index build times are
// printed once. Random vectors have no structure, the hardest case for an index: real
// embeddings (clustered) reach a higher recall at the same settings.
//   ann_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include "matrix.h"
#include "rank/item_index.h"
#include "rank/top_k.h"
#include "vec_math.h"
#include "vectors/ann_index.h"

namespace {

constexpr int64_t kDim = 384;
constexpr int kQueries = 200;

int64_t itemCount() {
  const char* env = std::getenv("IL_ANN_BENCH_ITEMS");
  return env ? std::max<int64_t>(1000, std::atoll(env)) : 1000000;
}

il::Matrix randomUnit(int64_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> g;
  il::Matrix m = il::Matrix::zeros(rows, kDim);
  for (float& x : m.data) x = g(rng);
  il::normalizeRows(m);
  return m;
}

struct Data {
  il::Matrix items = randomUnit(itemCount(), 1), queries = randomUnit(kQueries, 2);
  std::unique_ptr<il::ItemIndex> int8;
  std::unique_ptr<il::AnnIndex> hnsw, ivf;
  il::AnnRecall hnswRecall, ivfRecall;
};

Data& data() {
  static Data d;
  return d;
}

template <typename F>
double seconds(F&& f) {
  const auto t = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

const il::AnnIndex& hnsw() {
  Data& d = data();
  if (!d.hnsw) {
    il::AnnOptions o;
    o.hnswM = 16;
    o.efConstruction = 40;
    o.efSearch = 128;
    const double s = seconds([&] { d.hnsw = std::make_unique<il::AnnIndex>(d.items, il::AnnMethod::Hnsw, o); });
    d.hnswRecall = d.hnsw->measureRecall(d.queries, 10);
    std::fprintf(stderr, "built %s in %.1f s; recall@10 %.3f on %d random queries\n", d.hnsw->describe().c_str(), s,
                 d.hnswRecall.recall, d.hnswRecall.queries);
  }
  return *d.hnsw;
}

const il::AnnIndex& ivf() {
  Data& d = data();
  if (!d.ivf) {
    il::AnnOptions o;
    o.ivfLists = 1024;
    o.ivfProbe = 32;
    const double s = seconds([&] { d.ivf = std::make_unique<il::AnnIndex>(d.items, il::AnnMethod::Ivf, o); });
    d.ivfRecall = d.ivf->measureRecall(d.queries, 10);
    std::fprintf(stderr, "built %s in %.1f s; recall@10 %.3f on %d random queries\n", d.ivf->describe().c_str(), s,
                 d.ivfRecall.recall, d.ivfRecall.queries);
  }
  return *d.ivf;
}

void BM_ExactFloatTop10(benchmark::State& state) {
  Data& d = data();
  il::TopKOptions o;
  o.k = 10;
  int64_t q = 0;
  for (auto _ : state) benchmark::DoNotOptimize(il::topKDot(d.queries.row(q++ % kQueries), d.items, o, 1));
  state.counters["items"] = static_cast<double>(d.items.rows);
  state.counters["recall@10"] = 1.0;
}

void BM_ExactInt8IndexTop10(benchmark::State& state) {
  Data& d = data();
  if (!d.int8) d.int8 = std::make_unique<il::ItemIndex>(d.items);
  il::TopKOptions o;
  o.k = 10;
  int64_t q = 0;
  for (auto _ : state) benchmark::DoNotOptimize(d.int8->topK(d.queries.row(q++ % kQueries), o, 1));
  state.counters["recall@10"] = 1.0;
}

void BM_HnswTop10(benchmark::State& state) {
  const il::AnnIndex& index = hnsw();
  il::TopKOptions o;
  o.k = 10;
  int64_t q = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.topK(data().queries.row(q++ % kQueries), o));
  state.counters["recall@10"] = data().hnswRecall.recall;
  state.counters["build_s"] = index.buildSeconds();
}

void BM_IvfTop10(benchmark::State& state) {
  const il::AnnIndex& index = ivf();
  il::TopKOptions o;
  o.k = 10;
  int64_t q = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.topK(data().queries.row(q++ % kQueries), o));
  state.counters["recall@10"] = data().ivfRecall.recall;
  state.counters["build_s"] = index.buildSeconds();
}

}  // namespace

BENCHMARK(BM_ExactFloatTop10)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExactInt8IndexTop10)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_IvfTop10)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_HnswTop10)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_MAIN();
