// interestlens-cli info --project P [--format json|table]
#include <QJsonDocument>
#include <QJsonObject>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "interestlens_core.h"

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
  if (format == "json") {
    QJsonObject o{{"users", qint64(c.users)},
                  {"items", qint64(c.items)},
                  {"catalog_items", qint64(c.catalogItems)},
                  {"interactions", qint64(c.interactions)},
                  {"ratings", qint64(c.ratings)},
                  {"texts", qint64(c.texts)}};
    std::cout << QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
  } else {
    std::cout << "project       " << p->path() << "\n"
              << "users         " << c.users << "\n"
              << "items         " << c.items << " (" << c.catalogItems << " from a catalog)\n"
              << "interactions  " << c.interactions << " (" << c.ratings << " with a rating)\n"
              << "texts         " << c.texts << "\n";
  }
  return 0;
}

}  // namespace il::cli
