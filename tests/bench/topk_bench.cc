// Scoring at scale: one user against 1,000,000 items of dimension 384 (top-10), and
// all 1,429 users of a 900-item catalog (top-10 each). Random unit vectors. The plain
// float scan (topKDot) against the int8 ItemIndex (same exact result, 4x less to read).
#include <benchmark/benchmark.h>

#include <random>

#include "interestlens_core.h"
#include "rank/item_index.h"
#include "rank/top_k.h"

namespace {

il::Matrix randomUnitRows(int64_t rows, int64_t dim, uint64_t seed) {
  il::Matrix m = il::Matrix::zeros(rows, dim);
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> n;
  for (float& x : m.data) x = n(rng);
  il::normalizeRows(m);
  return m;
}

const il::Matrix& millionItems() {
  static const il::Matrix items = randomUnitRows(1'000'000, 384, 1);
  return items;
}

void BM_OneUserMillionItems(benchmark::State& state) {
  const il::Matrix& items = millionItems();
  const il::Matrix user = randomUnitRows(1, 384, 2);
  il::TopKOptions o;
  o.k = 10;
  for (auto _ : state) benchmark::DoNotOptimize(il::topKDot(user.row(0), items, o, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * items.rows);
}
BENCHMARK(BM_OneUserMillionItems)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Quantising the 1M-row catalog: done once per catalog, not per query.
void BM_ItemIndexBuild(benchmark::State& state) {
  const il::Matrix& items = millionItems();
  for (auto _ : state) {
    const il::ItemIndex index(items, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(index.rows());
  }
  state.SetItemsProcessed(state.iterations() * items.rows);
}
BENCHMARK(BM_ItemIndexBuild)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The index is built once per process, then one query per iteration.
void BM_ItemIndexMillionItems(benchmark::State& state) {
  const il::Matrix& items = millionItems();
  static const il::ItemIndex index(items);
  const il::Matrix user = randomUnitRows(1, 384, 2);
  il::TopKOptions o;
  o.k = 10;
  for (auto _ : state) benchmark::DoNotOptimize(index.topK(user.row(0), o, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * items.rows);
  state.counters["rescored"] = static_cast<double>(il::ItemIndex::lastRescored());
}
BENCHMARK(BM_ItemIndexMillionItems)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AllUsersSmallCatalog(benchmark::State& state) {
  const il::Matrix users = randomUnitRows(1429, 384, 3), items = randomUnitRows(900, 384, 4);
  for (auto _ : state)
    benchmark::DoNotOptimize(il::topKDotBatch(users, items, 10, {}, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * users.rows * items.rows);
}
BENCHMARK(BM_AllUsersSmallCatalog)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ItemIndexAllUsersSmallCatalog(benchmark::State& state) {
  const il::Matrix users = randomUnitRows(1429, 384, 3), items = randomUnitRows(900, 384, 4);
  const il::ItemIndex index(items);
  for (auto _ : state) benchmark::DoNotOptimize(index.topKBatch(users, 10, {}, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * users.rows * items.rows);
}
BENCHMARK(BM_ItemIndexAllUsersSmallCatalog)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
