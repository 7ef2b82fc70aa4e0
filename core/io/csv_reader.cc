#include "csv_reader.h"

#include <algorithm>
#include <cstdio>

#include "../problem_log.h"
#include "../text/utf8.h"

namespace il {

namespace {
std::string describeByte(unsigned char c) {
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
  return buf;
}
}  // namespace

CsvReader::CsvReader(const std::string& path, FileFormat format, std::unique_ptr<ByteSource> src,
                     std::string firstChunk, const ReaderLimits& limits, ProblemLog& log)
    : TableReader(path, format, log),
      src_(std::move(src)),
      buf_(std::move(firstChunk)),
      quoting_(format == FileFormat::Csv),
      sep_(format == FileFormat::Tsv ? '\t' : ','),
      limits_(limits) {
  // UTF-8 byte order mark: Excel writes it; it is not part of the first column name.
  if (buf_.size() >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  const Scan s = scanRecord();
  if (s == Scan::Fatal) return;
  if (s == Scan::End || (fields_.size() == 1 && fields_[0].empty())) {
    fatal(1, 1, "empty-file", "a header line naming the columns", "no data");
    return;
  }
  if (!errorKind_.empty()) {
    fatal(errorLine_, errorColumn_, errorKind_, errorExpected_, errorFound_);
    return;
  }
  // A binary or UTF-16 file shows here first: say where, instead of listing garbage as column names.
  int64_t line = 0, column = 0;
  std::string kind, found;
  if (!checkText(line, column, kind, found)) {
    fatal(line, column, kind, "UTF-8 text in the header", found);
    return;
  }
  header_ = fields_;
  headerLine_ = recordLine_;
}

bool CsvReader::checkText(int64_t& line, int64_t& column, std::string& kind,
                          std::string& found) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string& f = fields_[i];
    const size_t good = validUtf8Prefix(f);
    const size_t nul = f.find('\0');
    if (good == f.size() && nul == std::string::npos) continue;
    const size_t bad = std::min(good, nul);
    // Walk the field's text up to the bad byte to find its line and column in the file:
    // a quoted field starts one column after its quote, holds "" for each quote, and may
    // span lines.
    const bool quoted = i < quoted_.size() && quoted_[i];
    line = lines_[i];
    column = columns_[i] + (quoted ? 1 : 0);
    bool prevCR = false;
    for (size_t k = 0; k < bad; ++k) {
      const unsigned char c = static_cast<unsigned char>(f[k]);
      if (c == '\r' || (c == '\n' && !prevCR)) {
        ++line;
        column = 1;
      } else if (c == '"' && quoted) {
        column += 2;
      } else if (c != '\n' && (c & 0xC0) != 0x80) {
        ++column;
      }
      prevCR = c == '\r';
    }
    if (bad == nul) {
      kind = "nul-byte";
      found = "byte 0x00 (a binary or UTF-16 file?)";
    } else {
      kind = "invalid-utf8";
      found = describeByte(static_cast<unsigned char>(f[bad]));
    }
    return false;
  }
  return true;
}

bool CsvReader::nextByte(unsigned char& c) {
  if (pos_ >= buf_.size()) {
    pos_ = 0;
    if (!src_->read(buf_)) {
      buf_.clear();
      return false;
    }
  }
  c = static_cast<unsigned char>(buf_[pos_++]);
  if (c == '\n' || c == '\r') {
    byteLine_ = line_, byteColumn_ = column_ + 1;
    if (c == '\r' || !lastWasCR_) ++line_;
    column_ = 0;
    return true;
  }
  if ((c & 0xC0) != 0x80) ++column_;
  byteLine_ = line_, byteColumn_ = column_;
  return true;
}

CsvReader::Scan CsvReader::scanRecord() {
  fields_.clear();
  columns_.clear();
  lines_.clear();
  quoted_.clear();
  errorKind_.clear();
  enum { FieldStart, Unquoted, Quoted, QuoteInQuoted } state = FieldStart;
  std::string field;
  bool overflow = false, quotedField = false;
  int64_t quoteLine = 0, quoteColumn = 0;
  bool any = false;
  auto setError = [&](int64_t l, int64_t c, std::string kind, std::string exp, std::string found) {
    if (!errorKind_.empty()) return;
    errorLine_ = l, errorColumn_ = c;
    errorKind_ = std::move(kind), errorExpected_ = std::move(exp), errorFound_ = std::move(found);
  };
  auto endField = [&]() {
    if (static_cast<int>(fields_.size()) >= limits_.maxFields) {
      setError(line_, column_, "too-many-fields",
               "at most " + std::to_string(limits_.maxFields) + " fields", "more");
    } else {
      fields_.push_back(std::move(field));
      quoted_.push_back(quotedField);
    }
    field.clear();
    overflow = false;
    quotedField = false;
  };
  auto startField = [&]() {  // the next field starts after the separator just read
    columns_.push_back(column_ + 1);
    lines_.push_back(line_);
  };
  auto endRecord = [&](bool atNewline) {
    endField();
    endLine_ = atNewline ? byteLine_ : line_;
    endColumn_ = atNewline ? byteColumn_ : column_ + 1;
    return Scan::Record;
  };
  auto append = [&](unsigned char c) {
    if (overflow) return;
    if (static_cast<int64_t>(field.size()) >= limits_.maxFieldBytes) {
      overflow = true;
      setError(lines_.empty() ? recordLine_ : lines_.back(), columns_.empty() ? 1 : columns_.back(),
               "field-too-long",
               "a field of at most " + std::to_string(limits_.maxFieldBytes) + " bytes",
               "a longer field");
      return;
    }
    field.push_back(static_cast<char>(c));
  };

  unsigned char c;
  int64_t recordBytes = 0;
  while (true) {
    const bool got = nextByte(c);
    if (!got) {
      if (!src_->ok()) {
        fatal(line_, 0, "unreadable-input", "readable data", src_->error());
        return Scan::Fatal;
      }
      if (state == Quoted) {
        fatal(quoteLine, quoteColumn, "unbalanced-quote",
              "a closing '\"' for the quoted field that starts here", "the end of the file");
        return Scan::Fatal;
      }
      if (!any) return Scan::End;
      return endRecord(false);
    }
    const bool wasCR = lastWasCR_;
    lastWasCR_ = (c == '\r');
    if (c == '\n' && wasCR && state != Quoted) continue;  // second half of CRLF
    if (!any) {
      if (c == '\n' || c == '\r') continue;  // empty line: not a record
      any = true;
      recordLine_ = line_;
      columns_.push_back(1);
      lines_.push_back(line_);
    }
    // Past one field's limit a record is already rejected; far past it, the file is not a table
    // (or a quote never closes): stop instead of scanning gigabytes for the end of the line.
    if (++recordBytes > limits_.maxRecordBytes) {
      fatal(recordLine_, 1, "record-too-long", "a record of at most " + std::to_string(limits_.maxRecordBytes >> 20) + " MiB",
            "a longer one (not a text table, or a quote that never closes?)");
      return Scan::Fatal;
    }
    switch (state) {
      case FieldStart:
        if (quoting_ && c == '"') {
          state = Quoted;
          quotedField = true;
          quoteLine = line_, quoteColumn = column_;
          break;
        }
        state = Unquoted;
        [[fallthrough]];
      case Unquoted:
        if (c == static_cast<unsigned char>(sep_)) {
          endField();
          startField();
          state = FieldStart;
        } else if (c == '\n' || c == '\r') {
          return endRecord(true);
        } else {
          append(c);  // a stray quote inside an unquoted field is kept literally
        }
        break;
      case Quoted:
        if (c == '"') state = QuoteInQuoted;
        else append(c);
        break;
      case QuoteInQuoted:
        if (c == '"') {
          append(c);
          state = Quoted;
        } else if (c == static_cast<unsigned char>(sep_)) {
          endField();
          startField();
          state = FieldStart;
        } else if (c == '\n' || c == '\r') {
          return endRecord(true);
        } else {
          setError(line_, column_, "bad-quote",
                   std::string("'") + sep_ + "' or end of line after a closing quote",
                   describeByte(c));
          append(c);
          state = Unquoted;
        }
        break;
    }
  }
}

bool CsvReader::next(Record& record) {
  while (!failed_) {
    const Scan s = scanRecord();
    if (s == Scan::End && records_ == 0) {
      fatal(line_, column_ + 1, "no-rows", "at least one data row after the header",
            "the end of the file");
      return false;
    }
    if (s == Scan::End && kept_ == 0) {
      // Every row was rejected: the file is not what the mapping expects; say so, do not import nothing.
      fatal(headerLine_, 1, "no-valid-rows", "at least one usable data row",
            std::to_string(records_) + " row" + (records_ == 1 ? "" : "s") + ", all rejected (see the problems above)");
      return false;
    }
    if (s != Scan::Record) return false;
    ++records_;
    if (!errorKind_.empty()) {
      reject(errorLine_, errorColumn_, errorKind_, errorExpected_, errorFound_);
      continue;
    }
    if (fields_.size() != header_.size()) {
      // Too many: at the first extra field. Too few: at the end of the record, where
      // the next separator was expected.
      const bool tooMany = fields_.size() > header_.size();
      reject(tooMany ? lines_[header_.size()] : endLine_,
             tooMany ? columns_[header_.size()] : endColumn_, "wrong-field-count",
             std::to_string(header_.size()) + " fields as in the header",
             std::to_string(fields_.size()));
      continue;
    }
    int64_t line = 0, column = 0;
    std::string kind, found;
    if (!checkText(line, column, kind, found)) {
      reject(line, column, kind, "UTF-8 text", found);
      continue;
    }
    record.line = recordLine_;
    record.fields.swap(fields_);
    record.columns.swap(columns_);
    record.lines.swap(lines_);
    record.raw.clear();
    ++kept_;
    return true;
  }
  return false;
}

double CsvReader::progress() const {
  const int64_t size = src_->fileSize();
  return size > 0 ? static_cast<double>(src_->compressedBytesRead()) / static_cast<double>(size)
                  : 0.0;
}

}  // namespace il
