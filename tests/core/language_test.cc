// Language detection with libexttextcat: real English (Amazon) and Chinese (demo)
// reviews, a few other languages, the short-text threshold, threads.
#include <QElapsedTimer>
#include <QTest>
#include <map>

#include "cleaning_test_util.h"
#include "text/language.h"
#include "text/text_cleaner.h"

using namespace il;

namespace {
bool hasHan(const std::string& s) {
  for (char32_t c : QString::fromStdString(s).toUcs4()) if (c >= 0x4E00 && c <= 0x9FFF) return true;
  return false;
}
}  // namespace

class LanguageTest : public QObject {
  Q_OBJECT
 private slots:
  void sentences_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << "This shampoo leaves my hair soft and it smells really nice." << "en";
    QTest::newRow("zh") << "这款咖啡机做工精致，用起来很顺手，每天早上都能喝到好咖啡。" << "zh";
    QTest::newRow("zh-Hant") << "這款咖啡機做工精緻，用起來很順手，每天早上都能喝到好咖啡。" << "zh";
    QTest::newRow("de") << "Das Shampoo riecht sehr gut und meine Haare sind danach weich." << "de";
    QTest::newRow("fr") << "Ce shampooing sent très bon et mes cheveux sont doux après." << "fr";
    QTest::newRow("es") << "Este champú huele muy bien y deja el cabello suave y brillante." << "es";
    QTest::newRow("ru") << "Этот шампунь очень хорошо пахнет, волосы после него мягкие." << "ru";
    QTest::newRow("ja") << "このシャンプーはとても良い香りで、髪がさらさらになります。" << "ja";
    QTest::newRow("ko") << "이 샴푸는 향기가 정말 좋고 머리카락이 부드러워져요." << "ko";
    QTest::newRow("short") << "Love it" << "unknown";
    QTest::newRow("short zh") << "很好用" << "unknown";
    QTest::newRow("only url") << "<URL> <URL> <NUMBER>" << "unknown";
  }
  void sentences() {
    QFETCH(QString, text);
    QFETCH(QString, lang);
    LanguageDetector d;
    QCOMPARE(QString::fromStdString(d.detect(text.toStdString())), lang);
  }

  void threshold() {
    LanguageDetector d;
    const std::string t = "Das Shampoo riecht sehr gut und meine Haare sind danach weich.";
    QCOMPARE(d.detect(t, 1000), std::string(kUnknownLanguage));
    QCOMPARE(d.detect(t, 0), std::string("de"));
    QCOMPARE(d.detect("", 0), std::string(kUnknownLanguage));
  }

  // An ambiguous text takes the corpus's main language when textcat lists it.
  void corpusPrior() {
    LanguageDetector d;
    const std::string ambiguous = "My morning routine is better for it.";
    const auto c = d.candidates(ambiguous);
    QVERIFY(c.size() > 1);
    QVERIFY(c.front() != "en");
    QVERIFY(std::find(c.begin(), c.end(), "en") != c.end());
    std::vector<std::string> corpus(3, "This shampoo leaves my hair soft and it smells really nice.");
    corpus.push_back(ambiguous);
    QCOMPARE(detectLanguages(corpus, 20, 1).back(), std::string("en"));
    // A clear-cut German text stays German in an English corpus.
    corpus.push_back("Das Shampoo riecht sehr gut und meine Haare sind danach weich.");
    QCOMPARE(detectLanguages(corpus, 20, 1).back(), std::string("de"));
  }

  void missingFingerprints() {
    QVERIFY_THROWS_EXCEPTION(LanguageError, LanguageDetector("/nonexistent/textcat"));
    try {
      LanguageDetector d("/nonexistent/textcat");
    } catch (const LanguageError& e) {
      QVERIFY2(std::string(e.what()).find("/nonexistent/textcat/fpdb.conf") != std::string::npos, e.what());
    }
  }

  // The demo: every Chinese review long enough to judge is "zh", shorter ones
  // "unknown"; English ones long enough are "en" (a few short ones are not).
  void demoReviews() {
    std::vector<std::string> texts;
    for (const auto& raw : test::demoTexts()) texts.push_back(cleanText(raw, {}).text);
    const std::vector<std::string> langs = detectLanguages(texts, 20, 2);
    int zh = 0, zhLong = 0, zhRight = 0, en = 0, enRight = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      const bool judged = letterUnits(texts[i]) >= 20;
      if (!judged) QCOMPARE(langs[i], std::string(kUnknownLanguage));
      if (hasHan(texts[i])) {
        ++zh;
        zhLong += judged;
        zhRight += judged && langs[i] == "zh";
        if (judged && langs[i] != "zh") qWarning("zh as %s: %s", langs[i].c_str(), texts[i].c_str());
      } else if (judged) {
        ++en;
        enRight += langs[i] == "en";
        if (langs[i] != "en") qWarning("en as %s: %s", langs[i].c_str(), texts[i].c_str());
      }
    }
    qInfo("demo: %d/%d Chinese (of %d) as zh, %d/%d English as en", zhRight, zhLong, zh, enRight, en);
    QCOMPARE(zh, 103);
    QVERIFY(zhLong > 80);
    QCOMPARE(zhRight, zhLong);
    QVERIFY(enRight >= en * 97 / 100);
  }

  // Amazon reviews are English: long ones must come out "en"; threads agree with one thread.
  void amazonReviews() {
    IL_REQUIRE_SHARED(test::kAmazonBeauty);
    std::vector<std::string> texts;
    for (const auto& raw : test::amazonTexts()) texts.push_back(cleanText(raw, {}).text);
    QElapsedTimer clock;
    clock.start();
    const std::vector<std::string> two = detectLanguages(texts, 20, 2);
    const double s = clock.nsecsElapsed() / 1e9;
    const std::vector<std::string> one = detectLanguages(texts, 20, 1);
    QCOMPARE(two, one);
    std::map<std::string, int> counts;
    int longTexts = 0, longEn = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      ++counts[two[i]];
      if (letterUnits(texts[i]) >= 100) {
        ++longTexts;
        longEn += two[i] == "en";
      }
    }
    QString summary;
    for (const auto& [k, v] : counts) summary += QStringLiteral("%1=%2 ").arg(QString::fromStdString(k)).arg(v);
    qInfo("Amazon: %zu texts in %.2f s on 2 threads (%.0f texts/s): %s", texts.size(), s, texts.size() / s,
          qPrintable(summary));
    QVERIFY(longTexts > 2000);
    QVERIFY2(longEn >= longTexts * 99 / 100, qPrintable(summary));
  }

  void cancel() {
    std::vector<std::string> t(4000, "This shampoo leaves my hair soft and it smells really nice.");
    JobControl job;
    job.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, detectLanguages(t, 20, 2, &job));
  }

  void names() {
    QCOMPARE(languageName("zh"), std::string("Chinese"));
    QCOMPARE(languageName("xx"), std::string("xx"));
  }
};

QTEST_APPLESS_MAIN(LanguageTest)
#include "language_test.moc"
