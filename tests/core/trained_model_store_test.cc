// Trained models stored in the project: a save/load round trip keeps every float and id,
// damaged rows are refused with a message, and the stored embeddings score by id after
// a re-import (a user or item the model never saw is handled, not crashed on).
#include <QTemporaryDir>
#include <QTest>

#include "interestlens_core.h"
#include "store/sqlite_db.h"

using namespace il;

namespace {

ImportResult threeItems() {
  ImportResult r;
  r.ok = true;
  r.data.items = {{"a", "A", "", "", "", std::nullopt, true},
                  {"b", "B", "", "", "", std::nullopt, true},
                  {"c", "C", "", "", "", std::nullopt, true}};
  r.data.interactions = {{"u1", "a", 4.0, 10}, {"u2", "b", 3.0, 20}, {"u3", "c", 5.0, 30}};
  return r;
}

// Users u1, u2 and items a, b in 2 dimensions; u3 and c are unknown to it.
TrainedModel model() {
  TrainedModel m;
  m.kind = "twotower";
  m.encoderId = "use-lite:test";
  m.paramsJson = "{\"dim\":2}";
  m.historyJson = "[{\"epoch\":1,\"loss\":0.5}]";
  m.userIds = {"u2", "u1"};
  m.itemIds = {"b", "a"};
  m.userVectors = {2, 2, {0.f, 1.f, 1.f, 0.f}};   // u2 likes dimension 1, u1 dimension 0
  m.itemVectors = {2, 2, {0.25f, 2.f, 3.f, -1.f}};
  m.state = std::string("\0\x01state\xff", 8);
  return m;
}

}  // namespace

class TrainedModelStoreTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void roundTripKeepsEveryValue() {
    auto p = Project::open(dir_.filePath("t.ilens").toStdString(), Project::Mode::CreateIfMissing);
    TrainedModelStore store(*p);
    QVERIFY(!store.latest("twotower"));
    const int64_t first = store.save(model());
    TrainedModel second = model();
    second.paramsJson = "{\"dim\":2,\"epochs\":9}";
    const int64_t id = store.save(second);
    QVERIFY(id > first);
    const auto back = store.latest("twotower");
    QVERIFY(back);
    QCOMPARE(back->id, id);
    QCOMPARE(back->paramsJson, second.paramsJson);
    QCOMPARE(back->historyJson, second.historyJson);
    QCOMPARE(back->userIds, second.userIds);
    QCOMPARE(back->itemIds, second.itemIds);
    QCOMPARE(back->userVectors.data, second.userVectors.data);
    QCOMPARE(back->itemVectors.data, second.itemVectors.data);
    QCOMPARE(back->state, second.state);  // binary, with NUL bytes
    QVERIFY(back->created > 0);
    QVERIFY(!store.latest("twotower", "another-encoder"));
    QCOMPARE(store.list().size(), size_t{2});
    store.remove(id);
    QCOMPARE(store.latest("twotower")->id, first);
  }

  void mismatchedShapesAreRefused() {
    auto p = Project::open(dir_.filePath("m.ilens").toStdString(), Project::Mode::CreateIfMissing);
    TrainedModel bad = model();
    bad.itemIds.pop_back();
    QVERIFY_THROWS_EXCEPTION(ProjectError, TrainedModelStore(*p).save(bad));
    QVERIFY(TrainedModelStore(*p).list().empty());
  }

  void damagedVectorsAreRefusedClearly() {
    auto p = Project::open(dir_.filePath("d.ilens").toStdString(), Project::Mode::CreateIfMissing);
    TrainedModelStore(*p).save(model());
    p->database().exec("UPDATE trained_models SET user_vectors = x'0000'");
    try {
      TrainedModelStore(*p).latest("twotower");
      QFAIL("a 2-byte vector blob was accepted");
    } catch (const ProjectError& e) {
      QVERIFY2(std::string(e.what()).find("expected 2 x 2 floats") != std::string::npos, e.what());
    }
  }

  void scoresByIdAfterReimport() {
    auto p = Project::open(dir_.filePath("s.ilens").toStdString(), Project::Mode::CreateIfMissing);
    p->writeImport(threeItems());
    TrainedModelStore(*p).save(model());
    // The corpus numbers users and items by id (u1 u2 u3, a b c), unlike the model's rows.
    auto r = Recommender::fromProject(*p);
    QVERIFY(r->trainedModelId() > 0);
    const auto models = r->models();
    QVERIFY(std::find(models.begin(), models.end(), "twotower") != models.end());
    const Corpus& c = r->corpus();
    const auto u1 = r->scores(c.findUser("u1"), "twotower");
    QCOMPARE(u1[static_cast<size_t>(c.findItem("a"))], 3.f);
    QCOMPARE(u1[static_cast<size_t>(c.findItem("b"))], 0.25f);
    QCOMPARE(u1[static_cast<size_t>(c.findItem("c"))], 0.25f - 1.f);  // unknown item: below every known one
    const auto u2 = r->scores(c.findUser("u2"), "twotower");
    QCOMPARE(u2[static_cast<size_t>(c.findItem("b"))], 2.f);
    // u3 is unknown: the mean user vector (0.5, 0.5).
    const auto u3 = r->scores(c.findUser("u3"), "twotower");
    QCOMPARE(u3[static_cast<size_t>(c.findItem("a"))], 1.f);
    QCOMPARE(u3[static_cast<size_t>(c.findItem("b"))], 1.125f);
    const auto list = r->recommend(c.findUser("u1"), RecommendRequest{"twotower", 2});
    QCOMPARE(list.size(), size_t{2});
    QCOMPARE(list[0].id, std::string("b"));  // u1 has a; b beats the unknown c
    QVERIFY(r->paramsJson().find("\"twotower\":{\"dim\":2}") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TrainedModelStoreTest)
#include "trained_model_store_test.moc"
