#include "table_reader.h"

#include <algorithm>

#include "../problem_log.h"
#include "csv_reader.h"
#include "jsonl_reader.h"

namespace il {

namespace {
bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

FileFormat sniff(const std::string& chunk) {
  const size_t first = chunk.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && chunk[first] == '{') return FileFormat::JsonLines;
  const std::string line = chunk.substr(0, chunk.find('\n'));
  const auto tabs = std::count(line.begin(), line.end(), '\t');
  const auto commas = std::count(line.begin(), line.end(), ',');
  return tabs > commas ? FileFormat::Tsv : FileFormat::Csv;
}
}  // namespace

FileFormat formatFromName(const std::string& path) {
  std::string name = path;
  if (endsWith(name, ".gz")) name.resize(name.size() - 3);
  if (endsWith(name, ".csv")) return FileFormat::Csv;
  if (endsWith(name, ".tsv") || endsWith(name, ".tab")) return FileFormat::Tsv;
  if (endsWith(name, ".jsonl") || endsWith(name, ".ndjson") || endsWith(name, ".json"))
    return FileFormat::JsonLines;
  return FileFormat::Auto;
}

const char* formatName(FileFormat f) {
  switch (f) {
    case FileFormat::Csv: return "CSV";
    case FileFormat::Tsv: return "TSV";
    case FileFormat::JsonLines: return "JSON lines";
    default: return "auto";
  }
}

std::unique_ptr<TableReader> TableReader::open(const std::string& path, FileFormat format,
                                               const ReaderLimits& limits, ProblemLog& log) {
  auto src = std::make_unique<ByteSource>(path, limits.maxDecompressedBytes);
  std::string first;
  src->read(first);
  if (!src->ok()) {
    log.add({path, 0, 0, Severity::Fatal, "unreadable-input", "a readable file", src->error()});
    return nullptr;
  }
  if (format == FileFormat::Auto) format = formatFromName(path);
  if (format == FileFormat::Auto) format = sniff(first);
  std::unique_ptr<TableReader> reader;
  if (format == FileFormat::JsonLines)
    reader = std::make_unique<JsonLinesReader>(path, std::move(src), std::move(first), limits, log);
  else
    reader = std::make_unique<CsvReader>(path, format, std::move(src), std::move(first), limits, log);
  if (reader->failed()) return nullptr;
  return reader;
}

int64_t TableReader::columnOf(const Record& record, size_t i) const {
  return i < record.columns.size() ? record.columns[i] : 0;
}

int64_t TableReader::lineOf(const Record& record, size_t i) const {
  return i < record.lines.size() ? record.lines[i] : record.line;
}

void TableReader::fatal(int64_t line, int64_t column, std::string kind, std::string expected,
                        std::string found) {
  failed_ = true;
  log_.add({path_, line, column, Severity::Fatal, std::move(kind), std::move(expected),
            std::move(found)});
}

void TableReader::reject(int64_t line, int64_t column, std::string kind, std::string expected,
                         std::string found) {
  log_.add({path_, line, column, Severity::Rejected, std::move(kind), std::move(expected),
            std::move(found)});
}

}  // namespace il
