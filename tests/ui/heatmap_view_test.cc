// The Heatmap view over a recommender built in memory (apple fans along x, bicycle
// fans along z): the colour map is the engine's similarity block, hovering and
// clicking a cell tell and select that user and item and explain it, the sampled
// notice shows exactly when the block was sampled, and the view follows the session.
// With IL_SCREENSHOT=file.png, `screenshot` renders the view over the demo data.
#include <QComboBox>
#include <QLabel>
#include <QMouseEvent>
#include <QSpinBox>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

#include "engine_session.h"
#include "gui_test_util.h"
#include "heatmap_view.h"
#include "demo_recommender.h"
#include "interestlens_core.h"
#include "job_runner.h"

using namespace il;

namespace {

std::vector<float> itemVec(const std::string& id) {
  const float y = 0.1f * static_cast<float>(id.back() - '0');
  return id[0] == 'a' ? std::vector<float>{1, y, 0, 0} : std::vector<float>{0, y, 1, 0};
}

// `fans` users per kind, each with three texts about items of their kind.
std::shared_ptr<Recommender> makeRecommender(int fans = 4) {
  Dataset d;
  for (int k = 0; k < 2; ++k)
    for (int i = 1; i <= 6; ++i) {
      const std::string id = std::string(k == 0 ? "a" : "b") + std::to_string(i);
      d.items.push_back({id, (k == 0 ? "Orchard apples box " : "Bicycle part ") + id, k == 0 ? "apples" : "bicycles",
                         "", "", std::nullopt, true});
    }
  for (int k = 0; k < 2; ++k)
    for (int u = 0; u < fans; ++u) {
      const std::string user = std::string(k == 0 ? "apple-fan-" : "bike-fan-") + std::to_string(u);
      for (int j = 0; j < 3; ++j) {
        const std::string item = std::string(k == 0 ? "a" : "b") + std::to_string(1 + (u + j) % 6);
        d.interactions.push_back({user, item, 5.0, 100 + j});
        d.texts.push_back({user, item, "about " + item, 100 + j});
      }
    }
  Corpus corpus = Corpus::fromDataset(d);
  Matrix texts = Matrix::zeros(static_cast<int64_t>(corpus.texts.size()), 4);
  for (size_t i = 0; i < corpus.texts.size(); ++i) {
    std::vector<float> v = itemVec(corpus.items[static_cast<size_t>(corpus.texts[i].item)].id);
    v[3] = 0.05f;
    std::copy(v.begin(), v.end(), texts.row(static_cast<int64_t>(i)));
  }
  Matrix items = Matrix::zeros(corpus.itemCount(), 4);
  for (int32_t i = 0; i < corpus.itemCount(); ++i) {
    const auto v = itemVec(corpus.items[static_cast<size_t>(i)].id);
    std::copy(v.begin(), v.end(), items.row(i));
  }
  RecommenderOptions o;
  o.clusters.k = 2;
  o.mf.factors = 4;
  o.threads = 1;
  return std::make_shared<Recommender>(std::move(corpus), std::move(texts), std::move(items), o);
}

void sendMouse(QWidget* w, QEvent::Type type, const QPoint& pos, Qt::MouseButton button = Qt::LeftButton) {
  const Qt::MouseButtons buttons = type == QEvent::MouseMove ? Qt::NoButton : Qt::MouseButtons(button);
  QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), type == QEvent::MouseMove ? Qt::NoButton : button,
                type == QEvent::MouseButtonRelease ? Qt::NoButton : buttons, Qt::NoModifier);
  QCoreApplication::sendEvent(w, &e);
}

}  // namespace

class HeatmapViewTest : public QObject {
  Q_OBJECT
  std::unique_ptr<JobRunner> jobs_;
  std::unique_ptr<EngineSession> session_;
  std::unique_ptr<HeatmapView> view_;
  std::shared_ptr<Recommender> engine_;

  template <typename T>
  T* child(const char* name) {
    T* w = view_->findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
  }

 private slots:
  void initTestCase() { il::test::isolateUserData(); }

  void init() {
    jobs_ = std::make_unique<JobRunner>();
    session_ = std::make_unique<EngineSession>(jobs_.get());
    view_ = std::make_unique<HeatmapView>(session_.get());
    view_->resize(1000, 700);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    engine_ = makeRecommender();
    session_->setRecommenderForTesting(engine_);
  }

  void cleanup() {
    view_.reset();
    session_.reset();
    jobs_.reset();
  }

  void objectNames() {
    child<QCustomPlot>("heatmapPlot");
    child<QComboBox>("heatmapMode");
    child<QLabel>("sampledNotice");
    child<QLabel>("heatmapExplanation");
  }

  void mapIsTheBlock() {
    const int32_t user = session_->currentUser();
    QVERIFY(user >= 0);
    const SimilarityBlock expected = similarityBlock(*engine_, user, view_->options());
    const SimilarityBlock& b = view_->block();
    QVERIFY(!b.empty());
    QCOMPARE(b.users, expected.users);
    QCOMPARE(b.items, expected.items);
    QCOMPARE(view_->colorMap()->data()->keySize(), b.cols());
    QCOMPARE(view_->colorMap()->data()->valueSize(), b.rows());
    for (int r = 0; r < b.rows(); ++r)
      for (int c = 0; c < b.cols(); ++c) QCOMPARE(view_->colorMap()->data()->cell(c, r), double(b.values.at(r, c)));
    // Default selection: the user and their neighbours (7 others here), framed row = the user.
    QCOMPARE(b.rows(), 8);
    QVERIFY(b.focusRow >= 0);
    QCOMPARE(b.users[static_cast<size_t>(b.focusRow)], user);
    QVERIFY(!child<QLabel>("sampledNotice")->isVisible());
    // Each cell's centre maps back to that cell.
    int r = -1, c = -1;
    QVERIFY(view_->cellAt(view_->cellCenter(2, 3), &r, &c));
    QCOMPARE(r, 2);
    QCOMPARE(c, 3);
  }

  void hoverTellsTheValue() {
    const SimilarityBlock& b = view_->block();
    const int row = 1, col = b.cols() - 1;
    sendMouse(view_->plot(), QEvent::MouseMove, view_->cellCenter(row, col));
    const QString tip = view_->hoverText();
    QVERIFY2(tip.contains(QString::number(b.values.at(row, col), 'f', 3)), qPrintable(tip));
    QVERIFY2(tip.contains(session_->userId(b.users[static_cast<size_t>(row)])), qPrintable(tip));
    QVERIFY2(tip.contains(session_->itemTitle(b.items[static_cast<size_t>(col)])), qPrintable(tip));
  }

  void clickSelectsAndExplains() {
    const SimilarityBlock before = view_->block();
    const int row = before.focusRow == 0 ? 1 : 0, col = 2;
    const int32_t user = before.users[static_cast<size_t>(row)], item = before.items[static_cast<size_t>(col)];
    const QPoint at = view_->cellCenter(row, col);
    sendMouse(view_->plot(), QEvent::MouseButtonPress, at);
    sendMouse(view_->plot(), QEvent::MouseButtonRelease, at);
    QCOMPARE(session_->currentItem(), item);
    QCOMPARE(session_->currentUser(), user);
    // The block stays; the frame moves to the clicked row.
    QCOMPARE(view_->block().users, before.users);
    QCOMPARE(view_->block().focusRow, row);
    const QString text = child<QLabel>("heatmapExplanation")->text();
    const QString summary = QString::fromStdString(engine_->explain(user, item).summary()).toHtmlEscaped();
    QVERIFY2(!summary.isEmpty() && text.contains(summary), qPrintable(text));

    // A user chosen elsewhere re-centres the block on them.
    const int32_t other = before.users[static_cast<size_t>(before.focusRow)];
    session_->setCurrentUser(other);
    QCOMPARE(view_->block().users, similarityBlock(*engine_, other, view_->options()).users);
    QVERIFY(child<QLabel>("heatmapExplanation")->text().isEmpty());
  }

  void followsItemsChosenElsewhere() {
    const SimilarityBlock b = view_->block();
    const int32_t user = b.users[static_cast<size_t>(b.focusRow)], item = b.items[3];
    session_->setCurrentItem(item);  // as the Recommendations list does
    const QString summary = QString::fromStdString(engine_->explain(user, item).summary()).toHtmlEscaped();
    QVERIFY(!summary.isEmpty());
    QVERIFY(child<QLabel>("heatmapExplanation")->text().contains(summary));
    QCOMPARE(session_->currentUser(), user);  // the user stays
  }

  void interestsMode() {
    auto* mode = child<QComboBox>("heatmapMode");
    mode->setCurrentIndex(mode->findData(static_cast<int>(BlockRows::Interests)));
    const SimilarityBlock& b = view_->block();
    QCOMPARE(b.rowsKind, BlockRows::Interests);
    const UserProfile* p = engine_->profile(session_->currentUser());
    QCOMPARE(b.rows(), std::max(1, static_cast<int>(p->interests.size())));
    QCOMPARE(b.focusRow, -1);
    QVERIFY(b.cols() > 0);
  }

  void sampledNoticeIffSampled() {
    engine_ = makeRecommender(250);  // 500 users
    session_->setRecommenderForTesting(engine_);
    auto* notice = child<QLabel>("sampledNotice");
    QVERIFY(!view_->block().sampled);
    QVERIFY(!notice->isVisible());
    // 300 neighbours + the user: over the 200-row cap, so sampled, the user kept.
    child<QSpinBox>("heatmapNeighbours")->setValue(300);
    const SimilarityBlock& b = view_->block();
    QVERIFY(b.sampled);
    QCOMPARE(b.selectedRows, 301);
    QCOMPARE(b.rows(), 200);
    QCOMPARE(view_->colorMap()->data()->valueSize(), 200);
    QVERIFY(b.focusRow >= 0);
    QCOMPARE(b.users[static_cast<size_t>(b.focusRow)], session_->currentUser());
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QStringLiteral("200 of 301")), qPrintable(notice->text()));
    child<QSpinBox>("heatmapNeighbours")->setValue(15);
    QVERIFY(!view_->block().sampled);
    QVERIFY(!notice->isVisible());
  }

  void clearedEmptiesTheMap() {
    session_->clear();
    QVERIFY(view_->block().empty());
    QCOMPARE(view_->colorMap()->data()->keySize(), 0);
  }

  void screenshot() {
    const QByteArray out = qgetenv("IL_SCREENSHOT");
    if (out.isEmpty()) QSKIP("set IL_SCREENSHOT=file.png to render the view over the demo data");
    session_->setRecommenderForTesting(il::test::hashedDemoRecommender());
    QVERIFY(session_->selectUser(QStringLiteral("alice")));
    const SimilarityBlock& b = view_->block();
    QVERIFY(!b.empty());
    int best = 0;  // the chosen user's closest item, for a telling explanation
    for (int c = 1; c < b.cols(); ++c)
      if (b.values.at(b.focusRow, c) > b.values.at(b.focusRow, best)) best = c;
    const QPoint at = view_->cellCenter(b.focusRow, best);
    sendMouse(view_->plot(), QEvent::MouseButtonPress, at);
    sendMouse(view_->plot(), QEvent::MouseButtonRelease, at);
    view_->resize(1400, 860);
    QTest::qWait(50);
    QVERIFY(view_->grab().save(QString::fromLocal8Bit(out)));
  }
};

QTEST_MAIN(HeatmapViewTest)
#include "heatmap_view_test.moc"
