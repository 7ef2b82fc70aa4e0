#include "two_tower_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace il {

const char* toString(TwoTowerLoss loss) { return loss == TwoTowerLoss::Bpr ? "bpr" : "softmax"; }

std::optional<TwoTowerLoss> parseTwoTowerLoss(std::string_view name) {
  if (name == "softmax") return TwoTowerLoss::Softmax;
  if (name == "bpr") return TwoTowerLoss::Bpr;
  return std::nullopt;
}

namespace {

QJsonObject objectOf(std::string_view json, const char* what) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject())
    throw std::runtime_error(std::string("two-tower model: damaged ") + what);
  return doc.object();
}

std::string compact(const QJsonDocument& d) { return d.toJson(QJsonDocument::Compact).toStdString(); }

}  // namespace

std::string twoTowerParamsJson(const TwoTowerOptions& o, uint64_t seed, int bestEpoch) {
  QJsonObject j;
  j["dim"] = o.dim;
  j["epochs"] = o.epochs;
  j["batch"] = o.batch;
  j["lr"] = o.lr;
  j["weightDecay"] = o.weightDecay;
  j["dropout"] = o.dropout;
  j["loss"] = toString(o.loss);
  j["temperature"] = o.temperature;
  j["logQCorrection"] = o.logQCorrection;
  j["bprNegatives"] = o.bprNegatives;
  j["itemIdEmbedding"] = o.itemIdEmbedding;
  j["userIdEmbedding"] = o.userIdEmbedding;
  j["adversarialEpsilon"] = o.adversarialEpsilon;
  j["adversarialWeight"] = o.adversarialWeight;
  j["patience"] = o.patience;
  j["maxHistory"] = o.maxHistory;
  j["likeWeight"] = o.likeWeight;
  j["dislikeWeight"] = o.dislikeWeight;
  j["threads"] = o.threads;
  j["fineTuneEncoder"] = o.fineTuneEncoder;
  j["encoderLr"] = o.encoderLr;
  j["encoderBatchTokens"] = o.encoderBatchTokens;
  j["seed"] = QString::number(seed);
  if (bestEpoch > 0) j["bestEpoch"] = bestEpoch;
  return compact(QJsonDocument(j));
}

TwoTowerOptions twoTowerOptionsFromJson(std::string_view json, uint64_t& seed, int& bestEpoch) {
  const QJsonObject j = objectOf(json, "options");
  TwoTowerOptions o;
  o.dim = j["dim"].toInt(o.dim);
  o.epochs = j["epochs"].toInt(o.epochs);
  o.batch = j["batch"].toInt(o.batch);
  o.lr = j["lr"].toDouble(o.lr);
  o.weightDecay = j["weightDecay"].toDouble(o.weightDecay);
  o.dropout = j["dropout"].toDouble(o.dropout);
  o.loss = parseTwoTowerLoss(j["loss"].toString().toStdString()).value_or(o.loss);
  o.temperature = j["temperature"].toDouble(o.temperature);
  o.logQCorrection = j["logQCorrection"].toBool(o.logQCorrection);
  o.bprNegatives = j["bprNegatives"].toInt(o.bprNegatives);
  o.itemIdEmbedding = j["itemIdEmbedding"].toBool(o.itemIdEmbedding);
  o.userIdEmbedding = j["userIdEmbedding"].toBool(o.userIdEmbedding);
  o.adversarialEpsilon = j["adversarialEpsilon"].toDouble(o.adversarialEpsilon);
  o.adversarialWeight = j["adversarialWeight"].toDouble(o.adversarialWeight);
  o.patience = j["patience"].toInt(o.patience);
  o.maxHistory = j["maxHistory"].toInt(o.maxHistory);
  o.likeWeight = j["likeWeight"].toDouble(o.likeWeight);
  o.dislikeWeight = j["dislikeWeight"].toDouble(o.dislikeWeight);
  o.threads = j["threads"].toInt(o.threads);
  o.fineTuneEncoder = j["fineTuneEncoder"].toBool(o.fineTuneEncoder);
  o.encoderLr = j["encoderLr"].toDouble(o.encoderLr);
  o.encoderBatchTokens = j["encoderBatchTokens"].toInt(o.encoderBatchTokens);
  bool ok = false;
  seed = j["seed"].toString().toULongLong(&ok);
  if (!ok) throw std::runtime_error("two-tower model: damaged options (seed)");
  o.seed = seed;
  bestEpoch = j["bestEpoch"].toInt(0);
  return o;
}

std::string twoTowerHistoryJson(const std::vector<TwoTowerEpoch>& history) {
  QJsonArray a;
  for (const TwoTowerEpoch& e : history) {
    QJsonObject j;
    j["epoch"] = e.epoch;
    j["trainLoss"] = e.trainLoss;
    if (!std::isnan(e.valRecall)) j["valRecall"] = e.valRecall;  // JSON has no NaN
    j["seconds"] = e.seconds;
    j["examples"] = static_cast<qint64>(e.examples);
    a.append(j);
  }
  QJsonObject root;
  root["epochs"] = a;
  return compact(QJsonDocument(root));
}

std::vector<TwoTowerEpoch> twoTowerHistoryFromJson(std::string_view json) {
  std::vector<TwoTowerEpoch> history;
  for (const QJsonValue& v : objectOf(json, "history")["epochs"].toArray()) {
    const QJsonObject j = v.toObject();
    TwoTowerEpoch e;
    e.epoch = j["epoch"].toInt();
    e.trainLoss = j["trainLoss"].toDouble();
    e.valRecall = j["valRecall"].toDouble(std::numeric_limits<double>::quiet_NaN());
    e.seconds = j["seconds"].toDouble();
    e.examples = j["examples"].toInteger();
    history.push_back(e);
  }
  return history;
}

}  // namespace il
