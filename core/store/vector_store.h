// Text vectors cached in a project, keyed by (encoder id, text hash). Written in
// chunks, each its own transaction, so a killed encode job keeps what it finished.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace il {

class Project;

struct PendingText {
  std::string hash;  // textHash(text), 20 bytes
  std::string text;
};

class VectorStore {
 public:
  explicit VectorStore(Project& project) : project_(project) {}

  // Records an encoder (id, kind, settings as JSON, dimension); idempotent.
  // Throws ProjectError if the id is known with another dimension.
  void registerEncoder(const std::string& id, const std::string& kind, const std::string& settingsJson,
                       int dim);

  // Distinct project texts (user texts and item texts, see itemText()) without a vector for `encoderId`.
  std::vector<PendingText> missing(const std::string& encoderId);
  // Every distinct project text, ordered by hash (a stable order for fitting).
  std::vector<PendingText> all();
  // Number of distinct texts in the project, and how many of them have a vector.
  int64_t distinctTexts();
  int64_t encodedCount(const std::string& encoderId);

  // Stores rows (row-major, dim floats each) for the given hashes in one transaction.
  void put(const std::string& encoderId, const std::vector<std::string>& hashes, const float* rows, int dim);

  // Vector of one text (empty when absent).
  std::vector<float> get(const std::string& encoderId, const std::string& hash);

 private:
  Project& project_;
};

}  // namespace il
