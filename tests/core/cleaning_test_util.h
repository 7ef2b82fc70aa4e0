// Real texts for the cleaning, duplicate and language tests: the Amazon All_Beauty
// reviews from ../shared (read as an import reads them, without cleaning) and the
// demo's reviews from resources/demo.
#pragma once

#include <QFile>
#include <QTest>
#include <string>
#include <vector>

#include "io/importer.h"
#include "test_paths.h"

namespace il::test {

inline constexpr const char* kAmazonBeauty = "data/amazon-all-beauty-5core-2018/All_Beauty_5.json.gz";

inline std::vector<std::string> readTexts(const QString& file) {
  ImportOptions o;
  o.interactionFiles = {file.toStdString()};
  const ImportResult r = readImport(o);
  if (!r.ok) qFatal("%s: %s", qPrintable(file), r.error.c_str());
  std::vector<std::string> out;
  for (const auto& t : r.data.texts) out.push_back(t.text);
  return out;
}

inline std::vector<std::string> amazonTexts() { return readTexts(sharedPath(kAmazonBeauty)); }
inline std::vector<std::string> demoTexts() { return readTexts(sourcePath("resources/demo/reviews.csv")); }

}  // namespace il::test
