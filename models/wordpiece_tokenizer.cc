#include "wordpiece_tokenizer.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>
#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "encoder.h"  // EncoderError
#include "unicode_tables.h"

namespace il {
namespace {

namespace uc = il::unicode;

constexpr std::string_view kContinuationPrefix = "##";
constexpr std::array<std::string_view, 5> kSpecialTokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]",
                                                            "[MASK]"};

// Properties of ASCII without a table lookup (same values as uc::props()).
constexpr std::array<uint8_t, 128> makeAsciiProps() {
  std::array<uint8_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c) {
    uint8_t p = 0;
    if ((c < 32 && c != '\t' && c != '\n' && c != '\r') || c == 127) p |= uc::kCleanDrop;
    if ((c >= 9 && c <= 13) || c == ' ') p |= uc::kWhitespace;
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
        (c >= 123 && c <= 126))
      p |= uc::kPunct;
    if (c >= 'A' && c <= 'Z') p |= uc::kLowerDiffers;
    t[c] = p;
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiProps = makeAsciiProps();

// Per-thread buffers so that encoding allocates nothing in the steady state.
struct Scratch {
  std::u32string a, b;
  std::string word;
  std::vector<uint32_t> bounds;  // byte offset of each code point of `word`, then word.size()
  std::vector<int32_t> ids;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Real vocabularies are ~30k-250k tokens and a few MB (tokenizer.json a few MB more); anything far
// larger is hostile or not a vocabulary, and is refused before it costs memory.
constexpr int64_t kMaxVocabFileBytes = int64_t{64} << 20;
constexpr int64_t kMaxVocabEntries = 4'000'000;  // BertConfig::kMaxVocab

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw EncoderError(path + ": " + problem);
}

QJsonObject readJsonObject(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly))
    fail(path.toStdString(), "cannot open (" + f.errorString().toStdString() + ")");
  if (f.size() > kMaxVocabFileBytes)
    fail(path.toStdString(), "file of " + std::to_string(f.size() >> 20) + " MiB, larger than the limit of " +
                                 std::to_string(kMaxVocabFileBytes >> 20) + " MiB for a tokenizer");
  QJsonParseError err{};
  // Only what the file holds (read(kMax + 1) would allocate 64 MiB for every small file).
  const QJsonDocument doc = QJsonDocument::fromJson(f.read(std::min<qint64>(f.size(), kMaxVocabFileBytes) + 1), &err);
  if (err.error != QJsonParseError::NoError)
    fail(path.toStdString(), "invalid JSON at byte " + std::to_string(err.offset) + ": " +
                                 err.errorString().toStdString());
  if (!doc.isObject()) fail(path.toStdString(), "invalid JSON: the top level is not an object");
  return doc.object();
}

// vocab.txt: UTF-8, one token per line, split on '\n' ONLY (bert-base-chinese has tokens that are
// U+2028; '\r', '\v', '\f', U+0085 inside a line are part of the token). A trailing '\r' is
// dropped (CRLF copies of vocab files exist); a final '\n' does not start another token.
std::vector<std::string> readVocabTxt(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) fail(path, "cannot open the vocabulary file");
  if (static_cast<int64_t>(in.tellg()) > kMaxVocabFileBytes)
    fail(path, "file of " + std::to_string(static_cast<int64_t>(in.tellg()) >> 20) + " MiB, larger than the limit of " +
                   std::to_string(kMaxVocabFileBytes >> 20) + " MiB for a vocabulary");
  in.seekg(0);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) fail(path, "read error");
  std::string data = std::move(ss).str();
  if (data.empty()) fail(path, "the vocabulary file is empty");
  size_t pos = 0;
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // a UTF-8 BOM is not part of token 0
  const int64_t lines = std::count(data.begin(), data.end(), '\n') + 1;
  if (lines > kMaxVocabEntries + 1)
    fail(path, std::to_string(lines) + " lines, more than the limit of " + std::to_string(kMaxVocabEntries) +
                   " tokens for a vocabulary");
  std::vector<std::string> vocab;
  vocab.reserve(static_cast<size_t>(lines));
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t i = 0;
    while (i < line.size()) {
      const size_t before = i;
      if (uc::decodeUtf8(line.data(), line.size(), i) == 0xFFFD &&
          line.substr(before, i - before) != "\xEF\xBF\xBD")
        fail(path, "line " + std::to_string(vocab.size() + 1) + " is not valid UTF-8");
    }
    vocab.emplace_back(line);
    pos = end + 1;
  }
  return vocab;
}

std::vector<std::string> vocabFromTokenizerJson(const QJsonObject& root, const std::string& path) {
  const QJsonObject model = root.value("model").toObject();
  if (model.isEmpty()) fail(path, "no \"model\" object");
  const QString type = model.value("type").toString();
  if (!type.isEmpty() && type != "WordPiece")
    fail(path, "model type is " + type.toStdString() + ", not WordPiece");
  const QJsonValue v = model.value("vocab");
  if (!v.isObject()) fail(path, "model.vocab is missing or not an object");
  const QJsonObject obj = v.toObject();
  std::vector<std::pair<int64_t, QString>> entries;
  entries.reserve(static_cast<size_t>(obj.size()));
  int64_t maxId = -1;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const double d = it.value().toDouble(-1);
    const auto id = static_cast<int64_t>(d);
    if (!it.value().isDouble() || d != static_cast<double>(id) || id < 0 || id >= kMaxVocabEntries)
      fail(path, "model.vocab[\"" + it.key().toStdString() + "\"] is not a valid id");
    entries.emplace_back(id, it.key());
    maxId = std::max(maxId, id);
  }
  if (entries.empty()) fail(path, "model.vocab is empty");
  // Ids are dense in real files; a few ids near the limit must not allocate millions of slots.
  if (maxId >= 2 * static_cast<int64_t>(entries.size()) + 1024)
    fail(path, "model.vocab has " + std::to_string(entries.size()) + " tokens but ids up to " + std::to_string(maxId) +
                   " (ids are expected to be 0..N-1)");
  // Ids without a token (none in real files) stay "" and can never match a word.
  std::vector<std::string> vocab(static_cast<size_t>(maxId + 1));
  for (const auto& [id, tok] : entries) vocab[static_cast<size_t>(id)] = tok.toStdString();
  return vocab;
}

// The BertNormalizer of tokenizer.json (directly, or inside a "Sequence"); empty if none.
QJsonObject findBertNormalizer(const QJsonValue& v) {
  const QJsonObject o = v.toObject();
  if (o.value("type").toString() == "BertNormalizer") return o;
  if (o.value("type").toString() == "Sequence") {
    for (const QJsonValue& n : o.value("normalizers").toArray()) {
      QJsonObject found = findBertNormalizer(n);
      if (!found.isEmpty()) return found;
    }
  }
  return {};
}

int stripAccentsValue(const QJsonValue& v, const std::string& path, const char* key) {
  if (v.isNull()) return -1;
  if (v.isBool()) return v.toBool() ? 1 : 0;
  fail(path, std::string(key) + " must be true, false or null");
}

bool boolValue(const QJsonValue& v, const std::string& path, const char* key) {
  if (!v.isBool()) fail(path, std::string(key) + " must be true or false");
  return v.toBool();
}

// One special-token-free piece of text through BertNormalizer and BertPreTokenizer, in HF
// tokenizers' (Rust) order: clean text, isolate CJK ideographs, NFD + drop Mn (if accents are
// stripped), lowercase per code point, split on whitespace, isolate punctuation.
// sink(word, bounds, chars) gets each word as UTF-8 with chars+1 code point byte offsets and
// returns false to stop early.
template <class Sink>
void basicSplit(std::string_view text, const TokenizerFlags& flags, Sink&& sink) {
  if (text.empty()) return;
  Scratch& s = scratch();
  const char* p = text.data();
  const size_t n = text.size();
  unsigned char high = 0;
  for (size_t i = 0; i < n; ++i) high |= static_cast<unsigned char>(p[i]);

  if (high < 0x80) {
    // All ASCII (most review text): no decoding, no NFD; words are byte ranges.
    std::string& buf = s.word;
    buf.resize(n);
    char* q = buf.data();
    for (size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      const uint8_t pr = kAsciiProps[c];
      if (flags.cleanText) {
        if (pr & uc::kCleanDrop) continue;
        if (pr & uc::kWhitespace) {
          *q++ = ' ';
          continue;
        }
      }
      *q++ = static_cast<char>(flags.lowercase && (pr & uc::kLowerDiffers) ? c + 32 : c);
    }
    const size_t m = static_cast<size_t>(q - buf.data());
    const char* d = buf.data();
    size_t start = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint8_t pr = kAsciiProps[static_cast<unsigned char>(d[i])];
      if (!(pr & (uc::kWhitespace | uc::kPunct))) continue;
      if (i > start && !sink(std::string_view(d + start, i - start), nullptr, i - start)) return;
      if ((pr & uc::kPunct) && !sink(std::string_view(d + i, 1), nullptr, 1)) return;
      start = i + 1;
    }
    if (m > start) sink(std::string_view(d + start, m - start), nullptr, m - start);
    return;
  }

  const uc::PropTable& table = uc::propTable();
  const auto propsOf = [&table](char32_t c) { return c < 128 ? kAsciiProps[c] : table(c); };
  const bool strip = flags.stripsAccents();
  // 1. Decode, clean, isolate CJK. At most one code point per input byte (a CJK ideograph is
  //    3-4 bytes and becomes 3 code points with its spaces).
  std::u32string& a = s.a;
  a.resize(n);
  char32_t* out = a.data();
  for (size_t i = 0; i < n;) {
    char32_t c = static_cast<unsigned char>(p[i]);
    if (c < 0x80)
      ++i;
    else
      c = uc::decodeUtf8(p, n, i);  // invalid bytes -> U+FFFD
    const uint8_t pr = propsOf(c);
    if (flags.cleanText) {
      if (pr & uc::kCleanDrop) continue;  // vanishes without leaving a space
      if (pr & uc::kWhitespace) {
        *out++ = U' ';
        continue;
      }
    }
    if ((pr & uc::kCjk) && flags.tokenizeChineseChars) {
      *out++ = U' ';
      *out++ = c;
      *out++ = U' ';
      continue;
    }
    *out++ = c;
  }
  a.resize(static_cast<size_t>(out - a.data()));

  std::u32string* cur = &a;
  if (strip || flags.lowercase) {
    std::u32string& b = s.b;
    const std::u32string* src = &a;
    if (strip) {
      // 2. NFD: full canonical decomposition, then canonical ordering of combining marks.
      b.clear();
      bool nonStarters = false;
      for (char32_t c : a) {
        const uint8_t pr = propsOf(c);
        if (pr & uc::kDecomposes) {
          const size_t at = b.size();
          uc::appendCanonicalDecomposition(c, b);
          for (size_t k = at; k < b.size(); ++k)
            nonStarters |= (propsOf(b[k]) & uc::kNonStarter) != 0;
        } else {
          nonStarters |= (pr & uc::kNonStarter) != 0;
          b.push_back(c);
        }
      }
      if (nonStarters) uc::canonicalReorder(b);
      src = &b;
    }
    // 3. Drop Mn (when stripping), then lowercase (Rust order: strip accents, then lowercase).
    std::u32string& dst = src == &a ? b : a;
    dst.clear();
    for (char32_t c : *src) {
      const uint8_t pr = propsOf(c);
      if (strip && (pr & uc::kNonspacingMark)) continue;
      if (flags.lowercase && (pr & uc::kLowerDiffers))
        uc::appendLowercase(c, dst);
      else
        dst.push_back(c);
    }
    cur = &dst;
  }

  // 4. Pre-tokenize: whitespace separates words, every punctuation character is a word.
  std::string& w = s.word;
  std::vector<uint32_t>& bounds = s.bounds;
  w.clear();
  bounds.clear();
  const auto flush = [&]() -> bool {
    if (w.empty()) return true;
    const size_t chars = bounds.size();
    bounds.push_back(static_cast<uint32_t>(w.size()));
    const bool more = sink(std::string_view(w), bounds.data(), chars);
    w.clear();
    bounds.clear();
    return more;
  };
  for (char32_t c : *cur) {
    const uint8_t pr = propsOf(c);
    if (pr & uc::kWhitespace) {
      if (!flush()) return;
    } else if (pr & uc::kPunct) {
      if (!flush()) return;
      bounds.push_back(0);
      uc::appendUtf8(c, w);
      if (!flush()) return;
    } else {
      bounds.push_back(static_cast<uint32_t>(w.size()));
      if (c < 0x80)
        w.push_back(static_cast<char>(c));
      else
        uc::appendUtf8(c, w);
    }
  }
  flush();
}

}  // namespace

// ---- TokenIndex --------------------------------------------------------------------------------

namespace {
// Fast 64-bit hash for short keys (8 bytes per multiply); quality is ample for a hash table.
inline uint64_t hashBytes(const char* p, size_t n) noexcept {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = 0x243F6A8885A308D3ull ^ (n * kMul);
  while (n >= 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    h = (h ^ x) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t x = 0;
    std::memcpy(&x, p, n);
    h = (h ^ x) * kMul;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

inline uint64_t shortKey(const char* p, size_t n) noexcept {  // n <= 8
  uint64_t x = 0;
  std::memcpy(&x, p, n);
  return x;
}
}  // namespace

void WordPieceTokenizer::TokenIndex::reserve(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  if (cap <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(cap, Slot{0, 0, 0, -1});
  const size_t mask = cap - 1;
  for (const Slot& s : old) {
    if (s.id < 0) continue;
    const uint64_t h = s.length <= 8 ? hashBytes(reinterpret_cast<const char*>(&s.key), s.length)
                                     : hashBytes(arena_.data() + s.key, s.length);
    size_t i = h & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordPieceTokenizer::TokenIndex::grow() { reserve(slots_.size()); }

void WordPieceTokenizer::TokenIndex::insertOrAssign(std::string_view key, int32_t id) {
  if (key.size() > std::numeric_limits<uint16_t>::max())
    throw EncoderError("a vocabulary token is longer than 65535 bytes");
  const int32_t existing = find(key);
  if (existing >= 0) {  // a later duplicate wins
    const uint64_t h = hashBytes(key.data(), key.size());
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].id == existing) {
        slots_[i].id = id;
        return;
      }
  }
  if (slots_.empty() || 2 * (size_ + 1) > slots_.size()) grow();
  const uint64_t h = hashBytes(key.data(), key.size());
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].id >= 0) i = (i + 1) & mask;
  uint64_t k;
  if (key.size() <= 8) {
    k = shortKey(key.data(), key.size());
  } else {
    k = arena_.size();
    arena_.append(key);
  }
  slots_[i] = Slot{k, static_cast<uint16_t>(h >> 48), static_cast<uint16_t>(key.size()), id};
  ++size_;
  maxKeyBytes_ = std::max(maxKeyBytes_, key.size());
}

int32_t WordPieceTokenizer::TokenIndex::find(std::string_view key) const noexcept {
  if (slots_.empty() || key.size() > maxKeyBytes_) return -1;
  const uint64_t h = hashBytes(key.data(), key.size());
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<uint16_t>(h >> 48);
  const auto len = static_cast<uint16_t>(key.size());
  if (len <= 8) {
    const uint64_t k = shortKey(key.data(), len);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (s.key == k && s.length == len) return s.id;
    }
  }
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id < 0) return -1;
    if (s.tag == tag && s.length == len && std::memcmp(arena_.data() + s.key, key.data(), len) == 0)
      return s.id;
  }
}

// ---- WordPieceTokenizer ------------------------------------------------------------------------

WordPieceTokenizer WordPieceTokenizer::fromDirectory(const std::string& dir) {
  const QString qdir = QString::fromStdString(dir);
  const auto file = [&](const char* name) { return QDir(qdir).filePath(QString::fromLatin1(name)); };
  const QString vocabPath = file("vocab.txt");
  const QString jsonPath = file("tokenizer.json");
  const QString configPath = file("tokenizer_config.json");
  if (!QFileInfo(qdir).isDir()) fail(dir, "model folder does not exist");

  TokenizerFlags flags;
  QJsonObject tokJson;
  const bool haveJson = QFileInfo::exists(jsonPath);
  if (haveJson) {
    tokJson = readJsonObject(jsonPath);
    const std::string p = jsonPath.toStdString();
    const QJsonObject bert = findBertNormalizer(tokJson.value("normalizer"));
    if (!bert.isEmpty()) {
      if (bert.contains("lowercase")) flags.lowercase = boolValue(bert["lowercase"], p, "lowercase");
      if (bert.contains("strip_accents"))
        flags.stripAccents = stripAccentsValue(bert["strip_accents"], p, "strip_accents");
      if (bert.contains("handle_chinese_chars"))
        flags.tokenizeChineseChars =
            boolValue(bert["handle_chinese_chars"], p, "handle_chinese_chars");
      if (bert.contains("clean_text")) flags.cleanText = boolValue(bert["clean_text"], p, "clean_text");
    }
    const QJsonObject model = tokJson.value("model").toObject();
    if (model.contains("max_input_chars_per_word")) {
      const QJsonValue m = model["max_input_chars_per_word"];
      if (!m.isDouble() || m.toDouble() < 1 || m.toDouble() > 1e9)
        fail(p, "model.max_input_chars_per_word must be a positive integer");
      flags.maxInputCharsPerWord = m.toInt();
    }
    const QJsonValue prefix = model.value("continuing_subword_prefix");
    if (prefix.isString() && prefix.toString() != "##")
      fail(p, "continuing_subword_prefix \"" + prefix.toString().toStdString() +
                  "\" is not supported (only \"##\")");
  }
  if (QFileInfo::exists(configPath)) {
    const QJsonObject cfg = readJsonObject(configPath);
    const std::string p = configPath.toStdString();
    if (cfg.contains("do_lower_case"))
      flags.lowercase = boolValue(cfg["do_lower_case"], p, "do_lower_case");
    if (cfg.contains("strip_accents"))
      flags.stripAccents = stripAccentsValue(cfg["strip_accents"], p, "strip_accents");
    if (cfg.contains("tokenize_chinese_chars"))
      flags.tokenizeChineseChars = boolValue(cfg["tokenize_chinese_chars"], p, "tokenize_chinese_chars");
  }

  std::vector<std::string> vocab;
  std::string source;
  if (QFileInfo::exists(vocabPath)) {
    source = vocabPath.toStdString();
    vocab = readVocabTxt(source);
  } else if (haveJson) {
    source = jsonPath.toStdString();
    vocab = vocabFromTokenizerJson(tokJson, source);
  } else {
    fail(vocabPath.toStdString(), "vocabulary file not found (nor tokenizer.json next to it)");
  }
  try {
    return WordPieceTokenizer(std::move(vocab), flags);
  } catch (const EncoderError& e) {
    fail(source, e.what());
  }
}

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> vocab, TokenizerFlags flags)
    : vocab_(std::move(vocab)), flags_(flags) {
  if (vocab_.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
    throw EncoderError("vocabulary too large");
  whole_.reserve(vocab_.size());
  size_t continuations = 0;
  for (const std::string& t : vocab_) continuations += t.starts_with(kContinuationPrefix);
  continuation_.reserve(continuations);
  for (size_t i = 0; i < vocab_.size(); ++i) {
    const std::string_view t = vocab_[i];
    const auto id = static_cast<int32_t>(i);
    whole_.insertOrAssign(t, id);  // a later duplicate wins, as in HF's load_vocab
    if (t.size() > kContinuationPrefix.size() && t.starts_with(kContinuationPrefix))
      continuation_.insertOrAssign(t.substr(kContinuationPrefix.size()), id);
  }
  std::string missing;
  for (std::string_view name : kSpecialTokens) {
    const int32_t id = tokenToId(name);
    if (id >= 0) specials_.emplace_back(std::string(name), id);
    if (name == "[MASK]") continue;  // optional
    if (id < 0) missing += (missing.empty() ? "" : ", ") + std::string(name);
    if (name == "[PAD]") padId_ = id;
    if (name == "[UNK]") unkId_ = id;
    if (name == "[CLS]") clsId_ = id;
    if (name == "[SEP]") sepId_ = id;
  }
  if (!missing.empty())
    throw EncoderError("the vocabulary (" + std::to_string(vocab_.size()) +
                       " tokens) lacks the special token(s) " + missing);
}

int32_t WordPieceTokenizer::tokenToId(std::string_view token) const { return whole_.find(token); }

std::string WordPieceTokenizer::idToToken(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= vocab_.size())
    throw std::out_of_range("token id " + std::to_string(id) + " outside the vocabulary of " +
                            std::to_string(vocab_.size()));
  return vocab_[static_cast<size_t>(id)];
}

std::vector<std::string> basicTokenize(const std::string& utf8, const TokenizerFlags& flags) {
  std::vector<std::string> words;
  basicSplit(utf8, flags, [&](std::string_view word, const uint32_t*, size_t) {
    words.emplace_back(word);
    return true;
  });
  return words;
}

std::vector<std::string> WordPieceTokenizer::tokenize(const std::string& utf8) const {
  std::vector<int32_t> ids;
  appendPieces(utf8, ids, std::numeric_limits<size_t>::max());
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int32_t id : ids) out.push_back(vocab_[static_cast<size_t>(id)]);
  return out;
}

TokenizedText WordPieceTokenizer::encode(const std::string& utf8, int maxLength) const {
  TokenizedText t;
  encodeInto(utf8, t.ids, maxLength);
  return t;
}

void WordPieceTokenizer::encodeInto(std::string_view utf8, std::vector<int32_t>& ids,
                                    int maxLength) const {
  ids.clear();
  ids.push_back(clsId_);
  // HF truncation for one sequence: [CLS] + the first maxLength-2 pieces + [SEP].
  size_t limit = std::numeric_limits<size_t>::max();
  if (maxLength > 0) limit = 1 + static_cast<size_t>(std::max(maxLength - 2, 0));
  appendPieces(utf8, ids, limit);
  if (ids.size() > limit) ids.resize(limit);
  ids.push_back(sepId_);
}

size_t WordPieceTokenizer::tokenCount(std::string_view utf8) const {
  std::vector<int32_t>& ids = scratch().ids;
  encodeInto(utf8, ids, 0);
  return ids.size();
}

void WordPieceTokenizer::appendPieces(std::string_view text, std::vector<int32_t>& out,
                                      size_t limit) const {
  const auto segment = [&](std::string_view seg) {
    if (out.size() >= limit) return;
    basicSplit(seg, flags_, [&](std::string_view word, const uint32_t* bounds, size_t chars) {
      appendWordPieces(word, bounds, chars, out);
      return out.size() < limit;
    });
  };
  if (!flags_.splitSpecialTokens || specials_.empty()) {
    segment(text);
    return;
  }
  // HF matches the special tokens on the raw text (before any normalisation), leftmost-longest;
  // the text between them is tokenized on its own.
  size_t segStart = 0, pos = 0;
  while (pos < text.size() && out.size() < limit) {
    const void* hit = std::memchr(text.data() + pos, '[', text.size() - pos);
    if (!hit) break;
    pos = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
    const std::pair<std::string, int32_t>* best = nullptr;
    for (const auto& sp : specials_)
      if (text.compare(pos, sp.first.size(), sp.first) == 0 &&
          (!best || sp.first.size() > best->first.size()))
        best = &sp;
    if (!best) {
      ++pos;
      continue;
    }
    segment(text.substr(segStart, pos - segStart));
    if (out.size() >= limit) return;
    out.push_back(best->second);
    pos += best->first.size();
    segStart = pos;
  }
  if (segStart < text.size()) segment(text.substr(segStart));
}

// Greedy longest-match-first WordPiece over code points.
void WordPieceTokenizer::appendWordPieces(std::string_view word, const uint32_t* bounds,
                                          size_t chars, std::vector<int32_t>& out) const {
  if (chars > static_cast<size_t>(std::max(flags_.maxInputCharsPerWord, 0))) {
    out.push_back(unkId_);
    return;
  }
  const auto at = [bounds](size_t k) -> size_t { return bounds ? bounds[k] : k; };
  const size_t mark = out.size();
  size_t start = 0;
  while (start < chars) {
    const TokenIndex& index = start == 0 ? whole_ : continuation_;
    const size_t maxBytes = index.maxKeyBytes();
    const size_t from = at(start);
    size_t end = chars;
    if (at(end) - from > maxBytes) {  // skip lengths no token has
      if (!bounds) {
        end = start + maxBytes;
      } else {
        while (end > start && at(end) - from > maxBytes) --end;
      }
    }
    int32_t id = -1;
    for (; end > start; --end) {
      id = index.find(word.substr(from, at(end) - from));
      if (id >= 0) break;
    }
    if (id < 0) {  // an unmatchable position makes the whole word one [UNK]
      out.resize(mark);
      out.push_back(unkId_);
      return;
    }
    out.push_back(id);
    start = end;
  }
}

}  // namespace il
