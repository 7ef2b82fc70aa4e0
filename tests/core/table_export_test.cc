// Data view tables to CSV: every row (page by page), the filter and sort as shown,
// spreadsheet-safe cells.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <sstream>

#include "interestlens_core.h"

using namespace il;

class TableExportTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void writesEveryRowFilteredAndSorted() {
    const std::string path = dir_.filePath("t.ilens").toStdString();
    auto p = Project::open(path, Project::Mode::CreateIfMissing);
    ImportResult r;
    r.ok = true;
    for (int i = 0; i < 12345; ++i) {
      const std::string u = "u" + std::to_string(i % 50), it = "i" + std::to_string(i);
      r.data.items.push_back({it, "", "", "", "", std::nullopt, false});
      r.data.interactions.push_back({u, it, 4.0, 1000 + i});
      r.data.texts.push_back({u, it, i == 7 ? "=HYPERLINK(\"x\")" : "text " + std::to_string(i), 1000 + i});
    }
    p->writeImport(r);

    std::ostringstream all;
    QCOMPARE(writeTableCsv(*p, DataTable::Texts, "", -1, false, all), int64_t{12345});
    const std::string csv = all.str();
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t{12346});  // header + rows
    QVERIFY(csv.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);    // neutralised
    QVERIFY(csv.rfind("User,Item,", 0) == 0);

    std::ostringstream some;
    QCOMPARE(writeTableCsv(*p, DataTable::Users, "u4", 0, true, some), int64_t{11});  // u4, u40..u49
    std::istringstream lines(some.str());
    std::string header, first;
    std::getline(lines, header);
    std::getline(lines, first);
    QVERIFY2(first.rfind("u49,", 0) == 0, first.c_str());  // descending by user
  }
};

QTEST_APPLESS_MAIN(TableExportTest)
#include "table_export_test.moc"
