// User profiles: long-term mean, time-decayed short-term, item fallback, no leakage
// of held-out texts, several interests, Rocchio feedback.
#include <QTest>

#include "interest/profile.h"
#include "interest_test_util.h"
#include "vec_math.h"

using namespace il;
using namespace il::test;

namespace {

constexpr int kDim = 4;
constexpr int64_t kT0 = 1700000000;
constexpr int64_t kDay = 86400;

bool near(const std::vector<float>& a, const std::vector<float>& b, float eps = 1e-5f) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > eps) return false;
  return true;
}

// Vectors given per text string.
struct Fixture {
  Corpus corpus;
  Matrix textVectors, itemVectors;
  TrainingData data;
  Fixture(const std::vector<TextSpec>& texts, const std::map<std::string, std::vector<float>>& byText,
          const std::vector<std::pair<std::string, std::string>>& extra = {},
          const std::map<std::string, std::vector<float>>& byItem = {}) {
    std::vector<std::string> items;
    for (const auto& [id, v] : byItem) items.push_back(id);
    corpus = Corpus::fromDataset(datasetOf(texts, items, extra));
    textVectors = textVectorsOf(corpus, kDim, [&](const CorpusText& t) { return byText.at(t.text); });
    itemVectors = itemVectorsOf(corpus, kDim, [&](const std::string& id) {
      const auto it = byItem.find(id);
      return it == byItem.end() ? std::vector<float>(kDim, 0.0f) : it->second;
    });
    data = TrainingData::all(corpus);
    data.textVectors = &textVectors;
    data.itemVectors = &itemVectors;
  }
  int32_t user(const char* id) const { return corpus.findUser(id); }
};

}  // namespace

class ProfileTest : public QObject {
  Q_OBJECT

 private slots:
  void longTermIsTheMean() {
    const auto a = unit({1, 2, 0, 0}), b = unit({0, 1, 1, 0}), c = unit({3, 0, 0, 4});
    Fixture f({{"u", "i1", "a", kT0}, {"u", "i2", "b", kT0 + kDay}, {"u", "i3", "c", kT0 + 2 * kDay}},
              {{"a", a}, {"b", b}, {"c", c}});
    const UserProfile p = buildProfile(f.data, f.user("u"));
    QCOMPARE(p.source, ProfileSource::Texts);
    QCOMPARE(p.vectors, int64_t{3});
    std::vector<float> mean(kDim);
    for (int d = 0; d < kDim; ++d) mean[static_cast<size_t>(d)] = (a[d] + b[d] + c[d]) / 3;
    QVERIFY(near(p.longTerm, unit(mean)));
    // Fewer than 4 vectors: one interest, all of them.
    QCOMPARE(p.interests.size(), size_t{1});
    QCOMPARE(p.interests[0].members.size(), size_t{3});
    QCOMPARE(p.interests[0].weight, 1.0);
  }

  void shortTermHalvesPerHalfLife() {
    const auto recent = axisVector(kDim, 0), old = axisVector(kDim, 1);
    Fixture f({{"u", "i1", "old", kT0}, {"u", "i2", "recent", kT0 + 30 * kDay}}, {{"old", old}, {"recent", recent}});
    ProfileOptions o;
    o.halfLifeDays = 30;
    const UserProfile p = buildProfile(f.data, f.user("u"), o);
    QVERIFY(!p.decayedByEvents);
    QVERIFY(std::abs(p.shortTerm[0] / p.shortTerm[1] - 2.0f) < 1e-5f);
    QVERIFY(std::abs(p.longTerm[0] / p.longTerm[1] - 1.0f) < 1e-5f);
    o.halfLifeDays = 15;  // two half-lives apart now
    QVERIFY(std::abs(buildProfile(f.data, f.user("u"), o).shortTerm[0] / buildProfile(f.data, f.user("u"), o).shortTerm[1] - 4.0f) < 1e-4f);
  }

  void shortTermByEventsWithoutTimes() {
    const auto e0 = axisVector(kDim, 0), e1 = axisVector(kDim, 1), e2 = axisVector(kDim, 2);
    // No times: order is item id order, i1 < i2 < i3.
    Fixture f({{"u", "i1", "first", 0}, {"u", "i2", "second", 0}, {"u", "i3", "third", 0}},
              {{"first", e0}, {"second", e1}, {"third", e2}});
    ProfileOptions o;
    o.halfLifeEvents = 1;
    const UserProfile p = buildProfile(f.data, f.user("u"), o);
    QVERIFY(p.decayedByEvents);
    QVERIFY(std::abs(p.shortTerm[2] / p.shortTerm[1] - 2.0f) < 1e-5f);
    QVERIFY(std::abs(p.shortTerm[1] / p.shortTerm[0] - 2.0f) < 1e-5f);
  }

  void noTextsFallsBackToItems() {
    const auto x = unit({1, 0, 1, 0}), y = unit({0, 1, 0, 0});
    Fixture f({{"writer", "i1", "t", kT0}}, {{"t", axisVector(kDim, 3)}}, {{"silent", "i1"}, {"silent", "i2"}},
              {{"i1", x}, {"i2", y}});
    const UserProfile p = buildProfile(f.data, f.user("silent"));
    QCOMPARE(p.source, ProfileSource::Items);
    QCOMPARE(p.vectors, int64_t{2});
    std::vector<float> mean(kDim);
    for (int d = 0; d < kDim; ++d) mean[static_cast<size_t>(d)] = (x[d] + y[d]) / 2;
    QVERIFY(near(p.longTerm, unit(mean)));
    QCOMPARE(p.interests.size(), size_t{1});
    QCOMPARE(p.interests[0].members, (std::vector<int64_t>{f.corpus.findItem("i1"), f.corpus.findItem("i2")}));
    // Without item vectors there is nothing to build from.
    f.data.itemVectors = nullptr;
    const UserProfile none = buildProfile(f.data, f.user("silent"));
    QCOMPARE(none.source, ProfileSource::None);
    QVERIFY(none.empty());
  }

  void heldOutTextsNeverLeak() {
    std::map<std::string, std::vector<float>> v{{"a", axisVector(kDim, 0, 1, 0.3f)},
                                                 {"b", axisVector(kDim, 1, 2, 0.2f)},
                                                 {"c", axisVector(kDim, 0, 3, 0.4f)},
                                                 {"d", axisVector(kDim, 2, 0, 0.1f)},
                                                 {"held", axisVector(kDim, 3)}};
    Fixture f({{"u", "i1", "a", kT0}, {"u", "i2", "b", kT0 + kDay}, {"u", "i3", "c", kT0 + 2 * kDay},
               {"u", "i4", "d", kT0 + 3 * kDay}, {"u", "i5", "held", kT0 + 4 * kDay}},
              v);
    std::vector<Event> training;
    for (const Event& e : f.corpus.events)
      if (e.item != f.corpus.findItem("i5")) training.push_back(e);
    f.data.setEvents(training);
    const UserProfile before = buildProfile(f.data, f.user("u"));
    QCOMPARE(before.vectors, int64_t{4});
    // Whatever the held-out text's vector is, the profile is the same.
    const int64_t heldRow = static_cast<int64_t>(f.corpus.texts.size()) - 1;
    QCOMPARE(f.corpus.texts[static_cast<size_t>(heldRow)].text, std::string("held"));
    const std::vector<float> other = unit({-1, 5, 2, -3});
    std::copy(other.begin(), other.end(), f.textVectors.row(heldRow));
    const UserProfile after = buildProfile(f.data, f.user("u"));
    QCOMPARE(after.longTerm, before.longTerm);
    QCOMPARE(after.shortTerm, before.shortTerm);
    QCOMPARE(after.interests.size(), before.interests.size());
    for (const auto& in : after.interests)
      for (int64_t m : in.members) QVERIFY(m != heldRow);
    // And it equals the profile of a corpus that never had the text.
    Fixture without({{"u", "i1", "a", kT0}, {"u", "i2", "b", kT0 + kDay}, {"u", "i3", "c", kT0 + 2 * kDay},
                     {"u", "i4", "d", kT0 + 3 * kDay}},
                    v);
    const UserProfile clean = buildProfile(without.data, without.user("u"));
    QCOMPARE(clean.longTerm, before.longTerm);
    QCOMPARE(clean.shortTerm, before.shortTerm);
  }

  void severalInterests() {
    std::map<std::string, std::vector<float>> v;
    std::vector<TextSpec> texts;
    for (int i = 0; i < 10; ++i) {
      const std::string t = "t" + std::to_string(i);
      v[t] = i % 2 ? axisVector(kDim, 0, 2, 0.05f * static_cast<float>(i)) : axisVector(kDim, 1, 3, 0.05f * static_cast<float>(i));
      texts.push_back({"u", "i" + std::to_string(i), t, kT0 + i * kDay});
    }
    // A second user whose texts all sit together.
    for (int i = 0; i < 6; ++i) {
      const std::string t = "w" + std::to_string(i);
      v[t] = axisVector(kDim, 2, 3, 0.02f * static_cast<float>(i));
      texts.push_back({"w", "i" + std::to_string(i), t, kT0 + i * kDay});
    }
    Fixture f(texts, v);
    // Global clusters along axes 0 and 1 (as if built over the corpus).
    GlobalClusters g;
    g.centroids = Matrix::zeros(2, kDim);
    g.centroids.data = {0, 1, 0, 0, 1, 0, 0, 0};
    g.clusters.resize(2);
    const UserProfile p = buildProfile(f.data, f.user("u"), {}, &g);
    QCOMPARE(p.interests.size(), size_t{2});
    QCOMPARE(p.interests[0].weight, 0.5);
    QCOMPARE(p.interests[1].weight, 0.5);
    for (const Interest& in : p.interests) {
      QCOMPARE(in.members.size(), size_t{5});
      const bool odd = f.corpus.texts[static_cast<size_t>(in.members[0])].text.back() % 2 == 1;
      for (int64_t m : in.members) QCOMPARE(f.corpus.texts[static_cast<size_t>(m)].text.back() % 2 == 1, odd);
      QCOMPARE(in.globalCluster, odd ? 1 : 0);
      QVERIFY(std::abs(norm(in.centroid.data(), kDim) - 1.0f) < 1e-5f);
    }
    QCOMPARE(buildProfile(f.data, f.user("w")).interests.size(), size_t{1});
    ProfileOptions one;
    one.maxInterests = 1;
    QCOMPARE(buildProfile(f.data, f.user("u"), one).interests.size(), size_t{1});
    one.buildInterests = false;
    QVERIFY(buildProfile(f.data, f.user("u"), one).interests.empty());
  }

  void feedbackMovesEveryPart() {
    const auto e0 = axisVector(kDim, 0), e1 = axisVector(kDim, 1), e2 = axisVector(kDim, 2);
    Fixture f({{"u", "i1", "a", kT0}}, {{"a", e0}}, {}, {{"liked", e1}, {"disliked", e2}});
    const int32_t liked = f.corpus.findItem("liked"), disliked = f.corpus.findItem("disliked");
    UserProfile p = buildProfile(f.data, f.user("u"));
    ProfileOptions o;
    const std::vector<int32_t> up{liked}, down{disliked};
    applyFeedback(p, up, down, f.itemVectors, o);
    // Rocchio: e0 + 0.75 e1 - 0.25 e2, normalised.
    const auto expected = unit({1, 0.75f, -0.25f, 0});
    QVERIFY(near(p.longTerm, expected));
    QVERIFY(near(p.shortTerm, expected));
    QVERIFY(near(p.interests[0].centroid, expected));
    QCOMPARE(p.liked, up);
    QCOMPARE(p.disliked, down);
    // A user with nothing gets a profile from likes alone.
    UserProfile empty;
    applyFeedback(empty, up, {}, f.itemVectors, o);
    QVERIFY(near(empty.longTerm, e1));
    UserProfile onlyDislikes;
    applyFeedback(onlyDislikes, {}, down, f.itemVectors, o);
    QVERIFY(near(onlyDislikes.longTerm, unit({0, 0, -1, 0})));
  }
};

QTEST_GUILESS_MAIN(ProfileTest)
#include "profile_test.moc"
