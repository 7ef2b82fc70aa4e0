// Terms for lexical features (TF-IDF, keyword labels, shared-term explanations):
// NFKC, lower case, words of letters and digits, English stop words dropped, Chinese
// and Japanese runs split into characters plus character bigrams.
#pragma once

#include <string>
#include <vector>

namespace il {

std::vector<std::string> extractTerms(const std::string& utf8);

}  // namespace il
