// The Recommendations view over a recommender built in memory from a hand-made
// catalog (apples along x, bicycles along z): lists exclude what the user has, every
// control re-ranks at once, alpha 0.5 warns, like / dislike act at once and undo,
// the evidence marks the shared words, export writes the list.
// With IL_SCREENSHOT=file.png, `screenshot` renders the view over the demo data.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <functional>

#include "engine_session.h"
#include "evidence_panel.h"
#include "export_util.h"
#include "feedback_delegate.h"
#include "gui_test_util.h"
#include "demo_recommender.h"
#include "interestlens_core.h"
#include "job_runner.h"
#include "recommendation_table_model.h"
#include "recommendations_view.h"

using namespace il;
using Model = RecommendationTableModel;

namespace {

std::vector<float> itemVec(const std::string& id) {
  const float y = 0.1f * static_cast<float>(id.back() - '0');
  return id[0] == 'a' ? std::vector<float>{1, y, 0, 0} : std::vector<float>{0, y, 1, 0};
}

std::shared_ptr<Recommender> makeRecommender() {
  Dataset d;
  for (const char* id : {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"}) {
    const bool a = id[0] == 'a';
    std::string title = a ? std::string("Orchard apples box ") + id : std::string("Bicycle part ") + id;
    if (std::string(id) == "a4") title = "A very long title about heritage apples from an old orchard on a hill, with a story";
    d.items.push_back({id, title, a ? "about apples" : "about bicycles", a ? "fruit|orchard" : "cycling",
                       a ? "Food" : "Sport", std::nullopt, true});
  }
  auto add = [&](const char* user, const char* item, int64_t t, const char* text) {
    d.interactions.push_back({user, item, 5.0, t});
    d.texts.push_back({user, item, text, t});
  };
  add("u1", "a1", 100, "Crisp APPLES from the orchard, no pineapples & <no> pears");
  add("u1", "a2", 200, "sweet apples, great orchard fruit");
  add("u2", "b1", 100, "a fast bicycle");
  add("u2", "b2", 200, "bicycle lights for cycling at night");
  add("u3", "a1", 100, "apples again");
  add("u3", "a3", 150, "orchard apples");
  add("u3", "b1", 200, "and a bicycle");
  add("u4", "b2", 100, "cycling gloves");
  add("u4", "b3", 150, "cycling shoes");
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

std::vector<std::string> listIds(const RecommendationsView& v) {
  std::vector<std::string> out;
  for (const auto& r : v.tableModel()->list()) out.push_back(r.id);
  return out;
}

void chooseModel(RecommendationsView& v, const char* model) {
  auto* box = v.findChild<QComboBox*>(QStringLiteral("modelCombo"));
  QVERIFY(box);
  const int i = box->findData(QString::fromLatin1(model));
  QVERIFY2(i >= 0, model);
  box->setCurrentIndex(i);
}

int rowOfId(const RecommendationsView& v, const std::string& id) {
  const auto ids = listIds(v);
  const auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

float scoreOf(const RecommendationsView& v, const std::string& id) {
  const int row = rowOfId(v, id);
  return row < 0 ? NAN : v.tableModel()->list()[static_cast<size_t>(row)].score;
}

}  // namespace

class RecommendationsViewTest : public QObject {
  Q_OBJECT
  JobRunner* jobs_ = nullptr;
  EngineSession* session_ = nullptr;
  RecommendationsView* view_ = nullptr;
  std::shared_ptr<Recommender> rec_;

  int32_t user(const char* id) const { return rec_->corpus().findUser(id); }
  int32_t item(const char* id) const { return rec_->corpus().findItem(id); }
  template <typename T>
  T* child(const char* name) const {
    auto* w = view_->findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
  }

 private slots:
  void initTestCase() { test::isolateUserData(); }

  void init() {
    jobs_ = new JobRunner;
    session_ = new EngineSession(jobs_);
    rec_ = makeRecommender();
    view_ = new RecommendationsView(session_);
    view_->resize(1100, 600);
    view_->show();
    session_->setRecommenderForTesting(rec_);
    session_->setCurrentUser(user("u1"));
  }

  void cleanup() {
    delete view_;
    delete session_;
    delete jobs_;
    rec_.reset();
  }

  void choosingAUserFillsTheList() {
    child<QSpinBox>("topNSpin")->setValue(3);
    QCOMPARE(view_->tableModel()->rowCount(), 3);
    for (const auto& id : listIds(*view_)) QVERIFY2(id != "a1" && id != "a2", id.c_str());
    child<QSpinBox>("topNSpin")->setValue(5);
    QCOMPARE(view_->tableModel()->rowCount(), 5);
    // Another user from the combo: their own items are left out instead.
    auto* users = child<QComboBox>("userCombo");
    QCOMPARE(users->currentText(), QStringLiteral("u1"));
    session_->setCurrentUser(user("u4"));
    QCOMPARE(users->currentText(), QStringLiteral("u4"));
    for (const auto& id : listIds(*view_)) QVERIFY2(id != "b2" && id != "b3", id.c_str());
    emit users->activated(users->findText(QStringLiteral("u2")));  // as a pick in the combo
    QCOMPARE(session_->currentUser(), user("u2"));
    for (const auto& id : listIds(*view_)) QVERIFY2(id != "b1" && id != "b2", id.c_str());
    // Every model's score side by side.
    for (const std::string& m : rec_->models()) QVERIFY2(view_->tableModel()->modelColumn(m) >= 0, m.c_str());
    QVERIFY(view_->lastListMs() < 1000);
  }

  void changingTheModelReRanks() {
    child<QSpinBox>("topNSpin")->setValue(6);
    chooseModel(*view_, "content");
    const auto content = listIds(*view_);
    QCOMPARE(content.front(), std::string("a3"));
    chooseModel(*view_, "popularity");
    const auto popular = listIds(*view_);
    QVERIFY(content != popular);
    QVERIFY(popular.front() == "b1" || popular.front() == "b2");  // two users each
    QCOMPARE(view_->tableModel()->headerData(Model::Score, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Score (popularity)"));
    // The threshold cuts the list on the chosen model's score.
    chooseModel(*view_, "content");
    child<QDoubleSpinBox>("thresholdSpin")->setValue(0.5);
    child<QCheckBox>("thresholdCheck")->setChecked(true);
    for (const auto& id : listIds(*view_)) QCOMPARE(id.front(), 'a');
  }

  void blendSlidersMoveTheHybrid() {
    child<QSpinBox>("topNSpin")->setValue(6);
    chooseModel(*view_, "popularity");
    const auto popular = listIds(*view_);
    chooseModel(*view_, "hybrid");
    for (const char* part : {"blend_itemknn", "blend_mf", "blend_content"}) child<QSlider>(part)->setValue(0);
    child<QSlider>("blend_popularity")->setValue(100);
    QCOMPARE(rec_->blend()[0], 1.0);
    // Standardised popularity alone orders the items as popularity does.
    QCOMPARE(listIds(*view_).front(), popular.front());
  }

  void alphaHalfWarnsAndFlattens() {
    chooseModel(*view_, "seed-formula");
    child<QSpinBox>("topNSpin")->setValue(6);
    auto* warning = child<QLabel>("warningLabel");
    QVERIFY(warning->isHidden());
    child<QDoubleSpinBox>("alphaSpin")->setValue(0.5);
    QVERIFY(!warning->isHidden());
    QVERIFY2(warning->text().contains(QStringLiteral("alpha = 0.5")), qPrintable(warning->text()));
    const auto& list = view_->tableModel()->list();
    QCOMPARE(list.size(), size_t{6});
    for (const auto& r : list) QCOMPARE(r.score, 0.5f);
    child<QDoubleSpinBox>("alphaSpin")->setValue(1.0);
    QVERIFY(warning->isHidden());
    QCOMPARE(listIds(*view_).front(), std::string("a3"));
  }

  void dislikeRemovesLikeRaisesClearRestores() {
    chooseModel(*view_, "content");
    child<QSpinBox>("topNSpin")->setValue(6);
    const auto before = listIds(*view_);
    const float b4Before = scoreOf(*view_, "b4");
    QCOMPARE(before.front(), std::string("a3"));
    auto* like = child<QToolButton>("likeButton");
    auto* dislike = child<QToolButton>("dislikeButton");
    QVERIFY(!like->isEnabled());  // nothing selected yet

    view_->table()->selectRow(rowOfId(*view_, "a3"));
    QCOMPARE(session_->currentItem(), item("a3"));
    QVERIFY(dislike->isEnabled());
    QTest::mouseClick(dislike, Qt::LeftButton);
    QCOMPARE(rec_->feedback(user("u1"), item("a3")), Feedback::Dislike);
    QCOMPARE(rowOfId(*view_, "a3"), -1);
    QVERIFY(dislike->isChecked());  // still shown: a second click takes it back
    QTest::mouseClick(dislike, Qt::LeftButton);
    QCOMPARE(rec_->feedback(user("u1"), item("a3")), Feedback::None);
    QCOMPARE(listIds(*view_), before);

    // Like from the row itself: the ♥ button painted in the Feedback cell.
    const int row = rowOfId(*view_, "b3");
    QVERIFY(row >= 0);
    const QRect cell = view_->table()->visualRect(view_->tableModel()->index(row, Model::FeedbackColumn));
    QTest::mouseClick(view_->table()->viewport(), Qt::LeftButton, {}, FeedbackDelegate::likeRect(cell).center());
    QTRY_COMPARE(rec_->feedback(user("u1"), item("b3")), Feedback::Like);
    QVERIFY(rowOfId(*view_, "b3") >= 0);  // liked items stay, marked
    QCOMPARE(view_->tableModel()->index(rowOfId(*view_, "b3"), Model::FeedbackColumn).data().toString(),
             QStringLiteral("✓ liked"));
    QVERIFY(like->isChecked());
    QVERIFY2(scoreOf(*view_, "b4") > b4Before + 0.05f, qPrintable(QStringLiteral("%1 -> %2").arg(b4Before).arg(scoreOf(*view_, "b4"))));
    QTest::mouseClick(like, Qt::LeftButton);
    QCOMPARE(rec_->feedback(user("u1"), item("b3")), Feedback::None);
    QCOMPARE(listIds(*view_), before);
    QCOMPARE(scoreOf(*view_, "b4"), b4Before);
  }

  void selectionFollowsTheSession() {
    child<QSpinBox>("topNSpin")->setValue(6);
    chooseModel(*view_, "content");
    session_->setCurrentItem(item("b1"));  // as another view would
    const auto rows = view_->table()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(view_->tableModel()->itemAt(rows.front().row()), item("b1"));
    session_->setCurrentItem(item("a1"));  // the user's own item: not in the list
    QVERIFY(view_->table()->selectionModel()->selectedRows().isEmpty());
    QVERIFY(view_->evidencePanel()->toPlainText().contains(QStringLiteral("Not in the current list")));
    // Long titles: elided in the cell, whole in the tooltip.
    const int r = rowOfId(*view_, "a4");
    QVERIFY(view_->tableModel()->index(r, Model::Title).data(Qt::ToolTipRole).toString().contains(QStringLiteral("with a story")));
  }

  void evidenceHighlightsTheSharedWords() {
    chooseModel(*view_, "content");
    view_->table()->selectRow(rowOfId(*view_, "a3"));
    QTextDocument* doc = view_->evidencePanel()->document();
    const QString plain = doc->toPlainText();
    QVERIFY2(plain.contains(QStringLiteral("Crisp APPLES from the orchard")), qPrintable(plain));
    QVERIFY(plain.contains(QStringLiteral("& <no> pears")));  // escaped, so shown as written
    QVERIFY(plain.contains(QString::fromStdString(rec_->explain(user("u1"), item("a3")).summary())));
    // The word shared with the item is bold on the marker colour; "pineapples" is not.
    QStringList marked;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
      for (auto it = b.begin(); !it.atEnd(); ++it)
        if (it.fragment().charFormat().fontWeight() >= QFont::Bold &&
            it.fragment().charFormat().background().color() == QColor(0xff, 0xe5, 0x8a))
          marked << it.fragment().text();
    QVERIFY2(marked.contains(QStringLiteral("APPLES")), qPrintable(marked.join('|')));
    QVERIFY(!marked.contains(QStringLiteral("pineapples")));
    QVERIFY(plain.contains(QStringLiteral("Shared tags")));
    QVERIFY(plain.contains(QStringLiteral("orchard →")));
  }

  void highlightEscapesAndHandlesHan() {
    const QString h = EvidencePanel::highlightHtml(QStringLiteral("Apples & <b>pineapples</b>"), {QStringLiteral("apples")});
    QCOMPARE(h, QStringLiteral("<b style=\"background-color:#ffe58a\">Apples</b> &amp; &lt;b&gt;pineapples&lt;/b&gt;"));
    const QString han = EvidencePanel::highlightHtml(QStringLiteral("我喜欢绿茶和咖啡"), {QStringLiteral("绿茶")});
    QCOMPARE(han, QStringLiteral("我喜欢<b style=\"background-color:#ffe58a\">绿茶</b>和咖啡"));
    // A term matching the markup of an escape must not break it.
    QCOMPARE(EvidencePanel::highlightHtml(QStringLiteral("a&b"), {QStringLiteral("amp")}), QStringLiteral("a&amp;b"));
  }

  void exportWritesTheList() {
    child<QSpinBox>("topNSpin")->setValue(4);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("recommendations.csv"));
    QString error;
    QVERIFY2(exportModelCsv(*view_->tableModel(), path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), view_->tableModel()->rowCount() + 1);  // header + rows
    QVERIFY(lines.front().startsWith("#,Feedback,Title,Item,Score (hybrid)"));
    QVERIFY(!view_->table()->actions().isEmpty());  // Export CSV… / Copy table
  }

  void rebuildingIsShownAndFailuresWarn() {
    // Without a project connection the profile kind cannot be rebuilt, so it is off.
    QVERIFY(!child<QComboBox>("profileCombo")->isEnabled());
    QCOMPARE(child<QComboBox>("profileCombo")->currentData().toInt(), static_cast<int>(ContentMode::MultiInterest));
    auto* rebuilding = child<QLabel>("rebuildingLabel");
    QVERIFY(rebuilding->isHidden());
    const QString missing = QDir::temp().filePath(QStringLiteral("no-such-project-%1.ilens").arg(QCoreApplication::applicationPid()));
    session_->load(missing, nullptr, session_->options());
    QVERIFY(!rebuilding->isHidden());
    QVERIFY(!view_->table()->isEnabled());
    QTRY_VERIFY(rebuilding->isHidden());
    QVERIFY(view_->table()->isEnabled());
    QVERIFY(!child<QLabel>("warningLabel")->isHidden());
  }

  void screenshot() {
    const QByteArray out = qgetenv("IL_SCREENSHOT");
    if (out.isEmpty()) QSKIP("set IL_SCREENSHOT=file.png to render the view over the demo data");
    auto demo = il::test::hashedDemoRecommender();
    session_->setRecommenderForTesting(demo);
    QVERIFY(session_->selectUser(QStringLiteral("alice")));
    child<QSpinBox>("topNSpin")->setValue(12);
    view_->table()->selectRow(1);
    QTest::mouseClick(child<QToolButton>("likeButton"), Qt::LeftButton);
    view_->table()->selectRow(0);
    view_->resize(1500, 620);
    QTest::qWait(50);
    QVERIFY(view_->grab().save(QString::fromLocal8Bit(out)));
  }
};

QTEST_MAIN(RecommendationsViewTest)
#include "recommendations_view_test.moc"
