// The input options shared by import and evaluate: --interactions --items --map --item-map --input-format --strict.
#pragma once

#include "cli_args.h"
#include "interestlens_core.h"

namespace il::cli {

inline const std::vector<std::string> kImportOptions = {"--interactions", "--items", "--map", "--item-map",
                                                        "--input-format", "--clean"};

// Throws UsageError for a bad format or column map.
ImportOptions importOptions(const Args& a);

}  // namespace il::cli
