// The two-tower options and training history as JSON (torch-free, Qt's JSON): what
// paramsJson() records with every result and what save() stores next to the tensors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "two_tower.h"

namespace il {

// Every option; "seed" is the seed the fit used (a string: 64-bit seeds do not fit a
// JSON double); "bestEpoch" when > 0.
std::string twoTowerParamsJson(const TwoTowerOptions& options, uint64_t seed, int bestEpoch);
// The inverse; throws std::runtime_error when `json` is not such an object.
TwoTowerOptions twoTowerOptionsFromJson(std::string_view json, uint64_t& seed, int& bestEpoch);

std::string twoTowerHistoryJson(const std::vector<TwoTowerEpoch>& history);
std::vector<TwoTowerEpoch> twoTowerHistoryFromJson(std::string_view json);

}  // namespace il
