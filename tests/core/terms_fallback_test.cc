// Without jieba's dictionary (IL_JIEBA_DICT pointing at nothing): a clear error, said once, and
// Chinese falls back to characters plus character bigrams; English is unaffected.
#include <QTest>

#include "text/chinese_segmenter.h"
#include "text/terms.h"

using namespace il;

class TermsFallbackTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // Before anything asks for the shared segmenter: it is loaded once per process.
    qputenv("IL_JIEBA_DICT", QByteArray(IL_BINARY_DIR "/no-such-dir/dict.txt"));
  }

  void missingDictionaryIsReported() {
    QVERIFY(ChineseSegmenter::shared() == nullptr);
    const std::string error = ChineseSegmenter::sharedError();
    QVERIFY2(error.find("no-such-dir/dict.txt") != std::string::npos, error.c_str());
    QVERIFY2(error.find("cannot open") != std::string::npos, error.c_str());
  }

  void chineseFallsBackToCharactersAndBigrams() {
    QCOMPARE(extractTerms("这款咖啡豆很香"),
             (std::vector<std::string>{"这款", "咖", "款咖", "啡", "咖啡", "豆", "啡豆", "豆很", "香", "很香"}));
    QCOMPARE(extractTerms("Great batteries 很好"), (std::vector<std::string>{"great", "batteri", "好", "很好"}));
  }
};

QTEST_GUILESS_MAIN(TermsFallbackTest)
#include "terms_fallback_test.moc"
