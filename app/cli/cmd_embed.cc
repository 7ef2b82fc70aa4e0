// interestlens-cli embed --encoder ENC [--model-dir DIR] [--pooling mean|cls] [--max-length N]
//                        --input FILE|- [--input-format lines|jsonl] [--output FILE] [--format tsv|json|npy]
//                        [--shard K/N --output DIR]
// One text per input line in (or one JSON object {"text": ...} per line), one vector
// per text out, in order. Texts are encoded in blocks of kBlockRows consecutive rows, so
// `--shard K/N` (block-aligned slices, see vector_shards.h) gives exactly the vectors of
// an unsharded run.
#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "encode_job.h"
#include "encoder_options.h"
#include "interestlens_core.h"
#include "vectors/vector_shards.h"

namespace il::cli {

namespace {

constexpr int64_t kBlockRows = 256;

// The input's texts (all, or only rows [keep.begin, keep.end)), its row count and SHA-256.
struct InputTexts {
  std::vector<std::string> texts;
  int64_t rows = 0;
  std::string sha256;
};

std::string jsonlText(const std::string& line, const std::string& name, int64_t lineNo) {
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson("[" + QByteArray::fromStdString(line) + "]", &err);
  const QJsonValue v = err.error == QJsonParseError::NoError ? doc.array().at(0) : QJsonValue();
  if (v.isString()) return v.toString().toStdString();
  if (v.isObject() && v.toObject().value("text").isString()) return v.toObject().value("text").toString().toStdString();
  throw InputError(name + ":" + std::to_string(lineNo) + ": expected a JSON string or an object with a \"text\" string" +
                   (err.error != QJsonParseError::NoError ? " (" + err.errorString().toStdString() + ")" : ""));
}

InputTexts readInput(std::istream& in, const std::string& name, bool jsonl, RowRange keep) {
  InputTexts out;
  QCryptographicHash sha(QCryptographicHash::Sha256);
  std::string line;
  while (std::getline(in, line)) {
    sha.addData(QByteArrayView(line.data(), static_cast<qsizetype>(line.size())));
    if (!in.eof()) sha.addData(QByteArrayView("\n", 1));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const int64_t row = out.rows++;
    if (row < keep.begin || row >= keep.end) continue;
    out.texts.push_back(jsonl ? jsonlText(line, name, row + 1) : std::move(line));
  }
  if (in.bad()) throw InputError(name + ": read error");
  out.sha256 = sha.result().toHex().toStdString();
  return out;
}

// Encodes `texts` block by block (each block of kBlockRows length-sorted on its own).
void encodeBlocks(Encoder& encoder, const std::vector<std::string>& texts,
                  const std::function<void(const Matrix&, int64_t done)>& onBlock) {
  std::vector<std::string> block;
  for (size_t begin = 0; begin < texts.size(); begin += static_cast<size_t>(kBlockRows)) {
    const size_t end = std::min(texts.size(), begin + static_cast<size_t>(kBlockRows));
    block.assign(texts.begin() + static_cast<ptrdiff_t>(begin), texts.begin() + static_cast<ptrdiff_t>(end));
    onBlock(encodeSorted(encoder, block), static_cast<int64_t>(end));
  }
}

std::pair<int, int> parseShard(const std::string& v) {
  const size_t slash = v.find('/');
  int k = -1, n = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument(v);
    size_t used = 0;
    k = std::stoi(v.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument(v);
    n = std::stoi(v.substr(slash + 1), &used);
    if (used != v.size() - slash - 1) throw std::invalid_argument(v);
  } catch (const std::exception&) {
    throw UsageError("--shard must be K/N (shard K of N, 0 <= K < N), not '" + v + "'");
  }
  if (n < 1 || n > 99999 || k < 0 || k >= n)
    throw UsageError("--shard K/N needs 1 <= N <= 99999 and 0 <= K < N (shards are numbered from 0), not '" + v + "'");
  return {k, n};
}

int runShard(const Args& a, const EncoderSettings& settings, const std::string& input, bool jsonl, int k, int n) {
  namespace fs = std::filesystem;
  if (!a.has("--output") || a.get("--output") == "-")
    throw UsageError("embed --shard K/N needs --output DIR (the directory of the shard set)");
  if (a.has("--format") && a.get("--format") != "npy") throw UsageError("embed --shard writes .npy shards; drop --format");
  if (input == "-") throw UsageError("embed --shard needs --input FILE (every shard reads the same file)");
  const std::string dir = a.get("--output");
  const bool quiet = a.has("--quiet");

  std::unique_ptr<Encoder> encoder;
  try {
    encoder = createEncoder(settings);
  } catch (const EncoderError& e) {
    throw InputError(e.what());
  }
  if (encoder->needsFit())
    throw InputError("--shard: the " + settings.kind + " encoder is fitted on the whole corpus, so the vectors of "
                     "one shard would depend on which texts the others hold; shard only encoders whose vector "
                     "depends on the text alone (use-lite, bert, glove), or encode the project in one process "
                     "with `encode --project`");

  // First pass: the row count and checksum of the input; the second keeps this shard's rows.
  InputTexts whole;
  {
    std::ifstream in(input, std::ios::binary);
    if (!in) throw InputError(input + ": cannot open");
    whole = readInput(in, input, false, {0, 0});
  }
  const RowRange rows = shardRows(whole.rows, k, n, kBlockRows);
  const std::string stem = shardStem(k, n);

  // A finished shard of the same encoder and input is left as it is.
  std::string problem;
  if (const auto done = finishedShard(dir, k, n, &problem)) {
    if (done->encoderId != encoder->id() || done->inputSha256 != whole.sha256 || done->rows.begin != rows.begin ||
        done->rows.end != rows.end)
      throw InputError(done->path + ": holds shard " + std::to_string(k) + "/" + std::to_string(n) + " of another run (encoder " +
                       done->encoderId + ", input " + done->inputName + " sha256 " + done->inputSha256.substr(0, 12) +
                       ", rows " + std::to_string(done->rows.begin) + ".." + std::to_string(done->rows.end) +
                       "); this run is encoder " + encoder->id() + ", input sha256 " + whole.sha256.substr(0, 12) +
                       ": use another --output directory");
    std::cout << "shard " << k << "/" << n << " already finished: " << done->path << " (" << done->rows.size()
              << " rows, checksums verified); nothing to do\n";
    return 0;
  }
  if (!problem.empty()) std::cerr << "shard " << k << "/" << n << ": " << problem << "; encoding it again\n";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir + ": cannot create the directory (" + ec.message() + ")");
  removeStaleShardTemporaries(dir, k, n);

  InputTexts part;
  {
    std::ifstream in(input, std::ios::binary);
    if (!in) throw InputError(input + ": cannot open");
    part = readInput(in, input, jsonl, rows);
  }
  if (part.sha256 != whole.sha256) throw InputError(input + ": changed while it was read");

  ShardSidecar meta;
  meta.encoderId = encoder->id();
  meta.encoderKind = settings.kind;
  meta.settingsJson = settingsJson(settings);
  meta.weightsHash = weightsHashOf(meta.encoderId);
  meta.dim = encoder->dimension();
  meta.shardIndex = k;
  meta.shardCount = n;
  meta.inputName = fs::path(input).filename().string();
  meta.inputFormat = jsonl ? "jsonl" : "lines";
  meta.inputSha256 = whole.sha256;
  meta.inputRows = whole.rows;
  meta.rows = rows;
  meta.blockRows = kBlockRows;
  meta.threads = settings.threads;
  meta.createdBy = std::string("interestlens-cli ") + version() + " embed";
  meta.textHashes.reserve(part.texts.size());
  for (const std::string& t : part.texts) meta.textHashes.push_back(textHash(t));

  const auto start = std::chrono::steady_clock::now();
  ShardWriter writer(dir, std::move(meta));
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  encodeBlocks(*encoder, part.texts, [&](const Matrix& m, int64_t done) {
    writer.append(m.data.data(), m.rows);
    if (!quiet)
      std::cerr << "shard " << k << "/" << n << ": " << done << "/" << rows.size() << " rows, "
                << static_cast<int64_t>(static_cast<double>(done) / std::max(seconds(), 1e-9)) << " texts/s\n"
                << std::flush;
  });
  const double secs = seconds();
  writer.setSeconds(secs);
  const ShardSidecar written = writer.finish();
  std::cout << "shard " << k << "/" << n << ": rows " << rows.begin << ".." << rows.end << " (lines " << rows.begin + 1
            << "-" << rows.end << ") of " << whole.rows << ", " << rows.size() << " texts in " << secs << " s ("
            << static_cast<int64_t>(static_cast<double>(rows.size()) / std::max(secs, 1e-9)) << " texts/s) -> "
            << written.path << "\n";
  return 0;
}

void writeText(std::ostream& out, const Matrix& m, bool json) {
  char buf[32];
  if (json) out << '[';
  for (int64_t r = 0; r < m.rows; ++r) {
    if (json) out << (r ? ",[" : "[");
    for (int64_t c = 0; c < m.cols; ++c) {
      // %.9g round-trips a float exactly.
      std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(m.at(r, c)));
      if (c) out << (json ? ',' : '\t');
      out << buf;
    }
    out << (json ? "]" : "\n");
  }
  if (json) out << "]\n";
}

}  // namespace

int runEmbed(int argc, char** argv) {
  std::vector<std::string> known = kEncoderOptions;
  known.insert(known.end(), {"--input", "--output", "--format", "--input-format", "--shard"});
  std::vector<std::string> flags = kEncoderFlags;
  flags.push_back("--quiet");
  const Args a = parseArgs(argc, argv, known, flags);
  if (!a.has("--input")) throw UsageError("embed needs --input FILE (or - for standard input)");
  const EncoderSettings settings = encoderSettings(a);
  const std::string input = a.get("--input");
  const std::string inputFormat =
      a.get("--input-format", input.ends_with(".jsonl") || input.ends_with(".json") ? "jsonl" : "lines");
  if (inputFormat != "lines" && inputFormat != "jsonl") throw UsageError("--input-format must be lines or jsonl");
  const bool jsonl = inputFormat == "jsonl";
  if (a.has("--shard")) {
    const auto [k, n] = parseShard(a.get("--shard"));
    return runShard(a, settings, input, jsonl, k, n);
  }
  const std::string format = a.get("--format", "tsv");
  if (format != "tsv" && format != "json" && format != "npy") throw UsageError("--format must be tsv, json or npy");

  std::vector<std::string> texts;
  const RowRange all{0, INT64_MAX};
  if (input == "-") {
    texts = readInput(std::cin, "standard input", jsonl, all).texts;
  } else {
    std::ifstream in(input, std::ios::binary);
    if (!in) throw InputError(input + ": cannot open");
    texts = readInput(in, input, jsonl, all).texts;
  }

  std::unique_ptr<Encoder> encoder;
  try {
    encoder = createEncoder(settings);
    if (encoder->needsFit()) encoder->fit(texts);
  } catch (const EncoderError& e) {
    throw InputError(e.what());
  }
  Matrix m{static_cast<int64_t>(texts.size()), encoder->dimension(), {}};
  m.data.reserve(texts.size() * static_cast<size_t>(m.cols));
  encodeBlocks(*encoder, texts, [&](const Matrix& b, int64_t) { m.data.insert(m.data.end(), b.data.begin(), b.data.end()); });

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (a.has("--output") && a.get("--output") != "-") {
    file.open(a.get("--output"), std::ios::binary | std::ios::trunc);
    if (!file) throw InputError(a.get("--output") + ": cannot write");
    out = &file;
  }
  if (format == "npy") writeNpy(*out, m.data.data(), m.rows, m.cols);
  else writeText(*out, m, format == "json");
  out->flush();
  if (!*out) throw InputError("cannot write the output");
  return 0;
}

}  // namespace il::cli
