// The rows of corpus->texts that belong to one user: a contiguous range, because
// texts are ordered by (user, time, item).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

#include "../rank/corpus.h"

namespace il {

inline std::pair<int64_t, int64_t> userTextRange(const Corpus& corpus, int32_t user) {
  const auto& t = corpus.texts;
  const auto lo = std::lower_bound(t.begin(), t.end(), user, [](const CorpusText& x, int32_t u) { return x.user < u; });
  const auto hi = std::upper_bound(lo, t.end(), user, [](int32_t u, const CorpusText& x) { return u < x.user; });
  return {lo - t.begin(), hi - t.begin()};
}

}  // namespace il
