#include "model_comparison.h"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

#include "../rank/hybrid_scorer.h"
#include "blend_tuning.h"
#include "cf_models.h"
#include "split.h"

namespace il {

namespace {

bool wants(const std::vector<std::string>& names, const std::string& n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

// Index of the candidate the evaluator chose (its params are recorded with the result).
size_t chosenCandidate(const ModelResult& r) {
  for (size_t i = 0; i < r.trials.size(); ++i)
    if (r.trials[i].paramsJson == r.paramsJson) return i;
  return 0;
}

std::string weightsJson(const std::vector<std::string>& names, const std::vector<double>& w) {
  std::ostringstream s;
  s << '{';
  for (size_t i = 0; i < names.size(); ++i) s << (i ? "," : "") << '"' << names[i] << "\":" << w[i];
  return s.str() + '}';
}

}  // namespace

ModelSpec contentModel(const ContentOptions& base) {
  ModelSpec spec{"content", {}};
  for (ContentMode mode : {ContentMode::LongTerm, ContentMode::ShortTerm, ContentMode::MultiInterest}) {
    ContentOptions o = base;
    o.mode = mode;
    o.profile.buildInterests = mode == ContentMode::MultiInterest;
    spec.candidates.push_back([o] { return std::make_unique<ContentScorer>(o); });
  }
  return spec;
}

EvalReport compareModels(const Corpus& corpus, const ComparisonOptions& options, const JobControl* job) {
  std::vector<ModelSpec> singles;
  std::vector<std::string> blendParts;  // the single models the hybrid blends, in this order
  const bool hybrid = wants(options.models, "hybrid");
  const bool vectors = options.eval.textVectors && options.eval.itemVectors;
  for (const std::string& name : options.models) {
    if (name == "hybrid") continue;
    if (name == "content") {
      if (!vectors) throw std::invalid_argument("the content model needs text and item vectors (an encoder)");
      singles.push_back(contentModel(options.content));
    } else if (auto cf = cfModel(name, options.eval.threads)) {
      singles.push_back(std::move(*cf));
    } else if (auto extra = std::find_if(options.extraModels.begin(), options.extraModels.end(),
                                         [&](const ModelSpec& m) { return m.name == name; });
               extra != options.extraModels.end()) {
      singles.push_back(*extra);
    } else {
      throw std::invalid_argument("unknown model \"" + name + "\" (models: popularity, itemknn, mf, content, hybrid)");
    }
  }
  // The hybrid blends every single model asked for, and at least content + CF.
  std::vector<ModelSpec> components = singles;
  if (hybrid) {
    if (!vectors) throw std::invalid_argument("the hybrid model needs text and item vectors (an encoder)");
    for (const char* n : {"popularity", "itemknn", "mf", "content"})
      if (!wants(options.models, n)) components.push_back(std::string(n) == "content" ? contentModel(options.content)
                                                                                        : *cfModel(n, options.eval.threads));
  }
  EvalReport report = evaluate(corpus, options.eval, components, job);
  if (!hybrid) return report;

  // Refit each component's chosen candidate on the same split, tune the blend, and
  // let the evaluator score the tuned hybrid on test like any other model.
  const auto t0 = std::chrono::steady_clock::now();
  const LeaveLastOutSplit split = leaveLastOutSplit(corpus);
  TrainingData train = TrainingData::all(corpus, options.eval.seed);
  train.textVectors = options.eval.textVectors;
  train.itemVectors = options.eval.itemVectors;
  train.setEvents(split.training);
  std::vector<std::shared_ptr<SharedModel>> shared;
  std::vector<const Scorer*> scorers;
  for (size_t i = 0; i < components.size(); ++i) {
    const ModelResult& r = report.results[i];
    auto m = std::make_shared<SharedModel>(components[i].candidates[chosenCandidate(r)]());
    if (job) job->report({static_cast<int64_t>(i), static_cast<int64_t>(components.size()), "hybrid: fitting " + r.model});
    m->scorer().fit(train, job);
    m->markFitted();
    blendParts.push_back(r.model);
    scorers.push_back(&m->scorer());
    shared.push_back(std::move(m));
  }
  const double fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const BlendTuning tuning =
      tuneBlend(scorers, split, train.userItems, blendWeightGrid(scorers.size(), options.blendStep),
                options.eval.threads, job);
  std::vector<HybridScorer::Part> parts;
  for (size_t i = 0; i < shared.size(); ++i) parts.push_back({shared[i], tuning.weights[i]});
  ModelSpec hybridSpec{"hybrid", {[parts] { return std::make_unique<HybridScorer>(parts); }}};
  EvalReport h = evaluate(corpus, options.eval, {hybridSpec}, job);
  ModelResult result = h.results.front();
  result.fitSeconds += fitSeconds + tuning.seconds;
  result.trials.clear();
  for (const BlendTrial& t : tuning.trials) result.trials.push_back({weightsJson(blendParts, t.weights), t.validationNdcg, 0});

  // Keep only the models asked for, in the order asked, hybrid where it was named.
  std::vector<ModelResult> ordered;
  for (const std::string& name : options.models) {
    if (name == "hybrid") {
      ordered.push_back(result);
      continue;
    }
    for (const ModelResult& r : report.results)
      if (r.model == name) ordered.push_back(r);
  }
  report.results = std::move(ordered);
  return report;
}

}  // namespace il
