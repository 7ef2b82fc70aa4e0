// An evaluation report read back from the JSON the project stores (report_writer.h's
// reportJson), so the Evaluation tab can show the last run without rerunning it.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <string>
#include <vector>

#include "interestlens_core.h"

namespace il {

struct StoredEvaluation {
  EvalReport report;
  QJsonObject params;          // the report's "params" (seed, k, models, encoder, ...)
  std::vector<int> tableKs;    // the Ks the table shows ("table_k", else every K)
  int64_t runId = 0;
  QDateTime created;
};

// False when `json` is not a report. Ks come from params.k, in that order.
bool evalReportFromJson(const std::string& json, StoredEvaluation* out);

// The newest "evaluate" run of the project at `path`, read through a read-only
// connection. False when there is none or the project cannot be read.
bool loadLastEvaluation(const std::string& path, StoredEvaluation* out);

}  // namespace il
