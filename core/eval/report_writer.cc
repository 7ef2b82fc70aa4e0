#include "report_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <algorithm>
#include <cstdio>

namespace il {

namespace {

QString atK(const char* metric, int k) { return QStringLiteral("%1@%2").arg(QLatin1String(metric)).arg(k); }

QJsonObject paramsObject(const std::string& json) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

QJsonObject resultObject(const ModelResult& r) {
  QJsonObject o;
  o.insert(QStringLiteral("model"), QString::fromStdString(r.model));
  o.insert(QStringLiteral("params"), paramsObject(r.paramsJson));
  for (const MetricsAtK& m : r.atK) {
    o.insert(atK("recall", m.k), m.recall);
    o.insert(atK("ndcg", m.k), m.ndcg);
    o.insert(atK("coverage", m.k), m.coverage);
  }
  o.insert(atK("validation_ndcg", kTuningK), r.validationNdcg);
  o.insert(QStringLiteral("fit_seconds"), r.fitSeconds);
  o.insert(QStringLiteral("eval_seconds"), r.evalSeconds);
  return o;
}

std::string format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string padded(std::string s, size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}

}  // namespace

std::string reportJson(const EvalReport& report, const QJsonObject& extraParams) {
  QJsonArray results;
  for (const ModelResult& r : report.results) results.append(resultObject(r));
  QJsonArray ks;
  for (int k : report.ks) ks.append(k);
  QJsonObject params = extraParams;
  params.insert(QStringLiteral("seed"), static_cast<qint64>(report.seed));
  params.insert(QStringLiteral("k"), ks);

  QJsonObject root;
  root.insert(QStringLiteral("protocol"), QString::fromStdString(report.protocol));
  root.insert(QStringLiteral("users"), report.users);
  root.insert(QStringLiteral("items"), report.items);
  root.insert(QStringLiteral("results"), results);
  root.insert(QStringLiteral("params"), params);
  return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::string reportTable(const EvalReport& report) {
  size_t nameWidth = 5;
  for (const ModelResult& r : report.results) nameWidth = std::max(nameWidth, r.model.size());
  std::string header = std::string("model") + std::string(nameWidth - 5, ' ');
  for (int k : report.ks)
    for (const char* metric : {"recall", "ndcg", "coverage"}) header += "  " + padded(atK(metric, k).toStdString(), 11);
  header += "  " + padded("val ndcg@10", 11) + "  " + padded("fit s", 8) + "  " + padded("eval s", 8);

  std::string out = "protocol: " + report.protocol + "\n";
  out += "users evaluated: " + std::to_string(report.users) + ", items: " + std::to_string(report.items) +
         ", seed: " + std::to_string(report.seed) + "\n\n";
  out += header + "\n" + std::string(header.size(), '-') + "\n";
  for (const ModelResult& r : report.results) {
    std::string line = r.model + std::string(nameWidth - r.model.size(), ' ');
    for (const MetricsAtK& m : r.atK)
      for (double v : {m.recall, m.ndcg, m.coverage}) line += "  " + padded(format("%.4f", v), 11);
    line += "  " + padded(format("%.4f", r.validationNdcg), 11) + "  " + padded(format("%.2f", r.fitSeconds), 8) +
            "  " + padded(format("%.2f", r.evalSeconds), 8);
    out += line + "\n";
  }
  out += "\n";
  for (const ModelResult& r : report.results) {
    out += r.model + " params: " + r.paramsJson + "\n";
    if (r.trials.size() < 2) continue;
    for (const CandidateTrial& t : r.trials)
      out += "  tried " + t.paramsJson + ": validation ndcg@10 " + format("%.4f", t.validationNdcg) + ", fit " +
             format("%.2f", t.fitSeconds) + " s\n";
  }
  return out;
}

}  // namespace il
