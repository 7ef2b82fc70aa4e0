// Vector exchange commands: import-vectors, and the vectors/texts parts of export.
#pragma once

#include <string>

#include "cli_args.h"

namespace il::cli {

int runImportVectors(int argc, char** argv);
// export --what vectors|texts (the caller has checked --project and --output).
int exportVectorsOrTexts(const Args& a, const std::string& what);

}  // namespace il::cli
