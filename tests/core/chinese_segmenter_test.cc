// Chinese segmentation against python3-jieba itself: data/jieba_reference.jsonl holds 240
// sentences (the demo's Chinese reviews and our own) with jieba.cut(text, HMM=False)'s tokens,
// written by data/make_jieba_reference.py. Also the algorithm on a small dictionary of our own,
// dictionary errors, bad input and the shared instance.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <thread>

#include "text/chinese_segmenter.h"

using namespace il;

namespace {

const QString kData = QStringLiteral(IL_SOURCE_DIR "/tests/core/data/");

std::string writeDict(const QTemporaryDir& dir, const char* name, const std::string& text) {
  const std::string path = dir.filePath(QString::fromUtf8(name)).toStdString();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

QString joined(const std::vector<std::string>& t) {
  QStringList s;
  for (const auto& x : t) s << QString::fromStdString(x);
  return s.join(QStringLiteral(" | "));
}

}  // namespace

class ChineseSegmenterTest : public QObject {
  Q_OBJECT

  const ChineseSegmenter* jieba_ = nullptr;

 private slots:
  void initTestCase() {
    QElapsedTimer t;
    t.start();
    jieba_ = ChineseSegmenter::shared();
    const qint64 ms = t.elapsed();
    if (!jieba_)
      QSKIP(qPrintable("jieba's dictionary is not installed (python3-jieba): " +
                       QString::fromStdString(ChineseSegmenter::sharedError())));
    qInfo("dictionary %s: %zu words, total frequency %lld, loaded in %lld ms",
          ChineseSegmenter::defaultDictPath().c_str(), jieba_->wordCount(),
          static_cast<long long>(jieba_->totalFrequency()), static_cast<long long>(ms));
  }

  void agreesWithPythonJieba() {
    QFile f(kData + QStringLiteral("jieba_reference.jsonl"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    int sentences = 0, same = 0, demo = 0;
    while (!f.atEnd()) {
      const QByteArray line = f.readLine().trimmed();
      if (line.isEmpty()) continue;
      const QJsonObject o = QJsonDocument::fromJson(line).object();
      QVERIFY(o.contains("text") && o.contains("tokens"));
      std::vector<std::string> expected;
      for (const auto& v : o.value("tokens").toArray()) expected.push_back(v.toString().toStdString());
      const std::string text = o.value("text").toString().toStdString();
      const std::vector<std::string> got = jieba_->cut(text);
      ++sentences;
      demo += o.value("source").toString() == QLatin1String("demo");
      if (got == expected)
        ++same;
      else
        qWarning("differs from jieba: %s\n  jieba: %s\n  ours:  %s", text.c_str(), qPrintable(joined(expected)),
                 qPrintable(joined(got)));
    }
    qInfo("%d of %d sentences (%d from the demo) tokenised exactly as jieba.cut(HMM=False): %.1f%%", same,
          sentences, demo, 100.0 * same / std::max(1, sentences));
    QVERIFY(sentences >= 200);
    QVERIFY(demo >= 90);
    // data/README.md explains every difference; there are none with Debian's jieba 0.42.1.
    QVERIFY2(same * 100 >= sentences * 98, qPrintable(QString("%1 of %2").arg(same).arg(sentences)));
  }

  void dictionaryWordsAndPaths() {
    const std::u32string beijing = U"北京", qinghua = U"清华大学";
    QVERIFY(jieba_->contains(beijing));
    QVERIFY(jieba_->contains(qinghua));
    QVERIFY(!jieba_->contains(U"清华大"));  // only a prefix
    QVERIFY(!jieba_->contains(U""));
    QCOMPARE(jieba_->cut("我来到北京清华大学"), (std::vector<std::string>{"我", "来到", "北京", "清华大学"}));
    QCOMPARE(jieba_->cut("iPhone6手机 C++"), (std::vector<std::string>{"iPhone6", "手机", " ", "C++"}));
  }

  void maximumProbabilityPathOnOurDictionary() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // total = 100. "ab" + "c": log(.3) + log(.1) = -3.51; "a" + "bc": log(.05) + log(.5) = -3.69.
    const std::string path = writeDict(dir, "d.txt", "ab 30 n\nbc 50\na 5 x\nc 10\nxyz 1\n  b 4 \n");
    const ChineseSegmenter seg = ChineseSegmenter::load(path);
    QCOMPARE(seg.wordCount(), size_t{6});
    QCOMPARE(seg.totalFrequency(), int64_t{100});
    QCOMPARE(seg.skippedLines(), size_t{0});
    auto cut = [&](const std::u32string& s) {
      std::vector<std::pair<uint32_t, uint32_t>> spans;
      seg.cutRun(s.data(), s.size(), spans);
      return spans;
    };
    using Spans = std::vector<std::pair<uint32_t, uint32_t>>;
    // Chinese-range stand-ins would do too; the algorithm does not care about the script, but the
    // ASCII rule does: single a-z/0-9 tokens in a row merge, so use non-ASCII letters here.
    const std::string d2 = writeDict(dir, "d2.txt", "甲乙 30\n乙丙 50\n甲 5\n丙 10\n乙 4\n");
    const ChineseSegmenter s2 = ChineseSegmenter::load(d2);
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    const std::u32string abc = U"甲乙丙";
    s2.cutRun(abc.data(), abc.size(), spans);
    QCOMPARE(spans, (Spans{{0, 2}, {2, 3}}));
    QCOMPARE(s2.cut("甲乙丙丁"), (std::vector<std::string>{"甲乙", "丙", "丁"}));  // 丁: unknown, single
    // ASCII: "ab" from the dictionary stays a word; unknown single letters/digits merge.
    QCOMPARE(cut(U"abc"), (Spans{{0, 2}, {2, 3}}));
    QCOMPARE(seg.cut("qq7ab"), (std::vector<std::string>{"qq7", "ab"}));
  }

  void equalProbabilitiesPreferTheLongerWord() {
    QTemporaryDir dir;
    // 甲乙+丙 and 甲+乙丙 both sum w(20) + w(30), bit for bit (addition commutes). Python's max
    // over (prob, end) tuples then takes the larger end: 甲乙.
    const ChineseSegmenter seg = ChineseSegmenter::load(writeDict(dir, "tie.txt", "甲乙 20\n乙丙 20\n甲 30\n丙 30\n"));
    QCOMPARE(seg.cut("甲乙丙"), (std::vector<std::string>{"甲乙", "丙"}));
  }

  void blocksPunctuationAndWhitespace() {
    QTemporaryDir dir;
    const ChineseSegmenter seg = ChineseSegmenter::load(writeDict(dir, "d.txt", "你好 10\n世界 10\n"));
    // Outside jieba's blocks every character is a token, "\r\n" one token.
    QCOMPARE(seg.cut("你好，世界!\r\n  ok\t3.5%"),
             (std::vector<std::string>{"你好", "，", "世界", "!", "\r\n", " ", " ", "ok", "\t", "3", ".", "5", "%"}));
    QCOMPARE(seg.cut(""), std::vector<std::string>{});
  }

  void badInputNeverCrashes() {
    QTemporaryDir dir;
    const ChineseSegmenter seg = ChineseSegmenter::load(writeDict(dir, "d.txt", "你好 10\n"));
    // Invalid UTF-8 becomes U+FFFD, one per bad byte; NUL is an ordinary character.
    const std::vector<std::string> t = seg.cut(std::string("\xff") + "你好" + "\xe4\xbd" + std::string(1, '\0') + "\xf0");
    QCOMPARE(t, (std::vector<std::string>{"\xEF\xBF\xBD", "你好", "\xEF\xBF\xBD", "\xEF\xBF\xBD", std::string(1, '\0'),
                                          "\xEF\xBF\xBD"}));
    const std::string longRun(300000, 'a');  // one block: one token, no recursion
    QCOMPARE(seg.cut(longRun), std::vector<std::string>{longRun});
    std::string han;
    for (int i = 0; i < 100000; ++i) han += "你好";
    QCOMPARE(seg.cut(han).size(), size_t{100000});
  }

  void dictionaryErrors() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope/dict.txt").toStdString();
    try {
      (void)ChineseSegmenter::load(missing);
      QFAIL("no exception for a missing dictionary");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, ChineseSegmenter::load(writeDict(dir, "empty.txt", "")));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             ChineseSegmenter::load(writeDict(dir, "junk.txt", "no-frequency\nword x12\n\xff\xfe 3\n")));
    // Bad lines are skipped, the good ones kept.
    const ChineseSegmenter seg =
        ChineseSegmenter::load(writeDict(dir, "mixed.txt", "你好 10 l\r\nbad\n世界 -1\n世界 5\n\xc3 2\n"));
    QCOMPARE(seg.wordCount(), size_t{2});
    QCOMPARE(seg.skippedLines(), size_t{3});
    QCOMPARE(seg.totalFrequency(), int64_t{15});
  }

  void sharedInstanceIsLoadedOnce() {
    std::vector<const ChineseSegmenter*> seen(4, nullptr);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < seen.size(); ++i)
      threads.emplace_back([&seen, i] {
        seen[i] = ChineseSegmenter::shared();
        (void)seen[i]->cut("多线程同时分词也没有问题");
      });
    for (auto& t : threads) t.join();
    for (const auto* s : seen) QCOMPARE(s, jieba_);
    QVERIFY(ChineseSegmenter::sharedError().empty());
  }

  void loadTime() {
    // Not a benchmark (tests/bench/lexical_bench is); a bound that catches an accidental
    // quadratic load even on a busy shared machine.
    QElapsedTimer t;
    t.start();
    const ChineseSegmenter seg = ChineseSegmenter::load(ChineseSegmenter::defaultDictPath());
    const qint64 ms = t.elapsed();
    qInfo("fresh load of the dictionary: %lld ms", static_cast<long long>(ms));
    QCOMPARE(seg.wordCount(), jieba_->wordCount());
    QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
  }
};

QTEST_GUILESS_MAIN(ChineseSegmenterTest)
#include "chinese_segmenter_test.moc"
