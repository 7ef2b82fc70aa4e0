#include "encoder_options.h"

namespace il::cli {

namespace {
int intOption(const Args& a, const std::string& key, int fallback, int lo, int hi) {
  if (!a.has(key)) return fallback;
  const std::string v = a.get(key);
  try {
    size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  throw UsageError(key + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                   ", not '" + v + "'");
}
}  // namespace

EncoderSettings encoderSettings(const Args& a) {
  EncoderSettings s;
  s.kind = a.get("--encoder", "use-lite");
  s.modelDir = a.get("--model-dir");
  s.pooling = a.get("--pooling");
  if (!s.pooling.empty() && s.pooling != "mean" && s.pooling != "cls")
    throw UsageError("--pooling must be mean or cls");
  s.maxLength = intOption(a, "--max-length", 0, 1, 100000);
  s.normalize = intOption(a, "--normalize", -1, 0, 1);
  s.threads = intOption(a, "--threads", 0, 1, 256);
  s.truncate = a.has("--truncate");
  return s;
}

}  // namespace il::cli
