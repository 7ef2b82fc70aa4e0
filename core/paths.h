// Where InterestLens keeps per-user files (models, the demo project), shared by the
// GUI, the CLI and the installer script so they always agree.
#pragma once

#include <string>

namespace il {

// $IL_DATA_DIR if set, else $XDG_DATA_HOME/interestlens, else ~/.local/share/interestlens.
std::string dataDirectory();

// dataDirectory()/models/<name>: where installer/setup.sh puts model packages.
std::string modelDirectory(const std::string& name);

}  // namespace il
