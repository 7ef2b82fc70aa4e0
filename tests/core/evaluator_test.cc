// The evaluator end to end on datasets small enough to compute by hand: metrics,
// coverage, tuning on validation without refit, leakage, progress, cancel,
// determinism, and the JSON/table reports.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <mutex>

#include "eval/cf_models.h"
#include "eval/evaluator.h"
#include "eval/report_writer.h"
#include "eval/split.h"
#include "eval_test_util.h"

using namespace il;
using namespace il::test;

namespace {

bool near(double a, double b) { return std::abs(a - b) < 1e-12; }

// Items 1..5 (indices 0..4). Evaluated: A (train {1}, validation 2, test 3) and
// B (train {1, 2}, validation 4, test 3). C and D have fewer than 3 interactions.
// Training popularity: item 1 = 3 (A, B, C), 2 = 2 (B, C), 5 = 1 (D), 3 = 4 = 0.
Corpus tiny() {
  return corpusOf({{"A", "1", 1}, {"A", "2", 2}, {"A", "3", 3},
                   {"B", "1", 1}, {"B", "2", 2}, {"B", "4", 3}, {"B", "3", 4},
                   {"C", "2", 1}, {"C", "1", 2},
                   {"D", "5", 1}});
}

// Scores item i with weights[i] for everybody; counts its fits; remembers what it saw.
struct Probe {
  std::mutex m;
  int fits = 0;
  std::vector<Event> seenEvents;
  std::vector<char> seenTextUsable;
};

class FixedScorer : public Scorer {
 public:
  FixedScorer(int id, std::vector<float> weights, Probe* probe) : id_(id), w_(std::move(weights)), probe_(probe) {}
  std::string name() const override { return "fixed"; }
  std::string paramsJson() const override { return "{\"id\":" + std::to_string(id_) + "}"; }
  void fit(const TrainingData& data, const JobControl*) override {
    std::lock_guard lock(probe_->m);
    ++probe_->fits;
    probe_->seenEvents = data.events;
    probe_->seenTextUsable = data.textUsable;
  }
  void score(int32_t, std::span<float> out) const override { std::copy(w_.begin(), w_.end(), out.begin()); }

 private:
  int id_;
  std::vector<float> w_;
  Probe* probe_;
};

ScorerFactory fixed(int id, std::vector<float> weights, Probe* probe) {
  return [=] { return std::make_unique<FixedScorer>(id, weights, probe); };
}

EvalOptions ks(std::vector<int> k) {
  EvalOptions o;
  o.ks = std::move(k);
  return o;
}

// A random-looking but fixed dataset with some structure for determinism checks.
Corpus synthetic() {
  std::vector<Row> rows;
  for (int u = 0; u < 80; ++u)
    for (int i = 0; i < 120; ++i)
      if ((u * 31 + i * 17 + (u / 10) * (i / 15)) % 9 < 2)
        rows.push_back({std::to_string(u), std::to_string(i), (u * 7 + i * 3) % 50});
  return corpusOf(rows);
}

}  // namespace

class EvaluatorTest : public QObject {
  Q_OBJECT

 private slots:
  void popularityByHand() {
    const Corpus c = tiny();
    const EvalReport r = evaluate(c, ks({1, 2, 3}), {popularityModel()});
    QCOMPARE(r.users, 2);
    QCOMPARE(r.items, 5);
    QCOMPARE(r.results.size(), size_t{1});
    const ModelResult& m = r.results[0];
    QCOMPARE(m.model, std::string("popularity"));
    QCOMPARE(m.atK.size(), size_t{3});
    // Test, A: candidates (not 1, not validation 2): 3 (0), 4 (0), 5 (1); item 3 has
    //   g = 1, e = 1 -> rank 2 or 3.  B: candidates (not 1, 2, 4): 3 (0), 5 (1) -> rank 2.
    // Recall@1 = 0. Recall@2 = (1/2 + 1) / 2. Recall@3 = 1.
    QCOMPARE(m.atK[0].k, 1);
    QVERIFY(near(m.atK[0].recall, 0.0));
    QVERIFY(near(m.atK[1].recall, 0.75));
    QVERIFY(near(m.atK[2].recall, 1.0));
    // NDCG@2 = (1/2 * 1/log2 3 + 1/log2 3) / 2; NDCG@3 = (1/2 (1/log2 3 + 1/2) + 1/log2 3) / 2.
    const double l3 = 1 / std::log2(3.0);
    QVERIFY(near(m.atK[1].ndcg, 0.75 * l3));
    QVERIFY(near(m.atK[2].ndcg, (0.5 * (l3 + 0.5) + l3) / 2));
    // Lists (ties by id): A -> 5, 3, 4; B -> 5, 3. Coverage@1 = {5} / 5, @2 = {5, 3} / 5, @3 = 3 / 5.
    QVERIFY(near(m.atK[0].coverage, 0.2));
    QVERIFY(near(m.atK[1].coverage, 0.4));
    QVERIFY(near(m.atK[2].coverage, 0.6));
    // Validation, A: candidates 2 (2), 3, 4 (0), 5 (1) -> item 2 first: NDCG 1.
    // B: candidates 3, 4 (0), 5 (1) -> item 4 at rank 2 or 3: NDCG 1/2 (1/log2 3 + 1/2).
    QVERIFY(near(m.validationNdcg, (1 + 0.5 * (l3 + 0.5)) / 2));
    QCOMPARE(m.paramsJson, std::string("{}"));
    QVERIFY(m.fitSeconds >= 0 && m.evalSeconds >= 0);
  }

  void validationPicksCandidateTestedWithoutRefit() {
    const Corpus c = tiny();
    Probe probe;
    // id 1: everything tied. id 2: validation items 2 and 4 on top (best on validation).
    // id 3: same scores as 2, tried later: a tie keeps id 2.
    const std::vector<float> good{0, 5, 1, 4, 0};
    ModelSpec spec{"fixed", {fixed(1, {0, 0, 0, 0, 0}, &probe), fixed(2, good, &probe), fixed(3, good, &probe)}};
    const EvalReport r = evaluate(c, ks({1}), {spec});
    const ModelResult& m = r.results[0];
    QCOMPARE(probe.fits, 3);  // each candidate once, none refitted for test
    QCOMPARE(m.paramsJson, std::string("{\"id\":2}"));
    QCOMPARE(m.trials.size(), size_t{3});
    QVERIFY(m.trials[1].validationNdcg > m.trials[0].validationNdcg);
    QCOMPARE(m.trials[1].validationNdcg, m.trials[2].validationNdcg);
    // Validation with id 2: A's item 2 (5) beats 3 (1), 4 (4), 5 (0); B's item 4 (4) beats 3, 5.
    QVERIFY(near(m.validationNdcg, 1.0));
    // Test with id 2: A's candidates 3 (1), 4 (4), 5 (0) -> item 3 at rank 2: recall@1 0.
    // B's candidates 3 (1), 5 (0) -> rank 1. Recall@1 = 1/2.
    QVERIFY(near(m.atK[0].recall, 0.5));
  }

  void modelsSeeOnlyTrainingData() {
    const Corpus c = corpusOf({{"A", "1", 1}, {"A", "2", 2}, {"A", "3", 3}, {"B", "1", 1}},
                              {{"A", "1", 1}, {"A", "2", 2}, {"A", "3", 3}, {"B", "1", 1}});
    Probe probe;
    evaluate(c, ks({1}), {{"fixed", {fixed(1, {0, 0, 0}, &probe)}}});
    QCOMPARE(probe.seenEvents.size(), size_t{2});  // A -> 1 and B -> 1
    for (const Event& e : probe.seenEvents) QCOMPARE(e.item, c.findItem("1"));
    // Texts in (user, time, item) order: A1 usable, A2 and A3 held out, B1 usable.
    QCOMPARE(probe.seenTextUsable, (std::vector<char>{1, 0, 0, 1}));
  }

  void reportsProgressAndCancels() {
    const Corpus c = tiny();
    std::vector<Progress> seen;
    JobControl job([&](const Progress& p) { seen.push_back(p); });
    evaluate(c, ks({1}), {popularityModel()}, &job);
    bool validationDone = false, testDone = false;
    for (const Progress& p : seen) {
      validationDone |= p.phase == "popularity: validation" && p.done == 2 && p.total == 2;
      testDone |= p.phase == "popularity: test" && p.done == 2 && p.total == 2;
    }
    QVERIFY(validationDone);
    QVERIFY(testDone);

    JobControl cancelled;
    cancelled.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, evaluate(c, ks({1}), {popularityModel()}, &cancelled));

    // Cancelled while validating: stops before the test pass.
    JobControl* self = nullptr;
    bool reachedTest = false;
    JobControl midway([&](const Progress& p) {
      if (p.phase == "popularity: validation") self->cancel();
      if (p.phase == "popularity: test") reachedTest = true;
    });
    self = &midway;
    QVERIFY_THROWS_EXCEPTION(Cancelled, evaluate(c, ks({1}), {popularityModel()}, &midway));
    QVERIFY(!reachedTest);
  }

  void badOptionsAreRejected() {
    const Corpus c = tiny();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(c, ks({}), {popularityModel()}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(c, ks({0}), {popularityModel()}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(c, ks({10}), {ModelSpec{"empty", {}}}));
  }

  void deterministicAcrossRunsAndThreads() {
    const Corpus c = synthetic();
    const std::vector<ModelSpec> models{popularityModel(), itemKnnGrid({5, 20}, 2),
                                        mfGrid({{8, 0.1, 10, 5, 2}, {8, 0.01, 40, 5, 2}})};
    EvalOptions one = ks({5, 10});
    one.threads = 1;
    EvalOptions three = one;
    three.threads = 3;
    const EvalReport a = evaluate(c, one, models), b = evaluate(c, three, models), again = evaluate(c, one, models);
    QVERIFY(a.users > 50);
    for (const EvalReport* other : {&b, &again}) {
      QCOMPARE(other->results.size(), a.results.size());
      for (size_t m = 0; m < a.results.size(); ++m) {
        QCOMPARE(other->results[m].paramsJson, a.results[m].paramsJson);
        QCOMPARE(other->results[m].validationNdcg, a.results[m].validationNdcg);
        for (size_t k = 0; k < a.results[m].atK.size(); ++k) {
          QCOMPARE(other->results[m].atK[k].recall, a.results[m].atK[k].recall);
          QCOMPARE(other->results[m].atK[k].ndcg, a.results[m].atK[k].ndcg);
          QCOMPARE(other->results[m].atK[k].coverage, a.results[m].atK[k].coverage);
        }
      }
    }
  }

  void jsonReportShape() {
    const Corpus c = tiny();
    EvalOptions o = ks({1, 2});
    o.seed = 9;
    const EvalReport r = evaluate(c, o, {popularityModel(), itemKnnGrid({5})});
    QJsonObject extra;
    extra.insert("encoder", "tfidf");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(reportJson(r, extra)), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root.keys(), (QStringList{"items", "params", "protocol", "results", "users"}));
    QVERIFY(root["protocol"].toString().contains("leave-last-out"));
    QCOMPARE(root["users"].toInt(), 2);
    QCOMPARE(root["items"].toInt(), 5);
    const QJsonObject params = root["params"].toObject();
    QCOMPARE(params["seed"].toInt(), 9);
    QCOMPARE(params["k"].toArray(), (QJsonArray{1, 2}));
    QCOMPARE(params["encoder"].toString(), QString("tfidf"));
    const QJsonArray results = root["results"].toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject pop = results[0].toObject();
    QCOMPARE(pop.keys(), (QStringList{"coverage@1", "coverage@2", "eval_seconds", "fit_seconds", "model", "ndcg@1",
                                      "ndcg@2", "params", "recall@1", "recall@2", "validation_ndcg@10"}));
    QCOMPARE(pop["model"].toString(), QString("popularity"));
    QVERIFY(pop["params"].isObject());
    QCOMPARE(pop["recall@2"].toDouble(), r.results[0].atK[1].recall);
    const QJsonObject knn = results[1].toObject();
    QCOMPARE(knn["params"].toObject()["k"].toInt(), 5);

    const std::string table = reportTable(r);
    QVERIFY(table.find("popularity") != std::string::npos);
    QVERIFY(table.find("recall@2") != std::string::npos);
    QVERIFY(table.find("itemknn params: {\"k\":5}") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(EvaluatorTest)
#include "evaluator_test.moc"
