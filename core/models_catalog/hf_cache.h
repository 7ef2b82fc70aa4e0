// The models a user already has: the Hugging Face hub cache (the layout huggingface_hub and
// transformers write: <hub>/models--ORG--NAME/{blobs,refs,snapshots}) and plain model folders
// the user added. For each model: where it is, its size, dimension, language and pooling, and
// whether the bert encoder can use it -- and if not, why and what to do. Torch-free (QtCore).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace il {

// One reason a model cannot be used, and what the user can do about it.
struct ModelIssue {
  std::string problem;  // "only pytorch_model.bin (no model.safetensors)"
  std::string fix;      // "convert it to safetensors: ..."
};

struct CachedModel {
  std::string id;          // "ORG/NAME" (hub cache) or the folder's name (plain folder)
  std::string source;      // "hf-cache" | "folder"
  std::string path;        // the folder to give the bert encoder (the snapshot used)
  std::string revision;    // snapshot commit hash ("" for plain folders)
  bool fromRef = false;    // refs/main named the snapshot (else: the newest snapshot)
  int64_t sizeBytes = 0;   // bytes on disk of the snapshot's files (symlinks resolved, each blob once)
  int hiddenSize = 0;      // config.json hidden_size (0 when unknown)
  std::string modelType;   // config.json model_type
  std::string architecture;  // config.json architectures[0]
  std::string language;    // "en" | "zh" | "multilingual" | ... | "" (unknown); a guess
  std::string pooling;     // "mean" | "cls" | "" (unsupported)
  bool poolingFromFolder = false;  // 1_Pooling/config.json said so (else a guess by family)
  std::string tokenizer;   // "tokenizer.json" | "vocab.txt" | ""
  bool complete = false;   // every needed file present, no unfinished download
  bool usable = false;     // complete and the bert encoder reads it
  std::vector<ModelIssue> issues;  // empty when usable

  // "; "-joined problems ("" when usable).
  std::string reason() const;
};

// The hub cache folder: $HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub,
// else ~/.cache/huggingface/hub. (The same rules as huggingface_hub.)
std::string hfHubCacheDir();

// "ORG/NAME" -> "models--ORG--NAME"; "" for an id that is not a valid repo id.
std::string hfRepoFolderName(const std::string& modelId);
// "models--ORG--NAME" -> "ORG/NAME"; "" when the name is not a model repo folder.
std::string hfModelIdFromFolder(const std::string& folderName);
// True for "NAME" or "ORG/NAME" made of [A-Za-z0-9._-], no "--" or "..", at most 96 chars per part.
bool isValidModelId(const std::string& modelId);

// Looks at one model folder (a snapshot or any folder with config.json). `id` names it in the
// report; `source` is copied. Never throws: unreadable files become issues.
CachedModel inspectModelFolder(const std::string& dir, const std::string& id = {},
                               const std::string& source = "folder");

// One hub repo folder (models--ORG--NAME): picks refs/main's snapshot, else the newest, and
// reports unfinished downloads (*.incomplete blobs, dangling snapshot links).
CachedModel inspectHubRepo(const std::string& repoDir);

struct ModelScanOptions {
  std::string hubCacheDir;                 // "" -> hfHubCacheDir(); "-" -> no hub cache
  std::vector<std::string> extraFolders;   // a model folder, a folder of model folders, or a hub cache
};

// Every model found, hub cache first (sorted by id), then the extra folders. Folders that do not
// exist are skipped silently. Never throws.
std::vector<CachedModel> scanModels(const ModelScanOptions& options = {});

// The curated download list shown to users (ids on the hub).
const std::vector<std::string>& curatedModelIds();

}  // namespace il
