// interestlens-cli import --project P --interactions F [--interactions F2] [--items F]
//                         [--map ...] [--item-map ...] [--format csv|tsv|jsonl] [--strict]
#include <cstdio>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "import_options.h"
#include "interestlens_core.h"

namespace il::cli {


int runImport(int argc, char** argv) {
  std::vector<std::string> known = kImportOptions;
  known.push_back("--project");
  const Args a = parseArgs(argc, argv, known, {"--strict", "--quiet"});
  if (!a.has("--project")) throw UsageError("import needs --project FILE.ilens");
  if (!a.has("--interactions") && !a.has("--items"))
    throw UsageError("import needs --interactions FILE and/or --items FILE");
  const ImportOptions o = importOptions(a);

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
