#include "word_vectors.h"

#include <QCryptographicHash>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "encoder.h"

namespace il {

namespace fs = std::filesystem;

namespace {
constexpr int kMaxDim = 10000;
// A word and kMaxDim numbers fit in well under 1 MiB; a longer line is not a vector file.
constexpr size_t kMaxLineBytes = size_t{1} << 20;

// std::getline with a cap: a line longer than `cap` sets tooLong without being read whole.
bool getLineCapped(std::istream& in, std::string& line, size_t cap, bool& tooLong) {
  line.clear();
  tooLong = false;
  char buf[8192];
  while (true) {
    in.getline(buf, sizeof buf);
    const auto n = static_cast<size_t>(in.gcount());
    if (in.eof()) {  // the last line, without '\n'
      line.append(buf, n);
      return !line.empty();
    }
    if (in.fail()) {  // the buffer filled before '\n'
      line.append(buf, n);
      in.clear();
      if (line.size() > cap) {
        tooLong = true;
        return true;
      }
      continue;
    }
    line.append(buf, n - 1);  // n counts the '\n'
    return true;
  }
}

[[noreturn]] void fail(const std::string& file, int64_t line, const std::string& what) {
  throw EncoderError(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + what);
}

bool parseFloat(std::string_view s, float& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Splits on single spaces / tabs, skipping empty fields.
std::vector<std::string_view> splitFields(std::string_view line) {
  std::vector<std::string_view> f;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) f.push_back(line.substr(b, i - b));
  }
  return f;
}

bool looksBinaryWord2Vec(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string first;
  bool tooLong = false;
  if (!getLineCapped(in, first, 256, tooLong) || tooLong) return false;  // a header is "count dim"
  const auto f = splitFields(first);
  if (f.size() != 2) return false;
  // Header "count dim": then the body is binary if it holds bytes text never has.
  char buf[4096];
  in.read(buf, sizeof buf);
  for (std::streamsize i = 0; i < in.gcount(); ++i)
    if (buf[i] == 0 || static_cast<unsigned char>(buf[i]) < 9) return true;
  return false;
}
}  // namespace

void WordVectors::add(std::string word, const float* v) {
  // The first occurrence wins (files list frequent words first).
  if (!index_.try_emplace(word, static_cast<int32_t>(words_.size())).second) return;
  words_.push_back(std::move(word));
  data_.insert(data_.end(), v, v + dim_);
}

const float* WordVectors::find(const std::string& word) const {
  auto it = index_.find(word);
  return it == index_.end() ? nullptr : &data_[static_cast<size_t>(it->second) * static_cast<size_t>(dim_)];
}

std::string WordVectors::fingerprint() const {
  QCryptographicHash h(QCryptographicHash::Sha256);
  h.addData(QByteArrayView(reinterpret_cast<const char*>(&dim_), sizeof dim_));
  for (size_t i = 0; i < words_.size(); i += 97) {
    h.addData(QByteArrayView(words_[i].data(), static_cast<qsizetype>(words_[i].size())));
    h.addData(QByteArrayView(reinterpret_cast<const char*>(&data_[i * static_cast<size_t>(dim_)]),
                             static_cast<qsizetype>(sizeof(float) * static_cast<size_t>(dim_))));
  }
  return h.result().toHex().left(16).toStdString();
}

WordVectors WordVectors::load(const std::string& path, int64_t maxWords) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    const fs::path dir(path);
    std::string bin, text;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string ext = e.path().extension().string();
      if (ext == ".bin" && bin.empty()) bin = e.path().string();
      if ((ext == ".txt" || ext == ".vec") && e.path().filename() != "words.txt" && text.empty())
        text = e.path().string();
    }
    if (fs::exists(dir / "words.txt") && !bin.empty())
      return loadWordsAndMatrix((dir / "words.txt").string(), bin, maxWords);
    if (!text.empty()) return load(text, maxWords);
    if (!bin.empty()) return load(bin, maxWords);
    fail(path, 0, "no word vectors found (expected a GloVe/word2vec .txt/.vec/.bin file, or words.txt with a .bin matrix)");
  }
  if (!fs::exists(path, ec)) fail(path, 0, "no such file");
  return looksBinaryWord2Vec(path) ? loadWord2VecBinary(path, maxWords) : loadText(path, maxWords);
}

WordVectors WordVectors::loadText(const std::string& file, int64_t maxWords) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, 0, "cannot open");
  WordVectors wv;
  wv.source_ = file;
  std::string line;
  int64_t lineNo = 0;
  std::vector<float> row;
  bool tooLong = false;
  while (getLineCapped(in, line, kMaxLineBytes, tooLong)) {
    ++lineNo;
    if (tooLong) fail(file, lineNo, "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB (not a word-vector file)");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto f = splitFields(line);
    if (f.empty()) continue;
    if (lineNo == 1 && f.size() == 2) continue;  // word2vec text header "count dim"
    if (wv.dim_ == 0) {
      wv.dim_ = static_cast<int>(f.size()) - 1;
      if (wv.dim_ < 1 || wv.dim_ > kMaxDim) fail(file, lineNo, "expected a word and 1.." + std::to_string(kMaxDim) + " numbers");
    }
    if (static_cast<int>(f.size()) != wv.dim_ + 1)
      fail(file, lineNo, "expected a word and " + std::to_string(wv.dim_) + " numbers, found " +
                             std::to_string(f.size() - 1) + " fields after the word");
    row.resize(static_cast<size_t>(wv.dim_));
    for (int i = 0; i < wv.dim_; ++i)
      if (!parseFloat(f[static_cast<size_t>(i) + 1], row[static_cast<size_t>(i)]))
        fail(file, lineNo, "expected a number, found '" + std::string(f[static_cast<size_t>(i) + 1].substr(0, 30)) + "'");
    wv.add(std::string(f[0]), row.data());
    if (maxWords > 0 && static_cast<int64_t>(wv.size()) >= maxWords) break;
  }
  if (wv.words_.empty()) fail(file, 0, "no word vectors in the file");
  return wv;
}

WordVectors WordVectors::loadWord2VecBinary(const std::string& file, int64_t maxWords) {
  std::ifstream in(file, std::ios::binary);
  std::string header;
  bool tooLong = false;
  getLineCapped(in, header, 256, tooLong);
  const auto f = splitFields(header);
  if (tooLong || f.size() != 2) fail(file, 1, "expected a word2vec header \"count dim\"");
  int64_t count = 0;
  int dim = 0;
  std::from_chars(f[0].data(), f[0].data() + f[0].size(), count);
  std::from_chars(f[1].data(), f[1].data() + f[1].size(), dim);
  if (count <= 0 || dim <= 0 || dim > kMaxDim) fail(file, 1, "bad word2vec header '" + header + "'");
  const auto fileSize = static_cast<int64_t>(fs::file_size(file));
  if (count > fileSize / (static_cast<int64_t>(dim) * 4 + 2)) fail(file, 1, "header claims more words than the file holds");
  WordVectors wv;
  wv.source_ = file;
  wv.dim_ = dim;
  std::vector<float> row(static_cast<size_t>(dim));
  for (int64_t w = 0; w < count; ++w) {
    std::string word;
    char c;
    while (in.get(c) && c != ' ') {
      if (c != '\n') word.push_back(c);
      if (word.size() > 1000) fail(file, 0, "word " + std::to_string(w) + " is longer than 1000 bytes");
    }
    if (!in.read(reinterpret_cast<char*>(row.data()), static_cast<std::streamsize>(sizeof(float) * row.size())))
      fail(file, 0, "file ends inside the vector of word " + std::to_string(w) + " of " + std::to_string(count));
    wv.add(std::move(word), row.data());
    if (maxWords > 0 && static_cast<int64_t>(wv.size()) >= maxWords) break;
  }
  return wv;
}

WordVectors WordVectors::loadWordsAndMatrix(const std::string& wordsFile, const std::string& binFile,
                                            int64_t maxWords) {
  std::ifstream words(wordsFile, std::ios::binary);
  if (!words) fail(wordsFile, 0, "cannot open");
  std::vector<std::string> list;
  std::string line;
  bool tooLong = false;
  while (getLineCapped(words, line, 4096, tooLong)) {
    if (tooLong) fail(wordsFile, static_cast<int64_t>(list.size()) + 1, "a word longer than 4096 bytes");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    list.push_back(line);
  }
  const auto bytes = static_cast<int64_t>(fs::file_size(binFile));
  if (list.empty() || bytes == 0 || bytes % (4 * static_cast<int64_t>(list.size())) != 0)
    fail(binFile, 0, std::to_string(bytes) + " bytes is not a float32 matrix with one row per line of words.txt (" +
                         std::to_string(list.size()) + " words)");
  const int64_t dim = bytes / 4 / static_cast<int64_t>(list.size());
  if (dim > kMaxDim) fail(binFile, 0, "dimension " + std::to_string(dim) + " is implausible");
  WordVectors wv;
  wv.source_ = binFile;
  wv.dim_ = static_cast<int>(dim);
  std::ifstream in(binFile, std::ios::binary);
  std::vector<float> row(static_cast<size_t>(dim));
  for (auto& w : list) {
    if (!in.read(reinterpret_cast<char*>(row.data()), static_cast<std::streamsize>(sizeof(float) * row.size())))
      fail(binFile, 0, "read error");
    wv.add(std::move(w), row.data());
    if (maxWords > 0 && static_cast<int64_t>(wv.size()) >= maxWords) break;
  }
  return wv;
}

}  // namespace il
