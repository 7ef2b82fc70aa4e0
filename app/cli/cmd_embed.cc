// interestlens-cli embed --encoder ENC [--model-dir DIR] [--pooling mean|cls] [--max-length N]
//                        --input FILE|- [--output FILE] [--format tsv|json|npy]
// One text per input line in, one vector per line out, in order.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "encode_job.h"
#include "encoder_options.h"
#include "interestlens_core.h"

namespace il::cli {

namespace {

std::vector<std::string> readLines(std::istream& in, const std::string& name) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (in.bad()) throw InputError(name + ": read error");
  return lines;
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
  known.insert(known.end(), {"--input", "--output", "--format"});
  const Args a = parseArgs(argc, argv, known, kEncoderFlags);
  if (!a.has("--input")) throw UsageError("embed needs --input FILE (or - for standard input)");
  const std::string format = a.get("--format", "tsv");
  if (format != "tsv" && format != "json" && format != "npy") throw UsageError("--format must be tsv, json or npy");
  const EncoderSettings settings = encoderSettings(a);

  const std::string input = a.get("--input");
  std::vector<std::string> texts;
  if (input == "-") {
    texts = readLines(std::cin, "standard input");
  } else {
    std::ifstream in(input, std::ios::binary);
    if (!in) throw InputError(input + ": cannot open");
    texts = readLines(in, input);
  }

  std::unique_ptr<Encoder> encoder;
  try {
    encoder = createEncoder(settings);
    if (encoder->needsFit()) encoder->fit(texts);
  } catch (const EncoderError& e) {
    throw InputError(e.what());
  }
  const Matrix m = encodeSorted(*encoder, texts);

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
