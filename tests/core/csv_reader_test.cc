// CsvReader through TableReader::open: RFC 4180 quoting, line endings, BOM, empty
// lines, TSV, format detection, positions of fields; every case plain and gzip.
#include <QTemporaryDir>
#include <QTest>

#include "import_test_util.h"
#include "io/table_reader.h"

using namespace il;
using namespace il::test;

class CsvReaderTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::unique_ptr<ReadAll> read(const QString& name, const QByteArray& data, bool gz,
                                FileFormat format = FileFormat::Auto, const ReaderLimits& limits = {}) {
    return readAll(putFile(dir_.path(), name, data, gz), format, limits);
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void quotedFields_data() { addCompression(); }
  void quotedFields() {
    QFETCH(bool, gz);
    const QByteArray data =
        "id,text,n\r\n"                      // 1
        "1,\"a, b\",2\r\n"                   // 2
        "2,\"she said \"\"hi\"\"\",3\r\n"    // 3
        "3,\"line one\nline two\",4\r\n"     // 4-5
        "4,,5\r\n"                           // 6
        "5,\"\",6\r\n"                       // 7
        "6,\"\"\"\",7\r\n";                  // 8: a field that is one quote
    const auto r = read("quoted.csv", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->reader->format(), FileFormat::Csv);
    QCOMPARE(r->reader->header(), sv({"id", "text", "n"}));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->records.size(), size_t{6});
    QCOMPARE(r->records[0].fields, sv({"1", "a, b", "2"}));
    QCOMPARE(r->records[1].fields, sv({"2", "she said \"hi\"", "3"}));
    QCOMPARE(r->records[2].fields, sv({"3", "line one\nline two", "4"}));
    QCOMPARE(r->records[3].fields, sv({"4", "", "5"}));
    QCOMPARE(r->records[4].fields, sv({"5", "", "6"}));
    QCOMPARE(r->records[5].fields, sv({"6", "\"", "7"}));
    // Lines where records start, and columns where fields start (the quote for quoted ones).
    const std::vector<int64_t> lines{2, 3, 4, 6, 7, 8};
    for (size_t i = 0; i < lines.size(); ++i) QCOMPARE(r->records[i].line, lines[i]);
    QCOMPARE(r->records[0].columns, (std::vector<int64_t>{1, 3, 10}));
    QCOMPARE(r->records[3].columns, (std::vector<int64_t>{1, 3, 4}));
    // The field after a two-line quoted field starts on the second line.
    QCOMPARE(r->records[2].columns, (std::vector<int64_t>{1, 3, 11}));
    QCOMPARE(r->reader->lineOf(r->records[2], 0), int64_t{4});
    QCOMPARE(r->reader->lineOf(r->records[2], 2), int64_t{5});
    QCOMPARE(r->reader->columnOf(r->records[2], 2), int64_t{11});
  }

  void lineEndings_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("gz");
    const QList<QPair<const char*, QByteArray>> endings{{"LF", "\n"}, {"CRLF", "\r\n"}, {"CR", "\r"}};
    for (const auto& [name, nl] : endings) {
      for (bool gz : {false, true}) {
        const QByteArray body = "user,item" + nl + "u1,\"x" + nl + "y\"" + nl + "u2,i2";
        QTest::addRow("%s-%s", name, gz ? "gzip" : "plain") << body + nl << gz;
        QTest::addRow("%s-no-final-newline-%s", name, gz ? "gzip" : "plain") << body << gz;
      }
    }
    QTest::newRow("mixed") << QByteArray("user,item\r\nu1,\"x\ny\"\ru2,i2\n") << false;
  }
  void lineEndings() {
    QFETCH(QByteArray, data);
    QFETCH(bool, gz);
    const auto r = read("endings.csv", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->reader->header(), sv({"user", "item"}));
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[0].fields[0], std::string("u1"));
    // A line break inside quotes is data and is kept as written.
    const std::string inner = r->records[0].fields[1];
    QVERIFY2(inner == "x\ny" || inner == "x\r\ny" || inner == "x\ry", inner.c_str());
    QCOMPARE(r->records[1].fields, sv({"u2", "i2"}));
    QCOMPARE(r->records[0].line, int64_t{2});
    QCOMPARE(r->records[1].line, int64_t{4});
  }

  void byteOrderMark_data() { addCompression(); }
  void byteOrderMark() {
    QFETCH(bool, gz);
    const auto r = read("bom.csv", "\xEF\xBB\xBFuserId,movieId,rating\r\n1,2,3.5\r\n", gz);
    QVERIFY(r->reader);
    QCOMPARE(r->reader->header(), sv({"userId", "movieId", "rating"}));
    QCOMPARE(r->records.size(), size_t{1});
    QCOMPARE(r->records[0].fields, sv({"1", "2", "3.5"}));
    QCOMPARE(r->records[0].columns, (std::vector<int64_t>{1, 3, 5}));
  }

  void emptyLinesAreSkipped_data() { addCompression(); }
  void emptyLinesAreSkipped() {
    QFETCH(bool, gz);
    const auto r = read("blank.csv", "\na,b\n\n1,2\n\r\n\n3,4\n\n\n", gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->reader->header(), sv({"a", "b"}));
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[0].line, int64_t{4});
    QCOMPARE(r->records[1].line, int64_t{7});
    QCOMPARE(r->records[1].fields, sv({"3", "4"}));
  }

  void literalContent() {
    // Unquoted fields are kept exactly: spaces, a stray quote, an empty last field, UTF-8.
    const auto r = read("literal.csv", "a,b,c\n 1 ,5\" screen,\nü,é€x,\"\"\n", false);
    QVERIFY(r->reader);
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[0].fields, sv({" 1 ", "5\" screen", ""}));
    QCOMPARE(r->records[1].fields, sv({"ü", "é€x", ""}));
    // Columns count characters, not bytes.
    QCOMPARE(r->records[1].columns, (std::vector<int64_t>{1, 3, 7}));
  }

  void tabSeparated_data() { addCompression(); }
  void tabSeparated() {
    QFETCH(bool, gz);
    // IANA TSV: no quoting, so quotes and commas are data.
    const QByteArray data = "user\titem\ttext\r\nu1\ti1\t\"quoted\", with comma\r\nu2\ti2\t\r\n";
    const auto r = read("reviews.tsv", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->reader->format(), FileFormat::Tsv);
    QCOMPARE(r->reader->header(), sv({"user", "item", "text"}));
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[0].fields, sv({"u1", "i1", "\"quoted\", with comma"}));
    QCOMPARE(r->records[1].fields, sv({"u2", "i2", ""}));
    QCOMPARE(r->records[0].columns, (std::vector<int64_t>{1, 4, 7}));
  }

  void formatFromContent_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("gz");
    QTest::addColumn<int>("format");
    QTest::newRow("txt-commas") << "a.txt" << QByteArray("u,i,t\n1,2,x\ty\n") << false << int(FileFormat::Csv);
    QTest::newRow("txt-tabs") << "a.txt" << QByteArray("u\ti\tt\n1\t2\tx,y\n") << false << int(FileFormat::Tsv);
    QTest::newRow("txt-json") << "a.txt" << QByteArray("\xEF\xBB\xBF {\"u\":1}\n") << false
                              << int(FileFormat::JsonLines);
    QTest::newRow("noext-gz-tabs") << "data" << QByteArray("u\ti\n1\t2\n") << true << int(FileFormat::Tsv);
    // The name wins over the content when it says what the file is.
    QTest::newRow("csv-name-tabs") << "a.csv" << QByteArray("u\ti\n1\t2\n") << false << int(FileFormat::Csv);
    QTest::newRow("tab-name") << "a.TAB" << QByteArray("u,i\n1,2\n") << false << int(FileFormat::Tsv);
  }
  void formatFromContent() {
    QFETCH(QString, name);
    QFETCH(QByteArray, data);
    QFETCH(bool, gz);
    QFETCH(int, format);
    const auto r = read(name, data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(int(r->reader->format()), format);
  }

  void formatFromName() {
    QCOMPARE(il::formatFromName("x/ratings.csv"), FileFormat::Csv);
    QCOMPARE(il::formatFromName("ratings.CSV.GZ"), FileFormat::Csv);
    QCOMPARE(il::formatFromName("r.tsv.gz"), FileFormat::Tsv);
    QCOMPARE(il::formatFromName("All_Beauty_5.json.gz"), FileFormat::JsonLines);
    QCOMPARE(il::formatFromName("a.jsonl"), FileFormat::JsonLines);
    QCOMPARE(il::formatFromName("a.ndjson"), FileFormat::JsonLines);
    QCOMPARE(il::formatFromName("a.gz"), FileFormat::Auto);
    QCOMPARE(il::formatFromName("a.txt"), FileFormat::Auto);
  }

  void explicitFormatOverridesName() {
    const auto r = read("semi.csv", "a\tb\n1\t2\n", false, FileFormat::Tsv);
    QVERIFY(r->reader);
    QCOMPARE(r->reader->header(), sv({"a", "b"}));
  }

  void manyRecordsAcrossChunks_data() { addCompression(); }
  void manyRecordsAcrossChunks() {
    // Enough data for many 64 KiB chunks, so quotes, CRLF pairs and UTF-8 sequences
    // fall on chunk boundaries somewhere.
    QFETCH(bool, gz);
    QByteArray data = "user,item,text\r\n";
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
      data += "u" + QByteArray::number(i % 97) + ",i" + QByteArray::number(i) + ",\"r" +
              QByteArray::number(i) + " \"\"q\"\", é€😀\r\nsecond line\"\r\n";
    }
    const auto r = read("many.csv", data, gz);
    QVERIFY2(r->reader, qPrintable(allMessages(r->log)));
    QCOMPARE(r->log.kept().size(), size_t{0});
    QCOMPARE(r->records.size(), size_t(n));
    for (int i : {0, 1, 4095, 12345, n - 1}) {
      const Record& rec = r->records[static_cast<size_t>(i)];
      QCOMPARE(rec.line, int64_t{2} + 2 * i);
      QCOMPARE(rec.fields[1], "i" + std::to_string(i));
      QCOMPARE(rec.fields[2], "r" + std::to_string(i) + " \"q\", é€😀\r\nsecond line");
    }
  }

  void positionsInErrors() {
    // Locations of problems found by the reader itself (the import-level cases are
    // in malformed_input_test): bad bytes inside multi-line quoted fields and too few fields.
    const QByteArray data = "user,item,text\n"                       // 1
                            "u1,i1,\"say \"\"hi\"\"\n"                // 2
                            "then caf\xC3(\"\n"                       // 3: bad byte at column 9
                            "u2,i2\n"                                 // 4: too few, ends at column 6
                            "u3,i3,\"x\",extra\n"                     // 5: extra field at column 11
                            "u4,\"a\nb\",c,d\n"                       // 6-7: extra field at 7:6
                            "u5,i5,\"\xFF\"\n"                        // 8: bad byte at column 8
                            "u6,i6,ok\n";                             // 9
    const auto r = read("pos.csv", data, false);
    QVERIFY(r->reader);
    QCOMPARE(r->records.size(), size_t{1});
    QCOMPARE(r->records[0].fields[0], std::string("u6"));
    QStringList msgs;
    for (const auto& p : r->log.kept()) msgs << QString::fromStdString(p.message());
    QCOMPARE(msgs.size(), 5);
    const QString f = QString::fromStdString(r->reader->path());
    QVERIFY2(msgs[0].startsWith(f + ":3:9: invalid-utf8"), qPrintable(msgs[0]));
    QVERIFY2(msgs[0].contains("byte 0xC3"), qPrintable(msgs[0]));
    QVERIFY2(msgs[1].startsWith(f + ":4:6: wrong-field-count: expected 3 fields as in the header, found 2"),
             qPrintable(msgs[1]));
    QVERIFY2(msgs[2].startsWith(f + ":5:11: wrong-field-count"), qPrintable(msgs[2]));
    QVERIFY2(msgs[3].startsWith(f + ":7:6: wrong-field-count"), qPrintable(msgs[3]));
    QVERIFY2(msgs[4].startsWith(f + ":8:8: invalid-utf8"), qPrintable(msgs[4]));
  }

  void limitsAreApplied() {
    ReaderLimits limits;
    limits.maxFieldBytes = 8;
    limits.maxFields = 3;
    const QByteArray data = "a,b,c\n1,12345678,3\n1,123456789,3\n1,2,3,4,5\n4,5,6\n";
    const auto r = read("limits.csv", data, false, FileFormat::Auto, limits);
    QVERIFY(r->reader);
    QCOMPARE(r->records.size(), size_t{2});
    QCOMPARE(r->records[0].fields[1], std::string("12345678"));
    QCOMPARE(r->records[1].fields, sv({"4", "5", "6"}));
    QCOMPARE(r->log.count("field-too-long"), int64_t{1});
    QCOMPARE(r->log.count("too-many-fields"), int64_t{1});
    const std::string f = r->reader->path();
    QCOMPARE(r->log.kept()[0].message().rfind(f + ":3:3: field-too-long", 0), size_t{0});
  }
};

QTEST_GUILESS_MAIN(CsvReaderTest)
#include "csv_reader_test.moc"
