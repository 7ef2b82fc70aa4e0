#include "bert_encoder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <exception>
#include <numeric>
#include <thread>

#include "hf_config.h"
#include "paths.h"
#include "safetensors.h"
#include "wordpiece_tokenizer.h"

namespace il {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw EncoderError(where + ": " + problem);
}

void addFile(QCryptographicHash& h, const QString& path) {
  QFile f(path);
  if (!f.exists()) return;
  if (!f.open(QIODevice::ReadOnly)) fail(path.toStdString(), "cannot read: " + f.errorString().toStdString());
  h.addData(QFileInfo(path).fileName().toUtf8());
  constexpr qint64 kMax = 64 * 1024 * 1024;  // tokenizer files are far smaller
  h.addData(f.read(kMax));
}

std::string folderHash(const SafetensorsFile& st, const QDir& dir) {
  QCryptographicHash h(QCryptographicHash::Sha256);
  const uint64_t size = st.fileSize();
  h.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
  h.addData(QByteArrayView(st.headerData(), static_cast<qsizetype>(st.headerSize())));
  const uint64_t dataSize = st.fileSize() - 8 - st.headerSize();
  const auto* data = reinterpret_cast<const char*>(st.mappedData());
  constexpr uint64_t kBlock = 64 * 1024, kBlocks = 256;
  if (dataSize <= kBlock * kBlocks) {
    h.addData(QByteArrayView(data, static_cast<qsizetype>(dataSize)));
  } else {
    for (uint64_t i = 0; i < kBlocks; ++i) {
      const uint64_t off = (dataSize - kBlock) * i / (kBlocks - 1);
      h.addData(QByteArrayView(data + off, static_cast<qsizetype>(kBlock)));
    }
  }
  for (const char* name : {"config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                           "special_tokens_map.json"})
    addFile(h, dir.filePath(QString::fromLatin1(name)));
  return h.result().toHex().left(16).toStdString();
}

}  // namespace

BertEncoder::BertEncoder(const EncoderSettings& settings, BertModel::Precision precision) {
  dir_ = settings.modelDir.empty() ? modelDirectory("bert") : settings.modelDir;
  QDir root(QString::fromStdString(dir_));
  if (!root.exists()) fail(dir_, "model folder does not exist");

  const SentenceTransformersInfo st = readSentenceTransformersInfo(dir_);
  QDir dir = root;
  if (!st.transformerDir.empty()) dir = QDir(root.filePath(QString::fromStdString(st.transformerDir)));
  const std::string d = dir.path().toStdString();

  const BertConfig cfg = BertConfig::fromFile(dir.filePath(QStringLiteral("config.json")).toStdString());

  // The tokenizer first: it is cheap, and a folder without one fails before the weights load.
  tokenizer_ = std::make_unique<WordPieceTokenizer>(WordPieceTokenizer::fromDirectory(d));
  padId_ = tokenizer_->padId();
  if (tokenizer_->vocabSize() > static_cast<size_t>(cfg.vocabSize))
    fail(d, "the tokenizer has " + std::to_string(tokenizer_->vocabSize()) +
                " tokens but config.json vocab_size is " + std::to_string(cfg.vocabSize));
  if (padId_ < 0 || padId_ >= cfg.vocabSize) padId_ = 0;

  const QString weights = dir.filePath(QStringLiteral("model.safetensors"));
  if (!QFileInfo::exists(weights)) {
    if (QFileInfo::exists(dir.filePath(QStringLiteral("pytorch_model.bin"))))
      fail(weights.toStdString(), "missing; only pytorch_model.bin is present — convert it to safetensors");
    fail(weights.toStdString(), "missing (the bert encoder reads weights from model.safetensors)");
  }
  std::unique_ptr<SafetensorsFile> file;
  try {
    file = SafetensorsFile::open(weights.toStdString());
  } catch (const SafetensorsError& e) {
    throw EncoderError(e.what());
  }
  try {
    model_ = BertModel::load(cfg, *file, precision);
  } catch (const EncoderError&) {
    throw;
  } catch (const std::exception& e) {  // libtorch errors, out of memory
    fail(weights.toStdString(), std::string("cannot load the weights: ") + e.what());
  }

  // Pooling and normalisation: explicit settings, else the sentence-transformers files, else mean/off.
  std::string pooling = settings.pooling.empty() ? st.pooling : settings.pooling;
  if (pooling.empty()) pooling = "mean";
  if (pooling == "mean") pooling_ = BertPooling::Mean;
  else if (pooling == "cls") pooling_ = BertPooling::Cls;
  else throw EncoderError("bert encoder: pooling \"" + pooling + "\" is not supported (mean or cls)");
  normalize_ = settings.normalize < 0 ? st.normalize : settings.normalize != 0;

  // Maximum length: explicit, else sentence_bert_config.json, else tokenizer_config.json, else
  // 512; never beyond max_position_embeddings.
  int maxLen = settings.maxLength;
  if (maxLen <= 0) maxLen = st.maxSeqLength;
  if (maxLen <= 0) maxLen = readTokenizerMaxLength(d);
  if (maxLen <= 0) maxLen = 512;
  maxLength_ = std::clamp(maxLen, 2, cfg.maxPositions);

  hash_ = folderHash(*file, dir);
  threads_ = settings.threads > 0
                 ? settings.threads
                 : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

BertEncoder::~BertEncoder() = default;

std::string BertEncoder::id() const {
  return "bert:" + hash_ + ":" + (pooling_ == BertPooling::Mean ? "mean" : "cls") + ":" +
         (normalize_ ? "norm" : "raw") + ":" + std::to_string(maxLength_) +
         (model_->precision() == BertModel::Precision::Int8 ? ":int8" : "");
}

int BertEncoder::dimension() const { return model_->config().hiddenSize; }

std::vector<int32_t> BertEncoder::tokenize(const std::string& text) const {
  return tokenizer_->encode(text, maxLength_).ids;
}

int BertEncoder::tokenCount(const std::string& text) const {
  return static_cast<int>(std::min<size_t>(tokenizer_->tokenCount(text), static_cast<size_t>(maxLength_)));
}

Matrix BertEncoder::encode(const std::vector<std::string>& texts) {
  std::vector<std::vector<int32_t>> ids(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) tokenizer_->encodeInto(texts[i], ids[i], maxLength_);
  return encodeIds(ids);
}

Matrix BertEncoder::encodeIds(const std::vector<std::vector<int32_t>>& ids) const {
  const int64_t H = dimension();
  const int64_t n = static_cast<int64_t>(ids.size());
  Matrix out{n, H, std::vector<float>(static_cast<size_t>(n * H))};
  if (n == 0) return out;
  for (const auto& s : ids) {
    if (s.empty()) throw EncoderError("bert encoder: a text produced no tokens");
    if (static_cast<int64_t>(s.size()) > model_->config().maxPositions)
      throw EncoderError("bert encoder: " + std::to_string(s.size()) +
                         " tokens exceed max_position_embeddings");
  }
  // Longest first: the biggest batches start first (better balance across workers), and each
  // batch holds texts of similar length, so little compute goes to padding.
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  auto len = [&](int64_t i) { return static_cast<int64_t>(ids[static_cast<size_t>(i)].size()); };
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return len(a) > len(b); });

  // Batches: up to kBatchSize texts, fewer when the attention scores would get large, and
  // small enough that every worker gets one when there are few texts.
  const int threads = static_cast<int>(std::min<int64_t>(threads_, n));
  const int64_t perWorker = (n + threads - 1) / threads;
  const int64_t heads = model_->config().numHeads;
  struct Batch {
    int64_t start, size, seq;
  };
  std::vector<Batch> batches;
  for (int64_t start = 0; start < n;) {
    const int64_t seq = len(order[static_cast<size_t>(start)]);
    const int64_t cap = std::max<int64_t>(1, kMaxScoreFloats / (heads * seq * seq));
    const int64_t b = std::min<int64_t>({kBatchSize, cap, perWorker, n - start});
    batches.push_back({start, b, seq});
    start += b;
  }

  auto runBatch = [&](const Batch& batch, std::vector<int64_t>& batchIds, std::vector<int64_t>& mask,
                      std::vector<float>& rows) {
    const int64_t b = batch.size, seq = batch.seq;
    batchIds.assign(static_cast<size_t>(b * seq), padId_);
    mask.assign(static_cast<size_t>(b * seq), 0);
    for (int64_t i = 0; i < b; ++i) {
      const auto& s = ids[static_cast<size_t>(order[static_cast<size_t>(batch.start + i)])];
      for (size_t t = 0; t < s.size(); ++t) {
        batchIds[static_cast<size_t>(i * seq) + t] = s[t];
        mask[static_cast<size_t>(i * seq) + t] = 1;
      }
    }
    rows.resize(static_cast<size_t>(b * H));
    model_->pooled(batchIds, mask, b, seq, pooling_, normalize_, rows.data());
    for (int64_t i = 0; i < b; ++i)
      std::copy_n(rows.begin() + i * H, H, out.data.begin() + order[static_cast<size_t>(batch.start + i)] * H);
  };

  // Worker threads (the caller only waits) each compute whole batches single-threaded (see
  // bert_model.h for why); BLAS is held to one thread meanwhile and restored afterwards.
  const int prevBlas = blasThreads();
  if (prevBlas != 1) setBlasThreads(1);
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    useOneTorchThreadHere();
    std::vector<int64_t> batchIds, mask;
    std::vector<float> rows;
    try {
      for (size_t i; !failed && (i = next.fetch_add(1)) < batches.size();) runBatch(batches[i], batchIds, mask, rows);
    } catch (...) {
      if (!failed.exchange(true)) error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads && static_cast<size_t>(t) < batches.size(); ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  if (prevBlas > 1) setBlasThreads(prevBlas);
  if (error) {
    try {
      std::rethrow_exception(error);
    } catch (const EncoderError&) {
      throw;
    } catch (const std::exception& e) {  // libtorch errors, out of memory
      throw EncoderError(std::string("bert encoder: ") + e.what());
    }
  }
  return out;
}

}  // namespace il
