#include "hf_config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

#include "encoder.h"

namespace il {

namespace {

constexpr qint64 kMaxJsonBytes = 16 * 1024 * 1024;

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw EncoderError(where + ": " + problem);
}

QJsonObject readJsonObject(const QString& path) {
  const std::string where = path.toStdString();
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) fail(where, "cannot read: " + f.errorString().toStdString());
  if (f.size() > kMaxJsonBytes)
    fail(where, "file is " + std::to_string(f.size()) + " bytes; a config file this large is not plausible");
  // Only what the file holds (read(kMax + 1) would allocate 16 MiB for every small config).
  const QByteArray bytes = f.read(std::min(f.size(), kMaxJsonBytes) + 1);
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
  if (err.error != QJsonParseError::NoError)
    fail(where, "not valid JSON: " + err.errorString().toStdString() + " at byte " +
                    std::to_string(err.offset));
  if (!doc.isObject()) fail(where, "expected a JSON object");
  return doc.object();
}

QJsonArray readJsonArray(const QString& path) {
  const std::string where = path.toStdString();
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) fail(where, "cannot read: " + f.errorString().toStdString());
  if (f.size() > kMaxJsonBytes) fail(where, "file too large");
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.read(std::min(f.size(), kMaxJsonBytes) + 1), &err);
  if (err.error != QJsonParseError::NoError)
    fail(where, "not valid JSON: " + err.errorString().toStdString() + " at byte " +
                    std::to_string(err.offset));
  if (!doc.isArray()) fail(where, "expected a JSON array");
  return doc.array();
}

// A whole number in [lo, hi] under `key`; `def` when absent and def >= lo.
int intField(const QJsonObject& o, const char* key, long long lo, long long hi, const std::string& where,
             long long def = -1) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) {
    if (def >= lo) return static_cast<int>(def);
    fail(where, std::string("missing \"") + key + "\"");
  }
  const double d = v.toDouble(std::nan(""));
  if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d))
    fail(where, std::string("\"") + key + "\" must be a whole number");
  if (d < static_cast<double>(lo) || d > static_cast<double>(hi))
    fail(where, std::string("\"") + key + "\" = " + QString::number(d, 'g', 15).toStdString() +
                    " is outside the plausible range [" + std::to_string(lo) + ", " +
                    std::to_string(hi) + "]");
  return static_cast<int>(d);
}

bool safeRelative(const QString& p) {
  return !QDir::isAbsolutePath(p) && !p.split(QLatin1Char('/')).contains(QStringLiteral(".."));
}

}  // namespace

BertConfig BertConfig::fromFile(const std::string& path) {
  const QString qpath = QString::fromStdString(path);
  if (!QFileInfo::exists(qpath)) fail(path, "missing (a Hugging Face model folder needs config.json)");
  const QJsonObject o = readJsonObject(qpath);
  BertConfig c;
  const QJsonValue mt = o.value(QLatin1String("model_type"));
  if (mt.isString()) c.modelType = mt.toString().toStdString();
  c.vocabSize = intField(o, "vocab_size", 1, kMaxVocab, path);
  c.hiddenSize = intField(o, "hidden_size", 1, kMaxHidden, path);
  c.numLayers = intField(o, "num_hidden_layers", 1, kMaxLayers, path);
  c.numHeads = intField(o, "num_attention_heads", 1, kMaxHidden, path);
  c.intermediateSize = intField(o, "intermediate_size", 1, kMaxIntermediate, path);
  c.maxPositions = intField(o, "max_position_embeddings", 1, kMaxPositions, path);
  c.typeVocabSize = intField(o, "type_vocab_size", 1, kMaxTypeVocab, path, 2);
  c.padTokenId = intField(o, "pad_token_id", 0, kMaxVocab, path, 0);
  const QJsonValue act = o.value(QLatin1String("hidden_act"));
  if (!act.isUndefined()) {
    if (!act.isString()) fail(path, "\"hidden_act\" must be a string");
    c.hiddenAct = act.toString().toStdString();
  }
  const QJsonValue eps = o.value(QLatin1String("layer_norm_eps"));
  if (!eps.isUndefined()) {
    if (!eps.isDouble()) fail(path, "\"layer_norm_eps\" must be a number");
    c.layerNormEps = eps.toDouble();
  }
  const QJsonValue pet = o.value(QLatin1String("position_embedding_type"));
  if (pet.isString() && pet.toString() != QLatin1String("absolute"))
    fail(path, "position_embedding_type \"" + pet.toString().toStdString() +
                   "\" is not supported (only \"absolute\")");
  c.validate(path);
  return c;
}

void BertConfig::validate(const std::string& where) const {
  static const char* const kTypes[] = {"bert", ""};  // BGE, E5, GTE v1, MiniLM, text2vec: "bert"
  bool typeOk = false;
  for (const char* t : kTypes) typeOk |= modelType == t;
  if (!typeOk)
    fail(where, "model_type \"" + modelType +
                    "\" is not supported by the bert encoder (BERT-family checkpoints only)");
  auto range = [&](const char* name, long long v, long long lo, long long hi) {
    if (v < lo || v > hi)
      fail(where, std::string(name) + " = " + std::to_string(v) + " is outside the plausible range [" +
                      std::to_string(lo) + ", " + std::to_string(hi) + "]");
  };
  range("vocab_size", vocabSize, 1, kMaxVocab);
  range("hidden_size", hiddenSize, 1, kMaxHidden);
  range("num_hidden_layers", numLayers, 1, kMaxLayers);
  range("num_attention_heads", numHeads, 1, hiddenSize);
  range("intermediate_size", intermediateSize, 1, kMaxIntermediate);
  range("max_position_embeddings", maxPositions, 1, kMaxPositions);
  range("type_vocab_size", typeVocabSize, 1, kMaxTypeVocab);
  if (hiddenSize % numHeads != 0)
    fail(where, "hidden_size " + std::to_string(hiddenSize) + " is not divisible by num_attention_heads " +
                    std::to_string(numHeads));
  if (!(layerNormEps > 0 && layerNormEps < 1))
    fail(where, "layer_norm_eps = " + std::to_string(layerNormEps) + " is outside (0, 1)");
  static const char* const kActs[] = {"gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu",
                                      "silu", "swish"};
  bool actOk = false;
  for (const char* a : kActs) actOk |= hiddenAct == a;
  if (!actOk)
    fail(where, "hidden_act \"" + hiddenAct +
                    "\" is not supported (gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu)");
}

SentenceTransformersInfo readSentenceTransformersInfo(const std::string& dir) {
  SentenceTransformersInfo info;
  const QDir d(QString::fromStdString(dir));
  const QString modulesPath = d.filePath(QStringLiteral("modules.json"));
  if (!QFileInfo::exists(modulesPath)) return info;
  info.present = true;
  const std::string where = modulesPath.toStdString();
  const QJsonArray modules = readJsonArray(modulesPath);
  QString poolingDir;
  bool haveTransformer = false;
  for (const QJsonValue& m : modules) {
    if (!m.isObject()) fail(where, "every module must be an object");
    const QJsonObject mo = m.toObject();
    const QString type = mo.value(QLatin1String("type")).toString();
    const QString path = mo.value(QLatin1String("path")).toString();
    if (!safeRelative(path)) fail(where, "module path \"" + path.toStdString() + "\" leaves the folder");
    if (type.endsWith(QLatin1String(".Transformer"))) {
      if (haveTransformer) fail(where, "more than one Transformer module");
      haveTransformer = true;
      info.transformerDir = path.toStdString();
    } else if (type.endsWith(QLatin1String(".Pooling"))) {
      poolingDir = path;
    } else if (type.endsWith(QLatin1String(".Normalize"))) {
      info.normalize = true;
    } else {
      fail(where, "module \"" + type.toStdString() + "\" (" + path.toStdString() +
                      ") is not supported; the bert encoder runs Transformer, Pooling and Normalize");
    }
  }
  if (!haveTransformer) fail(where, "no sentence_transformers.models.Transformer module listed");

  if (!poolingDir.isNull()) {
    const QString pc = QDir(d.filePath(poolingDir)).filePath(QStringLiteral("config.json"));
    if (QFileInfo::exists(pc)) {
      const QJsonObject o = readJsonObject(pc);
      auto flag = [&](const char* k) { return o.value(QLatin1String(k)).toBool(false); };
      const bool cls = flag("pooling_mode_cls_token"), mean = flag("pooling_mode_mean_tokens");
      for (const char* k : {"pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                            "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"})
        if (flag(k)) fail(pc.toStdString(), std::string(k) + " is not supported (mean or CLS pooling only)");
      if (cls && mean) fail(pc.toStdString(), "concatenated CLS + mean pooling is not supported");
      if (cls) info.pooling = "cls";
      if (mean) info.pooling = "mean";
    }
  }
  const QDir td(d.filePath(QString::fromStdString(info.transformerDir)));
  const QString sb = td.filePath(QStringLiteral("sentence_bert_config.json"));
  if (QFileInfo::exists(sb)) {
    const QJsonObject o = readJsonObject(sb);
    if (o.contains(QLatin1String("max_seq_length")) && !o.value(QLatin1String("max_seq_length")).isNull())
      info.maxSeqLength = intField(o, "max_seq_length", 1, BertConfig::kMaxPositions, sb.toStdString());
  }
  return info;
}

int readTokenizerMaxLength(const std::string& dir) {
  const QString p = QDir(QString::fromStdString(dir)).filePath(QStringLiteral("tokenizer_config.json"));
  if (!QFileInfo::exists(p)) return 0;
  const QJsonObject o = readJsonObject(p);
  const double v = o.value(QLatin1String("model_max_length")).toDouble(0);
  return (v >= 1 && v <= 1e6) ? static_cast<int>(v) : 0;
}

}  // namespace il
