// An evaluation report as JSON (the `evaluate --format json` contract) or as a
// plain-text table for people.
#pragma once

#include <QJsonObject>
#include <string>

#include "evaluator.h"

namespace il {

// {"protocol", "users", "items", "results": [{"model", "params", "recall@K", "ndcg@K",
// "coverage@K", "validation_ndcg@10", "fit_seconds", "eval_seconds"}], "params": {"seed",
// "k", ...extraParams}}. Keys of `extraParams` are added to "params" (they may not
// replace "seed" or "k").
std::string reportJson(const EvalReport& report, const QJsonObject& extraParams = {});

// One row per model: recall, NDCG and coverage at each K, then tuning and timings,
// followed by the chosen parameters of each model and the candidates it was chosen from.
std::string reportTable(const EvalReport& report);

}  // namespace il
