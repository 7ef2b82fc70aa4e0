// The heatmap's similarity block on a hand-made catalog of two kinds of items (A along
// x, B along z) and users who write about one kind only: values are the cosines one
// computes by hand, the order puts each kind's users and items together, and blocks
// over the cap are sampled and say so.
#include <QTest>
#include <algorithm>
#include <cmath>

#include "interestlens_core.h"

using namespace il;

namespace {

std::vector<float> itemVec(const std::string& id) {
  const float y = 0.1f * static_cast<float>(id.back() - '0');
  return id[0] == 'a' ? std::vector<float>{1, y, 0, 0} : std::vector<float>{0, y, 1, 0};
}

struct Fixture {
  Corpus corpus;
  Matrix texts, items;
};

Fixture makeFixture() {
  Dataset d;
  for (const char* id : {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"})
    d.items.push_back({id, std::string("Item ") + id, id[0] == 'a' ? "apples" : "bicycles", "", "", std::nullopt, true});
  auto add = [&](const char* user, const char* item, int64_t t) {
    d.interactions.push_back({user, item, 5.0, t});
    d.texts.push_back({user, item, std::string("about ") + item, t});
  };
  add("ua1", "a1", 100);
  add("ua2", "a1", 100);
  add("ua2", "a2", 200);
  add("ua3", "a2", 100);
  add("ua3", "a3", 200);
  add("ub1", "b1", 100);
  add("ub2", "b1", 100);
  add("ub2", "b2", 200);
  add("ub3", "b2", 100);
  add("ub3", "b3", 200);
  Fixture f;
  f.corpus = Corpus::fromDataset(d);
  f.texts = Matrix::zeros(static_cast<int64_t>(f.corpus.texts.size()), 4);
  for (size_t i = 0; i < f.corpus.texts.size(); ++i) {
    const CorpusText& t = f.corpus.texts[i];
    std::vector<float> v = itemVec(f.corpus.items[static_cast<size_t>(t.item)].id);
    v[3] = 0.05f;  // texts sit a little off their item
    if (f.corpus.users[static_cast<size_t>(t.user)] == "ua1") v = {1, 0, 0, 0};  // exact, for a literal check
    std::copy(v.begin(), v.end(), f.texts.row(static_cast<int64_t>(i)));
  }
  f.items = Matrix::zeros(f.corpus.itemCount(), 4);
  for (int32_t i = 0; i < f.corpus.itemCount(); ++i) {
    const auto v = itemVec(f.corpus.items[static_cast<size_t>(i)].id);
    std::copy(v.begin(), v.end(), f.items.row(i));
  }
  return f;
}

std::unique_ptr<Recommender> makeRecommender(const Fixture& f, bool vectors = true) {
  RecommenderOptions o;
  o.clusters.k = 2;
  o.mf.factors = 4;
  o.threads = 1;
  if (!vectors) return std::make_unique<Recommender>(f.corpus, std::nullopt, std::nullopt, o);
  return std::make_unique<Recommender>(f.corpus, f.texts, f.items, o);
}

double handCosine(const std::vector<float>& a, const std::vector<float>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size(); ++i) ab += a[i] * b[i], aa += a[i] * a[i], bb += b[i] * b[i];
  return ab / std::sqrt(aa * bb);
}

// True when the positions of `members` in `order` form one contiguous run.
bool contiguous(const std::vector<int32_t>& order, const std::vector<int32_t>& members) {
  std::vector<int> pos;
  for (int32_t m : members) pos.push_back(static_cast<int>(std::find(order.begin(), order.end(), m) - order.begin()));
  const auto [lo, hi] = std::minmax_element(pos.begin(), pos.end());
  return *hi - *lo + 1 == static_cast<int>(members.size()) && *hi < static_cast<int>(order.size());
}

}  // namespace

class SimilarityBlockTest : public QObject {
  Q_OBJECT
  Fixture f_ = makeFixture();

 private slots:
  void valuesAreCosines() {
    auto r = makeRecommender(f_);
    const std::vector<int32_t> users = {f_.corpus.findUser("ua1"), f_.corpus.findUser("ub2")};
    const std::vector<int32_t> items = {f_.corpus.findItem("a2"), f_.corpus.findItem("b1"), f_.corpus.findItem("b3")};
    SimilarityBlockOptions o;
    o.order = false;
    const SimilarityBlock b = similarityBlock(*r, users, items, o);
    QCOMPARE(b.rows(), 2);
    QCOMPARE(b.cols(), 3);
    QVERIFY(!b.sampled);
    QCOMPARE(b.users, users);
    QCOMPARE(b.items, items);
    // ua1 wrote one text at (1,0,0,0): cos with a2 = (1,.2,0,0) is 1/sqrt(1.04), with B items 0.
    QVERIFY(std::abs(b.values.at(0, 0) - 1 / std::sqrt(1.04)) < 1e-5);
    QVERIFY(std::abs(b.values.at(0, 1)) < 1e-6);
    // ub2: the mean of its two texts, each scaled to unit length, against the item vectors.
    const double n1 = std::sqrt(0.01 + 1 + 0.0025), n2 = std::sqrt(0.04 + 1 + 0.0025);
    const std::vector<float> ub2 = {0, static_cast<float>(0.1 / n1 + 0.2 / n2), static_cast<float>(1 / n1 + 1 / n2),
                                    static_cast<float>(0.05 / n1 + 0.05 / n2)};
    for (int j = 0; j < 3; ++j)
      QVERIFY2(std::abs(b.values.at(1, j) - handCosine(ub2, itemVec(f_.corpus.items[static_cast<size_t>(items[static_cast<size_t>(j)])].id))) < 1e-5,
               qPrintable(QString::number(j)));
  }

  void orderGroupsTheTwoKinds() {
    auto r = makeRecommender(f_);
    // Interleaved on purpose: A, B, A, B, ...
    std::vector<int32_t> users, items, aUsers, bUsers, aItems, bItems;
    for (const char* u : {"ua1", "ub1", "ua2", "ub2", "ua3", "ub3"}) {
      users.push_back(f_.corpus.findUser(u));
      (u[1] == 'a' ? aUsers : bUsers).push_back(users.back());
    }
    for (const char* i : {"a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4"}) {
      items.push_back(f_.corpus.findItem(i));
      (i[0] == 'a' ? aItems : bItems).push_back(items.back());
    }
    const SimilarityBlock b = similarityBlock(*r, users, items);
    QCOMPARE(b.rows(), 6);
    QCOMPARE(b.cols(), 8);
    QVERIFY(contiguous(b.users, aUsers));
    QVERIFY(contiguous(b.users, bUsers));
    QVERIFY(contiguous(b.items, aItems));
    QVERIFY(contiguous(b.items, bItems));
    // Rows and columns start with the same kind, so the blocks sit on the diagonal.
    const bool rowsStartA = std::find(aUsers.begin(), aUsers.end(), b.users[0]) != aUsers.end();
    const bool colsStartA = std::find(aItems.begin(), aItems.end(), b.items[0]) != aItems.end();
    QCOMPARE(rowsStartA, colsStartA);
    // Values moved with their rows and columns.
    for (int i = 0; i < b.rows(); ++i)
      for (int j = 0; j < b.cols(); ++j) {
        const int32_t it = b.items[static_cast<size_t>(j)];
        const bool same = (std::find(aUsers.begin(), aUsers.end(), b.users[static_cast<size_t>(i)]) != aUsers.end()) ==
                          (std::find(aItems.begin(), aItems.end(), it) != aItems.end());
        QVERIFY(same ? b.values.at(i, j) > 0.9f : b.values.at(i, j) < 0.3f);
      }
    // Deterministic.
    const SimilarityBlock again = similarityBlock(*r, users, items);
    QCOMPARE(again.users, b.users);
    QCOMPARE(again.items, b.items);
  }

  void orderBlockOnAHandMatrix() {
    // Rows 0, 2, 4 like columns 1, 3; rows 1, 3 like columns 0, 2, 4.
    Matrix m = Matrix::zeros(5, 5);
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 5; ++j) m.row(i)[j] = (i % 2) != (j % 2) ? 0.9f - 0.01f * static_cast<float>(i + j) : 0.1f;
    const BlockOrder o = orderBlock(m);
    QCOMPARE(static_cast<int>(o.rows.size()), 5);
    QCOMPARE(static_cast<int>(o.cols.size()), 5);
    std::vector<int32_t> rows(o.rows.begin(), o.rows.end()), cols(o.cols.begin(), o.cols.end());
    QVERIFY(contiguous(rows, {0, 2, 4}));
    QVERIFY(contiguous(cols, {1, 3}));
    QVERIFY(contiguous(cols, {0, 2, 4}));
  }

  void automaticSelectionAroundAUser() {
    auto r = makeRecommender(f_);
    const int32_t ua2 = f_.corpus.findUser("ua2");
    SimilarityBlockOptions o;
    o.neighbours = 3;
    o.itemsPerRow = 2;
    const SimilarityBlock b = similarityBlock(*r, ua2, o);
    QVERIFY2(b.message.empty(), b.message.c_str());
    QCOMPARE(b.rows(), 4);
    QVERIFY(!b.sampled);
    QCOMPARE(b.selectedRows, 4);
    QVERIFY(b.focusRow >= 0);
    QCOMPARE(b.users[static_cast<size_t>(b.focusRow)], ua2);
    // The nearest users of an A user are the other A users first.
    int aRows = 0;
    for (int32_t u : b.users) aRows += f_.corpus.users[static_cast<size_t>(u)][1] == 'a';
    QCOMPARE(aRows, 3);
    QVERIFY(b.cols() >= 2 && b.cols() <= o.maxColumns);
    // No column is an item the focus user already has, and columns are distinct.
    std::vector<int32_t> cols = b.items;
    std::sort(cols.begin(), cols.end());
    QVERIFY(std::adjacent_find(cols.begin(), cols.end()) == cols.end());
  }

  void interestsMode() {
    auto r = makeRecommender(f_);
    const int32_t ub3 = f_.corpus.findUser("ub3");
    SimilarityBlockOptions o;
    o.rows = BlockRows::Interests;
    const SimilarityBlock b = similarityBlock(*r, ub3, o);
    const UserProfile* p = r->profile(ub3);
    QVERIFY(p);
    QCOMPARE(b.rows(), std::max<int>(1, static_cast<int>(p->interests.size())));
    QCOMPARE(b.focusRow, -1);
    for (int i = 0; i < b.rows(); ++i) {
      QCOMPARE(b.users[static_cast<size_t>(i)], ub3);
      const int k = b.interests[static_cast<size_t>(i)];
      const std::vector<float>& c = k < 0 ? p->longTerm : p->interests[static_cast<size_t>(k)].centroid;
      for (int j = 0; j < b.cols(); ++j) {
        const auto iv = itemVec(f_.corpus.items[static_cast<size_t>(b.items[static_cast<size_t>(j)])].id);
        QVERIFY(std::abs(b.values.at(i, j) - handCosine(c, iv)) < 1e-5);
      }
    }
  }

  void samplingOverTheCapIsFlagged() {
    auto r = makeRecommender(f_);
    std::vector<int32_t> users, items;
    for (int32_t u = 0; u < f_.corpus.userCount(); ++u) users.push_back(u);
    for (int32_t i = 0; i < f_.corpus.itemCount(); ++i) items.push_back(i);
    SimilarityBlockOptions o;
    o.maxRows = 3;
    o.maxCols = 4;
    const SimilarityBlock b = similarityBlock(*r, users, items, o);
    QVERIFY(b.sampled);
    QCOMPARE(b.selectedRows, 6);
    QCOMPARE(b.selectedCols, 8);
    QCOMPARE(b.rows(), 3);
    QCOMPARE(b.cols(), 4);
    const SimilarityBlock again = similarityBlock(*r, users, items, o);
    QCOMPARE(again.users, b.users);
    QCOMPARE(again.items, b.items);

    // Under the cap: not sampled.
    const SimilarityBlock full = similarityBlock(*r, users, items);
    QVERIFY(!full.sampled);
    QCOMPARE(full.rows(), 6);

    // The automatic selection keeps the chosen user when it samples.
    SimilarityBlockOptions a;
    a.neighbours = 5;
    a.maxRows = 2;
    const int32_t ub3 = f_.corpus.findUser("ub3");
    const SimilarityBlock s = similarityBlock(*r, ub3, a);
    QVERIFY(s.sampled);
    QCOMPARE(s.selectedRows, 6);
    QCOMPARE(s.rows(), 2);
    QVERIFY(s.focusRow >= 0);
    QCOMPARE(s.users[static_cast<size_t>(s.focusRow)], ub3);
  }

  void evenSampleKeepsTheAskedIndex() {
    QCOMPARE(evenSample(3, 5), (std::vector<int64_t>{0, 1, 2}));
    const auto s = evenSample(100, 10, 37);
    QCOMPARE(static_cast<int>(s.size()), 10);
    QVERIFY(std::is_sorted(s.begin(), s.end()));
    QVERIFY(std::adjacent_find(s.begin(), s.end()) == s.end());
    QVERIFY(std::binary_search(s.begin(), s.end(), int64_t{37}));
  }

  void withoutVectorsTheBlockIsEmptyWithAReason() {
    auto r = makeRecommender(f_, false);
    const SimilarityBlock b = similarityBlock(*r, 0);
    QVERIFY(b.empty());
    QVERIFY(!b.message.empty());
  }
};

QTEST_GUILESS_MAIN(SimilarityBlockTest)
#include "similarity_block_test.moc"
