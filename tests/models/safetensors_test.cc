// SafetensorsFile: valid files read back exactly (F32, F16, BF16), and malformed or hostile files
// written here are each refused quickly (< 1 s, no large allocation) with a message naming the
// file and the problem.
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <string>

#include "safetensors.h"
#include "test_paths.h"

namespace {

QByteArray le64(uint64_t v) {
  QByteArray b(8, '\0');
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return b;
}

}  // namespace

class SafetensorsTest : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  int counter_ = 0;

  // Writes [8-byte length][header][data]; `declaredLength` overrides the length field.
  std::string writeRaw(const QByteArray& header, const QByteArray& data, int64_t declaredLength = -1) {
    const QString path = tmp_.filePath(QStringLiteral("f%1.safetensors").arg(++counter_));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(le64(declaredLength < 0 ? static_cast<uint64_t>(header.size())
                                    : static_cast<uint64_t>(declaredLength)));
    f.write(header);
    f.write(data);
    return path.toStdString();
  }
  std::string writeBytes(const QByteArray& bytes) {
    const QString path = tmp_.filePath(QStringLiteral("b%1.safetensors").arg(++counter_));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path.toStdString();
  }

  // Opening `path` must throw SafetensorsError within 1 s, naming the file and containing `needle`.
  void expectRejected(const std::string& path, const char* needle) {
    QElapsedTimer timer;
    timer.start();
    try {
      il::SafetensorsFile::open(path);
      QFAIL(qPrintable(QStringLiteral("accepted a bad file; expected \"%1\"").arg(needle)));
    } catch (const il::SafetensorsError& e) {
      const std::string msg = e.what();
      qInfo("refused in %lld ms: %s", static_cast<long long>(timer.elapsed()),
            msg.substr(msg.rfind('/') + 1).c_str());
      QVERIFY2(msg.find(path) != std::string::npos, msg.c_str());
      QVERIFY2(msg.find(needle) != std::string::npos, msg.c_str());
    }
    QVERIFY2(timer.elapsed() < 1000, "took longer than 1 s");
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void readsF32F16BF16AndMetadata() {
    // F32 [2,2] = 1,2,3,4; F16 [3] = 1, -2, 0.5; BF16 [2] = 1, -3; scalar F32 = 7.
    QByteArray data;
    const float f32[] = {1, 2, 3, 4};
    data.append(reinterpret_cast<const char*>(f32), sizeof f32);  // 0..16
    const uint16_t f16[] = {0x3c00, 0xc000, 0x3800};
    data.append(reinterpret_cast<const char*>(f16), sizeof f16);  // 16..22
    const uint16_t bf16[] = {0x3f80, 0xc040};
    data.append(reinterpret_cast<const char*>(bf16), sizeof bf16);  // 22..26
    const float seven = 7;
    data.append(reinterpret_cast<const char*>(&seven), 4);  // 26..30 (unaligned on purpose)
    const QByteArray header =
        R"({"__metadata__":{"format":"pt"},)"
        R"("a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
        R"("h":{"dtype":"F16","shape":[3],"data_offsets":[16,22]},)"
        R"("b":{"dtype":"BF16","shape":[2],"data_offsets":[22,26]},)"
        R"("s":{"dtype":"F32","shape":[],"data_offsets":[26,30]},)"
        R"("e":{"dtype":"F32","shape":[0,5],"data_offsets":[30,30]}}  )";
    const auto f = il::SafetensorsFile::open(writeRaw(header, data));
    QCOMPARE(f->size(), size_t(5));
    QCOMPARE(f->metadata().at("format"), std::string("pt"));
    QCOMPARE(f->at("a").shapeString(), std::string("[2, 2]"));
    QCOMPARE(f->toFloat("a"), (std::vector<float>{1, 2, 3, 4}));
    QCOMPARE(f->toFloat("h"), (std::vector<float>{1, -2, 0.5f}));
    QCOMPARE(f->toFloat("b"), (std::vector<float>{1, -3}));
    QCOMPARE(f->toFloat("s"), (std::vector<float>{7}));
    QCOMPARE(f->at("e").numel(), int64_t(0));
    QVERIFY(f->find("missing") == nullptr);
    QVERIFY_THROWS_EXCEPTION(il::SafetensorsError, f->at("missing"));
  }

  void halfConversionEdgeCases() {
    QCOMPARE(il::halfToFloat(0x0000), 0.0f);
    QCOMPARE(il::halfToFloat(0x7bff), 65504.0f);
    QCOMPARE(il::halfToFloat(0x0001), 5.9604645e-08f);  // smallest subnormal
    QVERIFY(std::isinf(il::halfToFloat(0x7c00)));
    QVERIFY(std::isnan(il::halfToFloat(0x7e00)));
    QCOMPARE(il::halfToFloat(0x8000), -0.0f);
    QCOMPARE(il::bfloat16ToFloat(0x4049), 3.140625f);
  }

  void oneByOneTensorFileIsAccepted() {
    const float v = 0.25f;
    const auto f = il::SafetensorsFile::open(writeRaw(
        R"({"x":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}})",
        QByteArray(reinterpret_cast<const char*>(&v), 4)));
    QCOMPARE(f->toFloat("x"), std::vector<float>{0.25f});
  }

  void opensTinyBert() {
    IL_REQUIRE_SHARED("models/tiny-bert-synthetic/model.safetensors");
    const auto f = il::SafetensorsFile::open(
        il::test::sharedPath("models/tiny-bert-synthetic/model.safetensors").toStdString());
    QCOMPARE(f->size(), size_t(39));
    QCOMPARE(f->at("embeddings.word_embeddings.weight").shapeString(), std::string("[30522, 32]"));
    QCOMPARE(f->at("pooler.dense.weight").dtype, il::SafeDType::F32);
  }

  void rejectsTinyFiles() {
    expectRejected(writeBytes(QByteArray()), "too small");
    expectRejected(writeBytes(QByteArray(1, 'x')), "too small");  // a 1-byte file
    expectRejected(writeBytes(QByteArray(7, '\0')), "too small");
    expectRejected(writeBytes(le64(0)), "too small for a JSON object");
  }

  void rejectsHeaderLengthBeyondFile() {
    expectRejected(writeRaw("{}", QByteArray(), 1000), "larger than");
    expectRejected(writeRaw("{}", QByteArray(), int64_t(1) << 60), "exceeds the limit");
    expectRejected(writeRaw("{}", QByteArray(), int64_t(200'000'000)), "exceeds the limit");
  }

  void rejectsNonJsonHeaders() {
    expectRejected(writeRaw("{not json at all", QByteArray()), "not valid JSON");
    expectRejected(writeRaw("[1,2,3]", QByteArray()), "does not start with '{'");
    expectRejected(writeRaw(QByteArray(64, '\xff'), QByteArray()), "does not start with '{'");
    expectRejected(writeRaw(R"({"a":1} trailing)", QByteArray()), "not valid JSON");
  }

  void rejectsDeeplyNestedJson() {
    const int depth = 200000;
    QByteArray h = R"({"a":)";
    h += QByteArray(depth, '[');
    h += QByteArray(depth, ']');
    h += "}";
    expectRejected(writeRaw(h, QByteArray()), "not valid JSON");
    // Nesting inside a tensor entry that the parser accepts is still the wrong structure.
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[[[1]]],"data_offsets":[0,4]}})", QByteArray(4, 0)),
                   "non-negative integers");
  }

  void rejectsBadEntries() {
    const QByteArray four(4, '\0');
    expectRejected(writeRaw(R"({"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}})", four),
                   "unknown dtype");
    expectRejected(writeRaw(R"({"a":{"shape":[1],"data_offsets":[0,4]}})", four), "dtype");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","data_offsets":[0,4]}})", four), "shape");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1]}})", four), "data_offsets");
    expectRejected(writeRaw(R"({"a":[1,2]})", four), "not an object");
    expectRejected(writeRaw(R"({"__metadata__":{"k":5}})", four), "not a string");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}})", four),
                   "rank 9");
  }

  // Found by tests/fuzz/fuzz_safetensors: an empty tensor ([4611686018427387904, 0], no bytes) is
  // valid, but converting it passed the empty output vector's null data() to memcpy (undefined
  // behaviour, reported by the sanitizer build). Empty tensors of every float dtype convert to nothing.
  void fuzzEmptyTensorConvertsToNothing() {
    const auto f = il::SafetensorsFile::open(writeRaw(
        R"({"a":{"dtype":"F32","shape":[4611686018427387904,0],"data_offsets":[0,0]},)"
        R"("b":{"dtype":"F16","shape":[0],"data_offsets":[0,0]},"c":{"dtype":"BF16","shape":[3,0,2],"data_offsets":[0,0]},)"
        R"("d":{"dtype":"F64","shape":[0],"data_offsets":[0,0]}})", QByteArray()));
    for (const char* name : {"a", "b", "c", "d"}) {
      QCOMPARE(f->at(name).numel(), int64_t{0});
      QVERIFY(f->toFloat(name).empty());
    }
  }

  void rejectsShapeOverflow() {
    const QByteArray four(4, '\0');
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}})",
                            four),
                   "more bytes than the file holds");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}})", four),
                   "more bytes than the file holds");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1e300],"data_offsets":[0,4]}})", four),
                   "non-negative integers");
  }

  void rejectsNegativeAndFractionalNumbers() {
    const QByteArray four(4, '\0');
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", four),
                   "non-negative integers");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}})", four),
                   "non-negative integers");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", four),
                   "non-negative integers");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}})", four),
                   "non-negative integers");
  }

  void rejectsBadDataOffsets() {
    const QByteArray eight(8, '\0'), sixteen(16, '\0');
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}})", sixteen),
                   "run past the end");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551615]}})", eight),
                   "non-negative integers");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", eight), "end before");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", sixteen),
                   "needs 12");
    expectRejected(writeRaw(R"({"a":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}})", eight),
                   "needs 4");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", eight),
                   "two integers");
    expectRejected(writeRaw(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                            R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                            eight),
                   "overlap");
  }

  void rejectsNonFloatConversion() {
    const auto f = il::SafetensorsFile::open(
        writeRaw(R"({"p":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", QByteArray(8, '\0')));
    QCOMPARE(f->at("p").dtype, il::SafeDType::I64);
    QVERIFY_THROWS_EXCEPTION(il::SafetensorsError, f->toFloat("p"));
  }

  void rejectsMissingFile() {
    expectRejected(tmp_.filePath(QStringLiteral("nope.safetensors")).toStdString(), "cannot open");
    expectRejected(tmp_.path().toStdString(), "not a regular file");
  }
};

QTEST_APPLESS_MAIN(SafetensorsTest)
#include "safetensors_test.moc"
