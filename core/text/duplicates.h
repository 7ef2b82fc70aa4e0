// Exact and near duplicate texts. Exact: the same cleaned text. Near: the same
// after normalisation (NFKC, case folding, only letters and digits kept), or a
// Jaccard similarity of character 5-shingles at or above a threshold, found with
// MinHash signatures (64 hashes) and LSH banding (16 bands x 4 rows) and then
// verified on the real shingle sets, so no all-pairs comparison is made.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../job.h"

namespace il {

struct DuplicateOptions {
  double nearThreshold = 0.8;
  bool nfkc = true;
  bool near = true;  // false: exact duplicates only
  int threads = 0;   // 0 = hardware concurrency
};

struct DuplicateResult {
  // Per text: the index of the first text of its group (its own index when it is
  // the first or has no duplicate), and how it relates to that text.
  enum Kind : uint8_t { None = 0, Exact = 1, Normalized = 2, Similar = 3 };
  std::vector<int64_t> groupOf;
  std::vector<uint8_t> kind;
  std::vector<float> similarity;  // Jaccard to the group's first text (1 for exact/normalised)
  int64_t exact = 0, normalized = 0, similar = 0;  // texts of each kind
  int64_t groups = 0;           // groups with at least two texts
  int64_t candidatePairs = 0;   // LSH candidates verified
  int64_t near() const { return normalized + similar; }
};

// Throws il::Cancelled when `job` is cancelled.
DuplicateResult findDuplicates(const std::vector<std::string>& cleanedTexts, const DuplicateOptions& options,
                               const JobControl* job = nullptr);

// Jaccard similarity of the character 5-shingle sets of two texts' normalised forms
// (what findDuplicates verifies candidates with).
double shingleJaccard(const std::string& a, const std::string& b, bool nfkc = true);

}  // namespace il
