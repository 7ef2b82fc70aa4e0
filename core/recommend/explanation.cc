#include "explanation.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace il {

namespace {
std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}
std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}
std::string snippet(const std::string& text, size_t maxBytes = 80) {
  if (text.size() <= maxBytes) return text;
  size_t cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "…";
}
}  // namespace

std::vector<std::string> itemTags(const std::string& tags, const std::string& category) {
  std::vector<std::string> out;
  auto add = [&](std::string t) {
    t = trimmed(std::move(t));
    if (!t.empty() && t != "(no genres listed)" && std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(std::move(t));
  };
  std::string cur;
  for (char c : tags) {
    if (c == '|' || c == ',' || c == ';') add(std::exchange(cur, {}));
    else cur += c;
  }
  add(cur);
  add(category);
  return out;
}

std::string Explanation::summary() const {
  std::vector<std::string> parts;
  if (feedback == Feedback::Like) parts.push_back("you liked it");
  if (!clusterLabel.empty() && interest >= 0)
    parts.push_back("matches your interest \"" + clusterLabel + "\" (" + fixed2(interestSimilarity) + ")");
  if (!texts.empty()) parts.push_back("you wrote \"" + snippet(texts.front().text) + "\" (" + fixed2(texts.front().similarity) + ")");
  if (!similarItems.empty())
    parts.push_back("like " + (similarItems.front().title.empty() ? similarItems.front().id : similarItems.front().title) +
                    " (" + fixed2(similarItems.front().similarity) + ")");
  if (!cfNeighbours.empty())
    parts.push_back("people who chose " +
                    (cfNeighbours.front().title.empty() ? cfNeighbours.front().id : cfNeighbours.front().title) +
                    " chose it too");
  if (!sharedTags.empty()) parts.push_back("shares " + sharedTags.front().tag + " with " +
                                           std::to_string(sharedTags.front().items.size()) + " of your items");
  if (!clusterLabel.empty() && interest < 0) parts.push_back("in the cluster \"" + clusterLabel + "\"");
  if (!sharedTerms.empty()) {
    std::string t = "words: ";
    for (size_t i = 0; i < std::min<size_t>(4, sharedTerms.size()); ++i) t += (i ? ", " : "") + sharedTerms[i];
    parts.push_back(t);
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

}  // namespace il
