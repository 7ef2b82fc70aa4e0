// GloVe mean-of-word-vectors against ../shared/models/glove-6b-100d-wink/reference.json
// (tolerance 1e-5 absolute per component), and the vector file formats.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "glove_encoder.h"
#include "test_paths.h"

class GloveEncoderTest : public QObject {
  Q_OBJECT

  static constexpr double kTolerance = 1e-5;
  const QString kDir = QStringLiteral("models/glove-6b-100d-wink");

  QJsonArray sentences() {
    QFile f(il::test::sharedPath(kDir + "/reference.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value("sentences").toArray();
  }

  static double maxAbsDiff(const il::Matrix& m, int64_t row, const QJsonArray& expected) {
    double worst = 0;
    for (int k = 0; k < expected.size(); ++k)
      worst = std::max(worst, std::fabs(double(m.at(row, k)) - expected[k].toDouble()));
    return worst;
  }

  static void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
  }

 private slots:
  void matchesReferenceMeanAndNormalised() {
    IL_REQUIRE_SHARED(kDir + "/reference.json");
    const il::WordVectors wv = il::WordVectors::load(il::test::sharedPath(kDir).toStdString());
    QCOMPARE(wv.dimension(), 100);
    QCOMPARE(static_cast<int>(wv.size()), 100000);
    il::GloveEncoder mean(wv, false), unit(wv, true);
    const QJsonArray cases = sentences();
    QCOMPARE(cases.size(), 8);
    std::vector<std::string> texts;
    for (const auto& c : cases) texts.push_back(c.toObject().value("text").toString().toStdString());
    const il::Matrix m = mean.encode(texts), u = unit.encode(texts);
    for (int i = 0; i < cases.size(); ++i) {
      const QJsonObject c = cases[i].toObject();
      QStringList used;
      for (const auto& w : mean.usedWords(texts[static_cast<size_t>(i)])) used << QString::fromStdString(w);
      QStringList expectedUsed;
      for (const auto& w : c.value("used_tokens").toArray()) expectedUsed << w.toString();
      QCOMPARE(used, expectedUsed);
      const double dm = maxAbsDiff(m, i, c.value("mean_vector").toArray());
      const double du = maxAbsDiff(u, i, c.value("mean_vector_l2_normalized").toArray());
      QVERIFY2(dm < kTolerance, qPrintable(QString("sentence %1 mean: max |diff| %2").arg(i).arg(dm)));
      QVERIFY2(du < kTolerance, qPrintable(QString("sentence %1 normalised: max |diff| %2").arg(i).arg(du)));
    }
  }

  void readsGloveTextWord2VecTextAndBinary() {
    QTemporaryDir dir;
    write(dir.filePath("glove.txt"), "king 1 2 3\nqueen 1.5 -2 0.25\n");
    write(dir.filePath("w2v.txt"), "2 3\nking 1 2 3\nqueen 1.5 -2 0.25\n");
    QByteArray bin = "2 3\n";
    for (const auto& [word, v] : std::vector<std::pair<QByteArray, std::array<float, 3>>>{
             {"king", {1, 2, 3}}, {"queen", {1.5f, -2, 0.25f}}}) {
      bin += word + ' ';
      bin += QByteArray(reinterpret_cast<const char*>(v.data()), 12);
      bin += '\n';
    }
    write(dir.filePath("w2v.bin"), bin);
    for (const char* name : {"glove.txt", "w2v.txt", "w2v.bin"}) {
      const il::WordVectors wv = il::WordVectors::load(dir.filePath(name).toStdString());
      QCOMPARE(wv.dimension(), 3);
      QCOMPARE(static_cast<int>(wv.size()), 2);
      QVERIFY(wv.find("queen"));
      QCOMPARE(wv.find("queen")[1], -2.0f);
      QVERIFY(!wv.find("jack"));
    }
    il::GloveEncoder enc(il::WordVectors::load(dir.filePath("glove.txt").toStdString()), false);
    const il::Matrix m = enc.encode({"King, QUEEN!", "nothing known", ""});
    QCOMPARE(m.at(0, 0), 1.25f);
    QCOMPARE(m.at(0, 2), 1.625f);
    QCOMPARE(m.at(1, 0), 0.0f);  // no known word: zero vector
    QCOMPARE(m.at(2, 1), 0.0f);
  }

  void badFilesGiveClearErrors() {
    QTemporaryDir dir;
    write(dir.filePath("ragged.txt"), "king 1 2 3\nqueen 1 2\n");
    write(dir.filePath("nan.txt"), "king 1 2 3\nqueen 1 x 3\n");
    write(dir.filePath("short.bin"), QByteArray("1000 300\nking ") + QByteArray(12, '\0'));
    auto message = [&](const char* name) -> QString {
      try {
        il::WordVectors::load(dir.filePath(name).toStdString());
      } catch (const il::EncoderError& e) {
        return e.what();
      }
      return {};
    };
    QVERIFY2(message("ragged.txt").contains("ragged.txt:2"), qPrintable(message("ragged.txt")));
    QVERIFY2(message("nan.txt").contains("nan.txt:2") && message("nan.txt").contains("'x'"), qPrintable(message("nan.txt")));
    QVERIFY2(message("short.bin").contains("short.bin"), qPrintable(message("short.bin")));
    QVERIFY2(message("missing.txt").contains("no such file"), qPrintable(message("missing.txt")));
  }

  // Found by tests/fuzz/fuzz_word_vectors: words.txt with an empty .bin matrix loaded as vectors of
  // dimension 0 (0 bytes is a multiple of every row size) instead of being refused.
  void fuzzEmptyMatrixIsRefused() {
    QTemporaryDir dir;
    write(dir.filePath("words.txt"), "the\na\n");
    write(dir.filePath("matrix.bin"), QByteArray());
    QString message;
    try {
      const il::WordVectors wv = il::WordVectors::load(dir.path().toStdString());
      message = QString("loaded %1 words of dimension %2").arg(wv.size()).arg(wv.dimension());
    } catch (const il::EncoderError& e) {
      message = e.what();
    }
    QVERIFY2(message.contains("matrix.bin") && message.contains("not a float32 matrix"), qPrintable(message));
  }
};

QTEST_APPLESS_MAIN(GloveEncoderTest)
#include "glove_encoder_test.moc"
