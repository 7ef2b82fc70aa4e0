// English stems through libstemmer against an independent Snowball implementation:
// data/snowball_english.tsv (3,169 words of the demo and Porter2 test cases, stemmed by
// python3-snowballstemmer 2.2.0; see data/make_snowball_reference.py), and the exceptional forms
// the Porter2 definition lists (snowballstem.org/algorithms/english/stemmer.html), by hand.
#include <QFile>
#include <QTest>
#include <thread>

#include "text/stemmer.h"

using namespace il;

class StemmerTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesPythonSnowball() {
    QFile f(QStringLiteral(IL_SOURCE_DIR "/tests/core/data/snowball_english.tsv"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    int words = 0, same = 0;
    while (!f.atEnd()) {
      const QByteArray line = f.readLine().chopped(1);
      if (line.isEmpty() || line.startsWith('#')) continue;
      const QList<QByteArray> cols = line.split('\t');
      QCOMPARE(cols.size(), 2);
      const std::string got = stemEnglish(cols[0].toStdString());
      ++words;
      if (got == cols[1].toStdString())
        ++same;
      else
        qWarning("%s: libstemmer %s, python %s", cols[0].constData(), got.c_str(), cols[1].constData());
    }
    qInfo("%d of %d stems as python3-snowballstemmer", same, words);
    QVERIFY(words > 3000);
    QCOMPARE(same, words);
  }

  void porter2ExceptionalForms() {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"skis", "ski"},     {"skies", "sky"},     {"dying", "die"},     {"lying", "lie"},   {"tying", "tie"},
        {"idly", "idl"},     {"gently", "gentl"},  {"ugly", "ugli"},     {"early", "earli"}, {"only", "onli"},
        {"singly", "singl"}, {"sky", "sky"},       {"news", "news"},     {"howe", "howe"},   {"atlas", "atlas"},
        {"cosmos", "cosmos"}, {"bias", "bias"},    {"andes", "andes"},   {"innings", "inning"},
        {"outings", "outing"}, {"cannings", "canning"}, {"herrings", "herring"}, {"earrings", "earring"},
        {"proceeds", "proceed"}, {"exceeds", "exceed"}, {"succeeds", "succeed"},
        // Ordinary steps: plurals, -ed/-ing with undoubling, -ational, -iveness, -ement.
        {"caresses", "caress"}, {"ponies", "poni"}, {"hopping", "hop"}, {"relational", "relat"},
        {"decisiveness", "decis"}, {"replacement", "replac"}, {"batteries", "batteri"}, {"john's", "john"}};
    for (const auto& [w, s] : cases) QCOMPARE(stemEnglish(w), std::string(s));
  }

  void oddInputIsSafe() {
    QCOMPARE(stemEnglish(""), std::string());
    const std::string longWord(1000, 'a');
    QCOMPARE(stemEnglish(longWord), longWord);  // left alone
    (void)stemEnglish("\xff\xfe\x80");           // not UTF-8: any answer, no crash
    QCOMPARE(stemEnglish("café"), std::string("café"));
    QCOMPARE(stemEnglish("mp3"), std::string("mp3"));
  }

  void oneStemmerPerThread() {
    std::vector<std::string> out(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < out.size(); ++i)
      threads.emplace_back([&out, i] {
        std::string last;
        for (int k = 0; k < 20000; ++k) last = stemEnglish(k % 2 ? "generously" : "batteries");
        out[i] = last;
      });
    for (auto& t : threads) t.join();
    for (const auto& s : out) QCOMPARE(s, std::string("generous"));
  }

  void stopWords() {
    for (const char* w : {"the", "and", "don't", "dont", "it's", "isn't", "very", "would"})
      QVERIFY2(isEnglishStopWord(w), w);
    for (const char* w : {"coffee", "battery", "tent", "great", "The"}) QVERIFY2(!isEnglishStopWord(w), w);
    for (const char* w : {"的", "了", "是", "我们", "一个", "没有", "非常", "这"}) QVERIFY2(isChineseStopWord(w), w);
    for (const char* w : {"咖啡", "好", "茶", "包装", "价格"}) QVERIFY2(!isChineseStopWord(w), w);
  }
};

QTEST_GUILESS_MAIN(StemmerTest)
#include "stemmer_test.moc"
