// interestlens-cli recommend --project P --user ID [--k N] [--model M] [--threshold X]
//                            [--format csv|json] [--output FILE] [recommender options]
// Top-N for one user (or --all-users) with the explanation of every item.
#include <fstream>
#include <iostream>
#include <unistd.h>
#include <limits>

#include "cli_args.h"
#include "commands.h"
#include "interestlens_core.h"
#include "recommender_options.h"

namespace il::cli {

namespace {

std::unique_ptr<Project> openProject(const Args& a, Project::Mode mode) {
  if (!a.has("--project")) throw UsageError(a.command + " needs --project FILE.ilens");
  try {
    return Project::open(a.get("--project"), mode);
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
}

std::unique_ptr<Recommender> loadRecommender(Project& p, const Args& a, bool quiet) {
  quiet = quiet || !isatty(2);  // progress lines only on a terminal
  JobControl job([quiet](const Progress& pr) {
    if (!quiet) std::cerr << "\r" << pr.phase << "...            " << std::flush;
  });
  try {
    auto r = Recommender::fromProject(p, recommenderOptions(a), &job);
    if (!quiet) std::cerr << "\r" << std::string(40, ' ') << "\r";
    return r;
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
}

int32_t userIndex(const Recommender& r, const std::string& id) {
  const int32_t u = r.corpus().findUser(id);
  if (u < 0) throw InputError("no user \"" + id + "\" in this project");
  return u;
}

}  // namespace

int runRecommend(int argc, char** argv) {
  std::vector<std::string> known = kRecommenderOptions;
  known.insert(known.end(), {"--project", "--user", "--k", "--model", "--threshold", "--format", "--output", "--alpha"});
  const Args a = parseArgs(argc, argv, known, {"--quiet", "--all-users"});
  if (!a.has("--user") && !a.has("--all-users")) throw UsageError("recommend needs --user ID (or --all-users)");
  const std::string format = a.get("--format", "csv");
  if (format != "csv" && format != "json") throw UsageError("--format must be csv or json");
  if (format == "json" && a.has("--all-users")) throw UsageError("--all-users writes CSV only");
  RecommendRequest req;
  req.model = a.get("--model", "hybrid");
  req.topN = intOption(a, "--k", 10, 1, 100000);
  req.alpha = doubleOption(a, "--alpha", 0.7, 0.0, 1.0);
  req.threshold = static_cast<float>(doubleOption(a, "--threshold", -std::numeric_limits<double>::infinity(),
                                                  -std::numeric_limits<double>::max(), std::numeric_limits<double>::max()));
  auto project = openProject(a, Project::Mode::ReadOnly);
  auto rec = loadRecommender(*project, a, a.has("--quiet"));
  const auto models = rec->models();
  if (std::find(models.begin(), models.end(), req.model) == models.end())
    throw UsageError("--model must be one of the models this project has: " + [&] {
      std::string s;
      for (const auto& m : models) s += (s.empty() ? "" : ", ") + m;
      return s + (rec->hasContent() ? "" : " (content models need vectors: run encode first)");
    }());
  const std::string warning = rec->warning(req);
  if (!warning.empty()) std::cerr << "warning: " << warning << "\n";
  if (rec->annIndex()) std::cerr << rec->annSummary() << " (--ann off for exact)\n";

  std::vector<int32_t> users;
  if (a.has("--all-users"))
    for (int32_t u = 0; u < rec->corpus().userCount(); ++u) users.push_back(u);
  else
    users.push_back(userIndex(*rec, a.get("--user")));
  // Everything is checked before the output file is created: bad input writes nothing.
  std::ofstream file;
  if (a.has("--output")) {
    file.open(a.get("--output"), std::ios::binary);
    if (!file) throw InputError(a.get("--output") + ": cannot write");
  }
  std::ostream& out = a.has("--output") ? file : std::cout;
  for (size_t i = 0; i < users.size(); ++i) {
    RecommendationList list{rec->corpus().users[static_cast<size_t>(users[i])], req.model, warning, rec->paramsJson(),
                            rec->recommend(users[i], req)};
    if (format == "json") out << recommendationsJson(list);
    else writeRecommendationsCsv(out, list, i == 0);
  }
  return out.good() ? 0 : 1;
}

int runFeedback(int argc, char** argv) {
  const Args a = parseArgs(argc, argv, {"--project", "--user", "--item"}, {"--like", "--dislike", "--clear", "--list"});
  auto project = openProject(a, Project::Mode::OpenExisting);
  FeedbackStore store(*project);
  if (a.has("--list")) {
    CsvWriter csv(std::cout);
    csv.row({"user", "item", "feedback", "time"});
    for (const FeedbackRow& f : store.list(a.get("--user")))
      csv.row({f.user, f.item, toString(f.value), std::to_string(f.time)});
    return 0;
  }
  if (!a.has("--user") || !a.has("--item")) throw UsageError("feedback needs --user ID --item ID and --like, --dislike or --clear");
  const int chosen = a.has("--like") + a.has("--dislike") + a.has("--clear");
  if (chosen != 1) throw UsageError("feedback needs exactly one of --like, --dislike, --clear");
  const Feedback value = a.has("--like") ? Feedback::Like : a.has("--dislike") ? Feedback::Dislike : Feedback::None;
  try {
    store.set(a.get("--user"), a.get("--item"), value);
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  }
  std::cout << a.get("--user") << " " << a.get("--item") << ": " << toString(value) << "\n";
  return 0;
}

}  // namespace il::cli
