// parseNumber and parseTime: locale- and time-zone-independent value parsing.
#include <QTest>
#include <clocale>
#include <ctime>

#include "io/values.h"

using namespace il;

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(std::optional<int64_t>)

class ValuesTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // Times without an offset must be read as UTC wherever the user is. A zone with
    // daylight saving time (and a decimal comma locale, if installed) makes that visible.
    qputenv("TZ", "America/New_York");
    tzset();
    std::setlocale(LC_ALL, "de_DE.UTF-8");
  }

  void numbers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<double>>("expected");
    QTest::newRow("int") << "4" << std::optional<double>(4.0);
    QTest::newRow("decimal") << "4.5" << std::optional<double>(4.5);
    QTest::newRow("spaces") << " \t3.0 " << std::optional<double>(3.0);
    QTest::newRow("plus") << "+2" << std::optional<double>(2.0);
    QTest::newRow("negative") << "-0.5" << std::optional<double>(-0.5);
    QTest::newRow("exponent") << "1e3" << std::optional<double>(1000.0);
    QTest::newRow("leading-dot") << ".5" << std::optional<double>(0.5);
    QTest::newRow("empty") << "" << std::optional<double>();
    QTest::newRow("blank") << "   " << std::optional<double>();
    QTest::newRow("comma") << "4,5" << std::optional<double>();
    QTest::newRow("word") << "five" << std::optional<double>();
    QTest::newRow("trailing") << "4 stars" << std::optional<double>();
    QTest::newRow("nan") << "nan" << std::optional<double>();
    QTest::newRow("inf") << "inf" << std::optional<double>();
    QTest::newRow("overflow") << "1e400" << std::optional<double>();
    QTest::newRow("hex") << "0x10" << std::optional<double>();
    QTest::newRow("double-sign") << "+-1" << std::optional<double>();
  }
  void numbers() {
    QFETCH(QString, text);
    QFETCH(std::optional<double>, expected);
    const std::string s = text.toStdString();
    const auto got = parseNumber(s);
    QCOMPARE(got.has_value(), expected.has_value());
    if (expected) QCOMPARE(*got, *expected);
  }

  void times_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<int64_t>>("expected");
    using T = std::optional<int64_t>;
    // Expected values computed independently (Python datetime, UTC).
    QTest::newRow("unix") << "964982703" << T(964982703);
    QTest::newRow("unix-fraction") << "964982703.9" << T(964982703);
    QTest::newRow("unix-negative") << "-5.5" << T(-6);
    QTest::newRow("unix-ms") << "1425081600000" << T(1425081600);
    QTest::newRow("unix-spaces") << " 1425081600 " << T(1425081600);
    QTest::newRow("epoch-date") << "1970-01-01" << T(0);
    QTest::newRow("before-epoch") << "1969-12-31" << T(-86400);
    QTest::newRow("date") << "2023-05-01" << T(1682899200);
    QTest::newRow("datetime-Z") << "2023-05-01T10:20:30Z" << T(1682936430);
    QTest::newRow("datetime-ms-Z") << "2023-05-01T10:20:30.250Z" << T(1682936430);
    QTest::newRow("datetime-offset") << "2023-05-01T10:20:30+02:00" << T(1682929230);
    QTest::newRow("datetime-neg-offset") << "2023-05-01T10:20:30-05:30" << T(1682956230);
    QTest::newRow("datetime-no-offset") << "2023-05-01T10:20:30" << T(1682936430);
    QTest::newRow("datetime-space") << "2023-05-01 10:20:30" << T(1682936430);
    QTest::newRow("datetime-micros") << "2023-05-01T10:20:30.123456Z" << T(1682936430);
    QTest::newRow("datetime-micros-short-offset") << "2023-05-01 10:20:30.123456+00" << T(1682936430);
    QTest::newRow("datetime-compact-offset") << "2023-05-01T10:20:30+0200" << T(1682929230);
    QTest::newRow("datetime-minutes") << "2023-05-01T10:20Z" << T(1682936400);
    // Local times that do not exist / exist twice in New York are still plain UTC times.
    QTest::newRow("dst-gap") << "2023-03-12T02:30:00" << T(1678588200);
    QTest::newRow("dst-gap-space") << "2023-03-12 02:30:00" << T(1678588200);
    QTest::newRow("dst-overlap") << "2023-11-05T01:30:00" << T(1699147800);
    QTest::newRow("empty") << "" << T();
    QTest::newRow("no-such-day") << "2023-02-30" << T();
    QTest::newRow("no-such-month") << "2023-13-01" << T();
    QTest::newRow("us-date") << "05/01/2023" << T();
    QTest::newRow("amazon-reviewTime") << "02 28, 2015" << T();
    QTest::newRow("word") << "yesterday" << T();
    QTest::newRow("bad-hour") << "2023-05-01T25:00:00" << T();
    QTest::newRow("far-future") << "1e16" << T();
  }
  void times() {
    QFETCH(QString, text);
    QFETCH(std::optional<int64_t>, expected);
    const std::string s = text.toStdString();
    const auto got = parseTime(s);
    QVERIFY2(got.has_value() == expected.has_value(),
             qPrintable(QStringLiteral("'%1' gave %2").arg(text, got ? QString::number(*got) : "nothing")));
    if (expected) QCOMPARE(*got, *expected);
  }
};

QTEST_GUILESS_MAIN(ValuesTest)
#include "values_test.moc"
