// interestlens-cli evaluate --interactions FILE [--items FILE] [--map ...] [--item-map ...]
//                           | --project FILE.ilens [--encoder-id ID]
//                           [--encoder ENC] [--model-dir DIR] [--models popularity,itemknn,mf,content,hybrid]
//                           (also twotower, twotower-apr, twotower-ft: encoder fine-tuning, USE-Lite)
//                           [--k 10,20] [--seed N] [--threads N] [--format json|table] [--quiet]
// Leave-last-out evaluation of every model side by side (DESIGN.md, "Evaluation protocol").
// Texts and items are encoded first when content or hybrid is asked for.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <iostream>
#include <unistd.h>
#include <set>
#include <unordered_map>

#include "cli_args.h"
#include "two_tower_options.h"
#include "two_tower_project.h"
#include "commands.h"
#include "encode_job.h"
#include "encoder_options.h"
#include "import_options.h"
#include "interestlens_core.h"

namespace il::cli {

namespace {

struct Vectors {
  Matrix texts, items;
  std::string encoderId;
};

// Encodes every distinct user text and item text once, then lays the rows out per
// corpus text and per item.
Vectors encodeCorpus(const Corpus& c, const EncoderSettings& settings, bool quiet) {
  std::vector<std::string> distinct;
  std::unordered_map<std::string, size_t> index;
  auto add = [&](const std::string& t) {
    if (!t.empty() && index.emplace(t, distinct.size()).second) distinct.push_back(t);
  };
  for (const CorpusText& t : c.texts) add(t.text);
  for (const ItemRow& it : c.items) add(itemText(it));
  std::unique_ptr<Encoder> encoder;
  try {
    encoder = createEncoder(settings);
    if (encoder->needsFit()) encoder->fit(distinct);
  } catch (const EncoderError& e) {
    throw InputError(e.what());
  }
  const Matrix m = encodeSorted(*encoder, distinct, 64, [&](int64_t done) {
    if (!quiet) std::cerr << "\rencoding " << done << "/" << distinct.size() << " texts   " << std::flush;
    return true;
  });
  if (!quiet) std::cerr << "\n";
  Vectors v{Matrix::zeros(static_cast<int64_t>(c.texts.size()), m.cols), Matrix::zeros(c.itemCount(), m.cols),
            encoder->id()};
  auto copy = [&](Matrix& dst, int64_t row, const std::string& text) {
    const auto it = index.find(text);
    if (it != index.end()) std::copy_n(m.row(static_cast<int64_t>(it->second)), m.cols, dst.row(row));
  };
  for (size_t i = 0; i < c.texts.size(); ++i) copy(v.texts, static_cast<int64_t>(i), c.texts[i].text);
  for (int32_t i = 0; i < c.itemCount(); ++i) copy(v.items, i, itemText(c.items[static_cast<size_t>(i)]));
  return v;
}

std::vector<int> parseKs(const std::string& s) {
  std::vector<int> ks;
  for (const std::string& part : splitList(s)) {
    char* end = nullptr;
    const long k = std::strtol(part.c_str(), &end, 10);
    if (!end || *end || k < 1 || k > 10000) throw UsageError("--k takes whole numbers from 1 to 10000, like 10,20");
    ks.push_back(static_cast<int>(k));
  }
  if (ks.empty()) throw UsageError("--k needs at least one value, like 10,20");
  return ks;
}

}  // namespace

int runEvaluate(int argc, char** argv) {
  std::vector<std::string> known = kEncoderOptions;
  known.insert(known.end(), kImportOptions.begin(), kImportOptions.end());
  known.insert(known.end(), {"--project", "--encoder-id", "--models", "--k", "--format", "--blend-step"});
  for (const std::string& o : kTwoTowerOptions)
    if (std::find(known.begin(), known.end(), o) == known.end()) known.push_back(o);
  std::vector<std::string> flags = kEncoderFlags;
  flags.insert(flags.end(), {"--quiet", "--strict"});
  const Args a = parseArgs(argc, argv, known, flags);
  const bool quiet = a.has("--quiet") || !isatty(2);  // progress lines only on a terminal
  if (a.has("--project") == a.has("--interactions"))
    throw UsageError("evaluate needs --interactions FILE (with optional --items FILE) or --project FILE.ilens");
  const std::string format = a.get("--format", "table");
  if (format != "json" && format != "table") throw UsageError("--format must be json or table");

  ComparisonOptions options;
  options.models = splitList(a.get("--models", "popularity,itemknn,mf,content,hybrid"));
  const TwoTowerOptions twoTower = twoTowerOptions(a);
  std::vector<std::string> twoTowerNames;  // specs made once the vectors (and a head) are there
  bool needHead = false;
  for (const std::string& m : options.models) {
    if (std::find(kAllModels.begin(), kAllModels.end(), m) != kAllModels.end()) continue;
    if (m != "twotower" && m != "twotower-apr" && !twoTowerNeedsHead(m))
      throw UsageError("--models takes popularity, itemknn, mf, content, twotower, twotower-apr, twotower-ft, hybrid; not '" + m + "'");
    twoTowerNames.push_back(m);
    needHead = needHead || twoTowerNeedsHead(m);
  }
  options.eval.ks = parseKs(a.get("--k", "10,20"));
  options.eval.seed = static_cast<uint64_t>(intOption(a, "--seed", 42, 0, 2147483647));
  options.eval.threads = intOption(a, "--threads", 0, 1, 256);
  options.blendStep = doubleOption(a, "--blend-step", options.blendStep, 0.05, 1.0);
  const bool needVectors = std::any_of(options.models.begin(), options.models.end(),
                                       [](const std::string& m) { return m != "popularity" && m != "itemknn" && m != "mf"; });

  Corpus corpus;
  Vectors vectors;
  std::shared_ptr<const EncoderHead> head;
  const auto cacheNote = [quiet](const EncoderHead& h) {
    if (!quiet)
      std::cerr << "encoder fine-tuning: cached " << h.cachedTokens() << " tokens of " << h.distinctTexts() << " texts ("
                << h.cacheBytes() / (1 << 20) << " MB) in " << h.buildSeconds() << " s\n";
  };
  QJsonObject dataset;
  std::unique_ptr<Project> project;
  if (a.has("--project")) {
    try {
      project = Project::open(a.get("--project"), Project::Mode::OpenExisting);
      corpus = Corpus::fromDataset(project->readDataset());
      if (needVectors) {
        if (a.has("--encoder")) {  // encode what is missing with this encoder first
          const EncoderSettings settings = encoderSettings(a);
          auto encoder = createEncoder(settings);
          encodeProject(*project, *encoder, settings);
          CorpusVectors cv = loadCorpusVectors(*project, corpus, encoder->id());
          vectors = {std::move(cv.texts), std::move(cv.items), cv.encoder.id};
        } else {
          CorpusVectors cv = loadCorpusVectors(*project, corpus, a.get("--encoder-id"));
          vectors = {std::move(cv.texts), std::move(cv.items), cv.encoder.id};
        }
        if (needHead) {
          const auto encoders = projectEncoders(*project);
          const auto it = std::find_if(encoders.begin(), encoders.end(),
                                       [&](const EncoderInfo& e) { return e.id == vectors.encoderId; });
          if (it == encoders.end()) throw ProjectError("unknown encoder " + vectors.encoderId);
          head = encoderHeadFor(*it, corpus, encoderHeadOptions(a));
          cacheNote(*head);
        }
      }
    } catch (const ProjectError& e) {
      throw InputError(e.what());
    } catch (const EncoderError& e) {
      throw InputError(e.what());
    }
    dataset["project"] = QString::fromStdString(a.get("--project"));
  } else {
    const ImportOptions io = importOptions(a);
    ImportResult r = readImport(io);
    if (!r.ok) throw InputError(r.error);
    if (!quiet && r.rowsRejected > 0) std::cerr << r.summaryText(5);
    corpus = Corpus::fromDataset(r.data);
    if (needVectors) vectors = encodeCorpus(corpus, encoderSettings(a), quiet);
    if (needHead) {
      std::vector<std::string> texts;
      for (const CorpusText& t : corpus.texts) texts.push_back(t.text);
      try {
        head = makeEncoderHead(*createEncoder(encoderSettings(a)), texts, encoderHeadOptions(a));
      } catch (const std::runtime_error& e) {  // EncoderError, the cache limit
        throw InputError(e.what());
      }
      cacheNote(*head);
    }
    QJsonArray files;
    for (const auto& f : io.interactionFiles) files.append(QString::fromStdString(f));
    for (const auto& f : io.itemFiles) files.append(QString::fromStdString(f));
    dataset["files"] = files;
  }
  for (const std::string& m : twoTowerNames) options.extraModels.push_back(*twoTowerModel(m, twoTower, head));
  if (needVectors) {
    options.eval.textVectors = &vectors.texts;
    options.eval.itemVectors = &vectors.items;
  }
  dataset["users"] = corpus.userCount();
  dataset["items"] = corpus.itemCount();
  dataset["interactions"] = static_cast<qint64>(corpus.events.size());
  dataset["texts"] = static_cast<qint64>(corpus.texts.size());

  JobControl job([quiet](const Progress& p) {
    if (!quiet) std::cerr << "\r" << p.phase << " " << p.done << "/" << p.total << "        " << std::flush;
  });
  EvalReport report;
  try {
    report = compareModels(corpus, options, &job);
  } catch (const std::invalid_argument& e) {
    throw InputError(e.what());
  }
  if (!quiet) std::cerr << "\r" << std::string(60, ' ') << "\r";
  QJsonArray models;
  for (const auto& m : options.models) models.append(QString::fromStdString(m));
  const QJsonObject extra{{"encoder", QString::fromStdString(vectors.encoderId)}, {"models", models}, {"dataset", dataset}};
  const std::string json = reportJson(report, extra);
  if (project) RunStore(*project).record("evaluate", QJsonDocument(extra).toJson(QJsonDocument::Compact).toStdString(), json);
  std::cout << (format == "json" ? json : reportTable(report));
  return 0;
}

}  // namespace il::cli
