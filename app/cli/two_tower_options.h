// The two-tower model's command-line options, shared by `train` and `evaluate`.
#pragma once

#include <string>
#include <vector>

#include "cli_args.h"
#include "two_tower.h"

namespace il::cli {

inline const std::vector<std::string> kTwoTowerOptions = {
    "--epochs", "--dim", "--batch", "--lr", "--weight-decay", "--dropout", "--loss", "--temperature",
    "--adversarial-eps", "--adversarial-weight", "--patience", "--max-history", "--seed", "--threads",
    "--encoder-lr", "--encoder-max-tokens", "--encoder-batch-tokens"};
// train only (evaluate asks for fine-tuning by the model name twotower-ft).
inline const std::vector<std::string> kTwoTowerFlags = {"--fine-tune-encoder"};

// Throws UsageError for a value out of range.
TwoTowerOptions twoTowerOptions(const Args& a);
// The encoder fine-tuning cache's limits (--encoder-max-tokens).
EncoderHeadOptions encoderHeadOptions(const Args& a);

}  // namespace il::cli
