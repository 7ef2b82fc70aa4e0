// Text cleaning: entities, tags, masking, invisible characters, white space, NFKC in
// the lexical form, short / repeated flags, settings round trips and spec parsing.
#include <QTest>

#include "text/text_cleaner.h"

using namespace il;

namespace {
std::string clean(const std::string& s, const CleaningSettings& c = {}) { return cleanText(s, c).text; }
}  // namespace

class TextCleanerTest : public QObject {
  Q_OBJECT
 private slots:
  void entities_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    // Amazon titles: &quot; and friends, sometimes escaped twice.
    QTest::newRow("quot") << "Shampoo 12 oz &quot;Fresh&quot; scent" << "Shampoo 12 oz \"Fresh\" scent";
    QTest::newRow("double") << "Tom &amp;amp; Jerry &amp;quot;x&amp;quot;" << "Tom & Jerry \"x\"";
    QTest::newRow("numeric") << "it&#39;s &#x27;ok&#X27; &#8212; fine" << "it's 'ok' \u2014 fine";
    QTest::newRow("cp1252") << "don&#146;t" << "don\u2019t";
    QTest::newRow("named") << "caf&eacute; &copy; 5&nbsp;&euro;" << "caf\u00e9 \u00a9 5 \u20ac";
    QTest::newRow("no semicolon") << "salt &amp pepper &#39s" << "salt & pepper 's";
    QTest::newRow("unknown kept") << "AT&T &bogus; R&D" << "AT&T &bogus; R&D";
    QTest::newRow("bad code point") << "x&#0;y&#xD800;z" << "x\ufffdy\ufffdz";
  }
  void entities() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(clean(in.toStdString())), out);
    QVERIFY(cleanText(in.toStdString(), {}).changes & kChangedEntities || in == out);
  }

  void tags_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("br") << "Great.<br />Works well.<br/><br>Again" << "Great. Works well. Again";
    QTest::newRow("inline") << "<b>really</b> <i>good</i>, <a href=\"http://x.y/z\">link</a>"
                            << "really good, link";
    QTest::newRow("block") << "<p>one</p><p>two</p>" << "one two";
    QTest::newRow("escaped tag") << "&lt;br&gt;next" << "next";
    QTest::newRow("comment") << "a<!-- hidden -->b" << "a b";
    QTest::newRow("script") << "x<script type=\"t\">alert(1)</script>y" << "x y";
    // Not HTML: left alone.
    QTest::newRow("heart") << "I <3 it" << "I <3 it";
    QTest::newRow("sigh") << "<sigh> it broke" << "<sigh> it broke";
    QTest::newRow("comparison") << "a < b and c > d" << "a < b and c > d";
    QTest::newRow("unclosed") << "<b and more" << "<b and more";
  }
  void tags() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(clean(in.toStdString())), out);
  }

  void masking_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("url") << "see https://www.amazon.com/dp/B00X?ref=a_b, it is" << "see <URL>, it is";
    QTest::newRow("www") << "(www.example.org/page)." << "(<URL>).";
    QTest::newRow("url paren") << "wiki https://en.wikipedia.org/wiki/Foo_(bar) ok"
                               << "wiki <URL> ok";
    QTest::newRow("url cjk") << "看这里http://t.cn/abc很好" << "看这里<URL>很好";
    QTest::newRow("not url") << "showwww.thing" << "showwww.thing";
    QTest::newRow("email") << "write to John.Doe+x@mail.example.co.uk." << "write to <EMAIL>.";
    QTest::newRow("not email") << "@home and me@localhost" << "@home and me@localhost";
    QTest::newRow("long number") << "order 1234567890123 arrived" << "order <NUMBER> arrived";
    QTest::newRow("phone") << "call (555) 123-4567 or +1 555 123 4567" << "call <NUMBER> or <NUMBER>";
    QTest::newRow("kept numbers") << "12 oz, $19.99, 2019-05-12, 1,250,000 units, v1.2.3"
                                  << "12 oz, $19.99, 2019-05-12, 1,250,000 units, v1.2.3";
    QTest::newRow("asin") << "item B0000530HU and X1234567Y" << "item B0000530HU and X1234567Y";
  }
  void masking() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(clean(in.toStdString())), out);
  }

  void invisibleAndWhitespace() {
    // Zero-width space, BOM, soft hyphen, bidi marks and C0/C1 controls go; ZWJ in an
    // emoji sequence stays, ZWJ beside ASCII goes.
    const std::string in = "\xEF\xBB\xBFgo\xE2\x80\x8Bod\x01 pro\xC2\xAD" "duct\xE2\x80\x8F\xC2\x85"
                           " \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 a\xE2\x80\x8D" "b\x7F";
    const CleanedText c = cleanText(in, {});
    QCOMPARE(QString::fromStdString(c.text),
             QString::fromUtf8("good product \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 ab"));
    QVERIFY(c.changes & kChangedControl);
    QVERIFY(c.changes & kChangedWhitespace);
    QCOMPARE(clean("  a\t\tb\r\n\r\nc\xC2\xA0\xE3\x80\x80" "d  "), std::string("a b c d"));
    // U+0085 (NEL) is white space, not a control to delete.
    QCOMPARE(clean("a\xC2\x85" "b"), std::string("a b"));
  }

  void invalidUtf8() {
    const CleanedText c = cleanText("ok \xFF\xC0\x80 end\xE4\xBD", {});
    QCOMPARE(QString::fromStdString(c.text), QString::fromUtf8("ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end\xEF\xBF\xBD\xEF\xBF\xBD"));
    QVERIFY(c.changes & kChangedInvalidUtf8);
  }

  void stepsSwitchOff() {
    CleaningSettings none;
    std::string error;
    QVERIFY(CleaningSettings::parseSpec("none", none, error));
    const std::string messy = " &quot;<b>x</b>&quot; http://a.b/c  1234567 ";
    QCOMPARE(clean(messy, none), messy);
    CleaningSettings s;
    s.urls = false;
    s.numbers = false;
    QCOMPARE(clean(messy, s), std::string("\"x\" http://a.b/c 1234567"));
    s = {};
    s.entities = false;
    QCOMPARE(clean("&lt;b&gt; x", s), std::string("&lt;b&gt; x"));
  }

  void nfkcOnlyInLexicalForm() {
    // Full-width letters and the "ﬁ" ligature stay in the stored text (encoders
    // normalise themselves) and are folded in the lexical form.
    const std::string t = "\xEF\xBC\xA7\xEF\xBD\x8F\xEF\xBD\x8F\xEF\xBD\x84 \xEF\xAC\x81ne \xE2\x91\xA0";
    QCOMPARE(clean(t), t);
    QCOMPARE(lexicalForm(clean(t)), std::string("good fine 1"));
    QCOMPARE(lexicalForm(clean(t), false), lexicalForm(t, false));
    QVERIFY(lexicalForm(t, false) != lexicalForm(t, true));
  }

  void flags_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("flags");
    QTest::newRow("short en") << "Love it!" << "short";
    QTest::newRow("ok en") << "Great product, works well" << "";
    QTest::newRow("short zh") << "\u597d\u7528" << "short";           // 好用
    QTest::newRow("ok zh") << "\u975e\u5e38\u597d\u7528" << "";       // 非常好用
    QTest::newRow("punctuation") << "!!!!!!!!!!" << "short";
    QTest::newRow("url only") << "http://example.com/a/b/c/d" << "short";
    QTest::newRow("aaaa") << "aaaaaaaaaaaa" << "repeated";
    QTest::newRow("haha") << "hahahahahaha" << "repeated";
    QTest::newRow("good x4") << "good good good good" << "repeated";
    QTest::newRow("sooo") << "sooooooooooooooooooo" << "repeated";
    QTest::newRow("short repeated") << "ok ok" << "short, repeated";
    QTest::newRow("real text") << "Sooooo good, I love this shampoo" << "";
  }
  void flags() {
    QFETCH(QString, in);
    QFETCH(QString, flags);
    QCOMPARE(QString::fromStdString(flagNames(cleanText(in.toStdString(), {}).flags)), flags);
  }

  void settingsRoundTrip() {
    CleaningSettings s;
    s.urls = false;
    s.language = false;
    s.shortBelow = 12;
    s.nearThreshold = 0.9;
    CleaningSettings back;
    std::string error;
    QVERIFY2(CleaningSettings::fromJson(s.toJson(), back, error), error.c_str());
    QVERIFY(back == s);
    QVERIFY(CleaningSettings::fromJson("{}", back, error));  // older projects: defaults
    QVERIFY(back == CleaningSettings{});
    QVERIFY(!CleaningSettings::fromJson("[1]", back, error));
    QVERIFY(!CleaningSettings::fromJson("{\"near_threshold\": 3}", back, error));
  }

  void spec() {
    CleaningSettings s;
    std::string error;
    QVERIFY(CleaningSettings::parseSpec("all,-numbers,short=4,near=0.9", s, error));
    QVERIFY(!s.numbers && s.urls && s.shortBelow == 4 && s.nearThreshold == 0.9);
    QVERIFY(CleaningSettings::parseSpec("none,entities,tags", s, error));
    QVERIFY(s.entities && s.tags && !s.urls && !s.language && !s.duplicates);
    QVERIFY(!CleaningSettings::parseSpec("entities,bogus", s, error));
    QVERIFY2(error.find("unknown step 'bogus'") != std::string::npos, error.c_str());
    QVERIFY(!CleaningSettings::parseSpec("near=1.5", s, error));
    QVERIFY(!CleaningSettings::parseSpec("short=x", s, error));
    QVERIFY(CleaningSettings{}.describe().find("numbers") != std::string::npos);
  }

  // Worst-case shapes must stay linear and never crash.
  void hostileInput() {
    const std::string amps(100000, '&');
    QCOMPARE(clean(amps).size(), amps.size());
    std::string lt;
    for (int i = 0; i < 20000; ++i) lt += "<b ";
    QVERIFY(!clean(lt).empty());
    std::string digits(50000, '1');
    QCOMPARE(clean(digits), std::string(kNumberToken));
    std::string ats(30000, '@');
    QCOMPARE(clean(ats), ats);
    QCOMPARE(clean(""), std::string());
  }
};

QTEST_APPLESS_MAIN(TextCleanerTest)
#include "text_cleaner_test.moc"
