// Encodes every project text that has no vector yet for an encoder: longest-first
// length buckets to cut padding, chunks committed as they finish (a killed job
// resumes), progress with texts/s and ETA, prompt cancel.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "encoder.h"
#include "interestlens_core.h"

namespace il {

struct EncodeStats {
  int64_t distinctTexts = 0;  // in the project
  int64_t alreadyEncoded = 0;
  int64_t encoded = 0;        // by this run
  double seconds = 0;
  bool cancelled = false;
};

// Registers `encoder` in the project and encodes what is missing. Throws EncoderError
// or ProjectError; on cancel returns with stats.cancelled (finished chunks are kept).
EncodeStats encodeProject(Project& project, Encoder& encoder, const EncoderSettings& settings,
                          const JobControl* job = nullptr, int chunkSize = 256);

// Encodes `texts` in length-sorted batches and returns rows in input order; for
// embed and other callers without a project. `onBatch(done)` reports progress.
Matrix encodeSorted(Encoder& encoder, const std::vector<std::string>& texts, int batchSize = 64,
                    const std::function<bool(int64_t done)>& onBatch = {});

// Settings as JSON (recorded with vectors so runs are reproducible).
std::string settingsJson(const EncoderSettings& s);
// The inverse, for rebuilding the encoder of recorded vectors (e.g. to fine-tune it);
// absent fields keep their defaults.
EncoderSettings settingsFromJson(const std::string& json);

}  // namespace il
