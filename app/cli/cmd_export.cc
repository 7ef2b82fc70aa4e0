// interestlens-cli export --project P --what recommendations|clusters|embeddings|metrics --output FILE
//   recommendations  CSV, top --k of every user with explanations
//   clusters         CSV, one row per interest cluster: size, label, keywords
//   embeddings       FILE.npy of the text vectors (--of texts|items|users), plus
//                    FILE_vectors.tsv and FILE_metadata.tsv for TensorBoard's Projector
//   metrics          CSV of the newest evaluation recorded in the project
//   vectors          DIR of vector shards (.npy + sidecar JSON, as embed --shard writes
//                    them; --encoder-id ID, --shard-rows N) plus vectors.tsv and metadata.tsv
//   texts            FILE.jsonl of the distinct texts, the input for embed --shard
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "cmd_vectors.h"
#include "commands.h"
#include "interestlens_core.h"
#include "recommender_options.h"

namespace il::cli {

namespace {

std::ofstream openOutput(const std::string& path) {
  std::ofstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot write");
  return f;
}

// Tab-separated cell for the Projector: tabs and newlines would break its rows.
std::string tsvCell(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

void exportEmbeddings(const Recommender& rec, const std::string& of, const std::string& output) {
  const Corpus& c = rec.corpus();
  const TrainingData& d = rec.data();
  if (!d.textVectors) throw InputError("this project has no vectors yet: run encode first");
  Matrix m;
  std::vector<std::vector<std::string>> meta;
  std::vector<std::string> header;
  if (of == "texts") {
    m = *d.textVectors;
    header = {"user", "item", "cluster", "text"};
    const GlobalClusters* gc = rec.clusters();
    for (size_t i = 0; i < c.texts.size(); ++i) {
      const int32_t k = gc ? gc->textCluster[i] : -1;
      meta.push_back({c.users[static_cast<size_t>(c.texts[i].user)], c.items[static_cast<size_t>(c.texts[i].item)].id,
                      k >= 0 ? gc->clusters[static_cast<size_t>(k)].label : "", c.texts[i].text});
    }
  } else if (of == "items") {
    m = *d.itemVectors;
    header = {"item", "title", "category"};
    for (const ItemRow& it : c.items) meta.push_back({it.id, it.title, it.category});
  } else {
    header = {"user", "source"};
    const int64_t dim = d.itemVectors->cols;
    m = Matrix::zeros(c.userCount(), dim);
    for (int32_t u = 0; u < c.userCount(); ++u) {
      const UserProfile* p = rec.profile(u);
      if (p && !p->longTerm.empty()) std::copy(p->longTerm.begin(), p->longTerm.end(), m.row(u));
      meta.push_back({c.users[static_cast<size_t>(u)], p ? toString(p->source) : "none"});
    }
  }
  namespace fs = std::filesystem;
  fs::path npy(output);
  if (npy.extension() != ".npy") npy += ".npy";
  const fs::path stem = npy.parent_path() / npy.stem();
  {
    std::ofstream f = openOutput(npy.string());
    writeNpy(f, m.data.data(), m.rows, m.cols);
  }
  std::ofstream vec = openOutput(stem.string() + "_vectors.tsv"), md = openOutput(stem.string() + "_metadata.tsv");
  for (int64_t r = 0; r < m.rows; ++r) {
    for (int64_t k = 0; k < m.cols; ++k) vec << (k ? "\t" : "") << m.at(r, k);
    vec << "\n";
  }
  for (size_t i = 0; i < header.size(); ++i) md << (i ? "\t" : "") << header[i];
  md << "\n";
  for (const auto& row : meta) {
    for (size_t i = 0; i < row.size(); ++i) md << (i ? "\t" : "") << tsvCell(row[i]);
    md << "\n";
  }
  std::cout << "wrote " << npy.string() << ", " << stem.string() << "_vectors.tsv and " << stem.string()
            << "_metadata.tsv (" << m.rows << " x " << m.cols << ")\n";
}

void exportClusters(const Recommender& rec, std::ostream& out) {
  const GlobalClusters* gc = rec.clusters();
  if (!gc) throw InputError("no interest clusters: the project needs encoded user texts (run encode first)");
  CsvWriter csv(out);
  csv.row({"cluster", "size", "label", "keywords"});
  for (int32_t k = 0; k < gc->k(); ++k) {
    const GlobalCluster& c = gc->clusters[static_cast<size_t>(k)];
    std::string kw;
    for (const ClusterTerm& t : c.keywords) kw += (kw.empty() ? "" : ", ") + t.term;
    csv.row({std::to_string(k), std::to_string(c.size), c.label, kw});
  }
}

void exportMetrics(Project& project, std::ostream& out) {
  const std::vector<RunRow> runs = RunStore(project).list("evaluate", 1);
  if (runs.empty()) throw InputError(project.path() + ": no evaluation recorded yet (run evaluate --project first)");
  const QJsonObject report = QJsonDocument::fromJson(QByteArray::fromStdString(runs.front().resultJson)).object();
  const QJsonArray results = report.value("results").toArray();
  std::vector<std::string> header = {"model"};
  if (!results.isEmpty())
    for (const QString& key : results.first().toObject().keys())
      if (key != "model" && key != "params") header.push_back(key.toStdString());
  header.push_back("params");
  CsvWriter csv(out);
  csv.row(header);
  for (const auto& v : results) {
    const QJsonObject r = v.toObject();
    std::vector<std::string> row = {r.value("model").toString().toStdString()};
    for (size_t i = 1; i + 1 < header.size(); ++i)
      row.push_back(QString::number(r.value(QString::fromStdString(header[i])).toDouble(), 'g', 8).toStdString());
    row.push_back(QJsonDocument(r.value("params").toObject()).toJson(QJsonDocument::Compact).toStdString());
    csv.row(row);
  }
}

}  // namespace

int runExport(int argc, char** argv) {
  std::vector<std::string> known = kRecommenderOptions;
  known.insert(known.end(), {"--project", "--what", "--output", "--k", "--model", "--of", "--shard-rows"});
  const Args a = parseArgs(argc, argv, known, {"--quiet"});
  if (!a.has("--project") || !a.has("--what") || !a.has("--output"))
    throw UsageError("export needs --project FILE.ilens --what recommendations|clusters|embeddings|metrics|vectors|texts "
                     "--output FILE");
  const std::string what = a.get("--what"), of = a.get("--of", "texts");
  if (what == "vectors" || what == "texts") return exportVectorsOrTexts(a, what);
  if (what != "recommendations" && what != "clusters" && what != "embeddings" && what != "metrics")
    throw UsageError("--what must be recommendations, clusters, embeddings, metrics, vectors or texts");
  if (of != "texts" && of != "items" && of != "users") throw UsageError("--of must be texts, items or users");
  std::unique_ptr<Project> project;
  try {
    project = Project::open(a.get("--project"), Project::Mode::ReadOnly);
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
  // Each export is made in memory and written only when complete: a refused export
  // (nothing recorded, no clusters) leaves no empty file behind.
  auto writeAll = [&](const std::string& bytes) {
    std::ofstream out = openOutput(a.get("--output"));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw InputError(a.get("--output") + ": cannot write");
  };
  if (what == "metrics") {
    std::ostringstream out;
    exportMetrics(*project, out);
    writeAll(out.str());
    return 0;
  }
  std::unique_ptr<Recommender> rec;
  try {
    rec = Recommender::fromProject(*project, recommenderOptions(a));
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
  if (what == "embeddings") {
    exportEmbeddings(*rec, of, a.get("--output"));
    return 0;
  }
  std::ostringstream out;
  if (what == "clusters") {
    exportClusters(*rec, out);
    writeAll(out.str());
    return 0;
  }
  RecommendRequest req;
  req.model = a.get("--model", "hybrid");
  req.topN = intOption(a, "--k", 10, 1, 100000);
  for (int32_t u = 0; u < rec->corpus().userCount(); ++u) {
    RecommendationList list{rec->corpus().users[static_cast<size_t>(u)], req.model, "", "", rec->recommend(u, req)};
    writeRecommendationsCsv(out, list, u == 0);
  }
  writeAll(out.str());
  return 0;
}

}  // namespace il::cli
