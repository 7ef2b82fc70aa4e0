// JSON lines: one JSON object per line. The header is the union of the keys of
// the first lines (in order of appearance); nested values become compact JSON text.
#pragma once

#include <deque>

#include "byte_source.h"
#include "table_reader.h"

namespace il {

class JsonLinesReader final : public TableReader {
 public:
  JsonLinesReader(const std::string& path, std::unique_ptr<ByteSource> src, std::string firstChunk,
                  const ReaderLimits& limits, ProblemLog& log);

  bool next(Record& record) override;
  int64_t columnOf(const Record& record, size_t i) const override;
  double progress() const override;

 private:
  struct Line {
    int64_t number;
    std::string text;
  };
  // Next physical line (without its newline); false at end. Lines over the limit
  // are reported and skipped.
  bool readLine(Line& line);
  // Parses one line into key/value pairs; false (and reported) when it is not an object.
  bool parse(const Line& line, std::vector<std::pair<std::string, std::string>>& values);

  std::unique_ptr<ByteSource> src_;
  std::string buf_;
  size_t pos_ = 0;
  ReaderLimits limits_;
  int64_t lineNumber_ = 0;
  std::deque<std::pair<Line, std::vector<std::pair<std::string, std::string>>>> pending_;
};

}  // namespace il
