// The encode job over a project: everything gets a vector, a second run encodes
// nothing, a cancelled run keeps its finished chunks and the next run completes it;
// recorded settings read back.
#include <QTemporaryDir>
#include <QTest>

#include "encode_job.h"
#include "interestlens_core.h"
#include "test_paths.h"
#include "tfidf_encoder.h"

class EncodeJobTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string project_;

 private slots:
  void initTestCase() {
    project_ = dir_.filePath("demo.ilens").toStdString();
    il::ImportOptions o;
    o.interactionFiles = {il::test::sourcePath("resources/demo/reviews.csv").toStdString()};
    o.itemFiles = {il::test::sourcePath("resources/demo/items.csv").toStdString()};
    const auto out = il::importIntoProject(project_, o);
    QVERIFY2(out.written, out.error.c_str());
  }

  void encodesAllThenNothing() {
    auto p = il::Project::open(project_, il::Project::Mode::OpenExisting);
    il::EncoderSettings s;
    s.kind = "tfidf";
    il::TfidfEncoder enc({.components = 16});
    const il::EncodeStats first = il::encodeProject(*p, enc, s, nullptr, 100);
    il::VectorStore store(*p);
    QVERIFY(first.distinctTexts > 500);
    QCOMPARE(first.encoded, first.distinctTexts);
    QCOMPARE(store.encodedCount(enc.id()), first.distinctTexts);
    QCOMPARE(static_cast<int>(store.get(enc.id(), il::textHash("Great value.")).size()), 16);

    il::TfidfEncoder again({.components = 16});
    const il::EncodeStats second = il::encodeProject(*p, again, s, nullptr, 100);
    QCOMPARE(again.id(), enc.id());  // same corpus, same fit
    QCOMPARE(second.encoded, 0);
    QCOMPARE(second.alreadyEncoded, first.distinctTexts);
  }

  void cancelKeepsFinishedChunksAndResumes() {
    auto p = il::Project::open(project_, il::Project::Mode::OpenExisting);
    il::EncoderSettings s;
    s.kind = "tfidf";
    s.components = 8;
    il::TfidfEncoder enc({.components = 8});
    il::JobControl* self = nullptr;
    int reports = 0;
    il::JobControl job([&](const il::Progress& pr) {
      if (pr.total > 0 && ++reports == 2) self->cancel();  // after the second chunk
    });
    self = &job;
    const il::EncodeStats cut = il::encodeProject(*p, enc, s, &job, 50);
    QVERIFY(cut.cancelled);
    il::VectorStore store(*p);
    QCOMPARE(store.encodedCount(enc.id()), 100);

    il::TfidfEncoder resumed({.components = 8});
    const il::EncodeStats rest = il::encodeProject(*p, resumed, s, nullptr, 50);
    QVERIFY(!rest.cancelled);
    QCOMPARE(rest.alreadyEncoded, 100);
    QCOMPARE(rest.alreadyEncoded + rest.encoded, rest.distinctTexts);
  }

  // Recorded settings rebuild the encoder (encoder fine-tuning does): what settingsJson
  // writes, settingsFromJson reads back; absent fields keep their defaults.
  void settingsRoundTrip() {
    il::EncoderSettings s;
    s.kind = "bert", s.modelDir = "/m", s.pooling = "cls", s.maxLength = 64, s.normalize = 0, s.truncate = true;
    const il::EncoderSettings back = il::settingsFromJson(il::settingsJson(s));
    QCOMPARE(back.kind, s.kind);
    QCOMPARE(back.modelDir, s.modelDir);
    QCOMPARE(back.pooling, s.pooling);
    QCOMPARE(back.maxLength, 64);
    QCOMPARE(back.normalize, 0);
    QVERIFY(back.truncate);
    QCOMPARE(il::settingsFromJson(R"({"kind":"use-lite"})").normalize, -1);
  }
};

QTEST_GUILESS_MAIN(EncodeJobTest)
#include "encode_job_test.moc"
