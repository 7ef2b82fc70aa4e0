// Real datasets from ../shared, read in place: MovieLens ml-latest-small and the
// Amazon 2018 All_Beauty 5-core reviews. Skipped when the data is not present.
#include <QTemporaryDir>
#include <QTest>

#include "import_test_util.h"
#include "store/project.h"
#include "test_paths.h"

using namespace il;
using namespace il::test;

namespace {
const char* kRatings = "data/ml-latest-small/ratings.csv";
const char* kTags = "data/ml-latest-small/tags.csv";
const char* kMovies = "data/ml-latest-small/movies.csv";
const char* kBeauty = "data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz";
std::string shared(const char* rel) { return sharedPath(rel).toStdString(); }
}  // namespace

class RealDatasetsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string project(const char* name) { return QDir(dir_.path()).filePath(name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void movieLensRatingsTagsMovies() {
    IL_REQUIRE_SHARED(kRatings);
    IL_REQUIRE_SHARED(kTags);
    IL_REQUIRE_SHARED(kMovies);
    ImportOptions o;
    o.interactionFiles = {shared(kRatings), shared(kTags)};
    o.itemFiles = {shared(kMovies)};
    o.strict = true;
    const std::string p = project("ml.ilens");
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY2(out.written, out.error.c_str());
    const ImportResult& r = out.result;
    QCOMPARE(r.files.size(), size_t{3});
    QCOMPARE(r.files[0].flavour, std::string("MovieLens movies"));
    QCOMPARE(r.files[0].rowsRead, int64_t{9742});
    QCOMPARE(r.files[1].flavour, std::string("MovieLens ratings"));
    QCOMPARE(r.files[1].rowsRead, int64_t{100836});
    QCOMPARE(r.files[2].flavour, std::string("MovieLens tags"));
    QCOMPARE(r.files[2].rowsRead, int64_t{3683});
    QCOMPARE(r.rowsRejected, int64_t{0});
    QCOMPARE(r.duplicatePairs, int64_t{0});
    QCOMPARE(r.unknownItems, int64_t{0});
    auto proj = Project::open(p, Project::Mode::ReadOnly);
    const ProjectCounts c = proj->counts();
    QCOMPARE(c.users, int64_t{610});
    QCOMPARE(c.ratings, int64_t{100836});
    QCOMPARE(c.texts, int64_t{3683});
    QCOMPARE(c.catalogItems, int64_t{9742});
    QCOMPARE(c.items, int64_t{9742});
    // Tags on unrated movies add interactions without a rating.
    QVERIFY(c.interactions > c.ratings);
    // A known row: user 1 rated Toy Story 4.0 (ratings.csv line 2).
    const TablePage toy = proj->page(DataTable::Items, "Toy Story (1995)", 0, false, 0, 5);
    QCOMPARE(toy.rows.size(), size_t{1});
    QCOMPARE(toy.rows[0][0], std::string("1"));
    QCOMPARE(toy.rows[0][2], std::string("Adventure|Animation|Children|Comedy|Fantasy"));
  }

  void movieLensRatingsAndMovies() {
    IL_REQUIRE_SHARED(kRatings);
    IL_REQUIRE_SHARED(kMovies);
    ImportOptions o;
    o.interactionFiles = {shared(kRatings)};
    o.itemFiles = {shared(kMovies)};
    const std::string p = project("ml-ratings.ilens");
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.problems.kept().size(), size_t{0});
    const ProjectCounts c = Project::open(p, Project::Mode::ReadOnly)->counts();
    QCOMPARE(c.users, int64_t{610});
    QCOMPARE(c.interactions, int64_t{100836});
    QCOMPARE(c.ratings, int64_t{100836});
    QCOMPARE(c.texts, int64_t{0});
    QCOMPARE(c.catalogItems, int64_t{9742});
  }

  void amazonAllBeauty() {
    IL_REQUIRE_SHARED(kBeauty);
    ImportOptions o;
    o.interactionFiles = {shared(kBeauty)};
    const std::string p = project("beauty.ilens");
    const ImportOutcome out = importIntoProject(p, o);
    QVERIFY2(out.written, out.error.c_str());
    const ImportResult& r = out.result;
    QCOMPARE(r.files.at(0).format, std::string("JSON lines"));
    QCOMPARE(r.files.at(0).flavour, std::string("Amazon reviews"));
    QCOMPARE(r.rowsRead, int64_t{5269});
    QCOMPARE(r.rowsRejected, int64_t{0});
    QCOMPARE(r.rowsKept, int64_t{5269});
    // Duplicate (user, item) rows: reported one by one and removed.
    QCOMPARE(r.duplicatePairs, int64_t{1177});
    QCOMPARE(r.problems.count(std::string("duplicate-pair")), int64_t{1177});
    // Rows without review text: reported as such, at their lines (found with Python's json module).
    QCOMPARE(r.emptyTexts, int64_t{5});
    QCOMPARE(r.problems.count(std::string("empty-text")), int64_t{5});
    // Only the first 1000 problems are kept with their location (the duplicates fill
    // the list); those kept are at the right lines.
    QCOMPARE(r.problems.kept().size(), size_t{1000});
    const std::vector<int64_t> lines{360, 1865, 2787, 3777, 4560};
    size_t kept = 0;
    for (const auto& pr : r.problems.kept()) {
      if (pr.kind != "empty-text") continue;
      QCOMPARE(pr.line, lines.at(kept++));
      QVERIFY2(pr.found.find("only the summary 'Five Stars' is kept") != std::string::npos, pr.found.c_str());
    }
    QVERIFY(kept >= 3);
    QCOMPARE(r.interactionCount, int64_t{5269 - 1177});
    QVERIFY(r.data.interactions.empty());  // released once written
    const ProjectCounts c = Project::open(p, Project::Mode::ReadOnly)->counts();
    QCOMPARE(c.users, int64_t{991});
    QCOMPARE(c.items, int64_t{85});
    QCOMPARE(c.catalogItems, int64_t{0});
    QCOMPARE(c.interactions, int64_t{5269 - 1177});
    QCOMPARE(c.ratings, int64_t{5269 - 1177});
    // Those five rows have a summary ("Five Stars"), which becomes their text.
    QCOMPARE(c.texts, int64_t{5269 - 1177});
    // Importing the same file again changes nothing.
    const QByteArray before = fingerprint(p);
    QVERIFY(importIntoProject(p, o).written);
    QCOMPARE(fingerprint(p), before);
  }

  void demoDatasetImportsCleanly() {
    const QString items = sourcePath("resources/demo/items.csv");
    const QString reviews = sourcePath("resources/demo/reviews.csv");
    if (!QFileInfo::exists(items) || !QFileInfo::exists(reviews)) QSKIP("resources/demo is not present");
    ImportOptions o;
    o.itemFiles = {items.toStdString()};
    o.interactionFiles = {reviews.toStdString()};
    o.strict = true;
    const ImportOutcome out = importIntoProject(project("demo.ilens"), o);
    QVERIFY2(out.written, out.error.c_str());
    QCOMPARE(out.result.rowsRejected, int64_t{0});
    QCOMPARE(out.result.unknownItems, int64_t{0});
    QVERIFY(out.result.rowsRead > 0);
  }
};

QTEST_GUILESS_MAIN(RealDatasetsTest)
#include "real_datasets_test.moc"
