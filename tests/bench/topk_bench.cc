// Scoring at scale: one user against 1,000,000 items of dimension 384 (top-10), and
// all 1,429 users of a 900-item catalog (top-10 each). Random unit vectors.
#include <benchmark/benchmark.h>

#include <random>

#include "interestlens_core.h"
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

void BM_OneUserMillionItems(benchmark::State& state) {
  static const il::Matrix items = randomUnitRows(1'000'000, 384, 1);
  const il::Matrix user = randomUnitRows(1, 384, 2);
  il::TopKOptions o;
  o.k = 10;
  for (auto _ : state) benchmark::DoNotOptimize(il::topKDot(user.row(0), items, o, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * items.rows);
}
BENCHMARK(BM_OneUserMillionItems)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AllUsersSmallCatalog(benchmark::State& state) {
  const il::Matrix users = randomUnitRows(1429, 384, 3), items = randomUnitRows(900, 384, 4);
  for (auto _ : state)
    benchmark::DoNotOptimize(il::topKDotBatch(users, items, 10, {}, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * users.rows * items.rows);
}
BENCHMARK(BM_AllUsersSmallCatalog)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
