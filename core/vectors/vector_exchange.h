// Vectors in and out of a project's cache, in the shard format of vector_shards.h.
//   importVectorShards: a verified shard set (e.g. from `embed --shard` on a cluster) is
//     matched to the project's texts by text hash and stored as if encoded locally, in
//     one transaction (all of it or nothing).
//   exportVectorShards: the project's vectors of one encoder as a shard set (ordered by
//     text hash), plus TensorBoard Projector's vectors.tsv and metadata.tsv.
//   exportTexts: the project's distinct texts as JSON lines, the input `embed` shards.
#pragma once

#include <cstdint>
#include <string>

namespace il {

class Project;
class JobControl;

struct VectorImportStats {
  std::string encoderId;
  int dim = 0;
  int shards = 0;
  int64_t rows = 0;          // rows in the shard set
  int64_t matched = 0;       // rows whose text is in the project (stored)
  int64_t unmatched = 0;     // rows whose text the project does not have (skipped)
  int64_t duplicateRows = 0; // rows repeating a text already seen in the set
  int64_t projectTexts = 0;  // distinct texts of the project
  int64_t encodedAfter = 0;  // of them with a vector for the encoder after the import
  double seconds = 0;
};

// Throws VectorShardError (bad shards, naming the file) or ProjectError; writes nothing
// then. Refuses a set no row of which matches a project text.
VectorImportStats importVectorShards(Project& project, const std::string& dir, const JobControl* job = nullptr);

struct VectorExportStats {
  std::string encoderId;
  int dim = 0;
  int shards = 0;
  int64_t rows = 0;
};

// encoderId "" = the newest encoder with vectors. rowsPerShard > 0. Writes
// DIR/shard-*.npy|json, DIR/vectors.tsv, DIR/metadata.tsv (hash, text). Throws
// ProjectError (no vectors) or VectorShardError (cannot write).
VectorExportStats exportVectorShards(Project& project, const std::string& dir, const std::string& encoderId = {},
                                     int64_t rowsPerShard = 100000, bool tensorBoard = true);

// Distinct texts (user and item texts), ordered by hash, one JSON object a line:
// {"hash":"<40 hex>","text":"..."}. Returns the count. Throws VectorShardError.
int64_t exportTexts(Project& project, const std::string& path);

}  // namespace il
