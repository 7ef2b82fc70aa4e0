#include "hf_cache.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdlib>

namespace il {

namespace {

constexpr qint64 kMaxJsonBytes = 16 * 1024 * 1024;

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string envOr(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : std::string();
}

// Parses a JSON file; on failure returns false and sets `error`.
bool readJson(const QString& path, QJsonDocument& doc, std::string& error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    error = "cannot read " + QFileInfo(path).fileName().toStdString() + ": " + f.errorString().toStdString();
    return false;
  }
  if (f.size() > kMaxJsonBytes) {
    error = QFileInfo(path).fileName().toStdString() + " is implausibly large";
    return false;
  }
  QJsonParseError err{};
  doc = QJsonDocument::fromJson(f.read(kMaxJsonBytes + 1), &err);
  if (err.error != QJsonParseError::NoError) {
    error = QFileInfo(path).fileName().toStdString() + " is not valid JSON (" + err.errorString().toStdString() +
            " at byte " + std::to_string(err.offset) + ")";
    return false;
  }
  return true;
}

// An entry that is a symlink whose target is gone (an unfinished or pruned download).
bool isDangling(const QFileInfo& fi) { return fi.isSymLink() && !fi.exists(); }

// Lower-case words of a model name: "BAAI/bge-small-zh-v1.5" -> {baai, bge, small, zh, v1, 5}.
QStringList nameWords(const QString& name) {
  static const QRegularExpression sep(QStringLiteral("[^a-z0-9]+"));
  return name.toLower().split(sep, Qt::SkipEmptyParts);
}

std::string guessLanguage(const QString& names, int vocabSize) {
  const QStringList w = nameWords(names);
  auto any = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (w.contains(QLatin1String(k))) return true;
    return false;
  };
  if (any({"multilingual", "xlm", "labse", "m3", "mbert", "multi"})) return "multilingual";
  if (any({"chinese", "zh", "cn", "text2vec"})) return "zh";
  if (any({"japanese", "ja"})) return "ja";
  if (any({"korean", "ko"})) return "ko";
  if (any({"german", "de"})) return "de";
  if (any({"french", "fr"})) return "fr";
  if (any({"spanish", "es"})) return "es";
  if (any({"russian", "ru"})) return "ru";
  if (any({"arabic", "ar"})) return "ar";
  if (any({"english", "en"})) return "en";
  switch (vocabSize) {
    case 21128: return "zh";            // bert-base-chinese's vocabulary (BGE-zh, text2vec share it)
    case 119547: return "multilingual";  // mBERT
    case 30522: case 28996: return "en";  // bert-base-uncased / -cased
    default: break;
  }
  return "";
}

// What mean/CLS a family is trained for, when the folder does not say.
std::string guessPooling(const QString& names) {
  const QStringList w = nameWords(names);
  if (w.contains(QLatin1String("bge"))) return "cls";
  return "mean";
}

// How to get missing files: the hub cache re-downloads; a plain folder needs them copied in.
std::string refetchFix(const CachedModel& m, const std::string& what) {
  if (m.source == "hf-cache") return "download the model again: interestlens-cli models download " + m.id;
  return "copy " + what + " of the model into " + m.path +
         " (or download the model from the hub: interestlens-cli models download ORG/NAME)";
}

void addIssue(CachedModel& m, std::string problem, std::string fix) {
  m.issues.push_back({std::move(problem), std::move(fix)});
}

QString newestSnapshot(const QDir& snapshots) {
  const QFileInfoList subs = snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
  return subs.isEmpty() ? QString() : subs.first().absoluteFilePath();
}

bool looksLikeModelFolder(const QDir& d) {
  return QFileInfo::exists(d.filePath(QStringLiteral("config.json"))) ||
         QFileInfo(d.filePath(QStringLiteral("config.json"))).isSymLink() ||
         QFileInfo::exists(d.filePath(QStringLiteral("modules.json")));
}

bool looksLikeHubCache(const QDir& d) {
  return !d.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}

std::vector<CachedModel> scanHubCache(const QString& hubDir) {
  std::vector<CachedModel> out;
  const QDir hub(hubDir);
  if (!hub.exists()) return out;
  QStringList repos = hub.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  for (const QString& r : repos) {
    if (hfModelIdFromFolder(r.toStdString()).empty()) continue;
    out.push_back(inspectHubRepo(hub.filePath(r).toStdString()));
  }
  std::sort(out.begin(), out.end(), [](const CachedModel& a, const CachedModel& b) { return a.id < b.id; });
  return out;
}

}  // namespace

std::string CachedModel::reason() const {
  std::string r;
  for (const ModelIssue& i : issues) r += (r.empty() ? "" : "; ") + i.problem;
  return r;
}

std::string hfHubCacheDir() {
  if (std::string d = envOr("HF_HUB_CACHE"); !d.empty()) return d;
  if (std::string d = envOr("HUGGINGFACE_HUB_CACHE"); !d.empty()) return d;
  if (std::string d = envOr("HF_HOME"); !d.empty()) return d + "/hub";
  if (std::string d = envOr("XDG_CACHE_HOME"); !d.empty()) return d + "/huggingface/hub";
  const std::string home = envOr("HOME");
  return (home.empty() ? std::string(".") : home) + "/.cache/huggingface/hub";
}

bool isValidModelId(const std::string& modelId) {
  static const QRegularExpression part(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"));
  const QStringList parts = q(modelId).split(QLatin1Char('/'));
  if (parts.size() < 1 || parts.size() > 2) return false;
  for (const QString& p : parts) {
    if (!part.match(p).hasMatch() || p.contains(QLatin1String("--")) || p.contains(QLatin1String("..")) ||
        p.endsWith(QLatin1Char('.')))
      return false;
  }
  return true;
}

std::string hfRepoFolderName(const std::string& modelId) {
  if (!isValidModelId(modelId)) return "";
  return "models--" + q(modelId).replace(QLatin1Char('/'), QLatin1String("--")).toStdString();
}

std::string hfModelIdFromFolder(const std::string& folderName) {
  const QString f = q(folderName);
  if (!f.startsWith(QLatin1String("models--"))) return "";
  const QString id = f.mid(8).replace(QLatin1String("--"), QLatin1String("/"));
  return isValidModelId(id.toStdString()) ? id.toStdString() : "";
}

CachedModel inspectModelFolder(const std::string& dir, const std::string& id, const std::string& source) {
  CachedModel m;
  const QDir root(q(dir));
  m.path = root.absolutePath().toStdString();
  m.id = id.empty() ? root.dirName().toStdString() : id;
  m.source = source;
  if (!root.exists()) {
    addIssue(m, "folder does not exist", "check the path");
    return m;
  }

  // Size on disk, and links whose blob is missing.
  {
    QSet<QString> seen;
    int dangling = 0;
    QDirIterator it(root.absolutePath(), QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
      it.next();
      const QFileInfo fi = it.fileInfo();
      if (isDangling(fi)) {
        ++dangling;
        continue;
      }
      const QString canon = fi.canonicalFilePath();
      if (canon.isEmpty() || seen.contains(canon)) continue;
      seen.insert(canon);
      m.sizeBytes += fi.size();
    }
    if (dangling > 0)
      addIssue(m, std::to_string(dangling) + " file link(s) point at missing blobs (download incomplete or cache pruned)",
               refetchFix(m, "the missing files"));
  }

  // sentence-transformers pipeline: where the Transformer lives, and the pooling.
  QString transformerDir;
  const QString modulesPath = root.filePath(QStringLiteral("modules.json"));
  if (QFileInfo::exists(modulesPath)) {
    QJsonDocument doc;
    std::string err;
    if (!readJson(modulesPath, doc, err) || !doc.isArray()) {
      addIssue(m, err.empty() ? "modules.json is not a JSON array" : err, "download the model again");
    } else {
      for (const QJsonValue& v : doc.array()) {
        const QJsonObject mo = v.toObject();
        const QString type = mo.value(QLatin1String("type")).toString();
        const QString path = mo.value(QLatin1String("path")).toString();
        if (path.contains(QLatin1String("..")) || QDir::isAbsolutePath(path)) {
          addIssue(m, "modules.json names a path outside the folder", "use a trusted copy of the model");
          continue;
        }
        if (type.endsWith(QLatin1String(".Transformer"))) {
          transformerDir = path;
        } else if (type.endsWith(QLatin1String(".Pooling"))) {
          const QString pc = QDir(root.filePath(path)).filePath(QStringLiteral("config.json"));
          QJsonDocument pdoc;
          std::string perr;
          if (QFileInfo::exists(pc) && readJson(pc, pdoc, perr)) {
            const QJsonObject o = pdoc.object();
            auto flag = [&](const char* k) { return o.value(QLatin1String(k)).toBool(false); };
            m.poolingFromFolder = true;
            if (flag("pooling_mode_cls_token") && !flag("pooling_mode_mean_tokens")) m.pooling = "cls";
            else if (flag("pooling_mode_mean_tokens") && !flag("pooling_mode_cls_token")) m.pooling = "mean";
            else {
              m.pooling = "";
              addIssue(m, QFileInfo(pc).fileName().toStdString() + " asks for a pooling other than mean or CLS",
                       "pass --pooling mean or --pooling cls explicitly (results will differ from the model card)");
            }
          }
        } else if (!type.endsWith(QLatin1String(".Normalize"))) {
          addIssue(m, "sentence-transformers module " + type.toStdString() + " is not supported",
                   "the bert encoder runs Transformer, Pooling and Normalize modules only; pick another model");
        }
      }
    }
  }
  const QDir d(root.filePath(transformerDir));
  const QString idAndName = q(m.id);

  // config.json: BERT family?
  bool haveConfig = false, haveWeights = false, haveTokenizer = false;
  int vocabSize = 0;
  QString nameOrPath;
  const QString configPath = d.filePath(QStringLiteral("config.json"));
  if (!QFileInfo::exists(configPath)) {
    addIssue(m, "missing config.json", refetchFix(m, "config.json"));
  } else {
    haveConfig = true;
    QJsonDocument doc;
    std::string err;
    if (!readJson(configPath, doc, err) || !doc.isObject()) {
      addIssue(m, err.empty() ? "config.json is not a JSON object" : err, "download the model again");
    } else {
      const QJsonObject o = doc.object();
      m.modelType = o.value(QLatin1String("model_type")).toString().toStdString();
      const QJsonArray archs = o.value(QLatin1String("architectures")).toArray();
      if (!archs.isEmpty()) m.architecture = archs.first().toString().toStdString();
      m.hiddenSize = o.value(QLatin1String("hidden_size")).toInt(0);
      vocabSize = o.value(QLatin1String("vocab_size")).toInt(0);
      nameOrPath = o.value(QLatin1String("_name_or_path")).toString();
      const bool bertType = m.modelType == "bert" ||
                            (m.modelType.empty() && q(m.architecture).startsWith(QLatin1String("Bert")));
      if (!bertType) {
        const std::string what = (m.architecture.empty() ? std::string("model_type ") : m.architecture + " (model_type ") +
                                 "\"" + m.modelType + "\"" + (m.architecture.empty() ? "" : ")");
        addIssue(m, "architecture " + what + " is not BERT-family",
                 "the bert encoder runs BERT, MiniLM, BGE, E5, GTE and text2vec models (model_type \"bert\"); "
                 "pick one of those");
      }
      const QString pet = o.value(QLatin1String("position_embedding_type")).toString();
      if (!pet.isEmpty() && pet != QLatin1String("absolute"))
        addIssue(m, "position_embedding_type \"" + pet.toStdString() + "\" is not supported (only \"absolute\")",
                 "pick a model with absolute position embeddings");
      if (m.hiddenSize <= 0) addIssue(m, "config.json has no hidden_size", "download the model again");
    }
  }

  // Tokenizer.
  if (QFileInfo::exists(d.filePath(QStringLiteral("tokenizer.json")))) m.tokenizer = "tokenizer.json";
  else if (QFileInfo::exists(d.filePath(QStringLiteral("vocab.txt")))) m.tokenizer = "vocab.txt";
  haveTokenizer = !m.tokenizer.empty();
  if (!haveTokenizer)
    addIssue(m, "missing vocab.txt/tokenizer.json", refetchFix(m, "the tokenizer files (vocab.txt or tokenizer.json)"));

  // Weights.
  auto has = [&](const char* f) { return QFileInfo::exists(d.filePath(QLatin1String(f))); };
  if (has("model.safetensors")) {
    haveWeights = true;
  } else if (has("model.safetensors.index.json")) {
    haveWeights = true;
    addIssue(m, "sharded weights (model.safetensors.index.json) are not supported",
             "merge the shards into one model.safetensors (safetensors.torch.save_file of all tensors)");
  } else if (has("pytorch_model.bin")) {
    haveWeights = true;
    const std::string dirS = d.absolutePath().toStdString();
    addIssue(m, "only pytorch_model.bin (no model.safetensors)",
             "convert to safetensors with: python3 -c \"from transformers import AutoModel; "
             "AutoModel.from_pretrained('" + dirS + "').save_pretrained('OUT', safe_serialization=True)\" "
             "and copy the tokenizer files next to OUT/model.safetensors (or download a revision that has "
             "model.safetensors, often the hub's refs/pr/N conversion)");
  } else if (has("tf_model.h5") || has("flax_model.msgpack") || has("model.onnx") || has("onnx/model.onnx")) {
    haveWeights = true;
    addIssue(m, "only TensorFlow/Flax/ONNX weights (no model.safetensors)",
             "convert to model.safetensors with transformers (from_pretrained(..., from_tf=True / from_flax=True) "
             "then save_pretrained(OUT, safe_serialization=True))");
  } else {
    addIssue(m, "missing model.safetensors", refetchFix(m, "model.safetensors"));
  }

  const QString names = idAndName + QLatin1Char(' ') + nameOrPath;
  m.language = guessLanguage(names, vocabSize);
  if (m.pooling.empty() && !m.poolingFromFolder) m.pooling = guessPooling(names);

  bool dangling = false;
  for (const ModelIssue& i : m.issues) dangling |= i.problem.find("missing blobs") != std::string::npos;
  m.complete = haveConfig && haveTokenizer && haveWeights && !dangling;
  m.usable = m.complete && m.issues.empty();
  return m;
}

CachedModel inspectHubRepo(const std::string& repoDir) {
  const QDir repo(q(repoDir));
  std::string id = hfModelIdFromFolder(repo.dirName().toStdString());
  if (id.empty()) id = repo.dirName().toStdString();

  const QDir blobs(repo.filePath(QStringLiteral("blobs")));
  const int incomplete = blobs.exists() ? static_cast<int>(blobs.entryList({QStringLiteral("*.incomplete")}, QDir::Files).size()) : 0;

  const QDir snapshots(repo.filePath(QStringLiteral("snapshots")));
  QString snapshot;
  bool fromRef = false;
  QFile ref(repo.filePath(QStringLiteral("refs/main")));
  if (ref.open(QIODevice::ReadOnly)) {
    const QString rev = QString::fromUtf8(ref.read(256)).trimmed();
    if (!rev.isEmpty() && !rev.contains(QLatin1Char('/')) && QDir(snapshots.filePath(rev)).exists()) {
      snapshot = snapshots.filePath(rev);
      fromRef = true;
    }
  }
  if (snapshot.isEmpty() && snapshots.exists()) snapshot = newestSnapshot(snapshots);

  CachedModel m;
  if (snapshot.isEmpty()) {
    m.id = id;
    m.source = "hf-cache";
    m.path = repo.absolutePath().toStdString();
    if (incomplete > 0)
      m.issues.push_back({"download incomplete: " + std::to_string(incomplete) + " *.incomplete blob(s), no snapshot yet",
                          "run interestlens-cli models download " + id + " again; it resumes where it stopped"});
    else
      m.issues.push_back({"no snapshot in the cache folder (nothing finished downloading)",
                          "run interestlens-cli models download " + id});
    // Bytes already fetched.
    for (const QFileInfo& fi : blobs.entryInfoList(QDir::Files)) m.sizeBytes += fi.size();
    m.language = guessLanguage(q(id), 0);
    m.pooling = guessPooling(q(id));
    return m;
  }
  m = inspectModelFolder(snapshot.toStdString(), id, "hf-cache");
  m.revision = QDir(snapshot).dirName().toStdString();
  m.fromRef = fromRef;
  if (incomplete > 0 && !m.usable) {
    m.complete = false;
    m.issues.push_back({"download incomplete: " + std::to_string(incomplete) + " *.incomplete blob(s)",
                        "run interestlens-cli models download " + id + " again; it resumes where it stopped"});
  }
  return m;
}

std::vector<CachedModel> scanModels(const ModelScanOptions& options) {
  std::vector<CachedModel> out;
  if (options.hubCacheDir != "-") {
    const std::string hub = options.hubCacheDir.empty() ? hfHubCacheDir() : options.hubCacheDir;
    out = scanHubCache(q(hub));
  }
  QSet<QString> seenPaths;
  for (const CachedModel& m : out) seenPaths.insert(q(m.path));
  auto add = [&](CachedModel m) {
    if (seenPaths.contains(q(m.path))) return;
    seenPaths.insert(q(m.path));
    out.push_back(std::move(m));
  };
  for (const std::string& f : options.extraFolders) {
    const QDir d(q(f));
    if (!d.exists()) continue;
    if (looksLikeModelFolder(d)) {
      add(inspectModelFolder(d.absolutePath().toStdString()));
    } else if (looksLikeHubCache(d)) {
      for (CachedModel& m : scanHubCache(d.absolutePath())) add(std::move(m));
    } else if (QDir hub(d.filePath(QStringLiteral("hub"))); hub.exists() && looksLikeHubCache(hub)) {
      for (CachedModel& m : scanHubCache(hub.absolutePath())) add(std::move(m));
    } else {
      for (const QFileInfo& sub : d.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir sd(sub.absoluteFilePath());
        if (looksLikeModelFolder(sd)) add(inspectModelFolder(sd.absolutePath().toStdString()));
      }
    }
  }
  return out;
}

const std::vector<std::string>& curatedModelIds() {
  static const std::vector<std::string> ids = {
      "sentence-transformers/all-MiniLM-L6-v2", "BAAI/bge-small-en-v1.5", "BAAI/bge-small-zh-v1.5",
      "shibing624/text2vec-base-chinese",       "bert-base-uncased",      "bert-base-chinese"};
  return ids;
}

}  // namespace il
