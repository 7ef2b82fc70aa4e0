#include "duplicates.h"

#include <QChar>
#include <QList>
#include <QString>
#include <algorithm>
#include <array>
#include <atomic>
#include <numeric>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "../interest/parallel.h"

namespace il {

namespace {

constexpr int kShingle = 5;
constexpr int kBands = 16, kRows = 4, kHashes = kBands * kRows;
// Candidates per LSH bucket each member is checked against: keeps a bucket of many
// similar texts linear instead of quadratic (union-find joins the rest transitively).
constexpr int kBucketLookback = 8;

uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// NFKC, case folding, letters and digits only: "Great product!!" = "great product".
std::u32string normalizedKey(const std::string& text, bool nfkc) {
  QString q = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
  if (nfkc) q = q.normalized(QString::NormalizationForm_KC);
  q = q.toCaseFolded();
  std::u32string out;
  out.reserve(static_cast<size_t>(q.size()));
  for (const char32_t c : q.toUcs4())
    if (QChar::isLetterOrNumber(c)) out += c;
  return out;
}

std::vector<uint64_t> shingleHashes(const std::u32string& key) {
  std::vector<uint64_t> h;
  if (key.size() < kShingle) return h;
  h.reserve(key.size() - kShingle + 1);
  for (size_t i = 0; i + kShingle <= key.size(); ++i) {
    uint64_t x = 0;
    for (int k = 0; k < kShingle; ++k) x = mix64(x ^ key[i + k]);
    h.push_back(x);
  }
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  return h;
}

double jaccardSorted(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

struct Permutations {
  std::array<uint64_t, kHashes> a{}, b{};
  Permutations() {
    for (int i = 0; i < kHashes; ++i) {
      a[i] = mix64(0xA5A5u + 2 * i) | 1u;  // odd multipliers
      b[i] = mix64(0x5A5Au + 2 * i + 1);
    }
  }
};

struct UnionFind {
  std::vector<int64_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int64_t find(int64_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(int64_t a, int64_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the root is the earliest text
  }
};

void checkCancel(const JobControl* job) {
  if (job && job->cancelled()) throw Cancelled{};
}

// What is kept per distinct text while matching: a hash of its normalised key and,
// for texts long enough to shingle, its LSH band keys (16 x 4 bytes). The keys and
// shingle sets themselves are recomputed when a pair is checked, so memory stays
// near 100 bytes per text instead of the ~700 of keys plus full signatures.
struct Fingerprints {
  std::vector<uint64_t> keyHash;   // 0: no letters or digits
  std::vector<uint32_t> bands;     // kBands per text; all zero when not shingled
  std::vector<uint8_t> shingled;   // 1: long enough for MinHash
};

uint64_t hashKey(const std::u32string& key) {
  if (key.empty()) return 0;
  uint64_t h = 0x51ED27u;
  for (const char32_t c : key) h = mix64(h ^ c);
  return h | 1u;  // never 0
}

void bandKeys(const std::u32string& key, uint32_t* out) {
  static const Permutations perm;
  std::array<uint64_t, kHashes> s;
  s.fill(~uint64_t{0});
  for (const uint64_t h : shingleHashes(key))
    for (int i = 0; i < kHashes; ++i) s[i] = std::min(s[i], h * perm.a[i] + perm.b[i]);
  for (int band = 0; band < kBands; ++band) {
    uint64_t h = static_cast<uint64_t>(band) * 0x100000001B3ull;
    for (int r = 0; r < kRows; ++r) h = mix64(h ^ s[band * kRows + r]);
    out[band] = static_cast<uint32_t>(h >> 32);
  }
}

}  // namespace

double shingleJaccard(const std::string& a, const std::string& b, bool nfkc) {
  return jaccardSorted(shingleHashes(normalizedKey(a, nfkc)), shingleHashes(normalizedKey(b, nfkc)));
}

DuplicateResult findDuplicates(const std::vector<std::string>& texts, const DuplicateOptions& o,
                               const JobControl* job) {
  const int64_t n = static_cast<int64_t>(texts.size());
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  DuplicateResult r;
  r.groupOf.resize(n);
  r.kind.assign(n, DuplicateResult::None);
  r.similarity.assign(n, 1.0f);
  std::iota(r.groupOf.begin(), r.groupOf.end(), 0);

  // 1. Exact: the same cleaned text.
  std::vector<int64_t> exactRep(n);
  std::vector<int64_t> reps;  // first text of each distinct cleaned text
  {
    std::unordered_map<std::string_view, int64_t> seen;
    seen.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      auto [it, inserted] = seen.try_emplace(texts[i], i);
      exactRep[i] = it->second;
      if (inserted) reps.push_back(i);
    }
  }
  if (job) job->report({0, 3, "Duplicates: normalising"});

  const int64_t m = static_cast<int64_t>(reps.size());
  auto keyOf = [&](int64_t k) { return normalizedKey(texts[reps[k]], o.nfkc); };
  const bool minHash = o.near && o.nearThreshold < 1.0;
  Fingerprints fp;
  std::atomic<bool> stop{false};
  if (o.near) {
    fp.keyHash.assign(m, 0);
    fp.shingled.assign(m, 0);
    if (minHash) fp.bands.assign(static_cast<size_t>(m) * kBands, 0);
    parallelFor(m, threads, 256, [&](int64_t b, int64_t e) {
      for (int64_t k = b; k < e && !stop; ++k) {
        const std::u32string key = keyOf(k);
        fp.keyHash[k] = hashKey(key);
        if (minHash && key.size() >= kShingle + 2) {
          fp.shingled[k] = 1;
          bandKeys(key, &fp.bands[static_cast<size_t>(k) * kBands]);
        }
        if ((k & 1023) == 0 && job && job->cancelled()) stop = true;
      }
    });
    checkCancel(job);
  }

  // 2. The same after normalisation (hash match, then the keys compared).
  UnionFind uf(static_cast<size_t>(m));
  std::vector<int64_t> lshMembers;  // indexes into reps that take part in MinHash
  if (o.near) {
    std::unordered_multimap<uint64_t, int64_t> seen;
    seen.reserve(static_cast<size_t>(m));
    for (int64_t k = 0; k < m; ++k) {
      if (fp.keyHash[k] == 0) continue;  // no letters: only exact copies count
      bool joined = false;
      const auto [first, last] = seen.equal_range(fp.keyHash[k]);
      if (first != last) {
        const std::u32string key = keyOf(k);
        for (auto it = first; it != last && !joined; ++it)
          if (keyOf(it->second) == key) uf.unite(it->second, k), joined = true;
      }
      if (joined) continue;
      seen.emplace(fp.keyHash[k], k);
      if (fp.shingled[k]) lshMembers.push_back(k);
    }
  }

  // 3. Similar: LSH candidates, verified on the shingle sets.
  if (minHash && lshMembers.size() > 1) {
    if (job) job->report({2, 3, "Duplicates: comparing candidates"});
    const int64_t L = static_cast<int64_t>(lshMembers.size());
    std::vector<uint64_t> bucket(L);  // band key << 32 | member index: sorted groups buckets
    std::unordered_map<int64_t, std::vector<uint64_t>> shingleCache;
    auto shinglesOf = [&](int64_t x) -> const std::vector<uint64_t>& {
      auto it = shingleCache.find(x);
      if (it == shingleCache.end()) it = shingleCache.emplace(x, shingleHashes(keyOf(lshMembers[x]))).first;
      return it->second;
    };
    for (int band = 0; band < kBands; ++band) {
      checkCancel(job);
      for (int64_t x = 0; x < L; ++x)
        bucket[x] = uint64_t{fp.bands[static_cast<size_t>(lshMembers[x]) * kBands + band]} << 32 |
                    static_cast<uint64_t>(x);
      std::sort(bucket.begin(), bucket.end());
      for (int64_t s = 0; s < L;) {
        int64_t e = s + 1;
        while (e < L && bucket[e] >> 32 == bucket[s] >> 32) ++e;
        for (int64_t j = s + 1; j < e; ++j) {
          const int64_t xj = static_cast<int64_t>(bucket[j] & 0xFFFFFFFFu);
          for (int64_t i = j - 1, seen = 0; i >= s && seen < kBucketLookback; --i, ++seen) {
            const int64_t xi = static_cast<int64_t>(bucket[i] & 0xFFFFFFFFu);
            if (uf.find(lshMembers[xi]) == uf.find(lshMembers[xj])) continue;
            ++r.candidatePairs;
            if (jaccardSorted(shinglesOf(xi), shinglesOf(xj)) >= o.nearThreshold) {
              uf.unite(lshMembers[xi], lshMembers[xj]);
              break;
            }
          }
        }
        s = e;
      }
      // The cache only helps within a band's buckets; keep memory flat at 10^5+ texts.
      if (shingleCache.size() > 20000) shingleCache.clear();
    }
  }
  fp = Fingerprints{};

  // 4. Groups: every text points at the earliest text of its group.
  std::vector<int64_t> repIndex(n, -1);
  for (int64_t k = 0; k < m; ++k) repIndex[reps[k]] = k;
  std::vector<int64_t> groupSize(n, 0);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t k = repIndex[exactRep[i]];
    const int64_t root = reps[uf.find(k)];
    r.groupOf[i] = root;
    ++groupSize[root];
    if (root == i) continue;
    if (texts[root] == texts[i]) {
      r.kind[i] = DuplicateResult::Exact;
      ++r.exact;
      continue;
    }
    const std::u32string rootKey = keyOf(repIndex[root]), key = keyOf(k);
    if (rootKey == key) {
      r.kind[i] = DuplicateResult::Normalized;
      ++r.normalized;
    } else {
      r.kind[i] = DuplicateResult::Similar;
      r.similarity[i] = static_cast<float>(jaccardSorted(shingleHashes(rootKey), shingleHashes(key)));
      ++r.similar;
    }
  }
  for (int64_t i = 0; i < n; ++i) r.groups += groupSize[i] > 1;
  if (job) job->report({3, 3, "Duplicates: done"});
  return r;
}

}  // namespace il
