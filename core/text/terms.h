// Terms for lexical features (TF-IDF, keyword labels, shared-term explanations, highlights).
//
// A text is NFKC-normalised, then:
//  - Chinese (runs of Han characters, with any ASCII letters/digits touching them) is segmented
//    into words with jieba's dictionary (ChineseSegmenter, jieba.cut(HMM=False)); Chinese stop
//    words are dropped. Without the dictionary: characters plus character bigrams (warned once).
//  - Other text is split into words of letters and digits (apostrophes inside a word kept,
//    ’ read as '), case-folded; English stop words, numbers and single letters are dropped;
//    Latin-script words are reduced to their Snowball English stem.
//  - Japanese kana runs: characters plus character bigrams (no dictionary for them).
// The key is what is counted and compared ("batteri"); the surface is the word as written,
// case-folded ("batteries"), for anything a user reads.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace il {

struct Term {
  std::string key;
  std::string surface;
};

// Every term of the text in order, repeats included.
std::vector<Term> analyzeTerms(const std::string& utf8);

// The keys of analyzeTerms(): what TF-IDF, labels and shared terms count.
std::vector<std::string> extractTerms(const std::string& utf8);

// The most frequent surface of each key (ties: the shorter, then the smaller), so a label or
// an explanation shows "battery" rather than the stem "batteri".
class SurfaceForms {
 public:
  void add(const Term& t) { ++counts_[t.key][t.surface]; }
  void add(const std::vector<Term>& terms) {
    for (const Term& t : terms) add(t);
  }
  // The key itself when no surface was added for it.
  std::string display(const std::string& key) const;

 private:
  std::unordered_map<std::string, std::unordered_map<std::string, int64_t>> counts_;
};

}  // namespace il
