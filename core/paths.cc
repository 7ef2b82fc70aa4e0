#include "paths.h"

#include <cstdlib>

namespace il {

std::string dataDirectory() {
  if (const char* d = std::getenv("IL_DATA_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/interestlens";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/interestlens";
}

std::string modelDirectory(const std::string& name) { return dataDirectory() + "/models/" + name; }

}  // namespace il
