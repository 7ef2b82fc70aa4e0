// interestlens-cli models list [--format table|json] [--cache DIR] [--folder DIR ...]
// interestlens-cli models download ID [--revision REV] [--cache DIR] [--endpoint URL] [--quiet]
// `download` prints the snapshot folder on stdout (for --model-dir), progress on stderr.
#include "cmd_models.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "interestlens_core.h"

namespace il::cli {

namespace {

std::atomic<bool> gCancel{false};

extern "C" void onInterrupt(int) { gCancel.store(true); }

std::string humanSize(int64_t b) {
  const double d = static_cast<double>(b);
  std::ostringstream s;
  s << std::fixed << std::setprecision(1);
  if (b >= (int64_t(1) << 30)) s << d / (1 << 30) << " GiB";
  else if (b >= (int64_t(1) << 20)) s << d / (1 << 20) << " MiB";
  else if (b >= 1024) s << d / 1024 << " KiB";
  else return std::to_string(b) + " B";
  return s.str();
}

// argv without the sub-command (and without the positional id), for parseArgs.
std::vector<char*> optionArgs(int argc, char** argv, int firstOption, std::string& label) {
  std::vector<char*> out{argv[0], label.data()};
  for (int i = firstOption; i < argc; ++i) out.push_back(argv[i]);
  return out;
}

int runList(int argc, char** argv) {
  std::string label = "models list";
  std::vector<char*> av = optionArgs(argc, argv, 3, label);
  const Args a = parseArgs(static_cast<int>(av.size()), av.data(), {"--format", "--cache", "--folder"}, {});
  const std::string format = a.get("--format", "table");
  if (format != "table" && format != "json") throw UsageError("--format must be table or json");
  ModelScanOptions so;
  so.hubCacheDir = a.get("--cache");
  so.extraFolders = a.all("--folder");
  const std::string hub = so.hubCacheDir.empty() ? hfHubCacheDir() : so.hubCacheDir;
  const std::vector<CachedModel> models = scanModels(so);

  if (format == "json") {
    QJsonArray arr;
    for (const CachedModel& m : models) {
      QJsonArray issues;
      for (const ModelIssue& i : m.issues)
        issues.append(QJsonObject{{"problem", QString::fromStdString(i.problem)}, {"fix", QString::fromStdString(i.fix)}});
      arr.append(QJsonObject{{"id", QString::fromStdString(m.id)},
                             {"source", QString::fromStdString(m.source)},
                             {"path", QString::fromStdString(m.path)},
                             {"revision", QString::fromStdString(m.revision)},
                             {"size_bytes", qint64(m.sizeBytes)},
                             {"hidden_size", m.hiddenSize},
                             {"model_type", QString::fromStdString(m.modelType)},
                             {"architecture", QString::fromStdString(m.architecture)},
                             {"language", QString::fromStdString(m.language)},
                             {"pooling", QString::fromStdString(m.pooling)},
                             {"pooling_from_folder", m.poolingFromFolder},
                             {"tokenizer", QString::fromStdString(m.tokenizer)},
                             {"complete", m.complete},
                             {"usable", m.usable},
                             {"issues", issues}});
    }
    const QJsonObject o{{"hub_cache", QString::fromStdString(hub)}, {"models", arr}};
    std::cout << QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
    return 0;
  }
  std::cout << "hub cache: " << hub << "\n";
  if (models.empty()) {
    std::cout << "no models found; download one with: interestlens-cli models download "
              << curatedModelIds().front() << "\n";
    return 0;
  }
  size_t w = 2;
  for (const CachedModel& m : models) w = std::max(w, m.id.size());
  std::cout << std::left << std::setw(static_cast<int>(w) + 2) << "ID" << std::setw(12) << "STATUS" << std::setw(6)
            << "DIM" << std::setw(14) << "LANG" << std::setw(9) << "POOLING" << std::setw(11) << "SIZE"
            << "PATH\n";
  for (const CachedModel& m : models) {
    const std::string status = m.usable ? "usable" : m.complete ? "unusable" : "incomplete";
    std::cout << std::left << std::setw(static_cast<int>(w) + 2) << m.id << std::setw(12) << status << std::setw(6)
              << (m.hiddenSize > 0 ? std::to_string(m.hiddenSize) : "?") << std::setw(14)
              << (m.language.empty() ? "?" : m.language) << std::setw(9) << (m.pooling.empty() ? "?" : m.pooling)
              << std::setw(11) << humanSize(m.sizeBytes) << m.path << "\n";
    for (const ModelIssue& i : m.issues) std::cout << "    " << i.problem << "\n      -> " << i.fix << "\n";
  }
  return 0;
}

int runDownload(int argc, char** argv) {
  if (argc < 4 || std::string(argv[3]).rfind("--", 0) == 0)
    throw UsageError("models download needs a model id, e.g. models download " + curatedModelIds().front());
  const std::string id = argv[3];
  std::string label = "models download";
  std::vector<char*> av = optionArgs(argc, argv, 4, label);
  const Args a = parseArgs(static_cast<int>(av.size()), av.data(), {"--revision", "--cache", "--endpoint"}, {"--quiet"});
  if (!isValidModelId(id)) throw UsageError("'" + id + "' is not a model id (expected ORG/NAME)");

  int qargc = 1;
  QCoreApplication app(qargc, argv);
  HubDownloadOptions o;
  o.modelId = id;
  o.revision = a.get("--revision", "main");
  o.cacheDir = a.get("--cache");
  o.endpoint = a.get("--endpoint");
  const bool quiet = a.has("--quiet");
  const bool tty = isatty(fileno(stderr)) != 0;

  int lastFile = -1;
  auto lastPrint = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  int lastPercent = -1;
  auto progress = [&](const HubDownloadProgress& p) {
    if (quiet) return;
    if (p.phase == "resolving") {
      if (p.fileIndex == 0) std::cerr << "resolving " << id << " (" << p.fileCount << " files) at " << (o.endpoint.empty() ? hubEndpoint() : o.endpoint) << "\n";
      return;
    }
    if (p.phase == "done") {
      if (tty) std::cerr << "\r\033[K";
      return;
    }
    const int pct = p.totalTotal > 0 ? static_cast<int>(100 * p.totalDone / p.totalTotal) : 0;
    if (tty) {
      const auto now = std::chrono::steady_clock::now();
      if (now - lastPrint < std::chrono::milliseconds(100) && p.fileIndex == lastFile) return;
      lastPrint = now;
      std::cerr << "\r\033[K[" << p.fileIndex + 1 << "/" << p.fileCount << "] " << p.file << "  "
                << humanSize(p.fileDone) << " / " << humanSize(p.fileTotal) << "   total " << pct << "% of "
                << humanSize(p.totalTotal) << std::flush;
    } else if (p.fileIndex != lastFile || pct / 10 != lastPercent / 10) {
      std::cerr << "[" << p.fileIndex + 1 << "/" << p.fileCount << "] " << p.file << "  " << p.fileTotal
                << " bytes   total " << pct << "%\n";
      lastPercent = pct;
    }
    lastFile = p.fileIndex;
  };

  gCancel.store(false);
  auto previous = std::signal(SIGINT, onInterrupt);
  HubDownloadResult r;
  try {
    r = downloadHubModel(o, progress, &gCancel);
  } catch (const Cancelled&) {
    std::signal(SIGINT, previous);
    if (tty) std::cerr << "\n";
    throw InputError("cancelled; nothing was marked complete. Run the same command again to resume.");
  } catch (const HubDownloadError& e) {
    std::signal(SIGINT, previous);
    if (tty && !quiet) std::cerr << "\n";
    throw InputError(e.what());
  }
  std::signal(SIGINT, previous);
  if (!quiet) {
    int reused = 0, resumes = 0;
    for (const HubFileResult& f : r.files) {
      reused += f.reused ? 1 : 0;
      resumes += f.resumes;
    }
    std::cerr << "downloaded " << id << " @ " << r.commit << ": " << r.files.size() << " files ("
              << humanSize(r.bytesFetched) << " fetched, " << reused << " already cached"
              << (resumes > 0 ? ", " + std::to_string(resumes) + " resumed" : std::string()) << ")\n";
    const CachedModel m = inspectModelFolder(r.snapshotDir, id, "hf-cache");
    if (!m.usable) std::cerr << "warning: the bert encoder cannot use it: " << m.reason() << "\n";
  }
  std::cout << r.snapshotDir << "\n";
  return 0;
}

}  // namespace

int runModels(int argc, char** argv) {
  const std::string sub = argc > 2 ? argv[2] : "";
  if (sub == "list") return runList(argc, argv);
  if (sub == "download") return runDownload(argc, argv);
  throw UsageError(sub.empty() ? "models needs a sub-command: list or download"
                               : "unknown models sub-command '" + sub + "' (list or download)");
}

}  // namespace il::cli
