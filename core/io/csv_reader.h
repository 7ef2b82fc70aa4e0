// RFC 4180 CSV (quoted fields, embedded separators, newlines and doubled quotes,
// CRLF or LF, UTF-8 BOM) and IANA TSV (no quoting), streamed chunk by chunk.
// Hand-written rather than libcsv because every error must carry line and column
// and every field must stay under a size limit while scanning hostile input.
#pragma once

#include "byte_source.h"
#include "table_reader.h"

namespace il {

class CsvReader final : public TableReader {
 public:
  CsvReader(const std::string& path, FileFormat format, std::unique_ptr<ByteSource> src,
            std::string firstChunk, const ReaderLimits& limits, ProblemLog& log);

  bool next(Record& record) override;
  double progress() const override;

 private:
  enum class Scan { Record, End, Fatal };
  // Scans one physical record into fields_/columns_. Returns End at end of input.
  Scan scanRecord();
  bool nextByte(unsigned char& c);
  // Checks the scanned fields for invalid UTF-8 and NUL bytes; on the first one sets
  // the error location and returns false.
  bool checkText(int64_t& line, int64_t& column, std::string& kind, std::string& found) const;

  std::unique_ptr<ByteSource> src_;
  std::string buf_;
  size_t pos_ = 0;
  bool quoting_;
  char sep_;
  ReaderLimits limits_;
  int64_t line_ = 1, column_ = 0;  // position after the byte just read (column of the last character)
  int64_t byteLine_ = 1, byteColumn_ = 0;  // position of the byte just read (also for a newline)
  bool lastWasCR_ = false;
  bool atStart_ = true;

  // The record being scanned.
  std::vector<std::string> fields_;
  std::vector<int64_t> columns_;
  std::vector<int64_t> lines_;       // line where each field starts
  std::vector<char> quoted_;         // whether each field was quoted
  int64_t recordLine_ = 0;
  int64_t endLine_ = 0, endColumn_ = 0;  // where the record ends (its newline, or end of data)
  int64_t records_ = 0;              // data records scanned, good or bad
  int64_t kept_ = 0;                 // records returned by next()
  int64_t headerLine_ = 1;           // line of the header record
  int64_t errorLine_ = 0, errorColumn_ = 0;
  std::string errorKind_, errorExpected_, errorFound_;
};

}  // namespace il
