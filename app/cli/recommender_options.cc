#include "recommender_options.h"

#include <cstdlib>

namespace il::cli {

RecommenderOptions recommenderOptions(const Args& a) {
  RecommenderOptions o;
  o.encoderId = a.get("--encoder-id");
  o.seed = static_cast<uint64_t>(intOption(a, "--seed", 42, 0, 2147483647));
  o.content.profile.halfLifeDays = doubleOption(a, "--half-life", o.content.profile.halfLifeDays, 0.001, 1e6);
  o.content.profile.maxInterests = intOption(a, "--interests", o.content.profile.maxInterests, 1, 16);
  if (a.has("--content-mode")) {
    const auto mode = parseContentMode(a.get("--content-mode"));
    if (!mode) throw UsageError("--content-mode must be long-term, short-term, multi-interest or blend");
    o.content.mode = *mode;
  }
  if (a.has("--ann")) {
    const auto ann = parseAnnMethod(a.get("--ann"));
    if (!ann) throw UsageError("--ann must be auto, off, hnsw or ivf");
    o.ann.method = *ann;
  }
  o.ann.autoThreshold = intOption(a, "--ann-threshold", static_cast<int>(o.ann.autoThreshold), 1, 2000000000);
  if (a.has("--blend")) {
    // --blend popularity=0,itemknn=0.4,mf=0.3,content=0.3 (any subset; the rest 0)
    std::vector<double> w(kBlendParts.size(), 0.0);
    for (const std::string& part : splitList(a.get("--blend"))) {
      const size_t eq = part.find('=');
      size_t i = 0;
      while (i < kBlendParts.size() && (eq == std::string::npos || part.substr(0, eq) != kBlendParts[i])) ++i;
      char* end = nullptr;
      const double v = i < kBlendParts.size() ? std::strtod(part.c_str() + eq + 1, &end) : -1;
      if (i == kBlendParts.size() || !end || *end || v < 0)
        throw UsageError("--blend takes model=weight pairs over popularity, itemknn, mf, content; not '" + part + "'");
      w[i] = v;
    }
    o.blend = w;
  }
  return o;
}

}  // namespace il::cli
