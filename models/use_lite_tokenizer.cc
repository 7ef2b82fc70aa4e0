#include "use_lite_tokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>

#include <cstring>

#include "encoder.h"         // EncoderError
#include "tfjs_manifest.h"   // fnv1a64

namespace il {

namespace {

constexpr char32_t kSpaceSymbol = 0x2581;  // ▁

std::u32string toCodePoints(const QString& s) {
  const QList<uint> u = s.toUcs4();
  return std::u32string(u.begin(), u.end());
}

}  // namespace

UseLiteTokenizer::UseLiteTokenizer(std::vector<Piece> vocab) : vocab_(std::move(vocab)) {
  nodes_.emplace_back();  // root
  length_.reserve(vocab_.size());
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t id = 0; id < vocab_.size(); ++id) {
    const Piece& p = vocab_[id];
    const QString q = QString::fromStdString(p.text);
    length_.push_back(static_cast<int32_t>(q.size()));  // UTF-16 units, as JS String.length
    h = fnv1a64(p.text.data(), p.text.size() + 1, h);   // includes the terminating NUL as separator
    h = fnv1a64(&p.score, sizeof p.score, h);
    if (id < static_cast<size_t>(kReserved)) continue;
    const std::u32string cps = toCodePoints(q);
    if (cps.empty()) continue;  // the JS trie ignores empty pieces
    int32_t node = 0;
    for (char32_t c : cps) {
      const uint64_t key = (static_cast<uint64_t>(node) << 32) | c;
      auto it = children_.find(key);
      if (it == children_.end()) {
        nodes_.emplace_back();
        it = children_.emplace(key, static_cast<int32_t>(nodes_.size() - 1)).first;
      }
      node = it->second;
    }
    nodes_[node].id = static_cast<int32_t>(id);  // a later duplicate overwrites (JS trie insert)
    nodes_[node].score = p.score;
  }
  fingerprint_ = h;
}

int32_t UseLiteTokenizer::child(int32_t node, char32_t c) const {
  const auto it = children_.find((static_cast<uint64_t>(node) << 32) | c);
  return it == children_.end() ? -1 : it->second;
}

UseLiteTokenizer UseLiteTokenizer::fromVocabJson(const std::string& path) {
  QFile f(QString::fromStdString(path));
  if (!f.exists()) throw EncoderError(path + ": vocabulary file not found");
  if (!f.open(QIODevice::ReadOnly))
    throw EncoderError(path + ": cannot open: " + f.errorString().toStdString());
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
  if (doc.isNull())
    throw EncoderError(path + ": invalid JSON: " + err.errorString().toStdString());
  if (!doc.isArray()) throw EncoderError(path + ": expected a JSON array of [piece, score]");
  const QJsonArray arr = doc.array();
  std::vector<Piece> vocab;
  vocab.reserve(static_cast<size_t>(arr.size()));
  for (qsizetype i = 0; i < arr.size(); ++i) {
    const QJsonArray e = arr.at(i).toArray();
    if (e.size() < 1 || !e.at(0).isString() ||
        (e.size() > 1 && !e.at(1).isDouble() && !e.at(1).isNull()))
      throw EncoderError(path + ": entry " + std::to_string(i) + " is not [piece, score]");
    vocab.push_back({e.at(0).toString().toStdString(), e.size() > 1 ? e.at(1).toDouble(0) : 0.0});
  }
  if (vocab.size() <= static_cast<size_t>(kReserved))
    throw EncoderError(path + ": vocabulary has only " + std::to_string(vocab.size()) + " entries");
  return UseLiteTokenizer(std::move(vocab));
}

std::vector<int32_t> UseLiteTokenizer::encode(std::string_view utf8) const {
  QString s = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()))
                  .normalized(QString::NormalizationForm_KC);
  if (s.isEmpty()) return {};
  s.replace(QChar(u' '), QChar(char16_t(kSpaceSymbol)));
  s.prepend(QChar(char16_t(kSpaceSymbol)));
  const std::u32string sym = toCodePoints(s);
  const size_t n = sym.size();

  // Lattice edges grouped by end position; pushed by ascending start, so each group is in the
  // order the JS `for (startPos in nodes[endPos])` visits (integer keys ascend).
  struct Edge {
    int32_t start, id;
    double score;
  };
  std::vector<std::vector<Edge>> into(n + 1);
  for (size_t i = 0; i < n; ++i) {
    bool any = false;
    int32_t node = child(0, sym[i]);
    for (size_t j = i; j < n && node >= 0; ++j) {
      if (nodes_[node].id >= 0) {
        into[j + 1].push_back({static_cast<int32_t>(i), nodes_[node].id, nodes_[node].score});
        any = true;
      }
      node = j + 1 < n ? child(node, sym[j + 1]) : -1;
    }
    if (!any) into[i + 1].push_back({static_cast<int32_t>(i), 0, 0.0});
  }

  std::vector<double> best(n + 1, 0.0);
  std::vector<int32_t> words(n + 1, 0);
  for (size_t end = 0; end <= n; ++end) {
    for (const Edge& e : into[end]) {
      const double score = e.score + best[static_cast<size_t>(e.start)];
      if (best[end] == 0 || score >= best[end]) {
        best[end] = score;
        words[end] = e.id;
      }
    }
  }

  std::vector<int32_t> reversed;
  for (int64_t it = static_cast<int64_t>(n); it > 0;) {
    const int32_t id = words[static_cast<size_t>(it)];
    reversed.push_back(id);
    const int32_t len = id >= 0 && static_cast<size_t>(id) < length_.size() ? length_[id] : 1;
    it -= len > 0 ? len : 1;  // (every vocab piece is non-empty; guard against a loop anyway)
  }
  std::vector<int32_t> out;
  out.reserve(reversed.size());
  bool prevUnknown = false;
  for (int32_t id : reversed) {
    if (!(prevUnknown && id == 0)) out.push_back(id);
    prevUnknown = id == 0;
  }
  return {out.rbegin(), out.rend()};
}

}  // namespace il
