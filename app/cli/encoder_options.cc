#include "encoder_options.h"

namespace il::cli {


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
