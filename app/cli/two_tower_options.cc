#include "two_tower_options.h"

namespace il::cli {

TwoTowerOptions twoTowerOptions(const Args& a) {
  TwoTowerOptions o;
  o.epochs = intOption(a, "--epochs", o.epochs, 1, 1000);
  o.dim = intOption(a, "--dim", o.dim, 2, 1024);
  o.batch = intOption(a, "--batch", o.batch, 2, 65536);
  o.lr = doubleOption(a, "--lr", o.lr, 1e-6, 1.0);
  o.weightDecay = doubleOption(a, "--weight-decay", o.weightDecay, 0.0, 10.0);
  o.dropout = doubleOption(a, "--dropout", o.dropout, 0.0, 0.9);
  o.temperature = doubleOption(a, "--temperature", o.temperature, 1e-3, 10.0);
  o.adversarialEpsilon = doubleOption(a, "--adversarial-eps", o.adversarialEpsilon, 0.0, 10.0);
  o.adversarialWeight = doubleOption(a, "--adversarial-weight", o.adversarialWeight, 0.0, 100.0);
  o.patience = intOption(a, "--patience", o.patience, 0, 1000);
  o.maxHistory = intOption(a, "--max-history", o.maxHistory, 1, 10000);
  o.seed = static_cast<uint64_t>(intOption(a, "--seed", 0, 0, 2147483647));  // 0: the data's seed
  o.threads = intOption(a, "--threads", o.threads, 1, 256);
  o.fineTuneEncoder = a.has("--fine-tune-encoder");
  o.encoderLr = doubleOption(a, "--encoder-lr", o.encoderLr, 1e-7, 1.0);
  o.encoderBatchTokens = intOption(a, "--encoder-batch-tokens", o.encoderBatchTokens, 1, 1 << 24);
  if (a.has("--loss")) {
    const auto loss = parseTwoTowerLoss(a.get("--loss"));
    if (!loss) throw UsageError("--loss takes softmax or bpr; not '" + a.get("--loss") + "'");
    o.loss = *loss;
  }
  return o;
}

EncoderHeadOptions encoderHeadOptions(const Args& a) {
  EncoderHeadOptions o;
  o.maxTokens = intOption(a, "--encoder-max-tokens", o.maxTokens, 0, 1 << 20);  // 0: all
  return o;
}

}  // namespace il::cli
