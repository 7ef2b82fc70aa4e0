// Column detection for well-known schemas and explicit --map / --item-map.
#include <QTest>

#include "io/schema.h"

using namespace il;

namespace {
std::vector<std::string> toVec(const QStringList& l) {
  std::vector<std::string> v;
  for (const auto& s : l) v.push_back(s.toStdString());
  return v;
}
}  // namespace

class SchemaTest : public QObject {
  Q_OBJECT

 private slots:
  void interactions_data() {
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<QString>("spec");
    // user, item, text, summary, rating, time
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QString>("flavour");
    const QString none;
    QTest::newRow("movielens-ratings") << QStringList{"userId", "movieId", "rating", "timestamp"} << none
                                       << QList<int>{0, 1, -1, -1, 2, 3} << "MovieLens ratings";
    QTest::newRow("movielens-tags") << QStringList{"userId", "movieId", "tag", "timestamp"} << none
                                    << QList<int>{0, 1, 2, -1, -1, 3} << "MovieLens tags";
    QTest::newRow("amazon-2014-csv")
        << QStringList{"reviewerID", "asin", "reviewText", "overall", "summary", "unixReviewTime"} << none
        << QList<int>{0, 1, 2, 4, 3, 5} << "Amazon reviews";
    QTest::newRow("amazon-2018-jsonl")
        << QStringList{"overall", "verified", "reviewTime", "reviewerID", "asin", "style", "reviewerName",
                       "reviewText", "summary", "unixReviewTime", "vote", "image"}
        << none << QList<int>{3, 4, 7, 8, 0, 9} << "Amazon reviews";
    QTest::newRow("generic") << QStringList{"user_id", "item_id", "text", "rating", "time"} << none
                             << QList<int>{0, 1, 2, -1, 3, 4} << "generic";
    QTest::newRow("generic-spellings") << QStringList{"Date", "Stars", "Review", "Product ID", "User Name"}
                                       << none << QList<int>{4, 3, 2, -1, 1, 0} << "generic";
    QTest::newRow("map-all") << QStringList{"who", "what", "said", "stars", "when"}
                             << "user=who,item=what,text=said,rating=stars,time=when"
                             << QList<int>{0, 1, 2, -1, 3, 4} << "mapped";
    // --map overrides what detection would pick, and leaves the rest detected.
    QTest::newRow("map-override") << QStringList{"userId", "movieId", "rating", "score", "timestamp"}
                                  << "rating=score" << QList<int>{0, 1, -1, -1, 3, 4} << "mapped";
    // Column names in --map are matched forgivingly when that is unambiguous.
    QTest::newRow("map-case") << QStringList{"User ID", "Item", "Body"} << "user=user_id,text=BODY"
                              << QList<int>{0, 1, 2, -1, -1, -1} << "mapped";
    QTest::newRow("map-exact-wins") << QStringList{"user", "USER", "item"} << "user=USER"
                                    << QList<int>{1, 2, -1, -1, -1, -1} << "mapped";
    QTest::newRow("map-empty-parts") << QStringList{"a", "b"} << ",user=a,,item=b,"
                                     << QList<int>{0, 1, -1, -1, -1, -1} << "mapped";
  }
  void interactions() {
    QFETCH(QStringList, header);
    QFETCH(QString, spec);
    QFETCH(QList<int>, expected);
    QFETCH(QString, flavour);
    InteractionColumns c;
    std::string error;
    QVERIFY2(resolveInteractionColumns(toVec(header), spec.toStdString(), c, error), error.c_str());
    QCOMPARE((QList<int>{c.user, c.item, c.text, c.summary, c.rating, c.time}), expected);
    QCOMPARE(QString::fromStdString(c.flavour), flavour);
  }

  void interactionErrors_data() {
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("messageParts");
    QTest::newRow("missing-both") << QStringList{"person", "thing", "rating"} << QString()
                                  << QStringList{"missing required column for user and item",
                                                 "columns found: person, thing, rating"};
    QTest::newRow("missing-item") << QStringList{"userId", "title"} << QString()
                                  << QStringList{"missing required column for item", "use --map",
                                                 "columns found: userId, title"};
    QTest::newRow("no-columns") << QStringList{} << QString() << QStringList{"columns found: (none)"};
    QTest::newRow("unknown-column") << QStringList{"user", "item", "text"} << "text=review"
                                    << QStringList{"column 'review' given for text is not in the file",
                                                   "columns found: user, item, text"};
    QTest::newRow("ambiguous-column") << QStringList{"User", "user_", "item"} << "user=USER"
                                      << QStringList{"column 'USER'", "columns found: User, user_, item"};
    QTest::newRow("bad-key") << QStringList{"user", "item"} << "usr=user"
                             << QStringList{"unknown mapping key 'usr'",
                                            "user, item, text, summary, rating, time"};
    QTest::newRow("no-equals") << QStringList{"user", "item"} << "user" << QStringList{"bad mapping 'user'"};
    QTest::newRow("no-key") << QStringList{"user", "item"} << "=user" << QStringList{"bad mapping '=user'"};
    QTest::newRow("no-column") << QStringList{"user", "item"} << "user=" << QStringList{"bad mapping 'user='"};
    QTest::newRow("item-key-for-interactions") << QStringList{"user", "item"} << "id=item"
                                               << QStringList{"unknown mapping key 'id'"};
  }
  void interactionErrors() {
    QFETCH(QStringList, header);
    QFETCH(QString, spec);
    QFETCH(QStringList, messageParts);
    InteractionColumns c;
    std::string error;
    QVERIFY(!resolveInteractionColumns(toVec(header), spec.toStdString(), c, error));
    for (const auto& part : messageParts)
      QVERIFY2(QString::fromStdString(error).contains(part), qPrintable(QString::fromStdString(error) + " lacks " + part));
  }

  void items() {
    ItemColumns c;
    std::string error;
    QVERIFY(resolveItemColumns({"movieId", "title", "genres"}, "", c, error));
    QCOMPARE((QList<int>{c.id, c.title, c.text, c.tags, c.category, c.price}), (QList<int>{0, 1, -1, -1, 2, -1}));
    QCOMPARE(c.flavour, std::string("MovieLens movies"));
    QVERIFY(resolveItemColumns({"item_id", "title", "description", "tags", "category", "price"}, "", c, error));
    QCOMPARE((QList<int>{c.id, c.title, c.text, c.tags, c.category, c.price}), (QList<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(c.flavour, std::string("generic"));
    QVERIFY(resolveItemColumns({"sku", "label", "blurb"}, "id=sku,title=label,text=blurb", c, error));
    QCOMPARE((QList<int>{c.id, c.title, c.text}), (QList<int>{0, 1, 2}));
    QCOMPARE(c.flavour, std::string("mapped"));
    QVERIFY(!resolveItemColumns({"sku", "label"}, "", c, error));
    QVERIFY2(error.find("item id") != std::string::npos && error.find("columns found: sku, label") != std::string::npos,
             error.c_str());
    QVERIFY(!resolveItemColumns({"sku", "label"}, "id=code", c, error));
    QVERIFY2(error.find("column 'code'") != std::string::npos, error.c_str());
    QVERIFY(!resolveItemColumns({"sku"}, "user=sku", c, error));
    QVERIFY2(error.find("unknown mapping key 'user'") != std::string::npos, error.c_str());
  }

  void catalogGuess() {
    QVERIFY(looksLikeItemCatalog({"movieId", "title", "genres"}));
    QVERIFY(looksLikeItemCatalog({"item_id", "title", "description"}));
    QVERIFY(!looksLikeItemCatalog({"userId", "movieId", "rating", "timestamp"}));
    QVERIFY(!looksLikeItemCatalog({"reviewerID", "asin", "reviewText", "overall", "summary", "unixReviewTime"}));
  }

  void parseMap() {
    std::map<std::string, std::string> m;
    std::string error;
    QVERIFY(parseColumnMap("user=User Id,text=a=b", kInteractionMapKeys, m, error));
    QCOMPARE(m.size(), size_t{2});
    QCOMPARE(m["user"], std::string("User Id"));
    QCOMPARE(m["text"], std::string("a=b"));
    m.clear();
    QVERIFY(parseColumnMap("", kInteractionMapKeys, m, error));
    QVERIFY(m.empty());
  }
};

QTEST_GUILESS_MAIN(SchemaTest)
#include "schema_test.moc"
