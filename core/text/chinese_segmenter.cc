#include "chinese_segmenter.h"

#include "utf8_codec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace il {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at s[i], advancing i; a bad sequence yields U+FFFD for one byte.
char32_t decodeOne(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return ++i, c;
  int len = 0;
  char32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
  else return ++i, kReplacement;
  if (i + static_cast<size_t>(len) > s.size()) return ++i, kReplacement;
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = b(i + static_cast<size_t>(k));
    if ((cc & 0xC0) != 0x80) return ++i, kReplacement;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return ++i, kReplacement;
  i += static_cast<size_t>(len);
  return cp;
}

// bytes.strip()'s set.
bool asciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool asciiAlnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]
bool blockChar(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FD5) || asciiAlnum(c) || c == '+' || c == '#' || c == '&' || c == '.' ||
         c == '_' || c == '%' || c == '-';
}

constexpr uint64_t kNodeBits = 21, kMaxNodes = uint64_t{1} << kNodeBits, kNodeMask = kMaxNodes - 1;

inline uint64_t keyOf(uint32_t node, char32_t c) { return (static_cast<uint64_t>(node) << 21) | c; }

inline size_t slotOf(uint64_t key, size_t mask) {
  const uint64_t h = key * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h ^ (h >> 32)) & mask;
}

}  // namespace

uint32_t ChineseSegmenter::child(uint32_t node, char32_t c) const {
  if (c == 0 || c > 0x10FFFF) return 0;
  const uint64_t key = keyOf(node, c);
  const size_t mask = slots_.size() - 1;
  for (size_t s = slotOf(key, mask);; s = (s + 1) & mask) {
    const uint64_t e = slots_[s];
    if ((e >> kNodeBits) == key) return static_cast<uint32_t>(e & kNodeMask);
    if (e == 0) return 0;
  }
}

void ChineseSegmenter::grow() {
  std::vector<uint64_t> slots(slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (const uint64_t e : slots_) {
    if (e == 0) continue;
    size_t s = slotOf(e >> kNodeBits, mask);
    while (slots[s] != 0) s = (s + 1) & mask;
    slots[s] = e;
  }
  slots_.swap(slots);
}

uint32_t ChineseSegmenter::addChild(uint32_t node, char32_t c) {
  if (2 * (used_ + 1) > slots_.size()) grow();
  const uint64_t key = keyOf(node, c);
  const size_t mask = slots_.size() - 1;
  size_t s = slotOf(key, mask);
  for (; slots_[s] != 0; s = (s + 1) & mask)
    if ((slots_[s] >> kNodeBits) == key) return static_cast<uint32_t>(slots_[s] & kNodeMask);
  if (freq_.size() >= kMaxNodes) throw std::length_error("more than 2^21 prefixes");
  const auto id = static_cast<uint32_t>(freq_.size());
  slots_[s] = (key << kNodeBits) | id;
  ++used_;
  freq_.push_back(0);
  return id;
}

ChineseSegmenter ChineseSegmenter::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("jieba dictionary " + path + ": cannot open the file");
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<size_t>(size));
    in.seekg(0);
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (!in) throw std::runtime_error("jieba dictionary " + path + ": read error");
  }

  ChineseSegmenter seg;
  // About 1.4 trie nodes per dictionary line; a power of two at load factor <= 1/2.
  size_t slots = 1024;
  while (slots < data.size() / 5) slots *= 2;
  seg.slots_.assign(slots, 0);
  seg.freq_.reserve(slots / 2);
  seg.freq_.push_back(0);  // root

  size_t pos = 0;
  std::u32string word, prev;
  std::vector<uint32_t> nodes;  // nodes[i]: node of prev[0..i]; most lines share a prefix with the last
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    // As jieba: bytes.strip(), then "word freq [tag]" split on single spaces.
    while (!line.empty() && asciiSpace(line.front())) line.remove_prefix(1);
    while (!line.empty() && asciiSpace(line.back())) line.remove_suffix(1);
    const size_t sp = line.find(' ');  // (word, freq = line.split(' ')[:2])
    if (line.empty() || sp == 0 || sp == std::string_view::npos) {
      if (!line.empty()) ++seg.skipped_;
      continue;
    }
    std::string_view f = line.substr(sp + 1);
    f = f.substr(0, f.find(' '));
    uint64_t freq = 0;
    bool ok = !f.empty() && f.size() <= 10;
    for (const char ch : f) ok = ok && ch >= '0' && ch <= '9', freq = freq * 10 + static_cast<uint64_t>(ch - '0');
    if (!ok || freq > 0xFFFFFFFFull) {
      ++seg.skipped_;
      continue;
    }
    word.clear();
    const std::string_view w = line.substr(0, sp);
    bool valid = true;
    for (size_t i = 0; i < w.size();) {
      const char32_t c = decodeOne(w, i);
      valid = valid && c != kReplacement && c != 0;
      word += c;
    }
    if (!valid) {
      ++seg.skipped_;
      continue;
    }
    size_t common = 0;
    while (common < word.size() && common < prev.size() && word[common] == prev[common]) ++common;
    nodes.resize(common);
    uint32_t node = common ? nodes.back() : 0;
    for (size_t i = common; i < word.size(); ++i) nodes.push_back(node = seg.addChild(node, word[i]));
    prev.swap(word);
    // A repeated word keeps its last frequency; the total counts every line (as jieba).
    if (seg.freq_[node] == 0 && freq > 0) ++seg.words_;
    seg.freq_[node] = static_cast<uint32_t>(freq);
    seg.total_ += static_cast<int64_t>(freq);
  }
  if (seg.words_ == 0 || seg.total_ <= 0)
    throw std::runtime_error("jieba dictionary " + path + ": no valid \"word frequency\" line");
  seg.logTotal_ = std::log(static_cast<double>(seg.total_));
  seg.weight_.resize(seg.freq_.size());
  for (size_t i = 0; i < seg.freq_.size(); ++i)
    seg.weight_[i] = std::log(static_cast<double>(seg.freq_[i] ? seg.freq_[i] : 1)) - seg.logTotal_;
  return seg;
}

std::string ChineseSegmenter::defaultDictPath() {
  if (const char* env = std::getenv("IL_JIEBA_DICT"); env && *env) return env;
  return "/usr/lib/python3/dist-packages/jieba/dict.txt";
}

namespace {

struct Shared {
  std::once_flag once;
  const ChineseSegmenter* segmenter = nullptr;
  std::string error;
};

Shared& sharedState() {
  static Shared s;
  return s;
}

}  // namespace

const ChineseSegmenter* ChineseSegmenter::shared() {
  Shared& s = sharedState();
  std::call_once(s.once, [&s] {
    const std::string path = defaultDictPath();
    try {
      // Never freed: it lives as long as the process, like the other lazily built tables.
      s.segmenter = new ChineseSegmenter(load(path));
    } catch (const std::exception& e) {
      s.error = e.what();
      std::fprintf(stderr,
                   "interestlens: %s; Chinese text falls back to characters and character bigrams "
                   "(install python3-jieba or set IL_JIEBA_DICT)\n",
                   s.error.c_str());
    }
  });
  return s.segmenter;
}

std::string ChineseSegmenter::sharedError() {
  shared();
  return sharedState().error;
}

bool ChineseSegmenter::contains(std::u32string_view word) const {
  uint32_t node = 0;
  for (const char32_t c : word)
    if ((node = child(node, c)) == 0) return false;
  return !word.empty() && freq_[node] > 0;
}

void ChineseSegmenter::cutRun(const char32_t* s, size_t n, std::vector<std::pair<uint32_t, uint32_t>>& out) const {
  if (n == 0) return;
  // route[i] = best (log probability, end of the first word) of s[i..n); jieba's calc(), same
  // arithmetic, and on a tie the longer word wins (Python's max over (prob, end) tuples).
  thread_local std::vector<double> prob;
  thread_local std::vector<uint32_t> next;
  prob.assign(n + 1, 0.0);
  next.assign(n + 1, 0);
  for (size_t k = n; k-- > 0;) {
    double best = weight_[0] + prob[k + 1];  // the single character (freq 1 when not a word)
    size_t bestEnd = k;
    bool any = false;
    uint32_t node = 0;
    for (size_t i = k; i < n; ++i) {
      node = child(node, s[i]);
      if (node == 0) break;
      if (freq_[node] == 0) continue;
      const double p = weight_[node] + prob[i + 1];
      if (!any || p >= best) best = p, bestEnd = i;  // DAG ends ascend: >= keeps the larger end
      any = true;
    }
    prob[k] = best;
    next[k] = static_cast<uint32_t>(bestEnd);
  }
  // __cut_DAG_NO_HMM: single ASCII letters/digits in a row become one token.
  size_t x = 0, buf = n;  // buf: start of the pending ASCII run, n when none
  while (x < n) {
    const size_t y = next[x] + 1;
    if (y - x == 1 && asciiAlnum(s[x])) {
      if (buf == n) buf = x;
    } else {
      if (buf != n) out.emplace_back(static_cast<uint32_t>(buf), static_cast<uint32_t>(x)), buf = n;
      out.emplace_back(static_cast<uint32_t>(x), static_cast<uint32_t>(y));
    }
    x = y;
  }
  if (buf != n) out.emplace_back(static_cast<uint32_t>(buf), static_cast<uint32_t>(n));
}

std::vector<std::string> ChineseSegmenter::cut(std::string_view utf8) const {
  std::u32string cps;
  cps.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) cps += decodeOne(utf8, i);
  std::vector<std::string> tokens;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  auto emit = [&](size_t b, size_t e) {
    std::string t;
    for (size_t i = b; i < e; ++i) utf8::append(t, cps[i]);
    tokens.push_back(std::move(t));
  };
  const size_t n = cps.size();
  for (size_t i = 0; i < n;) {
    if (blockChar(cps[i])) {
      size_t j = i;
      while (j < n && blockChar(cps[j])) ++j;
      spans.clear();
      cutRun(cps.data() + i, j - i, spans);
      for (const auto& [b, e] : spans) emit(i + b, i + e);
      i = j;
    } else if (cps[i] == '\r' && i + 1 < n && cps[i + 1] == '\n') {
      emit(i, i + 2);  // re_skip's "\r\n" alternative
      i += 2;
    } else {
      emit(i, i + 1);
      ++i;
    }
  }
  return tokens;
}

}  // namespace il
