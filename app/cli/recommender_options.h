// Options shared by recommend and export: --encoder-id --seed --half-life --blend --top-n.
#pragma once

#include "cli_args.h"
#include "interestlens_core.h"

namespace il::cli {

inline const std::vector<std::string> kRecommenderOptions = {"--encoder-id", "--seed", "--half-life", "--blend",
                                                             "--content-mode", "--interests", "--ann",
                                                             "--ann-threshold"};

RecommenderOptions recommenderOptions(const Args& a);

}  // namespace il::cli
