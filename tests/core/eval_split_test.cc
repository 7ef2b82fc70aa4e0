// Leave-last-out split on a hand-made corpus: (time, item id) order, users with fewer
// than 3 interactions kept whole in training, held-out texts hidden from models.
#include <QTest>
#include <algorithm>

#include "eval/split.h"
#include "eval_test_util.h"

using namespace il;
using namespace il::test;

class EvalSplitTest : public QObject {
  Q_OBJECT

 private slots:
  void heldOutItemsFollowTimeThenItemId() {
    // Item ids compare as numbers: 9 < 10 < 20 < 30.
    const Corpus c = corpusOf({
        {"1", "30", 5}, {"1", "10", 5}, {"1", "20", 1}, {"1", "9", 7},  // order 20, 10, 30, 9
        {"2", "10", 1}, {"2", "20", 2},                                 // only 2: not evaluated
        {"3", "30", 0}, {"3", "20", 0}, {"3", "10", 0},                 // no times: by id 10, 20, 30
    });
    const LeaveLastOutSplit s = leaveLastOutSplit(c);
    const auto item = [&](const char* id) { return c.findItem(id); };
    const int32_t u1 = c.findUser("1"), u2 = c.findUser("2"), u3 = c.findUser("3");

    QCOMPARE(s.testItem[u1], item("9"));
    QCOMPARE(s.validationItem[u1], item("30"));  // the later of the two at time 5 by id
    QCOMPARE(s.testItem[u2], -1);
    QCOMPARE(s.validationItem[u2], -1);
    QVERIFY(!s.evaluated(u2));
    QCOMPARE(s.testItem[u3], item("30"));
    QCOMPARE(s.validationItem[u3], item("20"));
    QCOMPARE(s.evaluatedUsers(), 2);

    std::vector<std::pair<int32_t, int32_t>> training;
    for (const Event& e : s.training) training.emplace_back(e.user, e.item);
    const std::vector<std::pair<int32_t, int32_t>> expected{
        {u1, item("20")}, {u1, item("10")}, {u2, item("10")}, {u2, item("20")}, {u3, item("10")}};
    QCOMPARE(training, expected);
  }

  void inputOrderDoesNotMatter() {
    const Corpus c = corpusOf({{"a", "1", 3}, {"a", "2", 2}, {"a", "3", 1}, {"b", "1", 1}});
    std::vector<Event> shuffled(c.events.rbegin(), c.events.rend());
    const LeaveLastOutSplit s = leaveLastOutSplit(shuffled, c.userCount());
    QCOMPARE(s.testItem[c.findUser("a")], c.findItem("1"));
    QCOMPARE(s.validationItem[c.findUser("a")], c.findItem("2"));
    QCOMPARE(s.training.size(), size_t{2});
  }

  void heldOutTextsAreNotUsable() {
    const Corpus c = corpusOf({{"1", "10", 1}, {"1", "20", 2}, {"1", "30", 3}, {"2", "10", 1}, {"2", "20", 2}},
                              {{"1", "10", 1}, {"1", "20", 2}, {"1", "30", 3}, {"2", "20", 2}});
    const LeaveLastOutSplit s = leaveLastOutSplit(c);
    TrainingData data;
    data.corpus = &c;
    data.setEvents(s.training);
    QCOMPARE(data.textUsable.size(), c.texts.size());
    for (size_t i = 0; i < c.texts.size(); ++i) {
      const CorpusText& t = c.texts[i];
      const bool heldOut = s.validationItem[t.user] == t.item || s.testItem[t.user] == t.item;
      QCOMPARE(data.textUsable[i] != 0, !heldOut);
    }
    // user 1's texts on 20 (validation) and 30 (test) are hidden; the others are usable.
    QCOMPARE(std::count(data.textUsable.begin(), data.textUsable.end(), 1), 2);
  }

  void emptyCorpus() {
    const LeaveLastOutSplit s = leaveLastOutSplit({}, 0);
    QVERIFY(s.training.empty());
    QCOMPARE(s.evaluatedUsers(), 0);
  }
};

QTEST_GUILESS_MAIN(EvalSplitTest)
#include "eval_split_test.moc"
