// The encoder-fine-tuning cache (encoder_head.h) on the installed USE-Lite model: the
// pretrained head on the cached last-layer inputs reproduces the encoder's vectors
// (max abs difference 1e-5 per component; batching alone moves them ~2e-7), long texts
// included (windows), duplicates cached once, the memory cap refuses clearly, clipping
// bounds the cache, and encoders without a head are refused.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "encoder.h"
#include "encoder_head.h"
#include "paths.h"
#include "use_lite_encoder.h"
#include "use_lite_installed.h"

namespace {

std::vector<std::string> sampleTexts() {
  std::string longText;  // ~300 tokens: three windows of 128
  for (int i = 0; i < 60; ++i) longText += "the movie was long but the ending surprised me ";
  return {"funny", "dark comedy", "", "will ferrell", longText, "funny", "Highly quotable, great soundtrack!"};
}

}  // namespace

class EncoderHeadTest : public QObject {
  Q_OBJECT

  std::unique_ptr<il::Encoder> encoder_;

 private slots:
  void initTestCase() {
    if (!il::test::useLiteInstalled()) return;
    il::EncoderSettings s;
    s.kind = "use-lite";
    encoder_ = il::createEncoder(s);
  }

  void reproducesTheEncoder() {
    IL_REQUIRE_USE_LITE();
    const auto texts = sampleTexts();
    const auto head = il::makeEncoderHead(*encoder_, texts);
    QCOMPARE(head->rows(), static_cast<int64_t>(texts.size()));
    QCOMPARE(head->distinctTexts(), int64_t{5});  // "" is not cached, "funny" once
    QCOMPARE(head->encoderId(), encoder_->id());
    QVERIFY(head->cachedTokens() > 256);  // the long text's windows
    QCOMPARE(head->cacheBytes(), (head->cachedTokens() + 1) * 2048);
    const il::Matrix fromHead = head->encode();
    const il::Matrix fromEncoder = encoder_->encode(texts);
    double worst = 0;
    for (int64_t r = 0; r < fromHead.rows; ++r) {
      if (texts[static_cast<size_t>(r)].empty()) {
        QVERIFY(std::all_of(fromHead.row(r), fromHead.row(r) + 512, [](float x) { return x == 0.0f; }));
        continue;
      }
      for (int64_t c = 0; c < 512; ++c) worst = std::max(worst, double(std::fabs(fromHead.at(r, c) - fromEncoder.at(r, c))));
    }
    qInfo("max |head - encoder| = %.2g over %lld tokens", worst, static_cast<long long>(head->cachedTokens()));
    QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
  }

  void capRefusesWithAHint() {
    IL_REQUIRE_USE_LITE();
    il::EncoderHeadOptions o;
    o.maxBytes = 100 * 2048;  // 100 tokens; the long text alone has more
    try {
      il::makeEncoderHead(*encoder_, sampleTexts(), o);
      QFAIL("no error above the cap");
    } catch (const std::runtime_error& e) {
      QVERIFY2(std::string(e.what()).find("--encoder-max-tokens") != std::string::npos, e.what());
    }
    o.maxTokens = 8;  // clipping gets under it
    const auto head = il::makeEncoderHead(*encoder_, sampleTexts(), o);
    QVERIFY(head->cachedTokens() <= 5 * 8);
  }

  void otherEncodersAreRefused() {
    il::EncoderSettings s;
    s.kind = "tfidf";
    auto tfidf = il::createEncoder(s);
    tfidf->fit({"a b", "b c"});
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, il::makeEncoderHead(*tfidf, {"a b"}));
  }
};

QTEST_APPLESS_MAIN(EncoderHeadTest)
#include "encoder_head_test.moc"
