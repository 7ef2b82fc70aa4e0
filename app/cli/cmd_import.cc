// interestlens-cli import --project P --interactions F [--interactions F2] [--items F]
//                         [--map ...] [--item-map ...] [--format csv|tsv|jsonl] [--strict]
#include <cstdio>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "interestlens_core.h"

namespace il::cli {

namespace {
FileFormat parseFormat(const std::string& s) {
  if (s.empty() || s == "auto") return FileFormat::Auto;
  if (s == "csv") return FileFormat::Csv;
  if (s == "tsv") return FileFormat::Tsv;
  if (s == "jsonl" || s == "json") return FileFormat::JsonLines;
  throw UsageError("--input-format must be auto, csv, tsv or jsonl");
}
}  // namespace

int runImport(int argc, char** argv) {
  const Args a = parseArgs(argc, argv,
                           {"--project", "--interactions", "--items", "--map", "--item-map", "--input-format"},
                           {"--strict", "--quiet"});
  if (!a.has("--project")) throw UsageError("import needs --project FILE.ilens");
  if (!a.has("--interactions") && !a.has("--items"))
    throw UsageError("import needs --interactions FILE and/or --items FILE");
  ImportOptions o;
  o.interactionFiles = a.all("--interactions");
  o.itemFiles = a.all("--items");
  o.map = a.get("--map");
  o.itemMap = a.get("--item-map");
  o.strict = a.has("--strict");
  o.format = parseFormat(a.get("--input-format"));
  std::string error;
  std::map<std::string, std::string> dummy;
  if (!parseColumnMap(o.map, kInteractionMapKeys, dummy, error) ||
      !parseColumnMap(o.itemMap, kItemMapKeys, dummy, error))
    throw UsageError(error);

  const ImportOutcome out = importIntoProject(a.get("--project"), o);
  if (!out.written) {
    std::cerr << "import failed: " << out.error << "\n";
    if (!out.result.files.empty() || !out.result.problems.kept().empty())
      std::cerr << out.result.summaryText();
    std::cerr << "Nothing was written to " << a.get("--project") << ".\n";
    return 1;
  }
  if (!a.has("--quiet")) std::cout << out.result.summaryText();
  return 0;
}

}  // namespace il::cli
