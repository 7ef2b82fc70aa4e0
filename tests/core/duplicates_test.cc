// Duplicate detection: exact, normalised and shingle-similar texts, checked against a
// brute-force Jaccard over real Amazon reviews.
#include <QElapsedTimer>
#include <QTest>
#include <random>

#include "cleaning_test_util.h"
#include "text/duplicates.h"
#include "text/text_cleaner.h"

using namespace il;

class DuplicatesTest : public QObject {
  Q_OBJECT
 private slots:
  void smallCases() {
    const std::vector<std::string> t = {
        "This shampoo smells wonderful and leaves my hair soft and shiny for the whole day.",  // 0
        "This shampoo smells wonderful and leaves my hair soft and shiny for the whole day.",  // 1 exact
        "this shampoo SMELLS wonderful, and leaves my hair soft and shiny for the whole day!!",  // 2 normalised
        "This shampoo smells wonderful and leaves my hair soft and shiny for the whole day! Love it.",  // 3 similar
        "Terrible conditioner, it made my scalp itch for days.",    // 4 unrelated
        "!!!", "!!!",                                                 // 5, 6: exact, no letters
        "Ｔｈｉｓ ｓｈａｍｐｏｏ ｓｍｅｌｌｓ ｗｏｎｄｅｒｆｕｌ ａｎｄ ｌｅａｖｅｓ ｍｙ ｈａｉｒ ｓｏｆｔ ａｎｄ ｓｈｉｎｙ "
        "ｆｏｒ ｔｈｅ ｗｈｏｌｅ ｄａｙ.",  // 7 NFKC of 0
    };
    const DuplicateResult r = findDuplicates(t, {});
    QCOMPARE(r.groupOf, (std::vector<int64_t>{0, 0, 0, 0, 4, 5, 5, 0}));
    QCOMPARE(int(r.kind[1]), int(DuplicateResult::Exact));
    QCOMPARE(int(r.kind[2]), int(DuplicateResult::Normalized));
    QCOMPARE(int(r.kind[3]), int(DuplicateResult::Similar));
    QVERIFY(r.similarity[3] >= 0.8f && r.similarity[3] < 1.0f);
    QCOMPARE(int(r.kind[4]), int(DuplicateResult::None));
    QCOMPARE(int(r.kind[6]), int(DuplicateResult::Exact));
    QCOMPARE(int(r.kind[7]), int(DuplicateResult::Normalized));
    QCOMPARE(r.exact, int64_t{2});
    QCOMPARE(r.near(), int64_t{3});
    QCOMPARE(r.groups, int64_t{2});

    // Without NFKC the full-width copy is only similar... or not at all: it has no
    // ASCII shingles in common with text 0.
    DuplicateOptions noNfkc;
    noNfkc.nfkc = false;
    QCOMPARE(findDuplicates(t, noNfkc).groupOf[7], int64_t{7});
    // Exact only.
    DuplicateOptions exactOnly;
    exactOnly.near = false;
    const DuplicateResult e = findDuplicates(t, exactOnly);
    QCOMPARE(e.groupOf, (std::vector<int64_t>{0, 0, 2, 3, 4, 5, 5, 7}));
    QVERIFY(findDuplicates({}, {}).groupOf.empty());
  }

  void thresholdMatters() {
    const std::vector<std::string> t = {"the quick brown fox jumps over the lazy dog near the river bank",
                                        "the quick brown fox jumps over the lazy cat near the river bank"};
    const double j = shingleJaccard(t[0], t[1]);
    DuplicateOptions lo, hi;
    lo.nearThreshold = j - 0.05;
    hi.nearThreshold = j + 0.05;
    QCOMPARE(findDuplicates(t, lo).groupOf[1], int64_t{0});
    QCOMPARE(findDuplicates(t, hi).groupOf[1], int64_t{1});
  }

  // On the real reviews: every pair a brute-force Jaccard puts at >= 0.8 is in one
  // group, and every "similar" text really is similar to its group's first text.
  void amazonAgainstBruteForce() {
    IL_REQUIRE_SHARED(test::kAmazonBeauty);
    std::vector<std::string> texts;
    for (const auto& raw : test::amazonTexts()) texts.push_back(cleanText(raw, {}).text);
    QVERIFY(texts.size() > 3000);
    QElapsedTimer clock;
    clock.start();
    const DuplicateResult r = findDuplicates(texts, {});
    const qint64 ms = clock.elapsed();
    qInfo("Amazon: %zu texts, %lld exact, %lld normalised, %lld similar, %lld groups, %lld candidate pairs, %lld ms",
          texts.size(), (long long)r.exact, (long long)r.normalized, (long long)r.similar, (long long)r.groups,
          (long long)r.candidatePairs, (long long)ms);
    // The same review is posted for several variants of a product.
    QVERIFY(r.exact > 100);
    for (size_t i = 0; i < texts.size(); ++i) {
      if (r.kind[i] == DuplicateResult::Exact) QCOMPARE(texts[i], texts[r.groupOf[i]]);
      if (r.kind[i] == DuplicateResult::Similar)
        QVERIFY2(shingleJaccard(texts[i], texts[r.groupOf[i]]) >= 0.5, texts[i].c_str());
    }
    // Brute force over the first 1,200 distinct texts.
    std::vector<size_t> sample;
    for (size_t i = 0; i < texts.size() && sample.size() < 1200; ++i)
      if (r.kind[i] != DuplicateResult::Exact) sample.push_back(i);
    int pairs = 0;
    for (size_t a = 0; a < sample.size(); ++a)
      for (size_t b = a + 1; b < sample.size(); ++b) {
        const std::string &x = texts[sample[a]], &y = texts[sample[b]];
        const size_t lx = x.size(), ly = y.size();
        if (std::min(lx, ly) * 10 < std::max(lx, ly) * 6) continue;  // Jaccard >= 0.8 impossible-ish; cheap skip
        if (shingleJaccard(x, y) < 0.8) continue;
        ++pairs;
        QVERIFY2(r.groupOf[sample[a]] == r.groupOf[sample[b]], (x + "\n  vs\n" + y).c_str());
      }
    qInfo("brute force: %d pairs at Jaccard >= 0.8 among %zu texts, all grouped", pairs, sample.size());
  }

  // Planted near copies (a word changed, punctuation, case) of real reviews are found;
  // distinct reviews are not merged.
  void plantedNearCopies() {
    IL_REQUIRE_SHARED(test::kAmazonBeauty);
    std::vector<std::string> base;
    for (const auto& raw : test::amazonTexts()) {
      std::string c = cleanText(raw, {}).text;
      if (c.size() > 300 && std::find(base.begin(), base.end(), c) == base.end()) base.push_back(c);
      if (base.size() == 300) break;
    }
    QCOMPARE(base.size(), size_t{300});
    const DuplicateResult plain = findDuplicates(base, {});
    std::vector<std::string> texts = base;
    std::mt19937 rng(7);
    for (size_t i = 0; i < base.size(); i += 3) {
      std::string t = base[i];
      const size_t at = rng() % (t.size() - 20) + 10;
      t.replace(at, 4, "XYZW");  // one edit inside the text
      t += " Highly recommended.";
      texts.push_back(t);
    }
    const DuplicateResult r = findDuplicates(texts, {});
    int found = 0;
    for (size_t k = base.size(); k < texts.size(); ++k) {
      const size_t original = (k - base.size()) * 3;
      if (shingleJaccard(texts[k], base[original]) < 0.8) continue;
      ++found;
      QCOMPARE(r.groupOf[k], plain.groupOf[original]);
    }
    QVERIFY2(found > 80, qPrintable(QString::number(found)));
    for (size_t i = 0; i < base.size(); ++i) QCOMPARE(r.groupOf[i], plain.groupOf[i]);
  }

  void cancel() {
    std::vector<std::string> t(5000, "some text that is long enough");
    for (size_t i = 0; i < t.size(); ++i) t[i] += std::to_string(i * 7919);
    JobControl job;
    job.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, findDuplicates(t, {}, &job));
  }
};

QTEST_APPLESS_MAIN(DuplicatesTest)
#include "duplicates_test.moc"
