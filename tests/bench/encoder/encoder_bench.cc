// Encoder throughput on real review texts: InterestLens' `bert` encoder on a MiniLM-L6-shaped
// model and `use-lite`, as texts/s and effective GFLOP/s. Writes the BERT token ids so that
// ort_bench.mjs runs ONNX Runtime on exactly the same inputs (see run_encoder_bench.sh).
// usage: encoder_bench BERT_DIR IDS_OUT.json [TEXTS=2000] [THREADS=2]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "bert_encoder.h"
#include "encoder.h"
#include "interestlens_core.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> reviewTexts(size_t n) {
  il::ImportOptions o;
  o.interactionFiles = {IL_SHARED_DIR "/data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz"};
  const il::ImportResult r = il::readImport(o);
  if (!r.ok) throw std::runtime_error("cannot read the Amazon reviews: " + r.error);
  std::vector<std::string> texts;
  for (const auto& t : r.data.texts) {
    if (texts.size() == n) break;
    texts.push_back(t.text);
  }
  return texts;
}

// Multiply-adds x2 of a BERT forward pass over sequences of the given lengths.
double bertFlops(const il::BertEncoder& enc, const std::vector<std::vector<int32_t>>& ids, int hidden,
                 int layers, int ffn) {
  double f = 0;
  for (const auto& s : ids) {
    const double t = static_cast<double>(s.size()), h = hidden;
    f += layers * (2 * t * 4 * h * h + 2 * t * 2 * h * ffn + 2 * 2 * t * t * h);
  }
  (void)enc;
  return f;
}

template <typename F>
double seconds(F&& f) {
  const auto t0 = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: encoder_bench BERT_DIR IDS_OUT.json [TEXTS] [THREADS]\n";
    return 2;
  }
  const size_t n = argc > 3 ? std::stoul(argv[3]) : 2000;
  const int threads = argc > 4 ? std::stoi(argv[4]) : 2;
  const std::vector<std::string> texts = reviewTexts(n);

  il::EncoderSettings bs;
  bs.kind = "bert";
  bs.modelDir = argv[1];
  bs.maxLength = 128;
  bs.threads = threads;
  il::BertEncoder bert(bs);
  std::vector<std::vector<int32_t>> ids;
  int64_t tokens = 0;
  for (const auto& t : texts) {
    ids.push_back(bert.tokenize(t));
    tokens += static_cast<int64_t>(ids.back().size());
  }
  {
    std::ofstream out(argv[2]);
    out << '[';
    for (size_t i = 0; i < ids.size(); ++i) {
      out << (i ? ",[" : "[");
      for (size_t k = 0; k < ids[i].size(); ++k) out << (k ? "," : "") << ids[i][k];
      out << ']';
    }
    out << "]\n";
  }
  const auto& cfg = bert.model().config();
  const double flops = bertFlops(bert, ids, cfg.hiddenSize, cfg.numLayers, cfg.intermediateSize);
  bert.encode(texts);  // warm-up
  const double tb = seconds([&] { bert.encode(texts); });
  std::printf("{\"engine\": \"interestlens bert\", \"texts\": %zu, \"tokens\": %lld, \"threads\": %d, "
              "\"seconds\": %.3f, \"texts_per_s\": %.1f, \"gflops\": %.1f}\n",
              texts.size(), static_cast<long long>(tokens), threads, tb, static_cast<double>(texts.size()) / tb,
              flops / tb / 1e9);

  il::EncoderSettings us;
  us.kind = "use-lite";
  us.threads = threads;
  try {
    auto use = il::createEncoder(us);
    use->encode(texts);
    const double tu = seconds([&] { use->encode(texts); });
    std::printf("{\"engine\": \"interestlens use-lite\", \"texts\": %zu, \"threads\": %d, \"seconds\": %.3f, "
                "\"texts_per_s\": %.1f}\n",
                texts.size(), threads, tu, static_cast<double>(texts.size()) / tu);
  } catch (const il::EncoderError& e) {
    std::printf("{\"engine\": \"interestlens use-lite\", \"error\": \"%s\"}\n", e.what());
  }
  return 0;
}
