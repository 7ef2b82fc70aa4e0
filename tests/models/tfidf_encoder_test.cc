// TF-IDF / LSA: vocabulary and weights as defined, LSA keeps topical similarity,
// results are deterministic.
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <cmath>

#include "interestlens_core.h"
#include "text/chinese_segmenter.h"

#include "tfidf_encoder.h"

class TfidfEncoderTest : public QObject {
  Q_OBJECT

  static double dot(const il::Matrix& m, int64_t a, int64_t b) {
    double s = 0;
    for (int64_t k = 0; k < m.cols; ++k) s += double(m.at(a, k)) * m.at(b, k);
    return s;
  }

  static std::vector<std::string> corpus() {
    std::vector<std::string> c;
    const char* coffee[] = {"espresso beans roast", "dark roast coffee beans", "espresso crema coffee",
                            "pour over coffee filter", "coffee grinder burr beans"};
    const char* hiking[] = {"tent trail backpack", "hiking boots trail mud", "backpack tent stakes",
                            "trail map hiking poles", "sleeping bag tent camp"};
    for (int r = 0; r < 6; ++r)
      for (int i = 0; i < 5; ++i) {
        c.push_back(coffee[i]);
        c.push_back(hiking[i]);
      }
    return c;
  }

 private slots:
  void rawTfidfWeightsAreSublinearIdfAndUnitLength() {
    il::TfidfEncoder enc({.components = 0, .maxFeatures = 1000, .minDf = 1});
    QVERIFY(enc.needsFit());
    enc.fit({"apple banana", "apple cherry", "apple apple banana"});
    QVERIFY(!enc.needsFit());
    QCOMPARE(enc.dimension(), 3);
    const il::Matrix m = enc.encode({"apple apple cherry"});
    // idf(apple) = ln(4/4)+1 = 1, idf(cherry) = ln(4/2)+1; tf(apple) = 1+ln 2.
    const double a = (1 + std::log(2.0)) * 1.0, c = 1.0 * (std::log(2.0) + 1);
    const double n = std::sqrt(a * a + c * c);
    // The vocabulary holds extractTerms' keys (Snowball stems: "appl", "cherri").
    const auto col = [&](const std::string& word) {
      const std::string key = il::extractTerms(word).at(0);
      return std::find(enc.terms().begin(), enc.terms().end(), key) - enc.terms().begin();
    };
    QVERIFY(std::fabs(m.at(0, col("apple")) - a / n) < 1e-6);
    QVERIFY(std::fabs(m.at(0, col("cherry")) - c / n) < 1e-6);
    QCOMPARE(m.at(0, col("banana")), 0.0f);
    QVERIFY(col("cherry") < enc.dimension());
  }

  void stopWordsAreDropped() {
    il::TfidfEncoder enc({.components = 0, .minDf = 1});
    enc.fit({"the tent and the stove", "a stove"});
    const auto& t = enc.terms();
    QVERIFY(std::find(t.begin(), t.end(), "the") == t.end());
    QVERIFY(std::find(t.begin(), t.end(), "stove") != t.end());
  }

  void chineseDemoReviewsGiveWords() {
    // The demo's Chinese reviews: the vocabulary is jieba's words (咖啡豆, 性价比), not the
    // characters plus straddling bigrams of before; every multi-character Chinese term is a
    // dictionary word or comes from a run of characters the dictionary does not know.
    const il::ChineseSegmenter* jieba = il::ChineseSegmenter::shared();
    if (!jieba) QSKIP("jieba's dictionary is not installed (python3-jieba)");
    QFile f(QStringLiteral(IL_SOURCE_DIR "/resources/demo/reviews.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    std::vector<std::string> chinese;
    for (const QByteArray& line : f.readAll().split('\n'))
      if (QString::fromUtf8(line).contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))))
        chinese.push_back(line.toStdString());
    QVERIFY(chinese.size() >= 100);
    il::TfidfEncoder enc({.components = 0, .minDf = 2});
    enc.fit(chinese);
    int words = 0, dictionaryWords = 0;
    for (const std::string& t : enc.terms()) {
      const QString q = QString::fromStdString(t);
      if (q.size() < 2 || !q.contains(QRegularExpression(QStringLiteral("^[\\x{4e00}-\\x{9fff}]+$")))) continue;
      ++words;
      dictionaryWords += jieba->contains(q.toStdU32String());
    }
    qInfo("%d multi-character Chinese terms, %d of them dictionary words", words, dictionaryWords);
    for (const char* w : {"咖啡豆", "性价比", "包装", "回味", "甘甜", "推荐", "清晰"})
      QVERIFY2(std::find(enc.terms().begin(), enc.terms().end(), w) != enc.terms().end(), w);
    for (const char* straddling : {"啡豆", "价比", "很好", "很清"})
      QVERIFY2(std::find(enc.terms().begin(), enc.terms().end(), straddling) == enc.terms().end(), straddling);
    QVERIFY(words >= 40);
    QVERIFY2(dictionaryWords * 10 >= words * 7, qPrintable(QString("%1 of %2").arg(dictionaryWords).arg(words)));
  }

  void lsaGroupsTopicsAndIsDeterministic() {
    il::TfidfEncoder a({.components = 4}), b({.components = 4});
    a.fit(corpus());
    b.fit(corpus());
    QCOMPARE(a.dimension(), 4);
    QCOMPARE(a.id(), b.id());
    const il::Matrix m = a.encode({"espresso coffee", "roast beans", "tent on the trail", "backpack hiking"});
    QCOMPARE(m.data, b.encode({"espresso coffee", "roast beans", "tent on the trail", "backpack hiking"}).data);
    QVERIFY2(dot(m, 0, 1) > dot(m, 0, 2) + 0.3, qPrintable(QString("%1 vs %2").arg(dot(m, 0, 1)).arg(dot(m, 0, 2))));
    QVERIFY(dot(m, 2, 3) > dot(m, 1, 3) + 0.3);
  }

  void encodeBeforeFitIsAnError() {
    il::TfidfEncoder enc({});
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, enc.encode({"x"}));
  }
};

QTEST_APPLESS_MAIN(TfidfEncoderTest)
#include "tfidf_encoder_test.moc"
