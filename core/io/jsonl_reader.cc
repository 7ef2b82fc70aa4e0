#include "jsonl_reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <charconv>
#include <cmath>

#include "../problem_log.h"
#include "../text/utf8.h"

namespace il {

namespace {
constexpr int kHeaderSampleLines = 200;

std::string numberText(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15)
    return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  return std::string(buf, res.ptr);
}

std::string valueText(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::String: return v.toString().toStdString();
    case QJsonValue::Double: return numberText(v.toDouble());
    case QJsonValue::Bool: return v.toBool() ? "true" : "false";
    case QJsonValue::Array:
      return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).toStdString();
    case QJsonValue::Object:
      return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).toStdString();
    default: return {};
  }
}
// Position of the opening quote of top-level key `key` in the JSON object text `raw`
// (already known to be valid JSON), so keys inside nested objects or string values
// are not mistaken for it. npos when absent or written with escapes.
size_t findTopLevelKey(const std::string& raw, const std::string& key) {
  int depth = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      const size_t start = i;
      for (++i; i < raw.size() && raw[i] != '"'; ++i)
        if (raw[i] == '\\') ++i;
      if (depth != 1) continue;
      size_t j = raw.find_first_not_of(" \t\r\n", i + 1);
      if (j != std::string::npos && raw[j] == ':' &&
          raw.compare(start + 1, i - start - 1, key) == 0)
        return start;
    }
  }
  return std::string::npos;
}
}  // namespace

JsonLinesReader::JsonLinesReader(const std::string& path, std::unique_ptr<ByteSource> src,
                                 std::string firstChunk, const ReaderLimits& limits,
                                 ProblemLog& log)
    : TableReader(path, FileFormat::JsonLines, log),
      src_(std::move(src)),
      buf_(std::move(firstChunk)),
      limits_(limits) {
  if (buf_.size() >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  // Sample the first lines for the header; keep them to hand out later.
  const int64_t rejectedBefore = log.count(Severity::Rejected);
  Line line;
  while (static_cast<int>(pending_.size()) < kHeaderSampleLines && readLine(line)) {
    std::vector<std::pair<std::string, std::string>> values;
    if (!parse(line, values)) continue;
    for (const auto& kv : values) {
      bool known = false;
      for (const auto& h : header_) known = known || h == kv.first;
      if (!known) header_.push_back(kv.first);
    }
    pending_.emplace_back(std::move(line), std::move(values));
  }
  if (!failed_ && header_.empty()) {
    // Say "empty" only when it is: a file whose lines were all rejected is not.
    const int64_t bad = log.count(Severity::Rejected) - rejectedBefore;
    if (bad == 0)
      fatal(1, 1, "empty-file", "JSON objects, one per line", "no object with any key");
    else
      fatal(1, 1, "no-valid-rows", "JSON objects, one per line",
            std::to_string(bad) + " rejected line" + (bad == 1 ? "" : "s") + " and no object with any key");
  }
}

bool JsonLinesReader::readLine(Line& line) {
  line.text.clear();
  bool any = false, overflow = false;
  int64_t lineBytes = 0;
  while (!failed_) {
    if (pos_ >= buf_.size()) {
      pos_ = 0;
      if (!src_->read(buf_)) {
        buf_.clear();
        if (!src_->ok()) {
          fatal(lineNumber_ + 1, 0, "unreadable-input", "readable data", src_->error());
          return false;
        }
        if (!any) return false;
        break;
      }
    }
    if (!any) {
      any = true;
      line.number = ++lineNumber_;
    }
    const size_t nl = buf_.find('\n', pos_);
    const size_t end = nl == std::string::npos ? buf_.size() : nl;
    // A line far past the field limit means this is not JSON lines: stop rather than scan on.
    lineBytes += static_cast<int64_t>(end - pos_);
    if (lineBytes > limits_.maxRecordBytes) {
      fatal(line.number, 1, "record-too-long", "a line of at most " + std::to_string(limits_.maxRecordBytes >> 20) + " MiB",
            "a longer one (not a JSON-lines file?)");
      return false;
    }
    if (!overflow) {
      if (static_cast<int64_t>(line.text.size() + (end - pos_)) > limits_.maxFieldBytes) {
        overflow = true;
        line.text.clear();
      } else {
        line.text.append(buf_, pos_, end - pos_);
      }
    }
    pos_ = end;
    if (nl != std::string::npos) {
      ++pos_;
      break;
    }
  }
  if (failed_) return false;
  if (overflow) {
    reject(line.number, 1, "field-too-long",
           "a line of at most " + std::to_string(limits_.maxFieldBytes) + " bytes",
           "a longer line");
    line.text.clear();  // an empty line is skipped by parse()
  }
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  return true;
}

bool JsonLinesReader::parse(const Line& line,
                            std::vector<std::pair<std::string, std::string>>& values) {
  values.clear();
  size_t first = line.text.find_first_not_of(" \t");
  if (first == std::string::npos) return false;  // blank line
  const size_t good = validUtf8Prefix(line.text);
  if (good != line.text.size()) {
    reject(line.number,
           1 + static_cast<int64_t>(codePointCount(std::string_view(line.text).substr(0, good))),
           "invalid-utf8", "UTF-8 text", "a byte that is not UTF-8");
    return false;
  }
  // Qt accepts raw NUL bytes inside strings; they mean a binary or UTF-16 file.
  if (const size_t nul = line.text.find('\0'); nul != std::string::npos) {
    reject(line.number,
           1 + static_cast<int64_t>(codePointCount(std::string_view(line.text).substr(0, nul))),
           "nul-byte", "UTF-8 text", "byte 0x00 (a binary or UTF-16 file?)");
    return false;
  }
  QJsonParseError err;
  const QJsonDocument doc =
      QJsonDocument::fromJson(QByteArray::fromRawData(line.text.data(), line.text.size()), &err);
  if (err.error != QJsonParseError::NoError) {
    // Qt's offset is just past the offending character, except for garbage after the
    // document where it is the character itself.
    size_t offset = static_cast<size_t>(std::max(0, err.offset));
    if (err.error != QJsonParseError::GarbageAtEnd && offset > 0) --offset;
    offset = std::min(offset, line.text.size());
    reject(line.number,
           1 + static_cast<int64_t>(
                   codePointCount(std::string_view(line.text).substr(0, offset))),
           "bad-json", "a valid JSON object", err.errorString().toStdString());
    return false;
  }
  if (!doc.isObject()) {
    reject(line.number, static_cast<int64_t>(first) + 1, "bad-json", "a JSON object",
           doc.isArray() ? "an array" : "a scalar");
    return false;
  }
  const QJsonObject obj = doc.object();
  // QJsonObject sorts keys; restore file order so the header reads naturally.
  std::vector<std::pair<size_t, std::pair<std::string, std::string>>> ordered;
  ordered.reserve(obj.size());
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it.value().isNull() || it.value().isUndefined()) continue;
    std::string key = it.key().toStdString();
    const size_t at = findTopLevelKey(line.text, key);
    ordered.push_back({at, {std::move(key), valueText(it.value())}});
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  values.reserve(ordered.size());
  for (auto& o : ordered) values.push_back(std::move(o.second));
  return true;
}

bool JsonLinesReader::next(Record& record) {
  while (!failed_) {
    std::pair<Line, std::vector<std::pair<std::string, std::string>>> item;
    if (!pending_.empty()) {
      item = std::move(pending_.front());
      pending_.pop_front();
    } else {
      if (!readLine(item.first)) return false;
      if (!parse(item.first, item.second)) continue;
    }
    record.line = item.first.number;
    record.raw = std::move(item.first.text);
    record.fields.assign(header_.size(), std::string());
    record.columns.assign(header_.size(), 0);
    for (auto& kv : item.second) {
      for (size_t i = 0; i < header_.size(); ++i) {
        if (header_[i] == kv.first) {
          record.fields[i] = std::move(kv.second);
          record.columns[i] = 1;  // present; the exact column is found on demand
          break;
        }
      }
    }
    return true;
  }
  return false;
}

int64_t JsonLinesReader::columnOf(const Record& record, size_t i) const {
  if (i >= header_.size()) return 0;
  // A key that is absent (or null) is reported at the object's opening brace.
  const size_t at = record.columns[i] == 0 ? record.raw.find('{')
                                           : findTopLevelKey(record.raw, header_[i]);
  if (at == std::string::npos) return 1;
  return 1 + static_cast<int64_t>(codePointCount(std::string_view(record.raw).substr(0, at)));
}

double JsonLinesReader::progress() const {
  const int64_t size = src_->fileSize();
  return size > 0 ? static_cast<double>(src_->compressedBytesRead()) / static_cast<double>(size)
                  : 0.0;
}

}  // namespace il
