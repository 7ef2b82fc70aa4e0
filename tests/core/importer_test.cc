// readImport: what a set of files becomes (before any project is written).
#include <QTemporaryDir>
#include <QTest>

#include "import_test_util.h"
#include "io/importer.h"

using namespace il;
using namespace il::test;

namespace {
const TextRow* findText(const Dataset& d, const std::string& user, const std::string& item) {
  for (const auto& t : d.texts)
    if (t.user == user && t.item == item) return &t;
  return nullptr;
}
const InteractionRow* findInteraction(const Dataset& d, const std::string& user, const std::string& item) {
  for (const auto& x : d.interactions)
    if (x.user == user && x.item == item) return &x;
  return nullptr;
}
const ItemRow* findItem(const Dataset& d, const std::string& id) {
  for (const auto& it : d.items)
    if (it.id == id) return &it;
  return nullptr;
}
std::vector<const Problem*> problemsOfKind(const ImportResult& r, const std::string& kind) {
  std::vector<const Problem*> out;
  for (const auto& p : r.problems.kept())
    if (p.kind == kind) out.push_back(&p);
  return out;
}
}  // namespace

class ImporterTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string put(const QString& name, const QByteArray& data, bool gz = false) {
    return putFile(dir_.path(), name, data, gz);
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void amazonCsvJoinsSummaryAndText_data() {
    QTest::addColumn<bool>("gz");
    QTest::newRow("plain") << false;
    QTest::newRow("gzip") << true;
  }
  void amazonCsvJoinsSummaryAndText() {
    QFETCH(bool, gz);
    ImportOptions o;
    o.interactionFiles = {put("amazon2014.csv",
                              "reviewerID,asin,reviewText,overall,summary,unixReviewTime\n"
                              "A1,B1,Works well,5.0,Great,1425081600\n"
                              "A2,B1,\"Too small, sadly\",2.0,Meh!,1425081601\n"
                              "A3,B2,,4.0,Only summary,1425081602\n"
                              "A4,B2,Body only,3.0,,1425081603\n",
                              gz)};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files.at(0).flavour, std::string("Amazon reviews"));
    QCOMPARE(r.data.interactions.size(), size_t{4});
    QCOMPARE(r.data.texts.size(), size_t{4});
    QCOMPARE(findText(r.data, "A1", "B1")->text, std::string("Great. Works well"));
    QCOMPARE(findText(r.data, "A2", "B1")->text, std::string("Meh! Too small, sadly"));
    QCOMPARE(findText(r.data, "A3", "B2")->text, std::string("Only summary"));
    QCOMPARE(findText(r.data, "A4", "B2")->text, std::string("Body only"));
    QCOMPARE(*findInteraction(r.data, "A2", "B1")->rating, 2.0);
    QCOMPARE(*findInteraction(r.data, "A2", "B1")->time, int64_t{1425081601});
    // The row without review text is reported where its (empty) text field is.
    QCOMPARE(r.emptyTexts, int64_t{1});
    const auto empty = problemsOfKind(r, "empty-text");
    QCOMPARE(empty.size(), size_t{1});
    QCOMPARE(empty[0]->severity, Severity::Warning);
    QCOMPARE(empty[0]->line, int64_t{4});
    QCOMPARE(empty[0]->column, int64_t{7});
    // No catalog: items come from the interactions, without text of their own.
    QCOMPARE(r.data.items.size(), size_t{2});
    QVERIFY(!findItem(r.data, "B1")->inCatalog);
    QCOMPARE(r.unknownItems, int64_t{0});
  }

  void amazonJsonLines_data() { amazonCsvJoinsSummaryAndText_data(); }
  void amazonJsonLines() {
    QFETCH(bool, gz);
    ImportOptions o;
    o.interactionFiles = {put(
        "Beauty_5.json",
        "{\"overall\": 5.0, \"verified\": true, \"reviewTime\": \"02 28, 2015\", \"reviewerID\": \"A1\", \"asin\": \"B1\", \"style\": {\"Size:\": \" 38\"}, \"reviewerName\": \"x\", \"reviewText\": \"Smells nice\", \"summary\": \"Lovely\", \"unixReviewTime\": 1425081600}"
        "\r\n"
        "{\"overall\": 1.0, \"reviewerID\": \"A2\", \"asin\": \"B1\", \"summary\": \"Five Stars\", \"unixReviewTime\": 1425081700}"
        "\r\n"
        "{\"reviewerID\": \"A3\", \"asin\": \"B2\", \"reviewText\": \"No rating, no time\"}"
        "\r\n",
        gz)};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files.at(0).flavour, std::string("Amazon reviews"));
    QCOMPARE(r.files.at(0).format, std::string("JSON lines"));
    QCOMPARE(r.files.at(0).mapping,
             std::string("user=reviewerID, item=asin, text=reviewText, summary=summary, rating=overall, "
                         "time=unixReviewTime"));
    QCOMPARE(r.data.interactions.size(), size_t{3});
    QCOMPARE(findText(r.data, "A1", "B1")->text, std::string("Lovely. Smells nice"));
    QCOMPARE(findText(r.data, "A2", "B1")->text, std::string("Five Stars"));
    QCOMPARE(findText(r.data, "A3", "B2")->text, std::string("No rating, no time"));
    QVERIFY(!findInteraction(r.data, "A3", "B2")->rating);
    QVERIFY(!findInteraction(r.data, "A3", "B2")->time);
    QCOMPARE(*findInteraction(r.data, "A2", "B1")->time, int64_t{1425081700});
    // The missing reviewText key is reported at the object.
    const auto empty = problemsOfKind(r, "empty-text");
    QCOMPARE(empty.size(), size_t{1});
    QCOMPARE(empty[0]->line, int64_t{2});
    QCOMPARE(empty[0]->column, int64_t{1});
  }

  void movieLensRatingsTagsMovies() {
    ImportOptions o;
    o.itemFiles = {put("movies.csv",
                       "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure\n"
                       "3,\"Heat (1995)\",Action\n")};
    o.interactionFiles = {put("ratings.csv",
                              "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964982800\n2,1,5.0,964983000\n"),
                          put("tags.csv",
                              "userId,movieId,tag,timestamp\n1,1,pixar,1445714994\n1,1,fun,1445714995\n2,3,classic,1445714996\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files.size(), size_t{3});
    QCOMPARE(r.files[0].flavour, std::string("MovieLens movies"));
    QCOMPARE(r.files[1].flavour, std::string("MovieLens ratings"));
    QCOMPARE(r.files[2].flavour, std::string("MovieLens tags"));
    QCOMPARE(r.rowsRead, int64_t{9});
    QCOMPARE(r.rowsKept, int64_t{9});
    QCOMPARE(r.problems.kept().size(), size_t{0});
    QCOMPARE(r.data.items.size(), size_t{3});
    QCOMPARE(findItem(r.data, "1")->title, std::string("Toy Story (1995)"));
    QCOMPARE(findItem(r.data, "1")->category, std::string("Adventure|Animation"));
    // Two tags on a rated pair: one interaction (rating and time of the rating), two texts.
    QCOMPARE(r.data.interactions.size(), size_t{4});
    QCOMPARE(*findInteraction(r.data, "1", "1")->rating, 4.0);
    QCOMPARE(*findInteraction(r.data, "1", "1")->time, int64_t{964982703});
    // A tag on an unrated pair is an interaction without rating.
    QVERIFY(!findInteraction(r.data, "2", "3")->rating);
    QCOMPARE(*findInteraction(r.data, "2", "3")->time, int64_t{1445714996});
    QCOMPARE(r.data.texts.size(), size_t{3});
    int pairTexts = 0;
    for (const auto& t : r.data.texts) pairTexts += t.user == "1" && t.item == "1";
    QCOMPARE(pairTexts, 2);
    QCOMPARE(r.duplicatePairs, int64_t{0});
  }

  void tagsBeforeRatings() {
    // The same files in the other order give the same interactions.
    ImportOptions o;
    o.interactionFiles = {put("tags2.csv", "userId,movieId,tag,timestamp\n1,1,pixar,1445714994\n1,1,fun,1445714995\n"),
                          put("ratings2.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.data.interactions.size(), size_t{1});
    QCOMPARE(*r.data.interactions[0].rating, 4.0);
    QCOMPARE(r.data.texts.size(), size_t{2});
    QCOMPARE(r.duplicatePairs, int64_t{0});
  }

  void duplicatesKeepTheLatest() {
    ImportOptions o;
    o.interactionFiles = {put("dups.csv",
                              "user,item,rating,time,text\n"          // 1
                              "u1,i1,2,2023-01-01,old text\n"         // 2
                              "u1,i1,5,2023-06-01,new text\n"         // 3: later: replaces line 2
                              "u2,i1,3,2023-06-01,first\n"            // 4
                              "u2,i1,1,2023-01-01,older second\n"     // 5: earlier: dropped
                              "u3,i2,4,2023-01-01,has text\n"         // 6
                              "u3,i2,5,2023-02-01,\n"                 // 7: later, without text
                              "u1,i1,1,2022-12-31T23:59:59Z,oldest\n")};  // 8: earliest: dropped
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.duplicatePairs, int64_t{4});
    QCOMPARE(r.data.interactions.size(), size_t{3});
    QCOMPARE(*findInteraction(r.data, "u1", "i1")->rating, 5.0);
    QCOMPARE(*findInteraction(r.data, "u1", "i1")->time, int64_t{1685577600});
    QCOMPARE(findText(r.data, "u1", "i1")->text, std::string("new text"));
    QCOMPARE(*findInteraction(r.data, "u2", "i1")->rating, 3.0);
    QCOMPARE(findText(r.data, "u2", "i1")->text, std::string("first"));
    QCOMPARE(*findInteraction(r.data, "u3", "i2")->rating, 5.0);
    QVERIFY(findText(r.data, "u3", "i2") == nullptr);
    QCOMPARE(r.data.texts.size(), size_t{2});
    const auto dups = problemsOfKind(r, "duplicate-pair");
    QCOMPARE(dups.size(), size_t{4});
    QCOMPARE(dups[0]->line, int64_t{3});
    QVERIFY2(dups[0]->found.find("first at line 2") != std::string::npos, dups[0]->found.c_str());
    QCOMPARE(dups[1]->line, int64_t{5});
    QCOMPARE(dups[3]->line, int64_t{8});
    QVERIFY(QString::fromStdString(r.summaryText()).contains("Duplicate (user, item) rows removed (latest kept): 4"));
  }

  void itemsNotInCatalog() {
    ImportOptions o;
    o.itemFiles = {put("items.csv", "item_id,title,price\ni1,Kettle,19.99\ni2,Mat,\ni1,Kettle v2,21\n")};
    o.interactionFiles = {put("reviews.csv",
                              "user,item,text\nu1,i1,ok\nu1,i9,unknown item\nu2,i9,again\nu2,i8,another\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    // The catalog's duplicate id: reported, the last row kept.
    const auto dupItems = problemsOfKind(r, "duplicate-item");
    QCOMPARE(dupItems.size(), size_t{1});
    QCOMPARE(dupItems[0]->line, int64_t{4});
    QCOMPARE(findItem(r.data, "i1")->title, std::string("Kettle v2"));
    QCOMPARE(*findItem(r.data, "i1")->price, 21.0);
    QVERIFY(!findItem(r.data, "i2")->price);
    // Unknown items: reported once each, kept as items without text.
    QCOMPARE(r.unknownItems, int64_t{2});
    const auto unknown = problemsOfKind(r, "item-not-in-catalog");
    QCOMPARE(unknown.size(), size_t{2});
    QCOMPARE(unknown[0]->line, int64_t{3});
    QCOMPARE(unknown[0]->column, int64_t{4});
    QCOMPARE(unknown[1]->line, int64_t{5});
    QCOMPARE(r.data.items.size(), size_t{4});
    QVERIFY(findItem(r.data, "i1")->inCatalog);
    QVERIFY(!findItem(r.data, "i9")->inCatalog);
    QCOMPARE(findItem(r.data, "i9")->title, std::string());
    QCOMPARE(r.data.interactions.size(), size_t{4});
  }

  void knownCatalogItems() {
    // Items already in the project's catalog are not "unknown".
    ImportOptions o;
    o.knownCatalogItems = {"i1", "i2"};
    o.interactionFiles = {put("more.csv", "user,item\nu1,i1\nu1,i3\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.unknownItems, int64_t{1});
    QCOMPARE(problemsOfKind(r, "item-not-in-catalog").at(0)->line, int64_t{3});
    // Only the new, uncataloged item is added; the known one stays the project's.
    QCOMPARE(r.data.items.size(), size_t{1});
    QCOMPARE(r.data.items[0].id, std::string("i3"));
  }

  void timesInBothForms() {
    ImportOptions o;
    o.interactionFiles = {put("times.tsv",
                              "user\titem\ttime\n"
                              "u1\ti1\t2023-05-01\n"
                              "u1\ti2\t1682936430\n"
                              "u1\ti3\t2023-05-01T10:20:30+02:00\n"
                              "u1\ti4\t2023-05-01 10:20:30\n"
                              "u1\ti5\t1682936430000\n"
                              "u1\ti6\t\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files[0].format, std::string("TSV"));
    QCOMPARE(*findInteraction(r.data, "u1", "i1")->time, int64_t{1682899200});
    QCOMPARE(*findInteraction(r.data, "u1", "i2")->time, int64_t{1682936430});
    QCOMPARE(*findInteraction(r.data, "u1", "i3")->time, int64_t{1682929230});
    QCOMPARE(*findInteraction(r.data, "u1", "i4")->time, int64_t{1682936430});
    QCOMPARE(*findInteraction(r.data, "u1", "i5")->time, int64_t{1682936430});
    QVERIFY(!findInteraction(r.data, "u1", "i6")->time);
  }

  void explicitMap() {
    ImportOptions o;
    o.map = "user=Reader,item=Book,text=Thoughts,rating=Stars,time=On";
    o.itemMap = "id=Code,title=Name,text=Blurb";
    o.itemFiles = {put("books.csv", "Code,Name,Blurb\nb1,Dune,Sand and spice\n")};
    o.interactionFiles = {put("notes.csv", "On,Stars,Thoughts,Book,Reader\n2023-01-05,4,\"Epic, long\",b1,ann\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files[1].flavour, std::string("mapped"));
    QCOMPARE(r.files[1].mapping, std::string("user=Reader, item=Book, text=Thoughts, rating=Stars, time=On"));
    QCOMPARE(r.data.interactions.size(), size_t{1});
    QCOMPARE(r.data.interactions[0].user, std::string("ann"));
    QCOMPARE(r.data.interactions[0].item, std::string("b1"));
    QCOMPARE(*r.data.interactions[0].rating, 4.0);
    QCOMPARE(*r.data.interactions[0].time, int64_t{1672876800});
    QCOMPARE(r.data.texts.at(0).text, std::string("Epic, long"));
    QCOMPARE(findItem(r.data, "b1")->description, std::string("Sand and spice"));
    QCOMPARE(r.unknownItems, int64_t{0});
  }

  void valuesAreTrimmed() {
    ImportOptions o;
    o.interactionFiles = {put("spaces.csv", "user,item,rating,text\n u1 ,\" i1\",\" 4 \",\"  hi  \"\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.data.interactions.at(0).user, std::string("u1"));
    QCOMPARE(r.data.interactions.at(0).item, std::string("i1"));
    QCOMPARE(*r.data.interactions.at(0).rating, 4.0);
    QCOMPARE(r.data.texts.at(0).text, std::string("hi"));
  }

  void rowCountsIncludeEveryRejectedRow() {
    // Rejections found by the reader (quoting, field count, encoding, JSON) and by the
    // importer (values) all count as rows read and rejected.
    ImportOptions o;
    o.interactionFiles = {put("mixed.csv",
                              "user,item,rating\n"
                              "u1,i1,4\n"
                              "u2,i1,\"4\"x\n"     // bad quote
                              "u3,i1\n"            // too few fields
                              "u4,i1,4,9\n"        // too many
                              "u5,i1,caf\xE9\n"    // invalid UTF-8
                              "u6,i1,five\n"       // bad number
                              ",i1,3\n"            // missing user
                              "u8,i1,2\n"),
                          put("mixed.jsonl",
                              "{\"user\": \"j1\", \"item\": \"i1\"}\n"
                              "not json\n"
                              "[1]\n"
                              "{\"user\": \"j2\", \"item\": \"\"}\n"
                              "{\"user\": \"j3\", \"item\": \"i2\", \"rating\": \"x\"}\n"
                              "{\"user\": \"j4\", \"item\": \"i2\"}\n")};
    const ImportResult r = readImport(o);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.files.size(), size_t{2});
    QCOMPARE(r.files[0].rowsRead, int64_t{8});
    QCOMPARE(r.files[0].rowsRejected, int64_t{6});
    QCOMPARE(r.files[0].rowsKept, int64_t{2});
    QCOMPARE(r.files[1].rowsRead, int64_t{6});
    QCOMPARE(r.files[1].rowsRejected, int64_t{4});
    QCOMPARE(r.files[1].rowsKept, int64_t{2});
    QCOMPARE(r.rowsRead, int64_t{14});
    QCOMPARE(r.rowsRejected, int64_t{10});
    QCOMPARE(r.rowsKept, int64_t{4});
    QCOMPARE(r.data.interactions.size(), size_t{4});
    QVERIFY(QString::fromStdString(r.summaryText()).contains("Total: 14 rows read, 4 kept, 10 rejected"));
  }

  void strictFailsOnAnyRejectedRow() {
    ImportOptions o;
    o.strict = true;
    const std::string path = put("strict.csv", "user,item,rating\nu1,i1,4\nu4,i3,x\nu5,i3,y\n");
    o.interactionFiles = {path};
    const ImportResult r = readImport(o);
    QVERIFY(!r.ok);
    QCOMPARE(QString::fromStdString(r.error),
             QStringLiteral("strict import: 2 rows rejected; first: %1:3:7: bad-number: expected a rating (a number), "
                            "found 'x'")
                 .arg(QString::fromStdString(path)));
    QVERIFY(r.data.interactions.empty());
    QVERIFY(r.data.items.empty());
    o.strict = false;
    const ImportResult lenient = readImport(o);
    QVERIFY(lenient.ok);
    QCOMPARE(lenient.data.interactions.size(), size_t{1});
  }

  void progressAndCancel() {
    QByteArray data = "user,item\n";
    for (int i = 0; i < 5000; ++i) data += "u" + QByteArray::number(i % 10) + ",i" + QByteArray::number(i) + "\n";
    ImportOptions o;
    o.interactionFiles = {put("progress.csv", data)};
    int reports = 0;
    int64_t last = -1;
    bool monotonic = true;
    JobControl job([&](const Progress& p) {
      ++reports;
      monotonic = monotonic && p.done >= last && p.done <= p.total;
      last = p.done;
    });
    const ImportResult r = readImport(o, &job);
    QVERIFY2(r.ok, r.error.c_str());
    QVERIFY(reports >= 4);
    QVERIFY(monotonic);
    JobControl cancelled;
    cancelled.cancel();
    const ImportResult c = readImport(o, &cancelled);
    QVERIFY(!c.ok);
    QCOMPARE(c.error, std::string("cancelled"));
    QVERIFY(c.data.interactions.empty());
  }
};

QTEST_GUILESS_MAIN(ImporterTest)
#include "importer_test.moc"
