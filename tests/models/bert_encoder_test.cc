// BERT encoder against ../shared/models/tiny-bert-synthetic/reference.json (golden outputs of
// ONNX Runtime on the same network). Tolerance: max abs error 1e-5 for every output (hidden
// states, mean-pooled, L2-normalised, CLS, pooler), as the reference suggests for float32.
// Also: padded batches equal one-by-one runs, pooling/normalisation options, sentence-transformers
// folders, tensor-name variants, and bad folders refused with a message naming file and problem.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <map>

#include "bert_encoder.h"
#include "bert_model.h"
#include "hf_config.h"
#include "safetensors.h"
#include "test_paths.h"
#include "wordpiece_tokenizer.h"

namespace {

constexpr double kTol = 1e-5;  // max abs error allowed against reference.json
const char* const kTiny = "models/tiny-bert-synthetic";

struct Entry {
  std::string name, dtype;
  std::vector<int64_t> shape;
  QByteArray bytes;
};

void writeSafetensors(const QString& path, const std::vector<Entry>& entries) {
  QJsonObject header;
  QByteArray data;
  for (const Entry& e : entries) {
    QJsonArray shape;
    for (int64_t d : e.shape) shape.append(static_cast<qint64>(d));
    QJsonObject o;
    o["dtype"] = QString::fromStdString(e.dtype);
    o["shape"] = shape;
    o["data_offsets"] = QJsonArray{static_cast<qint64>(data.size()),
                                   static_cast<qint64>(data.size() + e.bytes.size())};
    header[QString::fromStdString(e.name)] = o;
    data += e.bytes;
  }
  QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
  while (h.size() % 8) h += ' ';
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  const uint64_t n = static_cast<uint64_t>(h.size());
  f.write(reinterpret_cast<const char*>(&n), 8);
  f.write(h);
  f.write(data);
}

// The tiny model's tensors, as F32 entries (or BF16), renamed/dropped/reshaped by `edit`.
std::vector<Entry> tinyEntries(const std::function<bool(Entry&)>& edit, bool bf16 = false) {
  const auto f = il::SafetensorsFile::open(
      il::test::sharedPath(QStringLiteral("%1/model.safetensors").arg(kTiny)).toStdString());
  std::vector<Entry> out;
  for (const std::string& name : f->names()) {
    const std::vector<float> v = f->toFloat(name);
    Entry e{name, bf16 ? "BF16" : "F32", f->at(name).shape, {}};
    if (bf16) {
      for (float x : v) {
        uint32_t bits;
        std::memcpy(&bits, &x, 4);
        const uint16_t b = static_cast<uint16_t>((bits + 0x7fff + ((bits >> 16) & 1)) >> 16);
        e.bytes.append(reinterpret_cast<const char*>(&b), 2);
      }
    } else {
      e.bytes = QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size() * 4));
    }
    if (edit && !edit(e)) continue;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<double> numbers(const QJsonValue& v) {
  std::vector<double> out;
  for (const QJsonValue& x : v.toArray()) out.push_back(x.toDouble());
  return out;
}

double maxAbs(const float* a, const std::vector<double>& b) {
  double m = 0;
  for (size_t i = 0; i < b.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - b[i]));
  return m;
}

}  // namespace

class BertEncoderTest : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QJsonArray sentences_;
  int folders_ = 0;

  QString tiny(const QString& file = {}) const {
    return il::test::sharedPath(file.isEmpty() ? QString::fromLatin1(kTiny)
                                               : QStringLiteral("%1/%2").arg(kTiny, file));
  }
  std::vector<int64_t> ids(int i) const {
    std::vector<int64_t> v;
    for (const QJsonValue& x : sentences_[i].toObject()["input_ids"].toArray()) v.push_back(x.toInteger());
    return v;
  }
  std::vector<double> ref(int i, const char* key) const { return numbers(sentences_[i].toObject()[key]); }

  il::EncoderSettings settings(const QString& dir, const std::string& pooling = {}, int normalize = -1) {
    il::EncoderSettings s;
    s.kind = "bert";
    s.modelDir = dir.toStdString();
    s.pooling = pooling;
    s.normalize = normalize;
    return s;
  }

  // A model folder in tmp: tokenizer files linked from tiny-bert, config.json edited by
  // `editConfig`, model.safetensors linked or written from `entries`.
  QString makeFolder(const std::function<void(QJsonObject&)>& editConfig = {},
                     const std::vector<Entry>* entries = nullptr, bool withConfig = true,
                     bool withWeights = true) {
    const QString dir = tmp_.filePath(QStringLiteral("m%1").arg(++folders_));
    QDir().mkpath(dir);
    for (const char* f : {"vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"})
      QFile::link(tiny(QString::fromLatin1(f)), QDir(dir).filePath(QString::fromLatin1(f)));
    if (withConfig) {
      QFile in(tiny(QStringLiteral("config.json")));
      in.open(QIODevice::ReadOnly);
      QJsonObject cfg = QJsonDocument::fromJson(in.readAll()).object();
      if (editConfig) editConfig(cfg);
      QFile out(QDir(dir).filePath(QStringLiteral("config.json")));
      out.open(QIODevice::WriteOnly);
      out.write(QJsonDocument(cfg).toJson());
    }
    if (withWeights) {
      if (entries) writeSafetensors(QDir(dir).filePath(QStringLiteral("model.safetensors")), *entries);
      else QFile::link(tiny(QStringLiteral("model.safetensors")), QDir(dir).filePath(QStringLiteral("model.safetensors")));
    }
    return dir;
  }

  void expectRefused(const QString& dir, const std::vector<std::string>& needles) {
    QElapsedTimer t;
    t.start();
    try {
      il::BertEncoder enc(settings(dir));
      QFAIL("a bad model folder was accepted");
    } catch (const il::EncoderError& e) {
      const std::string msg = e.what();
      qInfo("refused in %lld ms: %s", static_cast<long long>(t.elapsed()), msg.c_str());
      for (const std::string& n : needles) QVERIFY2(msg.find(n) != std::string::npos, (n + " not in: " + msg).c_str());
    }
    QVERIFY(t.elapsed() < 2000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QFile f(tiny(QStringLiteral("reference.json")));
    if (f.open(QIODevice::ReadOnly)) sentences_ = QJsonDocument::fromJson(f.readAll()).object()["sentences"].toArray();
  }

  // Each sentence alone (batch 1, no padding), straight through BertModel.
  void forwardMatchesReference() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    QCOMPARE(sentences_.size(), 8);
    const auto file = il::SafetensorsFile::open(tiny(QStringLiteral("model.safetensors")).toStdString());
    const il::BertConfig cfg = il::BertConfig::fromFile(tiny(QStringLiteral("config.json")).toStdString());
    const auto model = il::BertModel::load(cfg, *file);
    QVERIFY(model->hasPooler());
    QCOMPARE(model->tensorPrefix(), std::string());
    const int64_t H = 32;
    std::map<std::string, double> worst;
    int hiddenChecked = 0;
    for (int i = 0; i < sentences_.size(); ++i) {
      const std::vector<int64_t> id = ids(i);
      const int64_t S = static_cast<int64_t>(id.size());
      const auto out = model->forward(id, std::vector<int64_t>(id.size(), 1), 1, S);
      QCOMPARE(out.lastHidden.size(), size_t(S * H));
      if (sentences_[i].toObject().contains("last_hidden_state")) {
        const QJsonArray rows = sentences_[i].toObject()["last_hidden_state"].toArray();
        QCOMPARE(rows.size(), S);
        for (int t = 0; t < S; ++t)
          worst["hidden"] = std::max(worst["hidden"], maxAbs(&out.lastHidden[size_t(t * H)], numbers(rows[t])));
        ++hiddenChecked;
      }
      worst["cls"] = std::max(worst["cls"], maxAbs(out.lastHidden.data(), ref(i, "cls_last_hidden_state")));
      worst["pooler"] = std::max(worst["pooler"], maxAbs(out.pooler.data(), ref(i, "pooler_output")));
      std::vector<double> mean(H, 0.0);
      for (int64_t t = 0; t < S; ++t)
        for (int64_t h = 0; h < H; ++h) mean[size_t(h)] += out.lastHidden[size_t(t * H + h)];
      double norm = 0;
      for (double& m : mean) {
        m /= double(S);
        norm += m * m;
      }
      norm = std::sqrt(norm);
      const std::vector<double> refMean = ref(i, "mean_pooled"), refNorm = ref(i, "mean_pooled_l2_normalized");
      for (int64_t h = 0; h < H; ++h) {
        worst["mean"] = std::max(worst["mean"], std::fabs(mean[size_t(h)] - refMean[size_t(h)]));
        worst["normalized"] = std::max(worst["normalized"], std::fabs(mean[size_t(h)] / norm - refNorm[size_t(h)]));
      }
    }
    QVERIFY(hiddenChecked >= 2);
    for (const auto& [kind, err] : worst) {
      qInfo("forward: max abs error %-10s %.3g (tolerance %.0e)", kind.c_str(), err, kTol);
      QVERIFY2(err < kTol, kind.c_str());
    }
  }

  // All sentences in one right-padded batch equal the one-by-one runs, at every real position.
  void paddedBatchEqualsOneByOne() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    const auto file = il::SafetensorsFile::open(tiny(QStringLiteral("model.safetensors")).toStdString());
    const auto model = il::BertModel::load(il::BertConfig::fromFile(tiny(QStringLiteral("config.json")).toStdString()), *file);
    const int64_t B = sentences_.size(), H = 32;
    int64_t S = 0;
    for (int i = 0; i < B; ++i) S = std::max<int64_t>(S, int64_t(ids(i).size()));
    std::vector<int64_t> batchIds(size_t(B * S), 0), mask(size_t(B * S), 0);
    for (int i = 0; i < B; ++i) {
      const auto id = ids(i);
      for (size_t t = 0; t < id.size(); ++t) {
        batchIds[size_t(i * S) + t] = id[t];
        mask[size_t(i * S) + t] = 1;
      }
    }
    const auto batch = model->forward(batchIds, mask, B, S);
    double worst = 0, worstPooler = 0;
    for (int i = 0; i < B; ++i) {
      const auto id = ids(i);
      const auto one = model->forward(id, std::vector<int64_t>(id.size(), 1), 1, int64_t(id.size()));
      for (size_t k = 0; k < one.lastHidden.size(); ++k)
        worst = std::max(worst, double(std::fabs(one.lastHidden[k] - batch.lastHidden[size_t(i * S * H) + k])));
      for (int64_t h = 0; h < H; ++h)
        worstPooler = std::max(worstPooler, double(std::fabs(one.pooler[size_t(h)] - batch.pooler[size_t(i * H + h)])));
    }
    qInfo("padded batch vs one-by-one: hidden %.3g, pooler %.3g", worst, worstPooler);
    QVERIFY(worst < kTol);
    QVERIFY(worstPooler < kTol);
  }

  // BertEncoder on the reference ids: mean, mean + L2, CLS; the batch path equals one-by-one.
  void encoderPoolingOptions() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    std::vector<std::vector<int32_t>> all;
    for (int i = 0; i < sentences_.size(); ++i) {
      const auto id = ids(i);
      all.emplace_back(id.begin(), id.end());
    }
    struct Case {
      std::string pooling;
      int normalize;
      const char* key;
    };
    for (const Case& c : {Case{"", -1, "mean_pooled"}, Case{"mean", 0, "mean_pooled"},
                          Case{"mean", 1, "mean_pooled_l2_normalized"}, Case{"cls", 0, "cls_last_hidden_state"}}) {
      il::BertEncoder enc(settings(tiny(), c.pooling, c.normalize));
      QCOMPARE(enc.dimension(), 32);
      const il::Matrix m = enc.encodeIds(all);
      QCOMPARE(m.rows, int64_t(all.size()));
      double worst = 0, worstOne = 0;
      for (int i = 0; i < sentences_.size(); ++i) {
        worst = std::max(worst, maxAbs(&m.data[size_t(i * 32)], ref(i, c.key)));
        const il::Matrix one = enc.encodeIds({all[size_t(i)]});
        for (int h = 0; h < 32; ++h) worstOne = std::max(worstOne, double(std::fabs(one.at(0, h) - m.at(i, h))));
      }
      qInfo("encoder %-4s normalize=%2d vs %-27s max abs error %.3g; batch vs one-by-one %.3g",
            c.pooling.c_str(), c.normalize, c.key, worst, worstOne);
      QVERIFY(worst < kTol);
      QVERIFY(worstOne < kTol);
    }
  }

  // Text -> tokenizer -> ids -> vectors: ids equal the reference, vectors within tolerance.
  void textsThroughTokenizer() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    il::BertEncoder enc(settings(tiny()));
    QCOMPARE(enc.maxLength(), 512);  // tokenizer_config model_max_length; reference truncates at 128
    il::EncoderSettings s = settings(tiny());
    s.maxLength = 128;
    il::BertEncoder enc128(s);
    std::vector<std::string> texts;
    for (int i = 0; i < sentences_.size(); ++i) {
      texts.push_back(sentences_[i].toObject()["text"].toString().toStdString());
      const auto id = ids(i);
      QCOMPARE(enc128.tokenize(texts.back()), std::vector<int32_t>(id.begin(), id.end()));
      QCOMPARE(enc128.tokenCount(texts.back()), int(id.size()));
    }
    // Shuffled order and duplicates: rows still come back in input order.
    std::vector<int> order = {7, 0, 3, 5, 1, 6, 2, 4, 0, 7};
    std::vector<std::string> shuffled;
    for (int i : order) shuffled.push_back(texts[size_t(i)]);
    const il::Matrix m = enc128.encode(shuffled);
    QCOMPARE(m.rows, int64_t(order.size()));
    double worst = 0;
    for (size_t r = 0; r < order.size(); ++r) worst = std::max(worst, maxAbs(&m.data[r * 32], ref(order[r], "mean_pooled")));
    qInfo("texts -> vectors (mean): max abs error %.3g", worst);
    QVERIFY(worst < kTol);
    QCOMPARE(enc128.encode({}).rows, int64_t(0));
  }

  // Many texts of mixed lengths over several batches and workers: the same rows, in input order,
  // as one text at a time on one thread.
  void workersAndBatchesKeepOrder() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    std::vector<std::string> texts;
    for (int r = 0; r < 12; ++r)
      for (int i = 0; i < sentences_.size(); ++i)
        texts.push_back(std::string(size_t(r % 4), ' ') + sentences_[(i * 5 + r) % 8].toObject()["text"].toString().toStdString() +
                        (r % 3 ? " and again " + std::to_string(r) : std::string()));
    il::EncoderSettings one = settings(tiny());
    one.threads = 1;
    il::EncoderSettings three = settings(tiny());
    three.threads = 3;
    il::BertEncoder a(one), b(three);
    QCOMPARE(b.threads(), 3);
    const il::Matrix many = b.encode(texts);
    QCOMPARE(many.rows, int64_t(texts.size()));
    double worst = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      const il::Matrix single = a.encode({texts[i]});
      for (int h = 0; h < 32; ++h) worst = std::max(worst, double(std::fabs(single.at(0, h) - many.at(int64_t(i), h))));
    }
    qInfo("%zu texts, 3 workers, batches vs one at a time: max abs difference %.3g", texts.size(), worst);
    QVERIFY(worst < kTol);
  }

  void sentenceTransformersFolder() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    const QString dir = makeFolder();
    QDir(dir).mkpath(QStringLiteral("1_Pooling"));
    QDir(dir).mkpath(QStringLiteral("2_Normalize"));
    auto write = [&](const QString& rel, const QByteArray& text) {
      QFile f(QDir(dir).filePath(rel));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text);
    };
    write(QStringLiteral("modules.json"), R"([
      {"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},
      {"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"},
      {"idx":2,"name":"2","path":"2_Normalize","type":"sentence_transformers.models.Normalize"}])");
    write(QStringLiteral("1_Pooling/config.json"),
          R"({"word_embedding_dimension":32,"pooling_mode_cls_token":true,"pooling_mode_mean_tokens":false,
              "pooling_mode_max_tokens":false,"pooling_mode_mean_sqrt_len_tokens":false})");
    write(QStringLiteral("sentence_bert_config.json"), R"({"max_seq_length":128,"do_lower_case":false})");
    il::BertEncoder enc(settings(dir));
    QCOMPARE(enc.pooling(), il::BertPooling::Cls);
    QVERIFY(enc.normalize());
    QCOMPARE(enc.maxLength(), 128);
    QVERIFY(enc.id().find(":cls:norm:128") != std::string::npos);
    const il::Matrix m = enc.encode({sentences_[0].toObject()["text"].toString().toStdString(),
                                     sentences_[7].toObject()["text"].toString().toStdString()});
    for (int r = 0; r < 2; ++r) {
      std::vector<double> cls = ref(r == 0 ? 0 : 7, "cls_last_hidden_state");
      double n = 0;
      for (double x : cls) n += x * x;
      for (double& x : cls) x /= std::sqrt(n);
      QVERIFY(maxAbs(&m.data[size_t(r * 32)], cls) < kTol);
    }
    // Explicit settings win over the folder's choice.
    il::BertEncoder mean(settings(dir, "mean", 0));
    QCOMPARE(mean.pooling(), il::BertPooling::Mean);
    QVERIFY(!mean.normalize());
    QVERIFY(mean.id() != enc.id());

    // A pipeline with a module the encoder cannot run is refused rather than silently different.
    write(QStringLiteral("modules.json"), R"([
      {"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},
      {"idx":1,"name":"1","path":"2_Dense","type":"sentence_transformers.models.Dense"}])");
    expectRefused(dir, {"modules.json", "Dense", "not supported"});
  }

  void tensorNameVariantsAndBf16() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    // "bert." prefix and LayerNorm gamma/beta (older checkpoints): identical results.
    const auto renamed = tinyEntries([](Entry& e) {
      auto replaceEnd = [&](const std::string& from, const std::string& to) {
        if (e.name.size() > from.size() && e.name.compare(e.name.size() - from.size(), from.size(), from) == 0)
          e.name = e.name.substr(0, e.name.size() - from.size()) + to;
      };
      replaceEnd("LayerNorm.weight", "LayerNorm.gamma");
      replaceEnd("LayerNorm.bias", "LayerNorm.beta");
      e.name = "bert." + e.name;
      return true;
    });
    il::BertEncoder enc(settings(makeFolder({}, &renamed)));
    QCOMPARE(enc.model().tensorPrefix(), std::string("bert."));
    il::BertEncoder base(settings(tiny()));
    const std::vector<std::vector<int32_t>> one = {{101, 7592, 102}};
    const il::Matrix a = enc.encodeIds(one), b = base.encodeIds(one);
    QCOMPARE(a.data, b.data);
    QCOMPARE(enc.id() == base.id(), false);  // different file bytes, different id

    // BF16 weights convert to float: close to the reference, not exact.
    const auto bf = tinyEntries({}, true);
    il::BertEncoder enc16(settings(makeFolder({}, &bf)));
    const double err = maxAbs(enc16.encodeIds(one).data.data(), ref(5, "mean_pooled"));
    qInfo("BF16 weights: max abs error vs F32 reference %.3g", err);
    QVERIFY(err < 0.1);
  }

  // The opt-in int8 mode: labelled in the id, close to float32 (not within kTol).
  void int8Mode() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/reference.json");
    il::EncoderSettings s = settings(tiny());
    s.kind = "bert-int8";
    s.maxLength = 128;
    const auto enc = il::createEncoder(s);
    QVERIFY(enc->id().size() > 5 && enc->id().substr(enc->id().size() - 5) == ":int8");
    std::vector<std::string> texts;
    for (int i = 0; i < sentences_.size(); ++i) texts.push_back(sentences_[i].toObject()["text"].toString().toStdString());
    const il::Matrix m = enc->encode(texts);
    double worstCos = 1, worstAbs = 0;
    for (int i = 0; i < sentences_.size(); ++i) {
      const std::vector<double> r = ref(i, "mean_pooled");
      double dot = 0, na = 0, nb = 0;
      for (int h = 0; h < 32; ++h) {
        dot += m.at(i, h) * r[size_t(h)];
        na += double(m.at(i, h)) * m.at(i, h);
        nb += r[size_t(h)] * r[size_t(h)];
        worstAbs = std::max(worstAbs, std::fabs(m.at(i, h) - r[size_t(h)]));
      }
      worstCos = std::min(worstCos, dot / std::sqrt(na * nb));
    }
    qInfo("int8 vs float32 reference (mean): min cosine %.5f, max abs error %.3g", worstCos, worstAbs);
    QVERIFY(worstCos > 0.99);
  }

  void idIsStable() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/model.safetensors");
    il::BertEncoder a(settings(tiny())), b(settings(tiny()));
    QCOMPARE(a.id(), b.id());
    QVERIFY(a.id().rfind("bert:", 0) == 0);
    QCOMPARE(a.id().size(), std::string("bert:0123456789abcdef:mean:raw:512").size());
    il::BertEncoder c(settings(tiny(), "cls"));
    QVERIFY(a.id() != c.id());
    il::EncoderSettings s = settings(tiny());
    s.maxLength = 64;
    QVERIFY(il::BertEncoder(s).id() != a.id());
  }

  void factory() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/model.safetensors");
    const auto enc = il::createEncoder(settings(tiny()));
    QCOMPARE(enc->dimension(), 32);
    QVERIFY(enc->id().rfind("bert:", 0) == 0);
    il::EncoderSettings s;
    s.kind = "no-such-kind";
    try {
      il::createEncoder(s);
      QFAIL("unknown kind accepted");
    } catch (const il::EncoderError& e) {
      QVERIFY(std::string(e.what()).find("unknown encoder kind") != std::string::npos);
    }
  }

  void rejectsBadFolders() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/model.safetensors");
    expectRefused(tmp_.filePath(QStringLiteral("does-not-exist")), {"does-not-exist", "does not exist"});
    expectRefused(makeFolder({}, nullptr, false), {"config.json", "missing"});
    expectRefused(makeFolder({}, nullptr, true, false), {"model.safetensors", "missing"});
    expectRefused(makeFolder([](QJsonObject& c) { c["num_hidden_layers"] = 1e9; }),
                  {"config.json", "num_hidden_layers", "plausible"});
    expectRefused(makeFolder([](QJsonObject& c) { c["hidden_size"] = 30; }),
                  {"config.json", "not divisible by num_attention_heads"});
    expectRefused(makeFolder([](QJsonObject& c) { c["hidden_size"] = "32"; }), {"config.json", "hidden_size"});
    expectRefused(makeFolder([](QJsonObject& c) { c.remove("num_attention_heads"); }),
                  {"config.json", "missing \"num_attention_heads\""});
    expectRefused(makeFolder([](QJsonObject& c) { c["hidden_act"] = "mish"; }), {"config.json", "hidden_act"});
    expectRefused(makeFolder([](QJsonObject& c) { c["layer_norm_eps"] = -1; }), {"layer_norm_eps"});
    expectRefused(makeFolder([](QJsonObject& c) { c["model_type"] = "roberta"; }), {"roberta"});
    expectRefused(makeFolder([](QJsonObject& c) { c["position_embedding_type"] = "relative_key"; }),
                  {"relative_key"});
    // Plausible config, but the tensors cannot hold it: refused by the shape check, not allocated.
    expectRefused(makeFolder([](QJsonObject& c) {
                    c["num_hidden_layers"] = 200;
                    c["hidden_size"] = 16384;
                    c["num_attention_heads"] = 16;
                  }),
                  {"model.safetensors", "embeddings.word_embeddings.weight", "shape"});
    expectRefused(makeFolder([](QJsonObject& c) { c["num_hidden_layers"] = 3; }),
                  {"model.safetensors", "missing tensor \"encoder.layer.2.attention.self.query.weight\""});
    expectRefused(makeFolder([](QJsonObject& c) { c["intermediate_size"] = 65; }),
                  {"model.safetensors", "encoder.layer.0.intermediate.dense.weight", "[64, 32]", "[65, 32]"});

    const auto noValue = tinyEntries([](Entry& e) { return e.name != "encoder.layer.1.attention.self.value.bias"; });
    expectRefused(makeFolder({}, &noValue), {"missing tensor \"encoder.layer.1.attention.self.value.bias\""});
    const auto badShape = tinyEntries([](Entry& e) {
      if (e.name == "encoder.layer.1.output.dense.weight") e.shape = {64, 32};
      return true;
    });
    expectRefused(makeFolder({}, &badShape), {"encoder.layer.1.output.dense.weight", "[64, 32]", "[32, 64]"});
    const auto noWords = tinyEntries([](Entry& e) { return e.name != "embeddings.word_embeddings.weight"; });
    expectRefused(makeFolder({}, &noWords), {"embeddings.word_embeddings.weight", "missing"});

    // A hostile weights file inside an otherwise good folder.
    const QString dir = makeFolder({}, nullptr, true, false);
    QFile f(QDir(dir).filePath(QStringLiteral("model.safetensors")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const uint64_t huge = uint64_t(1) << 60;
    f.write(reinterpret_cast<const char*>(&huge), 8);
    f.write("{}");
    f.close();
    expectRefused(dir, {"model.safetensors", "header length"});
  }

  void rejectsBadInput() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/model.safetensors");
    il::BertEncoder enc(settings(tiny()));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, enc.model().forward({101, 40000, 102}, {1, 1, 1}, 1, 3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, enc.model().forward({101, 102}, {1, 1, 1}, 1, 3));
    std::vector<int64_t> longIds(513, 101);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, enc.model().forward(longIds, std::vector<int64_t>(513, 1), 1, 513));
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, enc.encodeIds({{}}));
  }
};

QTEST_APPLESS_MAIN(BertEncoderTest)
#include "bert_encoder_test.moc"
