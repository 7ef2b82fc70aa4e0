// extractTerms / analyzeTerms: English stems and stop words, Chinese words from jieba's
// dictionary, mixed text, NFKC, surfaces for display, and input that must not crash.
#include <QTest>

#include "text/chinese_segmenter.h"
#include "text/terms.h"

using namespace il;

namespace {

using Strings = std::vector<std::string>;

Strings surfaces(const std::string& text) {
  Strings s;
  for (const Term& t : analyzeTerms(text)) s.push_back(t.surface);
  return s;
}

bool has(const Strings& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

class TermsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!ChineseSegmenter::shared())
      QSKIP(qPrintable("jieba's dictionary is not installed (python3-jieba): " +
                       QString::fromStdString(ChineseSegmenter::sharedError())));
  }

  void englishStemsAndStopWords() {
    QCOMPARE(extractTerms("The batteries last two weeks, and I'm happy! Don't buy 2 of them."),
             (Strings{"batteri", "last", "two", "week", "happi", "buy"}));
    QCOMPARE(surfaces("The batteries last two weeks"), (Strings{"batteries", "last", "two", "weeks"}));
    // Inflections meet on one key; case and possessives do not matter.
    QCOMPARE(extractTerms("Roasting roasted ROASTS roast's"), (Strings{"roast", "roast", "roast", "roast"}));
    // Numbers and single letters go; words with digits stay.
    QCOMPARE(extractTerms("Room 101, 2024, x y z, 4k TV mp3"), (Strings{"room", "4k", "tv", "mp3"}));
    // ’ is an apostrophe; one at the end of a word is not part of it.
    QCOMPARE(extractTerms("It’s the dogs' bowl, isn’t it"), (Strings{"dog", "bowl"}));
  }

  void chineseWords() {
    QCOMPARE(extractTerms("回味甘甜，喝完嘴里很舒服。值得一买。"),
             (Strings{"回味", "甘甜", "喝完", "嘴里", "舒服", "值得", "买"}));
    // Stop words of our list: 的 了 是 我们 一个 没有 这 很 ...
    QCOMPARE(extractTerms("我们的和你们的都是一个没有的"), Strings{});
    // Dictionary words, not the old character bigrams that straddle words ("啡豆", "豆很").
    const Strings t = extractTerms("这款咖啡豆很香");
    QCOMPARE(t, (Strings{"咖啡豆", "香"}));
    // Characters the dictionary leaves single in a row: the characters and their bigrams.
    const Strings u = extractTerms("做出来的拿铁非常香");
    QVERIFY(has(u, "出来") && has(u, "拿铁") && has(u, "拿") && has(u, "铁") && !has(u, "非常"));
  }

  void mixedChineseAndEnglish() {
    const std::string text = "I love this espresso machine! 这款咖啡机很好用。Great coffee beans, 我买了一件T恤和iPhone手机";
    const Strings keys = extractTerms(text);
    for (const char* k : {"love", "espresso", "machin", "咖啡机", "好用", "great", "coffe", "bean", "t恤", "iphon", "手机"})
      QVERIFY2(has(keys, k), k);
    for (const char* k : {"i", "this", "很", "这款", "我", "了"}) QVERIFY2(!has(keys, k), k);
    const Strings s = surfaces(text);
    QVERIFY(has(s, "machine") && has(s, "beans") && has(s, "iphone"));
    // English glued to Chinese is split where the script changes.
    QCOMPARE(extractTerms("Kindle的屏幕"), (Strings{"kindl", "屏幕"}));
    QCOMPARE(extractTerms("naïve咖啡"), (Strings{"naïv", "咖啡"}));
  }

  void normalisationAndOtherScripts() {
    QCOMPARE(extractTerms("ＣＯＦＦＥＥ，１２３件ＡＢＣ"), (Strings{"coffe", "abc"}));  // NFKC full width
    QCOMPARE(surfaces("Müller’s CAFÉS ΑΘΗΝΑ Москва"), (Strings{"müller's", "cafés", "αθηνα", "москва"}));
    QCOMPARE(extractTerms("ΑΘΗΝΑ Москва"), (Strings{"αθηνα", "москва"}));  // not Latin: not stemmed
    QCOMPARE(extractTerms("커피 맛있어요"), (Strings{"커피", "맛있어요"}));
    // Kana has no dictionary here: characters and bigrams, as before.
    QCOMPARE(extractTerms("コーヒ"), (Strings{"コ", "ー", "コー", "ヒ", "ーヒ"}));
  }

  void surfaceForms() {
    SurfaceForms f;
    for (const char* text : {"batteries", "battery", "battery", "Batteries!", "roasting", "roasted"})
      f.add(analyzeTerms(text));
    QCOMPARE(f.display("batteri"), std::string("battery"));  // 2 : 2, the shorter
    SurfaceForms g;
    g.add(analyzeTerms("batteries battery batteries"));
    QCOMPARE(g.display("batteri"), std::string("batteries"));  // the more frequent
    QCOMPARE(f.display("roast"), std::string("roasted"));  // 1 : 1, same length: the smaller
    QCOMPARE(f.display("unknown"), std::string("unknown"));
  }

  void badInputNeverCrashes() {
    QCOMPARE(extractTerms(""), Strings{});
    QCOMPARE(extractTerms("  ,,, !!! ... \t\n"), Strings{});
    (void)extractTerms(std::string("\xff\xfe\x00\xc3(\xe4\xbd", 8));
    (void)extractTerms(std::string(200000, '\''));
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "咖啡豆coffee很香'";
    const Strings t = extractTerms(big);
    QCOMPARE(t.size(), size_t{60000});
    std::string han;
    for (int i = 0; i < 50000; ++i) han += "器颜";  // one unknown run of 100,000 characters
    QCOMPARE(extractTerms(han).size(), size_t{199999});
  }
};

QTEST_GUILESS_MAIN(TermsTest)
#include "terms_test.moc"
