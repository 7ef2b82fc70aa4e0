// The plugin side: dispatches embed/encode with the same error handling as cli_main.
#include <iostream>
#include <string>

#include "cli_args.h"
#include "commands.h"
#include "models_plugin.h"

extern "C" __attribute__((visibility("default"))) int il_cli_run_model_command(int argc, char** argv) {
  using namespace il::cli;
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "embed") return runEmbed(argc, argv);
    if (command == "encode") return runEncode(argc, argv);
    if (command == "evaluate") return runEvaluate(argc, argv);
    if (command == "train") return runTrain(argc, argv);
    std::cerr << "interestlens-cli: '" << command << "' is not a model command\n";
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "interestlens-cli " << command << ": " << e.what() << "\n(see interestlens-cli help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "interestlens-cli " << command << ": " << e.what() << "\n";
    return 1;
  }
}
