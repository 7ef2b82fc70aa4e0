// Throughput of the WordPiece tokenizer on real review texts: the first 2,000 reviewText values of
// ../shared/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz, with the all-MiniLM-L6-v2
// (bert-base-uncased) vocabulary; also the multilingual cased vocabulary on the same texts.
// Run: build/tests/bench/wordpiece_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "interestlens_core.h"
#include "wordpiece_tokenizer.h"

namespace {

const std::string kShared = IL_SHARED_DIR;

const std::vector<std::string>& reviewTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    il::ProblemLog log;
    const std::string path = kShared + "/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz";
    auto reader = il::TableReader::open(path, il::FileFormat::JsonLines, {}, log);
    if (!reader) {
      std::fprintf(stderr, "cannot open %s\n", path.c_str());
      std::exit(1);
    }
    size_t col = reader->header().size();
    for (size_t i = 0; i < reader->header().size(); ++i)
      if (reader->header()[i] == "reviewText") col = i;
    il::Record rec;
    while (out.size() < 2000 && reader->next(rec))
      if (col < rec.fields.size()) out.push_back(rec.fields[col]);
    return out;
  }();
  return texts;
}

const il::WordPieceTokenizer& tokenizer(const std::string& folder) {
  static std::vector<std::pair<std::string, il::WordPieceTokenizer>> cache;
  for (auto& [f, t] : cache)
    if (f == folder) return t;
  cache.emplace_back(folder, il::WordPieceTokenizer::fromDirectory(kShared + "/models/" + folder));
  return cache.back().second;
}

void run(benchmark::State& state, const std::string& folder, int maxLength) {
  const auto& texts = reviewTexts();
  const auto& tok = tokenizer(folder);
  int64_t bytes = 0;
  for (const auto& t : texts) bytes += static_cast<int64_t>(t.size());
  std::vector<int32_t> ids;
  int64_t tokens = 0;
  for (auto _ : state) {
    for (const auto& t : texts) {
      tok.encodeInto(t, ids, maxLength);
      tokens += static_cast<int64_t>(ids.size());
    }
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(texts.size()) * state.iterations());
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["texts"] = static_cast<double>(texts.size());
  state.counters["tokens/text"] = static_cast<double>(tokens) / static_cast<double>(state.iterations()) /
                                  static_cast<double>(texts.size());
}

void BM_Uncased(benchmark::State& s) { run(s, "all-minilm-l6-v2-tokenizer", 0); }
void BM_Uncased_Max256(benchmark::State& s) { run(s, "all-minilm-l6-v2-tokenizer", 256); }
void BM_MultilingualCased(benchmark::State& s) { run(s, "tokenizers/bert-base-multilingual-cased", 0); }
void BM_ChineseLowercase(benchmark::State& s) { run(s, "tokenizers/bert-base-chinese-lowercase", 0); }

BENCHMARK(BM_Uncased)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Uncased_Max256)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MultilingualCased)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChineseLowercase)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
