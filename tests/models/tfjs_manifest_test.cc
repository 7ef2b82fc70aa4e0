// TF.js weights-manifest reader: synthetic model.json + shards (dtypes, quantisation, a weight spanning
// two shards, bounds checks naming the file), and the installed USE-Lite package when present.
#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <vector>

#include "encoder.h"
#include "paths.h"
#include "tfjs_manifest.h"
#include "test_paths.h"

namespace {

QByteArray floats(const std::vector<float>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size() * 4));
}
QByteArray ints(const std::vector<int32_t>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size() * 4));
}
void write(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QCOMPARE(f.write(bytes), bytes.size());
}

// One group: "w" float32 [2,3], "c" int32 [2], "q" uint8-quantised [3], "h" float16 [2], "s" scalar
// float32; 24 + 8 + 3 + 4 + 4 = 43 bytes split over shards of 20 + 23 bytes.
const char* kModelJson = R"({"modelTopology": {}, "weightsManifest": [{
  "paths": ["group1-shard1of2", "group1-shard2of2"],
  "weights": [
    {"name": "w", "shape": [2, 3], "dtype": "float32"},
    {"name": "c", "shape": [2], "dtype": "int32"},
    {"name": "q", "shape": [3], "dtype": "float32",
     "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
    {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}},
    {"name": "s", "shape": [], "dtype": "float32"}]}]})";

QByteArray allBytes() {
  QByteArray b = floats({1, 2, 3, 4, 5, 6}) + ints({7, -8});
  b.append(char(0)).append(char(2)).append(char(255));        // -1, 0, 126.5
  const uint16_t h[2] = {0x3c00, 0xc000};                     // 1.0, -2.0
  b.append(reinterpret_cast<const char*>(h), 4);
  b += floats({0.25f});
  return b;
}

}  // namespace

class TfjsManifestTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model() const { return dir_.filePath("model.json"); }
  void writeModel(const QByteArray& shard1, const QByteArray& shard2) {
    write(model(), kModelJson);
    write(dir_.filePath("group1-shard1of2"), shard1);
    write(dir_.filePath("group1-shard2of2"), shard2);
  }
  // Runs the reader and returns the EncoderError message ("" = no error).
  QString errorOf() {
    try {
      il::readTfjsWeights(model().toStdString());
    } catch (const il::EncoderError& e) {
      return QString::fromStdString(e.what());
    }
    return {};
  }

 private slots:
  void init() { QVERIFY(dir_.isValid()); }

  void readsAllDtypesAcrossShards() {
    const QByteArray b = allBytes();
    QCOMPARE(b.size(), 43);
    writeModel(b.left(20), b.mid(20));  // "w" spans both shards
    const il::TfjsWeights w = il::readTfjsWeights(model().toStdString());
    QCOMPARE(w.weights.size(), size_t(5));
    QCOMPARE(w.dataBytes, 43);
    QCOMPARE(w.dataHash, il::contentHash64(b.constData(), size_t(b.size())));
    const il::TfjsWeight& m = w.get("w", {2, 3});
    QCOMPARE(m.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(m.dtype, std::string("float32"));
    QCOMPARE(w.get("c", {2}).values, (std::vector<float>{7, -8}));
    QCOMPARE(w.get("c", {2}).dtype, std::string("int32"));
    QCOMPARE(w.get("q", {3}).values, (std::vector<float>{-1, 0, 126.5}));
    QCOMPARE(w.get("h", {2}).values, (std::vector<float>{1, -2}));
    QCOMPARE(w.get("s", {}).values, (std::vector<float>{0.25f}));
    QCOMPARE(w.get("s", {}).numel(), 1);
    QVERIFY(w.find("nope") == nullptr);
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, w.get("w", {3, 2}));
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, w.get("nope", {1}));
  }

  void shortShardNamesTheFile() {
    const QByteArray b = allBytes();
    writeModel(b.left(20), b.mid(20, 20));  // last shard 3 bytes short
    const QString e = errorOf();
    QVERIFY2(e.contains("group1-shard2of2") && e.contains("3 bytes too few"), qPrintable(e));
  }

  void truncatedEarlierShardIsBlamed() {
    const QByteArray b = allBytes();
    write(model(), QByteArray(kModelJson).replace(R"("group1-shard2of2"])",
                                                  R"("group1-shard2of2", "group1-shard3of3"])"));
    write(dir_.filePath("group1-shard1of2"), b.left(20));
    write(dir_.filePath("group1-shard2of2"), b.mid(20, 10));  // should be 20 like shard 1
    write(dir_.filePath("group1-shard3of3"), b.mid(40));
    const QString e = errorOf();
    QVERIFY2(e.startsWith(dir_.filePath("group1-shard2of2")) && e.contains("too few"), qPrintable(e));
  }

  void longShardIsAnError() {
    const QByteArray b = allBytes();
    writeModel(b.left(20), b.mid(20) + "xx");
    const QString e = errorOf();
    QVERIFY2(e.contains("group1-shard2of2") && e.contains("2 bytes too many"), qPrintable(e));
  }

  void missingShardNamesTheFile() {
    const QByteArray b = allBytes();
    writeModel(b.left(20), b.mid(20));
    QVERIFY(QFile::remove(dir_.filePath("group1-shard2of2")));
    const QString e = errorOf();
    QVERIFY2(e.startsWith(dir_.filePath("group1-shard2of2")) && e.contains("missing"), qPrintable(e));
  }

  void badJsonAndManifestNameModelJson() {
    write(model(), "{\"weightsManifest\": [");
    QString e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("invalid JSON"), qPrintable(e));
    write(model(), R"({"modelTopology": {}})");
    e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("weightsManifest"), qPrintable(e));
    write(model(), R"({"weightsManifest": [{"paths": [], "weights": [
                        {"name": "x", "shape": [1], "dtype": "string"}]}]})");
    e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("unsupported dtype 'string'"), qPrintable(e));
    write(model(), R"({"weightsManifest": [{"paths": [], "weights": [
                        {"name": "x", "shape": [-1], "dtype": "float32"}]}]})");
    e = errorOf();
    QVERIFY2(e.contains("invalid shape"), qPrintable(e));
    QVERIFY(QFile::remove(model()));
    e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("not found"), qPrintable(e));
  }

  // Found by tests/fuzz/fuzz_tfjs_manifest: the element count of [1e12, 1e12] overflowed int64
  // (undefined behaviour) before the size check could refuse it.
  void fuzzHugeShapeIsRefusedWithoutOverflow() {
    write(model(), R"({"weightsManifest": [{"paths": ["group1-shard1of2"], "weights": [
                        {"name": "x", "shape": [1e12, 1e12], "dtype": "float32"}]}]})");
    write(dir_.filePath("group1-shard1of2"), QByteArray(4, '\0'));
    const QString e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("'x'") && e.contains("implausibly large"), qPrintable(e));
    write(model(), R"({"weightsManifest": [{"paths": ["group1-shard1of2"], "weights": [
                        {"name": "y", "shape": [1e12, 1e12, 0], "dtype": "float32"}]}]})");
    QVERIFY2(errorOf().contains("implausibly large"), qPrintable(errorOf()));
  }

  // A hostile model.json must not make the reader take other files as weights.
  void shardPathsMustStayInTheModelFolder() {
    QTemporaryDir outside;
    write(outside.filePath("secret"), QByteArray(4, 'x'));
    const QString absolute = outside.filePath("secret");
    const QString relative = "../" + QFileInfo(outside.path()).fileName() + "/secret";
    QVERIFY(QFile::exists(dir_.filePath(relative)));
    for (const QString& p : {absolute, relative, QStringLiteral("sub/../../secret")}) {
      write(model(), QString(R"({"weightsManifest": [{"paths": ["%1"], "weights": [
                                 {"name": "x", "shape": [1], "dtype": "float32"}]}]})").arg(p).toUtf8());
      const QString e = errorOf();
      QVERIFY2(e.startsWith(model()) && e.contains("leaves the model folder"), qPrintable(e));
    }
  }

  // One 4-byte shard listed 1,000 times "holds" 4,000 bytes: refused as a repeat, not
  // read 1,000 times into one buffer (a tiny folder must not cost the sum of the sizes).
  void repeatedShardIsRefused() {
    write(dir_.filePath("s"), QByteArray(4, '\0'));
    QStringList paths;
    for (int i = 0; i < 1000; ++i) paths << (i % 2 ? "\"./s\"" : "\"s\"");
    write(model(), QString(R"({"weightsManifest": [{"paths": [%1], "weights": [
                               {"name": "x", "shape": [1000], "dtype": "float32"}]}]})")
                       .arg(paths.join(", ")).toUtf8());
    QString e = errorOf();
    QVERIFY2(e.startsWith(model()) && e.contains("lists shard \"./s\" again"), qPrintable(e));
    // Across groups too.
    write(model(), R"({"weightsManifest": [
        {"paths": ["s"], "weights": [{"name": "x", "shape": [1], "dtype": "float32"}]},
        {"paths": ["s"], "weights": [{"name": "y", "shape": [1], "dtype": "float32"}]}]})");
    e = errorOf();
    QVERIFY2(e.contains("group 2 lists shard \"s\" again"), qPrintable(e));
  }

  // The real package installed by installer/fetch_use_lite.sh: 61 weights, 27,903,656 shard bytes.
  void readsInstalledUseLitePackage() {
    const std::string path = il::modelDirectory("use-lite") + "/dist/model.json";
    if (!QFile::exists(QString::fromStdString(path)))
      QSKIP("USE-Lite is not installed (run installer/fetch_use_lite.sh)");
    const il::TfjsWeights w = il::readTfjsWeights(path);
    QCOMPARE(w.weights.size(), size_t(61));
    QCOMPARE(w.dataBytes, 27903656);  // 6 x 4 MiB + 2,737,832
    const il::TfjsWeight& e = w.get("module/Embeddings_en", {8002, 256});
    QCOMPARE(e.values.size(), size_t(8002 * 256));
    const il::TfjsWeight& clip =
        w.get("module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Less/y", {});
    QCOMPARE(clip.dtype, std::string("int32"));
    QCOMPARE(clip.values.at(0), 128.0f);
  }
};

QTEST_APPLESS_MAIN(TfjsManifestTest)
#include "tfjs_manifest_test.moc"
