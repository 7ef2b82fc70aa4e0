// Row-oriented readers for delimited text and JSON lines, optionally gzip-compressed.
// Every record knows where it came from (line, column) so problems point at bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../problem.h"

namespace il {

enum class FileFormat { Auto, Csv, Tsv, JsonLines };

struct ReaderLimits {
  int64_t maxFieldBytes = 1 << 20;   // one field (or JSON line) larger than this is rejected
  int maxFields = 4096;              // per record
  int64_t maxRecordBytes = int64_t{64} << 20;  // a record this long stops the read (fatal)
  int64_t maxDecompressedBytes = int64_t{16} << 30;
};

struct Record {
  int64_t line = 0;                  // line where the record starts (1-based)
  std::vector<std::string> fields;   // aligned with TableReader::header()
  std::vector<int64_t> columns;      // 1-based column where each field starts; 0 = absent
  std::vector<int64_t> lines;        // line where each field starts (CSV: a quoted field
                                     // may span lines); empty = all on `line`
  std::string raw;                   // JSON lines: the line itself (for locating keys)
};

class ProblemLog;

class TableReader {
 public:
  virtual ~TableReader() = default;

  // Opens `path`, detecting compression by content and the format by name, then
  // by content. Returns nullptr and adds a Fatal problem when it cannot.
  static std::unique_ptr<TableReader> open(const std::string& path, FileFormat format,
                                           const ReaderLimits& limits, ProblemLog& log);

  const std::string& path() const { return path_; }
  FileFormat format() const { return format_; }
  const std::vector<std::string>& header() const { return header_; }

  // Next good record. Bad records are reported to the log and skipped. Returns
  // false at the end of the data or after a Fatal problem (see failed()).
  virtual bool next(Record& record) = 0;
  bool failed() const { return failed_; }

  // Column of field `i` of `record` for messages (1-based; 0 if unknown).
  virtual int64_t columnOf(const Record& record, size_t i) const;
  // Line of field `i` of `record` for messages (differs from record.line after a
  // quoted field that spans lines).
  int64_t lineOf(const Record& record, size_t i) const;

  // Fraction of the input consumed, for progress bars.
  virtual double progress() const = 0;

 protected:
  TableReader(std::string path, FileFormat format, ProblemLog& log)
      : path_(std::move(path)), format_(format), log_(log) {}
  void fatal(int64_t line, int64_t column, std::string kind, std::string expected,
             std::string found);
  void reject(int64_t line, int64_t column, std::string kind, std::string expected,
              std::string found);

  std::string path_;
  FileFormat format_;
  ProblemLog& log_;
  std::vector<std::string> header_;
  bool failed_ = false;
};

// Detects the format from a file name (ignoring a trailing .gz); Auto when unknown.
FileFormat formatFromName(const std::string& path);
const char* formatName(FileFormat f);

}  // namespace il
