// interestlens-cli train --project FILE.ilens [--encoder-id ID] [--no-feedback] [two-tower options]
//                        [--fine-tune-encoder [--encoder-lr X] [--encoder-max-tokens N]]
// Trains the two-tower model on the project's interactions, vectors and feedback and
// stores it in the project; recommend and the GUI then offer "twotower". With
// --fine-tune-encoder the last layer of the encoder (USE-Lite) trains along with it.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "interestlens_core.h"
#include "two_tower_options.h"
#include "two_tower_project.h"

namespace il::cli {

int runTrain(int argc, char** argv) {
  std::vector<std::string> known = kTwoTowerOptions;
  known.insert(known.end(), {"--project", "--encoder-id", "--format"});
  std::vector<std::string> flags = kTwoTowerFlags;
  flags.insert(flags.end(), {"--quiet", "--no-feedback"});
  const Args a = parseArgs(argc, argv, known, flags);
  if (!a.has("--project")) throw UsageError("train needs --project FILE.ilens");
  const std::string format = a.get("--format", "text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  TrainRequest request;
  request.options = twoTowerOptions(a);
  request.head = encoderHeadOptions(a);
  request.encoderId = a.get("--encoder-id");
  request.useFeedback = !a.has("--no-feedback");
  const bool quiet = a.has("--quiet");
  try {
    auto project = Project::open(a.get("--project"), Project::Mode::OpenExisting);
    const TrainResult r = trainTwoTowerOnProject(*project, request, nullptr, [quiet](const TwoTowerEpoch& e) {
      if (quiet) return;
      char line[160];
      if (std::isfinite(e.valRecall))
        std::snprintf(line, sizeof line, "epoch %d: loss %.4f, validation Recall@20 %.4f, %.1f s\n", e.epoch,
                      e.trainLoss, e.valRecall, e.seconds);
      else
        std::snprintf(line, sizeof line, "epoch %d: loss %.4f, %.1f s\n", e.epoch, e.trainLoss, e.seconds);
      std::cerr << line << std::flush;
    });
    if (format == "json") {
      std::cout << "{\"id\":" << r.model.id << ",\"encoder\":\"" << r.model.encoderId << "\",\"params\":"
                << r.model.paramsJson << ",\"metrics\":" << r.model.metricsJson << ",\"history\":" << r.model.historyJson
                << "}\n";
    } else {
      std::cout << "trained twotower (model " << r.model.id << ") on " << r.model.userIds.size() << " users, "
                << r.model.itemIds.size() << " items, encoder " << r.model.encoderId << ", " << r.feedbackRows
                << " feedback rows, in " << r.seconds << " s\nmetrics: " << r.model.metricsJson << "\n";
    }
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
  return 0;
}

}  // namespace il::cli
