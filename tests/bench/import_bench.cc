// Throughput of the import path: readers alone, and a full import into a project.
// Run: build/tests/bench/import_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <QDir>
#include <QTemporaryDir>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "interestlens_core.h"

namespace {

// A synthetic review file: quoted texts with commas, quotes and the odd newline.
const std::string& syntheticCsv() {
  static const std::string path = [] {
    static QTemporaryDir dir;
    const std::string p = QDir(dir.path()).filePath("reviews.csv").toStdString();
    std::ofstream out(p, std::ios::binary);
    out << "user_id,item_id,text,rating,time\n";
    std::mt19937 rng(7);
    const char* words[] = {"great", "tent", "light", "coffee", "bitter", "game", "fun", "lens",
                           "sharp", "\"quoted\"", "slow,", "fast", "\n", "value", "broke"};
    for (int r = 0; r < 200000; ++r) {
      out << 'u' << rng() % 5000 << ",i" << rng() % 20000 << ",\"";
      const int n = 8 + static_cast<int>(rng() % 30);
      for (int w = 0; w < n; ++w) {
        std::string word = words[rng() % 15];
        if (word == "\"quoted\"") word = "\"\"quoted\"\"";
        out << word << ' ';
      }
      out << "\"," << 1 + rng() % 5 << ',' << 1600000000 + static_cast<int>(rng() % 60000000) << '\n';
    }
    return p;
  }();
  return path;
}

void BM_CsvReader(benchmark::State& state) {
  const std::string& path = syntheticCsv();
  const auto bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  int64_t rows = 0;
  for (auto _ : state) {
    il::ProblemLog log;
    auto reader = il::TableReader::open(path, il::FileFormat::Auto, {}, log);
    il::Record rec;
    while (reader->next(rec)) ++rows;
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CsvReader)->Unit(benchmark::kMillisecond);

void BM_ImportSyntheticIntoProject(benchmark::State& state) {
  const std::string& csv = syntheticCsv();
  for (auto _ : state) {
    QTemporaryDir dir;
    il::ImportOptions o;
    o.interactionFiles = {csv};
    const auto out = il::importIntoProject(QDir(dir.path()).filePath("p.ilens").toStdString(), o);
    if (!out.written) state.SkipWithError(out.error.c_str());
  }
  state.counters["rows/s"] = benchmark::Counter(200000.0 * static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ImportSyntheticIntoProject)->Unit(benchmark::kMillisecond);

void BM_ImportMovieLens(benchmark::State& state) {
  const std::string dir = IL_SHARED_DIR "/data/ml-latest-small/";
  if (!std::filesystem::exists(dir + "ratings.csv")) {
    state.SkipWithError("needs ../shared/data/ml-latest-small");
    return;
  }
  for (auto _ : state) {
    QTemporaryDir tmp;
    il::ImportOptions o;
    o.interactionFiles = {dir + "ratings.csv", dir + "tags.csv"};
    o.itemFiles = {dir + "movies.csv"};
    const auto out = il::importIntoProject(QDir(tmp.path()).filePath("ml.ilens").toStdString(), o);
    if (!out.written) state.SkipWithError(out.error.c_str());
  }
}
BENCHMARK(BM_ImportMovieLens)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
