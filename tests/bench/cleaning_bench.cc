// Throughput of cleaning, language detection and duplicate detection on the Amazon
// All_Beauty reviews (../shared/data), and duplicates at 10^5 texts (the reviews
// repeated with edits, so there are real near duplicates to find).
// Run: build/tests/bench/cleaning_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <random>

#include "interestlens_core.h"
#include "text/duplicates.h"
#include "text/language.h"
#include "text/text_cleaner.h"

namespace {

const std::vector<std::string>& rawTexts() {
  static const std::vector<std::string> texts = [] {
    il::ImportOptions o;
    o.interactionFiles = {IL_SHARED_DIR "/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz"};
    const il::ImportResult r = il::readImport(o);
    std::vector<std::string> out;
    for (const auto& t : r.data.texts) out.push_back(t.text);
    return out;
  }();
  return texts;
}

const std::vector<std::string>& cleanTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const auto& t : rawTexts()) out.push_back(il::cleanText(t, {}).text);
    return out;
  }();
  return texts;
}

int64_t bytesOf(const std::vector<std::string>& v) {
  int64_t n = 0;
  for (const auto& s : v) n += static_cast<int64_t>(s.size());
  return n;
}

void skipWithoutData(benchmark::State& state) {
  if (rawTexts().empty()) state.SkipWithError("needs ../shared/data/amazon-all-beauty-5core-2018");
}

void BM_CleanText(benchmark::State& state) {
  skipWithoutData(state);
  const auto& texts = rawTexts();
  const il::CleaningSettings s;
  for (auto _ : state)
    for (const auto& t : texts) benchmark::DoNotOptimize(il::cleanText(t, s));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.SetBytesProcessed(state.iterations() * bytesOf(texts));
}
BENCHMARK(BM_CleanText)->Unit(benchmark::kMillisecond);

void BM_LexicalForm(benchmark::State& state) {
  skipWithoutData(state);
  const auto& texts = cleanTexts();
  for (auto _ : state)
    for (const auto& t : texts) benchmark::DoNotOptimize(il::lexicalForm(t));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_LexicalForm)->Unit(benchmark::kMillisecond);

void BM_DetectLanguages(benchmark::State& state) {
  skipWithoutData(state);
  const auto& texts = cleanTexts();
  for (auto _ : state) benchmark::DoNotOptimize(il::detectLanguages(texts, 20, static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_DetectLanguages)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FindDuplicates(benchmark::State& state) {
  skipWithoutData(state);
  const auto& texts = cleanTexts();
  il::DuplicateOptions o;
  o.threads = 2;
  int64_t near = 0, exact = 0;
  for (auto _ : state) {
    const il::DuplicateResult r = il::findDuplicates(texts, o);
    near = r.near();
    exact = r.exact;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.counters["exact"] = static_cast<double>(exact);
  state.counters["near"] = static_cast<double>(near);
}
BENCHMARK(BM_FindDuplicates)->Unit(benchmark::kMillisecond)->UseRealTime();

// 10^5 texts: the reviews over and over, each copy with a few words replaced, so
// every copy is a near duplicate of its original at some Jaccard.
const std::vector<std::string>& manyTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::mt19937 rng(11);
    const auto& base = cleanTexts();
    if (base.empty()) return out;
    const char* words[] = {"lovely", "awful", "shampoo", "really", "price", "smell"};
    while (out.size() < 100000) {
      std::string t = base[rng() % base.size()];
      for (int k = static_cast<int>(rng() % 4); k > 0 && t.size() > 20; --k)
        t.replace(rng() % (t.size() - 10), 5, words[rng() % 6]);
      out.push_back(std::move(t));
    }
    return out;
  }();
  return texts;
}

void BM_FindDuplicates100k(benchmark::State& state) {
  skipWithoutData(state);
  const auto& texts = manyTexts();
  il::DuplicateOptions o;
  o.threads = 2;
  int64_t near = 0, exact = 0, pairs = 0;
  for (auto _ : state) {
    const il::DuplicateResult r = il::findDuplicates(texts, o);
    near = r.near();
    exact = r.exact;
    pairs = r.candidatePairs;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.counters["exact"] = static_cast<double>(exact);
  state.counters["near"] = static_cast<double>(near);
  state.counters["candidates"] = static_cast<double>(pairs);
}
BENCHMARK(BM_FindDuplicates100k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
