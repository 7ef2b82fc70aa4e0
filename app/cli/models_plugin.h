// The CLI's model commands (embed, encode) live in a plugin loaded only when one of
// them runs: libtorch's start-up costs ~1 s of CPU, which import/info should not pay.
#pragma once

// Implemented by the plugin (models_plugin.cc); returns the exit code. Errors are
// reported by the plugin itself, in the CLI's format.
extern "C" int il_cli_run_model_command(int argc, char** argv);

namespace il::cli {

// Loads the plugin and runs the command; exit code 1 with a message if it cannot load.
int runModelCommand(int argc, char** argv);

}  // namespace il::cli
