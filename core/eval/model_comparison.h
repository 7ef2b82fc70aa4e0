// The comparison `evaluate` runs: the named models, each tuned on validation, plus
// the hybrid, whose blend weights over the tuned single models are chosen on
// validation too. One entry point for the CLI and the GUI.
#pragma once

#include <string>
#include <vector>

#include "../rank/content_scorer.h"
#include "evaluator.h"

namespace il {

inline const std::vector<std::string> kAllModels = {"popularity", "itemknn", "mf", "content", "hybrid"};

struct ComparisonOptions {
  EvalOptions eval;              // Ks, seed, vectors (content and hybrid need them), threads
  std::vector<std::string> models = kAllModels;
  ContentOptions content;        // base options of the content candidates
  double blendStep = 0.125;      // grid of the hybrid's weights
  // Models built outside core (the two-tower model of models/), asked for by name in
  // `models` like the others; the hybrid blends them too when they are asked for.
  std::vector<ModelSpec> extraModels;
};

// The content model's candidates: long-term, short-term and multi-interest profiles.
ModelSpec contentModel(const ContentOptions& base);

// Throws std::invalid_argument for an unknown model name, or for content/hybrid
// without vectors; Cancelled when cancelled.
EvalReport compareModels(const Corpus& corpus, const ComparisonOptions& options, const JobControl* job = nullptr);

}  // namespace il
