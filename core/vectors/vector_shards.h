// Vector shards: the exchange format between `embed --shard K/N` (run anywhere, e.g.
// on a Dask cluster), `export --what vectors` and `import-vectors`.
//
// A shard is two files in one directory:
//   shard-KKKKK-of-NNNNN.npy   float32 rows x dim (NumPy .npy 1.0, little endian)
//   shard-KKKKK-of-NNNNN.json  the sidecar: encoder id, kind, settings and weights hash,
//                              dimension, dtype, row count, the input rows (and so the
//                              line numbers) it covers, the SHA-1 text hash of every row
//                              (how import-vectors matches rows to project texts), and
//                              SHA-256 checksums of the .npy and of the hash list.
// Both are written to a temporary name and renamed, the sidecar last: a shard without a
// sidecar, or whose sidecar does not verify, is never taken as finished.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../matrix.h"

namespace il {

// Bad or inconsistent shards; the message names the file.
struct VectorShardError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kShardFormat = "interestlens-vector-shard";
inline constexpr int kShardFormatVersion = 1;

// Rows [begin, end) of an input.
struct RowRange {
  int64_t begin = 0, end = 0;
  int64_t size() const { return end - begin; }
};

// Rows of shard k (0-based) of n over `rows` input rows. Shard boundaries fall on
// multiples of `block` rows, so a shard encodes exactly the blocks a single process
// would (see embed): sharded vectors then equal unsharded ones bit for bit.
RowRange shardRows(int64_t rows, int k, int n, int64_t block);

// "shard-00001-of-00004"
std::string shardStem(int k, int n);

struct ShardSidecar {
  std::string encoderId, encoderKind, settingsJson, weightsHash;
  int dim = 0;
  std::string dtype = "float32";
  int shardIndex = 0, shardCount = 1;
  // What was encoded: the input's name, format, row count and SHA-256 (all shards of one
  // set share them).
  std::string inputName, inputFormat, inputSha256;
  int64_t inputRows = 0;
  RowRange rows;                        // input rows; line numbers rows.begin+1 .. rows.end
  int64_t blockRows = 0;                // rows encoded together (embed); 0 = not recorded
  std::vector<std::string> textHashes;  // raw 20-byte SHA-1 per row (textHash)
  std::string vectorsFile;              // file name beside the sidecar
  int64_t vectorsBytes = 0;
  std::string vectorsSha256, hashesSha256;  // hex
  double seconds = 0;
  int threads = 0;
  std::string createdBy;
  std::string path;  // where the sidecar was read from (not written)
};

// Hex form of raw bytes, and back (empty optional on a bad digit or odd length).
std::string toHex(const std::string& raw);
std::optional<std::string> fromHex(const std::string& hex);
// SHA-256 of a file (hex); throws VectorShardError naming the file.
std::string fileSha256(const std::string& path);
// SHA-256 over the concatenated raw hashes (hex).
std::string hashesSha256(const std::vector<std::string>& rawHashes);
// The weights hash inside an encoder id ("use-lite:3f2a...:win128" -> "3f2a...").
std::string weightsHashOf(const std::string& encoderId);

std::string sidecarJson(const ShardSidecar& s);
// Parses and checks a sidecar (fields, types, hash count = row count, hash checksum).
// Throws VectorShardError naming `path`.
ShardSidecar readSidecar(const std::string& path);
// Checks the .npy beside the sidecar: present, float32 [rows, dim], size and SHA-256.
void verifyShardVectors(const ShardSidecar& s);
// The shard's vectors (verified as above).
Matrix readShardVectors(const ShardSidecar& s);

// The finished shard k/n in `dir`, verified; nullopt when it is not finished (no
// sidecar). Throws VectorShardError when the sidecar exists but does not verify and
// `problem` is null; with `problem`, returns nullopt and says why there.
std::optional<ShardSidecar> finishedShard(const std::string& dir, int k, int n, std::string* problem = nullptr);

// Writes one shard: rows are appended to a temporary .npy as they are encoded (a killed
// run leaves only that temporary, never a finished-looking shard); finish() syncs,
// renames the .npy and then writes the sidecar (temporary + rename). An unfinished
// writer removes its temporary. Meta: everything but the file name, sizes, checksums.
class ShardWriter {
 public:
  ShardWriter(const std::string& dir, ShardSidecar meta);
  ~ShardWriter();
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  void append(const float* rows, int64_t count);
  int64_t written() const { return written_; }
  void setSeconds(double s) { meta_.seconds = s; }  // encode time, recorded in the sidecar
  // Returns the sidecar as written (with checksums and path).
  ShardSidecar finish();

 private:
  std::string dir_, tmpPath_;
  ShardSidecar meta_;
  int fd_ = -1;
  int64_t written_ = 0;
  bool finished_ = false;
  struct Hasher;
  Hasher* sha_ = nullptr;
};

// Removes temporaries of shard k/n in `dir` left by runs that are no longer alive.
void removeStaleShardTemporaries(const std::string& dir, int k, int n);

// Every shard of a directory, verified as one set: the same encoder, dimension, dtype,
// shard count and input; every shard 0..N-1 present once; row ranges contiguous from 0
// to the input's row count (no gap, no overlap); checksums. Sorted by shard index.
// Throws VectorShardError naming the offending file.
struct ShardSet {
  std::vector<ShardSidecar> shards;
  int64_t rows = 0;
  int dim = 0;
  std::string encoderId;
};
ShardSet readShardSet(const std::string& dir, bool verifyVectors = true);

}  // namespace il
