// JsonLinesReader: nested values, missing keys, key order, CRLF, BOM, blank lines,
// number and escape handling, key positions; each plain and gzip.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "import_test_util.h"
#include "io/table_reader.h"

using namespace il;
using namespace il::test;

namespace {
size_t indexOf(const std::vector<std::string>& header, const char* key) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == key) return i;
  return header.size();
}
}  // namespace

class JsonlReaderTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::unique_ptr<ReadAll> read(const QString& name, const QByteArray& data, bool gz,
                                const ReaderLimits& limits = {}) {
    return readAll(putFile(dir_.path(), name, data, gz), FileFormat::Auto, limits);
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void amazon2018Line_data() { addCompression(); }
  void amazon2018Line() {
    QFETCH(bool, gz);
    // A line shaped like the 2018 Amazon reviews: nested object, array, bool, float.
    const QByteArray data =
        "{\"overall\": 5.0, \"verified\": true, \"reviewTime\": \"02 28, 2015\", \"reviewerID\": \"A3DA9MP7OGLPC0\", "
        "\"asin\": \"B00006L9LC\", \"style\": {\"Size:\": \" 38\", \"Color:\": \"red\"}, \"reviewerName\": \"verenice\", "
        "\"reviewText\": \"Works \\\"great\\\"\\nreally\", \"summary\": \"Five Stars\", \"unixReviewTime\": 1425081600, "
        "\"vote\": \"1,024\", \"image\": [\"a.jpg\", \"b.jpg\"], \"gone\": null}"
        "\n";
    const auto r = read("beauty.json", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->reader->format(), FileFormat::JsonLines);
    // Keys in file order; a key that is only ever null is not a column.
    QCOMPARE(r->reader->header(),
             sv({"overall", "verified", "reviewTime", "reviewerID", "asin", "style", "reviewerName",
                 "reviewText", "summary", "unixReviewTime", "vote", "image"}));
    QCOMPARE(r->records.size(), size_t{1});
    const auto& f = r->records[0].fields;
    QCOMPARE(f[0], std::string("5"));
    QCOMPARE(f[1], std::string("true"));
    QCOMPARE(f[3], std::string("A3DA9MP7OGLPC0"));
    QCOMPARE(f[7], std::string("Works \"great\"\nreally"));
    QCOMPARE(f[9], std::string("1425081600"));
    QCOMPARE(f[10], std::string("1,024"));
    QCOMPARE(f[11], std::string("[\"a.jpg\",\"b.jpg\"]"));
    // Nested objects become compact JSON with the same content.
    QVERIFY2(f[5].find('\n') == std::string::npos && f[5].find(": ") == std::string::npos, f[5].c_str());
    const QJsonObject style = QJsonDocument::fromJson(QByteArray::fromStdString(f[5])).object();
    QCOMPARE(style.size(), 2);
    QCOMPARE(style.value("Size:").toString(), QStringLiteral(" 38"));
    QCOMPARE(style.value("Color:").toString(), QStringLiteral("red"));
    QCOMPARE(r->records[0].line, int64_t{1});
    // Where keys are, for messages: "overall" is the first key, "asin" follows other keys.
    QCOMPARE(r->reader->columnOf(r->records[0], 0), int64_t{2});
    QCOMPARE(r->reader->columnOf(r->records[0], 4), int64_t{data.indexOf("\"asin\"") + 1});
  }

  void missingKeysAndKeyOrder_data() { addCompression(); }
  void missingKeysAndKeyOrder() {
    QFETCH(bool, gz);
    const QByteArray data = "{\"b\": 1, \"a\": \"x\"}\n"
                            "{\"a\": \"y\", \"c\": 2.5, \"b\": 3}\n"
                            "  {\"c\": -1}\n";
    const auto r = read("order.jsonl", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    // The union of keys in order of first appearance.
    QCOMPARE(r->reader->header(), sv({"b", "a", "c"}));
    QCOMPARE(r->records.size(), size_t{3});
    QCOMPARE(r->records[0].fields, sv({"1", "x", ""}));
    QCOMPARE(r->records[1].fields, sv({"3", "y", "2.5"}));
    QCOMPARE(r->records[2].fields, sv({"", "", "-1"}));
    // Present keys: at their quote. Absent keys: at the object's opening brace.
    QCOMPARE(r->reader->columnOf(r->records[1], 2), int64_t{12});
    QCOMPARE(r->reader->columnOf(r->records[1], 0), int64_t{22});
    QCOMPARE(r->reader->columnOf(r->records[2], 0), int64_t{3});
    QCOMPARE(r->reader->columnOf(r->records[2], 2), int64_t{4});
    QCOMPARE(r->reader->lineOf(r->records[2], 2), int64_t{3});
  }

  void nestedKeyIsNotTheTopLevelKey() {
    // "user" appears inside a nested object and as a string value before the real key.
    const QByteArray data = "{\"meta\": {\"user\": \"x\"}, \"note\": \"user\", \"user\": \"u1\", \"item\": \"i1\"}" "\n";
    const auto r = read("nested.jsonl", data, false);
    QVERIFY(r->reader);
    QCOMPARE(r->reader->header(), sv({"meta", "note", "user", "item"}));
    QCOMPARE(r->records[0].fields[2], std::string("u1"));
    QCOMPARE(r->reader->columnOf(r->records[0], 2), int64_t{data.indexOf("\"user\": \"u1\"") + 1});
  }

  void lineEndingsBomAndBlankLines_data() { addCompression(); }
  void lineEndingsBomAndBlankLines() {
    QFETCH(bool, gz);
    const QByteArray data = "\xEF\xBB\xBF{\"user\":\"u1\",\"item\":\"i1\"}\r\n"
                            "\r\n"
                            "   \t\r\n"
                            "{\"user\":\"u2\",\"item\":\"i2\",\"text\":\"a\\r\\nb\"}\r\n"
                            "{\"user\":\"u3\",\"item\":\"i3\"}";  // no final newline
    const auto r = read("crlf.jsonl", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->reader->header(), sv({"user", "item", "text"}));
    QCOMPARE(r->records.size(), size_t{3});
    QCOMPARE(r->records[0].fields, sv({"u1", "i1", ""}));
    QCOMPARE(r->records[1].fields, sv({"u2", "i2", "a\r\nb"}));
    QCOMPARE(r->records[2].fields, sv({"u3", "i3", ""}));
    QCOMPARE(r->records[0].line, int64_t{1});
    QCOMPARE(r->records[1].line, int64_t{4});
    QCOMPARE(r->records[2].line, int64_t{5});
  }

  void valuesAsText() {
    const QByteArray data = "{\"id\": 12345678901234, \"neg\": -3, \"f\": 0.1, \"big\": 1e300, \"t\": false, "
                            "\"s\": \"caf\\u00e9 \\ud83d\\ude00\", \"e\": \"\", \"arr\": [], \"obj\": {}}"
                            "\n";
    const auto r = read("values.jsonl", data, false);
    QVERIFY(r->reader);
    const auto& h = r->reader->header();
    const auto& f = r->records.at(0).fields;
    QCOMPARE(f[indexOf(h, "id")], std::string("12345678901234"));
    QCOMPARE(f[indexOf(h, "neg")], std::string("-3"));
    QCOMPARE(f[indexOf(h, "f")], std::string("0.1"));
    QCOMPARE(f[indexOf(h, "big")], std::string("1e+300"));
    QCOMPARE(f[indexOf(h, "t")], std::string("false"));
    QCOMPARE(f[indexOf(h, "s")], std::string("café 😀"));
    QCOMPARE(f[indexOf(h, "e")], std::string(""));
    QCOMPARE(f[indexOf(h, "arr")], std::string("[]"));
    QCOMPARE(f[indexOf(h, "obj")], std::string("{}"));
  }

  void manyLinesAcrossChunks_data() { addCompression(); }
  void manyLinesAcrossChunks() {
    QFETCH(bool, gz);
    QByteArray data;
    const int n = 12000;
    for (int i = 0; i < n; ++i)
      data += "{\"user\": \"u" + QByteArray::number(i % 50) + "\", \"item\": \"i" + QByteArray::number(i) +
              "\", \"text\": \"é€😀 review number " + QByteArray::number(i) + "\"}\r\n";
    QVERIFY(data.size() > 8 * 65536);
    const auto r = read("many.jsonl", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->records.size(), size_t(n));
    for (int i : {0, 199, 200, 201, 7777, n - 1}) {
      const Record& rec = r->records[static_cast<size_t>(i)];
      QCOMPARE(rec.line, int64_t{i + 1});
      QCOMPARE(rec.fields[1], "i" + std::to_string(i));
      QCOMPARE(rec.fields[2], "é€😀 review number " + std::to_string(i));
    }
  }

  void badLinesAreSkippedWithTheirPosition() {
    const QByteArray data = "{\"user\": \"u1\", \"item\": \"i1\"}\n"         // 1
                            "{\"user\": \"u2\" \"item\": \"i2\"}\n"          // 2: missing comma at 15
                            "[\"u3\", \"i3\"]\n"                             // 3: an array
                            "  42\n"                                         // 4: a scalar at column 3 (Qt: illegal value)
                            "{\"user\": \"é\xE9\", \"item\": \"i5\"}\n"      // 5: bad byte at column 12
                            "{\"user\": \"u6\", \"item\": \"i6\"} x\n"       // 6: garbage at column 30
                            "{\"user\": \"u7\", \"item\": \"i7\",}\n"        // 7: '}' after comma at 29
                            "{\"user\": \"u8\", \"item\": \"i8\"}\n";        // 8
    const auto r = read("bad.jsonl", data, false);
    QVERIFY(r->reader);
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[1].line, int64_t{8});
    const QString f = QString::fromStdString(r->reader->path());
    QStringList msgs;
    for (const auto& p : r->log.kept()) msgs << QString::fromStdString(p.message());
    QCOMPARE(msgs.size(), 6);
    QVERIFY2(msgs[0].startsWith(f + ":2:15: bad-json"), qPrintable(msgs[0]));
    QVERIFY2(msgs[1].startsWith(f + ":3:1: bad-json: expected a JSON object, found an array"), qPrintable(msgs[1]));
    QVERIFY2(msgs[2].startsWith(f + ":4:3: bad-json: expected a"), qPrintable(msgs[2]));
    QVERIFY2(msgs[3].startsWith(f + ":5:12: invalid-utf8"), qPrintable(msgs[3]));
    QVERIFY2(msgs[4].startsWith(f + ":6:30: bad-json"), qPrintable(msgs[4]));
    QVERIFY2(msgs[5].startsWith(f + ":7:29: bad-json"), qPrintable(msgs[5]));
  }

  void longLineIsSkipped() {
    ReaderLimits limits;
    limits.maxFieldBytes = 64;
    const QByteArray data = "{\"user\": \"u1\", \"item\": \"i1\"}\n{\"user\": \"" + QByteArray(200, 'x') +
                            "\", \"item\": \"i2\"}\n{\"user\": \"u3\", \"item\": \"i3\"}\n";
    const auto r = read("long.jsonl", data, false, limits);
    QVERIFY(r->reader);
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[1].line, int64_t{3});
    QCOMPARE(r->log.count("field-too-long"), int64_t{1});
    QCOMPARE(QString::fromStdString(r->log.kept()[0].message()).section(": ", 0, 1),
             QString::fromStdString(r->reader->path()) + ":2:1: field-too-long");
  }
};

QTEST_GUILESS_MAIN(JsonlReaderTest)
#include "jsonl_reader_test.moc"
