#include "encode_job.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>

namespace il {

namespace {

using Clock = std::chrono::steady_clock;

std::string formatRate(int64_t done, int64_t total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string s = std::to_string(static_cast<int64_t>(rate)) + " texts/s";
  if (rate > 0 && total > done) {
    const auto eta = static_cast<int64_t>(static_cast<double>(total - done) / rate);
    s += ", ETA " + (eta >= 60 ? std::to_string(eta / 60) + " min " : std::string()) +
         std::to_string(eta % 60) + " s";
  }
  return s;
}

// Order of texts, longest first, so batches hold texts of similar length and the
// first progress report shows the slowest rate (the ETA then only improves).
std::vector<size_t> lengthOrder(const Encoder& encoder, const std::vector<std::string>& texts) {
  std::vector<int> lengths(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) lengths[i] = encoder.tokenCount(texts[i]);
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lengths[a] > lengths[b]; });
  return order;
}

}  // namespace

std::string settingsJson(const EncoderSettings& s) {
  QJsonObject o{{"kind", QString::fromStdString(s.kind)},
                {"model_dir", QString::fromStdString(s.modelDir)},
                {"pooling", QString::fromStdString(s.pooling)},
                {"max_length", s.maxLength},
                {"normalize", s.normalize},
                {"truncate", s.truncate}};
  return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

EncoderSettings settingsFromJson(const std::string& json) {
  const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
  EncoderSettings s;
  s.kind = o["kind"].toString(QString::fromStdString(s.kind)).toStdString();
  s.modelDir = o["model_dir"].toString().toStdString();
  s.pooling = o["pooling"].toString().toStdString();
  s.maxLength = o["max_length"].toInt(s.maxLength);
  s.normalize = o["normalize"].toInt(s.normalize);
  s.truncate = o["truncate"].toBool(s.truncate);
  return s;
}

Matrix encodeSorted(Encoder& encoder, const std::vector<std::string>& texts, int batchSize,
                    const std::function<bool(int64_t)>& onBatch) {
  const int dim = encoder.dimension();
  Matrix out{static_cast<int64_t>(texts.size()), dim, std::vector<float>(texts.size() * static_cast<size_t>(dim))};
  const std::vector<size_t> order = lengthOrder(encoder, texts);
  std::vector<std::string> batch;
  for (size_t start = 0; start < order.size(); start += static_cast<size_t>(batchSize)) {
    const size_t end = std::min(order.size(), start + static_cast<size_t>(batchSize));
    batch.clear();
    for (size_t k = start; k < end; ++k) batch.push_back(texts[order[k]]);
    const Matrix m = encoder.encode(batch);
    for (size_t k = start; k < end; ++k)
      std::memcpy(&out.data[order[k] * static_cast<size_t>(dim)], &m.data[(k - start) * static_cast<size_t>(dim)],
                  sizeof(float) * static_cast<size_t>(dim));
    if (onBatch && !onBatch(static_cast<int64_t>(end))) break;
  }
  return out;
}

EncodeStats encodeProject(Project& project, Encoder& encoder, const EncoderSettings& settings,
                          const JobControl* job, int chunkSize) {
  EncodeStats stats;
  VectorStore store(project);
  if (encoder.needsFit()) {
    // A corpus-fitted encoder (tfidf) learns from every text of the project; its id
    // then names that fit, so a changed corpus gets new vectors.
    if (job) job->report({0, 0, "Fitting " + settings.kind + " on the project's texts"});
    std::vector<std::string> corpus;
    for (auto& p : store.all()) corpus.push_back(std::move(p.text));
    encoder.fit(corpus);
  }
  const std::string id = encoder.id();
  store.registerEncoder(id, settings.kind, settingsJson(settings), encoder.dimension());
  if (job) job->report({0, 0, "Finding texts to encode"});
  std::vector<PendingText> pending = store.missing(id);
  stats.distinctTexts = store.distinctTexts();
  stats.alreadyEncoded = stats.distinctTexts - static_cast<int64_t>(pending.size());
  std::vector<std::string> texts;
  texts.reserve(pending.size());
  for (const auto& p : pending) texts.push_back(p.text);
  const std::vector<size_t> order = lengthOrder(encoder, texts);

  const auto start = Clock::now();
  const auto total = static_cast<int64_t>(pending.size());
  std::vector<std::string> chunkTexts, chunkHashes;
  for (size_t begin = 0; begin < order.size(); begin += static_cast<size_t>(chunkSize)) {
    if (job && job->cancelled()) {
      stats.cancelled = true;
      break;
    }
    const size_t end = std::min(order.size(), begin + static_cast<size_t>(chunkSize));
    chunkTexts.clear();
    chunkHashes.clear();
    for (size_t k = begin; k < end; ++k) {
      chunkTexts.push_back(texts[order[k]]);
      chunkHashes.push_back(pending[order[k]].hash);
    }
    const Matrix m = encoder.encode(chunkTexts);
    store.put(id, chunkHashes, m.data.data(), static_cast<int>(m.cols));
    stats.encoded = static_cast<int64_t>(end);
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (job) job->report({stats.encoded, total, "Encoding: " + formatRate(stats.encoded, total, stats.seconds)});
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

}  // namespace il
