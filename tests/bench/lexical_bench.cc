// Lexical analysis throughput: jieba dictionary load, Chinese segmentation (jieba.cut HMM=False
// equivalent) and extractTerms on the demo's reviews (Chinese and English apart), plus English
// review texts from ../shared when present (the first 2,000 All_Beauty reviews).
// Run: build/tests/bench/lexical_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <QRegularExpression>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "interestlens_core.h"
#include "text/chinese_segmenter.h"

namespace {

struct Texts {
  std::vector<std::string> chinese, english, beauty;
};

const Texts& texts() {
  static const Texts t = [] {
    Texts out;
    il::ImportOptions io;
    io.interactionFiles = {IL_SOURCE_DIR "/resources/demo/reviews.csv"};
    const il::ImportResult r = il::readImport(io);
    if (!r.ok) {
      std::fprintf(stderr, "demo reviews: %s\n", r.error.c_str());
      std::exit(1);
    }
    const QRegularExpression han(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    for (const auto& x : il::Corpus::fromDataset(r.data).texts)
      (QString::fromStdString(x.text).contains(han) ? out.chinese : out.english).push_back(x.text);
    il::ProblemLog log;
    const std::string path = IL_SHARED_DIR "/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz";
    if (auto reader = il::TableReader::open(path, il::FileFormat::JsonLines, {}, log)) {
      size_t col = reader->header().size();
      for (size_t i = 0; i < reader->header().size(); ++i)
        if (reader->header()[i] == "reviewText") col = i;
      il::Record rec;
      while (out.beauty.size() < 2000 && reader->next(rec))
        if (col < rec.fields.size()) out.beauty.push_back(rec.fields[col]);
    }
    return out;
  }();
  return t;
}

const il::ChineseSegmenter& jieba() {
  const il::ChineseSegmenter* s = il::ChineseSegmenter::shared();
  if (!s) {
    std::fprintf(stderr, "%s\n", il::ChineseSegmenter::sharedError().c_str());
    std::exit(1);
  }
  return *s;
}

void setRates(benchmark::State& state, const std::vector<std::string>& v) {
  int64_t bytes = 0;
  for (const auto& s : v) bytes += static_cast<int64_t>(s.size());
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(v.size()));
}

void BM_LoadDictionary(benchmark::State& state) {
  const std::string path = il::ChineseSegmenter::defaultDictPath();
  for (auto _ : state) {
    il::ChineseSegmenter s = il::ChineseSegmenter::load(path);
    benchmark::DoNotOptimize(s.wordCount());
  }
}
BENCHMARK(BM_LoadDictionary)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_SegmentChinese(benchmark::State& state) {
  const auto& v = texts().chinese;
  const auto& seg = jieba();
  for (auto _ : state)
    for (const auto& s : v) benchmark::DoNotOptimize(seg.cut(s));
  setRates(state, v);
}
BENCHMARK(BM_SegmentChinese)->Unit(benchmark::kMicrosecond);

void terms(benchmark::State& state, const std::vector<std::string>& v) {
  if (v.empty()) {
    state.SkipWithError("no texts (../shared absent?)");
    return;
  }
  jieba();
  for (auto _ : state)
    for (const auto& s : v) benchmark::DoNotOptimize(il::extractTerms(s));
  setRates(state, v);
}

void BM_ExtractTermsChinese(benchmark::State& state) { terms(state, texts().chinese); }
BENCHMARK(BM_ExtractTermsChinese)->Unit(benchmark::kMicrosecond);
void BM_ExtractTermsEnglish(benchmark::State& state) { terms(state, texts().english); }
BENCHMARK(BM_ExtractTermsEnglish)->Unit(benchmark::kMicrosecond);
void BM_ExtractTermsAmazonBeauty(benchmark::State& state) { terms(state, texts().beauty); }
BENCHMARK(BM_ExtractTermsAmazonBeauty)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
