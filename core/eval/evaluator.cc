#include "evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "metrics.h"
#include "split.h"

namespace il {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

const char* kProtocol =
    "leave-last-out: each user's interactions (implicit positives) in (time, item id) order; "
    "last = test, second to last = validation, rest = training; users with fewer than 3 "
    "interactions not evaluated; every candidate fitted once on training, the best by "
    "validation NDCG@10 scored on test without refit; full ranking over all items excluding "
    "the user's training (and, on test, validation) items; ties counted as expected rank; "
    "texts of held-out interactions not used";

// What one ranking pass needs: which item is held out, what else to hide, what to record.
struct Pass {
  std::string phase;
  const std::vector<int32_t>* heldOut = nullptr;  // per user
  const std::vector<int32_t>* alsoExcluded = nullptr;  // per user, -1 for none (validation on test)
  std::vector<int> ks;  // metrics to record
  int listLength = 0;   // top-N list to keep per user (for coverage); 0 = none
};

struct UserOutcome {
  std::vector<double> recall, ndcg;  // one per Pass::ks
  std::vector<int32_t> top;
};

int workerCount(int requested, size_t work) {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int t = requested > 0 ? requested : hardware;
  return static_cast<int>(std::clamp<size_t>(work, 1, static_cast<size_t>(t)));
}

// Ranks the held-out item of every user in `users`, in parallel. Each worker owns one
// items-sized score buffer and exclusion mask; results land in per-user slots, so the
// outcome does not depend on the thread count. Only the calling thread reports progress.
std::vector<UserOutcome> rankHeldOut(const Scorer& scorer, const TrainingData& data, const std::vector<int32_t>& users,
                                     const Pass& pass, int threads, const JobControl* job) {
  std::vector<UserOutcome> out(users.size());
  const size_t items = static_cast<size_t>(data.items());
  std::atomic<size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failureMutex;
  const int64_t total = static_cast<int64_t>(users.size());
  const int64_t reportStep = std::max<int64_t>(1, total / 100);

  const auto work = [&](bool reports) {
    try {
      std::vector<float> scores(items);
      std::vector<char> excluded(items, 0);
      int64_t lastReported = -reportStep;
      while (!stop.load(std::memory_order_relaxed)) {
        const size_t slot = next.fetch_add(1);
        if (slot >= users.size()) break;
        if (job && job->cancelled()) {
          stop = true;
          break;
        }
        const int32_t user = users[slot];
        const auto seen = data.userItems.row(user);
        const int32_t extra = pass.alsoExcluded ? (*pass.alsoExcluded)[static_cast<size_t>(user)] : -1;
        for (int32_t i : seen) excluded[static_cast<size_t>(i)] = 1;
        if (extra >= 0) excluded[static_cast<size_t>(extra)] = 1;

        scorer.score(user, scores);
        const HeldOutRank rank = heldOutRank(scores, (*pass.heldOut)[static_cast<size_t>(user)], excluded);
        UserOutcome& o = out[slot];
        for (int k : pass.ks) {
          o.recall.push_back(recallAtK(rank, k));
          o.ndcg.push_back(ndcgAtK(rank, k));
        }
        if (pass.listLength > 0) o.top = bestCandidates(scores, pass.listLength, excluded);

        for (int32_t i : seen) excluded[static_cast<size_t>(i)] = 0;
        if (extra >= 0) excluded[static_cast<size_t>(extra)] = 0;
        const int64_t d = static_cast<int64_t>(done.fetch_add(1) + 1);
        if (reports && job && d - lastReported >= reportStep) {
          job->report({d, total, pass.phase});
          lastReported = d;
        }
      }
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };

  if (job) job->report({0, total, pass.phase});
  std::vector<std::thread> pool;
  for (int t = 1; t < workerCount(threads, users.size()); ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
  if (job && job->cancelled()) throw Cancelled{};
  if (job) job->report({total, total, pass.phase});
  return out;
}

double meanOf(const std::vector<UserOutcome>& outcomes, std::vector<double> UserOutcome::*metric, size_t index) {
  if (outcomes.empty()) return 0.0;
  double sum = 0;  // summed in user order: the same result for any thread count
  for (const UserOutcome& o : outcomes) sum += (o.*metric)[index];
  return sum / static_cast<double>(outcomes.size());
}

void checkOptions(const EvalOptions& options, const std::vector<ModelSpec>& models) {
  if (options.ks.empty()) throw std::invalid_argument("evaluation needs at least one K");
  for (int k : options.ks)
    if (k < 1) throw std::invalid_argument("K must be at least 1, got " + std::to_string(k));
  for (const ModelSpec& m : models)
    if (m.candidates.empty()) throw std::invalid_argument("model '" + m.name + "' has no candidate configuration");
}

}  // namespace

EvalReport evaluate(const Corpus& corpus, const EvalOptions& options, const std::vector<ModelSpec>& models,
                    const JobControl* job) {
  checkOptions(options, models);
  const LeaveLastOutSplit split = leaveLastOutSplit(corpus);

  TrainingData data;
  data.corpus = &corpus;
  data.seed = options.seed;
  data.textVectors = options.textVectors;
  data.itemVectors = options.itemVectors;
  data.setEvents(split.training);  // held-out (user, item) texts become unusable here

  std::vector<int32_t> users;
  for (int32_t u = 0; u < corpus.userCount(); ++u)
    if (split.evaluated(u)) users.push_back(u);

  EvalReport report;
  report.protocol = kProtocol;
  report.users = static_cast<int32_t>(users.size());
  report.items = corpus.itemCount();
  report.seed = options.seed;
  report.ks = options.ks;

  for (const ModelSpec& spec : models) {
    ModelResult result;
    result.model = spec.name;
    std::unique_ptr<Scorer> best;
    const Pass validation{spec.name + ": validation", &split.validationItem, nullptr, {kTuningK}, 0};
    for (size_t c = 0; c < spec.candidates.size(); ++c) {
      if (job && job->cancelled()) throw Cancelled{};
      if (job) job->report({static_cast<int64_t>(c), static_cast<int64_t>(spec.candidates.size()), spec.name + ": candidates"});
      std::unique_ptr<Scorer> scorer = spec.candidates[c]();
      if (!scorer) throw std::invalid_argument("model '" + spec.name + "': a candidate factory returned no scorer");
      const auto fitStart = Clock::now();
      scorer->fit(data, job);
      CandidateTrial trial{scorer->paramsJson(), 0.0, secondsSince(fitStart)};
      result.fitSeconds += trial.fitSeconds;

      const auto evalStart = Clock::now();
      trial.validationNdcg = meanOf(rankHeldOut(*scorer, data, users, validation, options.threads, job), &UserOutcome::ndcg, 0);
      result.evalSeconds += secondsSince(evalStart);
      result.trials.push_back(trial);
      if (!best || trial.validationNdcg > result.validationNdcg) {  // ties keep the earlier candidate
        best = std::move(scorer);
        result.validationNdcg = trial.validationNdcg;
        result.paramsJson = trial.paramsJson;
      }
    }

    const int longestList = *std::max_element(options.ks.begin(), options.ks.end());
    const Pass test{spec.name + ": test", &split.testItem, &split.validationItem, options.ks, longestList};
    const auto evalStart = Clock::now();
    const std::vector<UserOutcome> outcomes = rankHeldOut(*best, data, users, test, options.threads, job);
    std::vector<std::vector<int32_t>> lists;
    lists.reserve(outcomes.size());
    for (const UserOutcome& o : outcomes) lists.push_back(o.top);
    for (size_t i = 0; i < options.ks.size(); ++i) {
      const int k = options.ks[i];
      result.atK.push_back({k, meanOf(outcomes, &UserOutcome::recall, i), meanOf(outcomes, &UserOutcome::ndcg, i),
                            catalogCoverage(lists, k, corpus.itemCount())});
    }
    result.evalSeconds += secondsSince(evalStart);
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace il
