// CSV export: RFC 4180 quoting and the OWASP CSV-injection rule.
#include <QTest>
#include <sstream>

#include "io/csv_writer.h"

class CsvWriterTest : public QObject {
  Q_OBJECT
 private slots:
  void formulasAreNeutralised_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("equals") << "=1+1" << "'=1+1";
    QTest::newRow("plus") << "+cmd|' /C calc'!A0" << "'+cmd|' /C calc'!A0";
    QTest::newRow("minus text") << "-2+3-cmd" << "'-2+3-cmd";
    QTest::newRow("at") << "@SUM(A1)" << "'@SUM(A1)";
    QTest::newRow("tab") << "\tx" << "'\tx";
    QTest::newRow("carriage return") << "\rx" << "\"'\rx\"";
    QTest::newRow("hyperlink with comma") << "=HYPERLINK(\"http://x\",\"y\")"
                                          << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
    QTest::newRow("negative number") << "-0.25" << "-0.25";
    QTest::newRow("signed exponent") << "+1.5e-3" << "+1.5e-3";
    QTest::newRow("minus alone") << "-" << "'-";
    QTest::newRow("plain") << "hello" << "hello";
    QTest::newRow("inner equals") << "a=b" << "a=b";
    QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "a\nb" << "\"a\nb\"";
    QTest::newRow("empty") << "" << "";
  }
  void formulasAreNeutralised() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(il::csvCell(in.toStdString())), out);
  }
  void rowsEndWithCrLf() {
    std::ostringstream s;
    il::CsvWriter w(s);
    w.row({"a", "b,c"});
    w.row({"=x"});
    QCOMPARE(QString::fromStdString(s.str()), QString("a,\"b,c\"\r\n'=x\r\n"));
  }
};

QTEST_APPLESS_MAIN(CsvWriterTest)
#include "csv_writer_test.moc"
