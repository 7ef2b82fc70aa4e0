// interestlens-cli info --project P [--format json|table]
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <iostream>
#include <map>

#include "cli_args.h"
#include "commands.h"
#include "interestlens_core.h"
#include "text/text_cleaner.h"

namespace il::cli {

int runInfo(int argc, char** argv) {
  const Args a = parseArgs(argc, argv, {"--project", "--format"}, {});
  if (!a.has("--project")) throw UsageError("info needs --project FILE.ilens");
  const std::string format = a.get("--format", "table");
  if (format != "json" && format != "table") throw UsageError("--format must be json or table");
  std::unique_ptr<Project> p;
  try {
    p = Project::open(a.get("--project"), Project::Mode::ReadOnly);
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
  const ProjectCounts c = p->counts();
  // Cleaning: the settings of the last cleaned import, languages and flags as stored.
  const bool cleaned = p->hasCleaningSettings();
  const CleaningSettings cs = p->cleaningSettings();
  const std::map<std::string, int64_t> langs = p->languageCounts();
  const TextFlagCounts f = p->textFlagCounts();
  std::vector<std::pair<std::string, int64_t>> byCount(langs.begin(), langs.end());
  std::stable_sort(byCount.begin(), byCount.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  if (format == "json") {
    QJsonObject languages;
    for (const auto& [code, n] : langs) languages.insert(QString::fromStdString(code.empty() ? "not detected" : code), qint64(n));
    QJsonObject cleaning{{"settings", cleaned ? QJsonDocument::fromJson(QByteArray::fromStdString(cs.toJson())).object()
                                              : QJsonObject()},
                         {"cleaned_texts", qint64(f.cleaned)},
                         {"short", qint64(f.shortTexts)},
                         {"repeated", qint64(f.repeated)},
                         {"exact_duplicates", qint64(f.exactDuplicates)},
                         {"near_duplicates", qint64(f.nearDuplicates)},
                         {"duplicate_groups", qint64(f.duplicateGroups)},
                         {"languages", languages}};
    QJsonObject o{{"users", qint64(c.users)},
                  {"items", qint64(c.items)},
                  {"catalog_items", qint64(c.catalogItems)},
                  {"interactions", qint64(c.interactions)},
                  {"ratings", qint64(c.ratings)},
                  {"texts", qint64(c.texts)},
                  {"cleaning", cleaning}};
    std::cout << QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
  } else {
    std::cout << "project       " << p->path() << "\n"
              << "users         " << c.users << "\n"
              << "items         " << c.items << " (" << c.catalogItems << " from a catalog)\n"
              << "interactions  " << c.interactions << " (" << c.ratings << " with a rating)\n"
              << "texts         " << c.texts << "\n"
              << "cleaning      " << (cleaned ? cs.describe() : std::string("none recorded (imported before cleaning)"))
              << "\n"
              << "text flags    " << f.cleaned << " cleaned, " << f.shortTexts << " short, " << f.repeated
              << " repeated, " << f.exactDuplicates << " exact and " << f.nearDuplicates << " near duplicates in "
              << f.duplicateGroups << " groups\n"
              << "languages    ";
    for (const auto& [code, n] : byCount) std::cout << " " << (code.empty() ? "not-detected" : code) << "=" << n;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace il::cli
