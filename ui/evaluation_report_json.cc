#include "evaluation_report_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace il {

bool evalReportFromJson(const std::string& json, StoredEvaluation* out) {
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
  if (!doc.isObject() || !doc.object().value(QStringLiteral("results")).isArray()) return false;
  const QJsonObject root = doc.object();
  StoredEvaluation s;
  s.params = root.value(QStringLiteral("params")).toObject();
  s.report.protocol = root.value(QStringLiteral("protocol")).toString().toStdString();
  s.report.users = root.value(QStringLiteral("users")).toInt();
  s.report.items = root.value(QStringLiteral("items")).toInt();
  s.report.seed = static_cast<uint64_t>(s.params.value(QStringLiteral("seed")).toInteger());
  for (const QJsonValue& k : s.params.value(QStringLiteral("k")).toArray()) s.report.ks.push_back(k.toInt());
  for (const QJsonValue& k : s.params.value(QStringLiteral("table_k")).toArray()) s.tableKs.push_back(k.toInt());
  if (s.tableKs.empty()) s.tableKs = s.report.ks;
  for (const QJsonValue& v : root.value(QStringLiteral("results")).toArray()) {
    const QJsonObject o = v.toObject();
    ModelResult r;
    r.model = o.value(QStringLiteral("model")).toString().toStdString();
    r.paramsJson = QJsonDocument(o.value(QStringLiteral("params")).toObject()).toJson(QJsonDocument::Compact).toStdString();
    for (int k : s.report.ks) {
      MetricsAtK m;
      m.k = k;
      m.recall = o.value(QStringLiteral("recall@%1").arg(k)).toDouble();
      m.ndcg = o.value(QStringLiteral("ndcg@%1").arg(k)).toDouble();
      m.coverage = o.value(QStringLiteral("coverage@%1").arg(k)).toDouble();
      r.atK.push_back(m);
    }
    r.validationNdcg = o.value(QStringLiteral("validation_ndcg@%1").arg(kTuningK)).toDouble();
    r.fitSeconds = o.value(QStringLiteral("fit_seconds")).toDouble();
    r.evalSeconds = o.value(QStringLiteral("eval_seconds")).toDouble();
    s.report.results.push_back(std::move(r));
  }
  *out = std::move(s);
  return true;
}

bool loadLastEvaluation(const std::string& path, StoredEvaluation* out) {
  if (path.empty()) return false;
  try {
    auto project = Project::open(path, Project::Mode::ReadOnly);
    const std::vector<RunRow> runs = RunStore(*project).list("evaluate", 1);
    if (runs.empty() || !evalReportFromJson(runs.front().resultJson, out)) return false;
    out->runId = runs.front().id;
    out->created = QDateTime::fromSecsSinceEpoch(runs.front().created);
    return true;
  } catch (const std::exception&) {
    return false;  // an unreadable project simply has nothing to show here
  }
}

}  // namespace il
