#include "corpus_vectors.h"

#include <cstring>
#include <limits>
#include <unordered_map>

#include "../text/text_hash.h"
#include "project.h"
#include "sqlite_db.h"

namespace il {

namespace {
constexpr int kMaxVectorDim = 1 << 16;  // the largest encoder has 1024; BertConfig allows 16384
}

std::vector<EncoderInfo> projectEncoders(Project& project) {
  std::vector<EncoderInfo> out;
  Statement q(project.database().handle(),
              "SELECT e.id, e.kind, e.settings, e.dim, e.created, "
              "(SELECT COUNT(*) FROM vectors v WHERE v.encoder_id = e.id) FROM encoders e "
              "ORDER BY e.created DESC, e.rowid DESC");
  while (q.step()) {
    const int64_t dim = q.int64(3);  // out of int range = invalid (-1), not truncated to a plausible value
    out.push_back({q.text(0), q.text(1), q.text(2), dim >= 0 && dim <= std::numeric_limits<int>::max() ? static_cast<int>(dim) : -1,
                   q.int64(4), q.int64(5)});
  }
  return out;
}

CorpusVectors loadCorpusVectors(Project& project, const Corpus& corpus, const std::string& encoderId) {
  CorpusVectors cv;
  bool found = false;
  for (const EncoderInfo& e : projectEncoders(project)) {
    if (encoderId.empty() ? e.vectors > 0 : e.id == encoderId) {
      cv.encoder = e;
      found = true;
      break;
    }
  }
  if (!found)
    throw ProjectError(encoderId.empty() ? project.path() + ": no text vectors yet; encode the project first"
                                         : project.path() + ": no encoder \"" + encoderId + "\" in this project");
  const int dim = cv.encoder.dim;
  // The dimension sizes every row read below; a damaged or hostile project may hold anything there.
  if (dim < 1 || dim > kMaxVectorDim)
    throw ProjectError(project.path() + ": encoder \"" + cv.encoder.id + "\" records dimension " +
                       std::to_string(dim) + ", outside 1.." + std::to_string(kMaxVectorDim) +
                       " (a damaged project file?)");
  // One pass over the encoder's vectors; hash -> row in a flat buffer.
  std::unordered_map<std::string, size_t> row;
  std::vector<float> flat;
  Statement q(project.database().handle(), "SELECT hash, vec FROM vectors WHERE encoder_id = ?1");
  q.bind(1, std::string_view(cv.encoder.id));
  while (q.step()) {
    const std::string blob = q.text(1);
    if (blob.size() != sizeof(float) * static_cast<size_t>(dim)) continue;  // damaged row: treat as missing
    row.emplace(q.text(0), flat.size() / static_cast<size_t>(dim));
    flat.resize(flat.size() + static_cast<size_t>(dim));
    std::memcpy(flat.data() + flat.size() - static_cast<size_t>(dim), blob.data(), blob.size());
  }
  auto fill = [&](Matrix& m, int64_t i, const std::string& text) {
    const auto it = row.find(textHash(text));
    if (it == row.end()) return false;
    std::memcpy(m.row(i), flat.data() + it->second * static_cast<size_t>(dim), sizeof(float) * static_cast<size_t>(dim));
    return true;
  };
  cv.texts = Matrix::zeros(static_cast<int64_t>(corpus.texts.size()), dim);
  for (size_t i = 0; i < corpus.texts.size(); ++i)
    if (!fill(cv.texts, static_cast<int64_t>(i), corpus.texts[i].text)) ++cv.missingTexts;
  cv.items = Matrix::zeros(corpus.itemCount(), dim);
  for (int32_t i = 0; i < corpus.itemCount(); ++i) {
    const std::string text = itemText(corpus.items[static_cast<size_t>(i)]);
    if (text.empty() || !fill(cv.items, i, text)) ++cv.missingItems;
  }
  return cv;
}

}  // namespace il
