// The executable side: finds the plugin next to the program (build tree) or in the
// installed library folder, and calls its entry point.
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "models_plugin.h"

namespace il::cli {

namespace {
std::filesystem::path programDirectory() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path();
}
}  // namespace

int runModelCommand(int argc, char** argv) {
  const auto dir = programDirectory();
  const std::filesystem::path candidates[] = {dir / IL_MODELS_PLUGIN_NAME,
                                              dir / IL_MODELS_PLUGIN_INSTALL_DIR / IL_MODELS_PLUGIN_NAME};
  std::string errors;
  for (const auto& path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      errors += std::string("\n  ") + dlerror();
      continue;
    }
    using Entry = int (*)(int, char**);
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "il_cli_run_model_command"));
    if (!entry) {
      errors += "\n  " + path.string() + ": no entry point";
      continue;
    }
    // The plugin stays loaded until exit: torch's static state must not be torn down early.
    return entry(argc, argv);
  }
  std::cerr << "interestlens-cli: cannot load the model commands (" << IL_MODELS_PLUGIN_NAME << ", looked in "
            << candidates[0].parent_path() << " and " << candidates[1].parent_path() << ")" << errors << "\n";
  return 1;
}

}  // namespace il::cli
