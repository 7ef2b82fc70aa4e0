// Downloads a BERT-family model from the Hugging Face hub (or any server shaped like it,
// $HF_ENDPOINT) into the hub cache layout Python tools use, so both share one copy:
//   <cache>/models--ORG--NAME/blobs/<etag>              the file contents (sha256 for LFS files)
//   <cache>/models--ORG--NAME/snapshots/<commit>/<file>  relative symlink -> ../../blobs/<etag>
//   <cache>/models--ORG--NAME/refs/<revision>            the commit hash
// Files are fetched by resolve/<revision>/<file> URLs (redirects to a CDN followed), into
// blobs/<etag>.incomplete, resumed with HTTP Range after a cut connection or a later run, and
// checked against the size and checksum the hub announces before they are renamed into place.
// The snapshot links and the ref are written only after every file is verified, so a cancelled or
// failed download never leaves a model that looks complete. Synchronous: runs a private event
// loop in the calling thread (a QCoreApplication must exist). Torch-free (QtCore + QtNetwork).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace il {

class HubDownloadError : public std::runtime_error {
 public:
  enum class Kind {
    Offline,       // connection refused, host not found, timed out
    Unauthorized,  // 401 / 403: gated or private model, token missing or refused
    NotFound,      // 404: no such model, revision or required file
    DiskFull,      // the cache folder cannot take the bytes
    Checksum,      // size or sha256 differs from what the hub announced
    Http,          // any other HTTP status / protocol problem
    Io,            // cannot create folders, rename, link
    BadRequest,    // invalid model id or revision
  };
  HubDownloadError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct HubDownloadOptions {
  std::string modelId;            // "ORG/NAME" or "NAME"
  std::string revision = "main";  // branch, tag or commit
  std::string endpoint;           // "" -> $HF_ENDPOINT, else https://huggingface.co
  std::string token;              // "" -> $HF_TOKEN (else $HUGGING_FACE_HUB_TOKEN); sent as Bearer
  std::string cacheDir;           // "" -> hfHubCacheDir()
  int stallTimeoutMs = 30000;     // a transfer with no bytes for this long counts as cut
  int maxResumes = 5;             // retries with Range after cut connections, per file
  // Which files to fetch; empty -> defaultHubFiles(). Entries prefixed "?" are optional (404 is fine).
  std::vector<std::string> files;
};

// config.json, vocab.txt and/or tokenizer.json, tokenizer_config.json, special_tokens_map.json,
// model.safetensors, modules.json, 1_Pooling/config.json, sentence_bert_config.json.
const std::vector<std::string>& defaultHubFiles();

struct HubDownloadProgress {
  std::string file;        // repo-relative path of the file being fetched ("" in the planning phase)
  int fileIndex = 0;       // 0-based among the files to fetch
  int fileCount = 0;
  int64_t fileDone = 0, fileTotal = 0;    // bytes of this file
  int64_t totalDone = 0, totalTotal = 0;  // bytes of all files (known after the planning phase)
  std::string phase;       // "resolving", "downloading", "verifying", "done"
};
using HubProgressFn = std::function<void(const HubDownloadProgress&)>;

struct HubFileResult {
  std::string file;
  std::string etag;          // blob name
  int64_t size = 0;
  bool lfs = false;          // checked by sha256 (else by the git blob sha1 when the ETag is one)
  bool reused = false;       // the blob was already in the cache
  int resumes = 0;           // Range requests that continued a partial blob
};

struct HubDownloadResult {
  std::string snapshotDir;   // pass to the bert encoder as --model-dir
  std::string commit;
  std::vector<HubFileResult> files;
  std::vector<std::string> absent;  // optional files the hub does not have
  int64_t bytesFetched = 0;         // bytes received over the network in this run
};

// Downloads `options.modelId`. `progress` is called from the calling thread; `cancel` (may be
// null) is polled while transferring: when set, throws il::Cancelled (job.h) and keeps the
// partial blob for a later resume. Throws HubDownloadError with a message meant for the user.
HubDownloadResult downloadHubModel(const HubDownloadOptions& options, const HubProgressFn& progress = {},
                                   const std::atomic<bool>* cancel = nullptr);

// $HF_ENDPOINT or https://huggingface.co, without a trailing slash.
std::string hubEndpoint();

}  // namespace il
