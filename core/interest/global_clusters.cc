#include "global_clusters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "../vec_math.h"
#include "silhouette.h"
#include "user_texts.h"

namespace il {

namespace {

// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms, UTC).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civilFromDays(int64_t z, int64_t& y, int64_t& m) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);
}

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Month {
  int64_t year = 0, month = 0;
  bool operator==(const Month&) const = default;
};

Month monthOf(int64_t unixSeconds) {
  Month m;
  civilFromDays(floorDiv(unixSeconds, 86400), m.year, m.month);
  return m;
}

void checkCancelled(const JobControl* job) {
  if (job && job->cancelled()) throw Cancelled{};
}

void report(const JobControl* job, int64_t done, const char* phase) {
  if (job) job->report({done, 2, phase});
}

}  // namespace

int32_t GlobalClusters::nearest(const float* v) const {
  if (centroids.rows == 0) return -1;
  return nearestCentroid(centroids, v);
}

std::string GlobalClusters::paramsJson(const GlobalClusterOptions& options) const {
  QJsonObject o;
  o["k"] = k();
  o["kChosen"] = kChosen;
  if (kChosen) {
    o["kMin"] = options.kMin;
    o["kMax"] = options.kMax;
  }
  o["silhouette"] = silhouette;
  o["seed"] = QString::number(seed);  // 64-bit seeds do not fit a JSON double
  o["maxIterations"] = options.maxIterations;
  o["restarts"] = options.restarts;
  o["distance"] = "cosine";
  o["labels"] = "c-tf-idf";
  return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

GlobalClusters buildGlobalClusters(const TrainingData& data, const GlobalClusterOptions& options,
                                   const JobControl* job) {
  if (!data.textVectors) throw std::runtime_error("interest clusters need text vectors: encode the project first");
  const Corpus& corpus = *data.corpus;
  const Matrix& vectors = *data.textVectors;
  if (vectors.rows != static_cast<int64_t>(corpus.texts.size()))
    throw std::runtime_error("text vectors do not match the project's texts: encode the project again");

  GlobalClusters out;
  out.seed = data.seed;
  out.textCluster.assign(corpus.texts.size(), -1);
  std::vector<int64_t> used;
  for (size_t i = 0; i < corpus.texts.size(); ++i)
    if (data.textUsable[i]) used.push_back(static_cast<int64_t>(i));
  Matrix rows = Matrix::zeros(static_cast<int64_t>(used.size()), vectors.cols);
  for (size_t r = 0; r < used.size(); ++r)
    std::memcpy(rows.row(static_cast<int64_t>(r)), vectors.row(used[r]), sizeof(float) * static_cast<size_t>(vectors.cols));
  normalizeRows(rows);
  if (rows.rows == 0) {
    out.centroids = Matrix::zeros(0, vectors.cols);
    return out;
  }

  report(job, 0, "clustering texts");
  KMeansResult km;
  if (options.k > 0) {
    KMeansOptions o;
    o.k = options.k, o.maxIterations = options.maxIterations, o.seed = data.seed, o.threads = options.threads;
    o.restarts = options.restarts;
    km = sphericalKMeans(rows, o, job);
    out.silhouette = meanSilhouette(rows, km.assignment, km.k(), options.threads);
  } else {
    ChooseKOptions o;
    o.kMin = options.kMin, o.kMax = options.kMax, o.seed = data.seed;
    o.maxIterations = options.maxIterations, o.threads = options.threads;
    o.restarts = options.restarts;
    KChoice choice = chooseK(rows, o, job);
    km = std::move(choice.clustering);
    out.silhouette = choice.silhouette;
    out.tried = std::move(choice.tried);
    out.kChosen = true;
  }

  // Largest cluster first, so ids read in order of importance.
  std::vector<int32_t> order(static_cast<size_t>(km.k()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return km.sizes[static_cast<size_t>(a)] > km.sizes[static_cast<size_t>(b)];
  });
  std::vector<int32_t> newId(order.size());
  out.centroids = Matrix::zeros(km.k(), rows.cols);
  out.clusters.resize(order.size());
  for (size_t n = 0; n < order.size(); ++n) {
    newId[static_cast<size_t>(order[n])] = static_cast<int32_t>(n);
    std::memcpy(out.centroids.row(static_cast<int64_t>(n)), km.centroids.row(order[n]),
                sizeof(float) * static_cast<size_t>(rows.cols));
    out.clusters[n].size = km.sizes[static_cast<size_t>(order[n])];
  }

  report(job, 1, "labelling clusters");
  ClusterTermCounter counter(km.k());
  for (size_t r = 0; r < used.size(); ++r) {
    if ((r & 1023) == 0) checkCancelled(job);
    const int32_t c = newId[static_cast<size_t>(km.assignment[r])];
    out.textCluster[static_cast<size_t>(used[r])] = c;
    counter.add(c, corpus.texts[static_cast<size_t>(used[r])].text);
  }
  const auto keywords = counter.topTerms(std::max(options.topTerms, options.labelTerms));
  for (size_t c = 0; c < out.clusters.size(); ++c) {
    out.clusters[c].keywords = keywords[c];
    out.clusters[c].label = keywordLabel(keywords[c], options.labelTerms);
  }
  report(job, 2, "labelling clusters");
  return out;
}

InterestTimeline userTimeline(const TrainingData& data, const GlobalClusters& clusters, int32_t user,
                              int equalBuckets) {
  InterestTimeline timeline;
  const Corpus& corpus = *data.corpus;
  const auto [begin, end] = userTextRange(corpus, user);
  std::vector<int64_t> rows;
  bool allTimed = true;
  for (int64_t i = begin; i < end; ++i) {
    if (clusters.textCluster.empty() || clusters.textCluster[static_cast<size_t>(i)] < 0) continue;
    rows.push_back(i);
    allTimed = allTimed && corpus.texts[static_cast<size_t>(i)].time != 0;
  }
  if (rows.empty()) return timeline;
  const auto k = static_cast<size_t>(clusters.k());
  auto addBucket = [&](size_t from, size_t to, InterestBucket b) {
    b.texts = static_cast<int64_t>(to - from);
    b.shares.assign(k, 0.0);
    for (size_t r = from; r < to; ++r)
      b.shares[static_cast<size_t>(clusters.textCluster[static_cast<size_t>(rows[r])])] += 1.0 / static_cast<double>(b.texts);
    timeline.buckets.push_back(std::move(b));
  };

  timeline.byMonth = allTimed;
  if (allTimed) {  // rows are in time order already
    size_t from = 0;
    while (from < rows.size()) {
      const Month m = monthOf(corpus.texts[static_cast<size_t>(rows[from])].time);
      size_t to = from + 1;
      while (to < rows.size() && monthOf(corpus.texts[static_cast<size_t>(rows[to])].time) == m) ++to;
      InterestBucket b;
      b.start = daysFromCivil(m.year, m.month, 1) * 86400;
      b.end = daysFromCivil(m.year + (m.month == 12), m.month % 12 + 1, 1) * 86400 - 1;
      char label[32];
      std::snprintf(label, sizeof label, "%04lld-%02lld", static_cast<long long>(m.year), static_cast<long long>(m.month));
      b.label = label;
      addBucket(from, to, std::move(b));
      from = to;
    }
    return timeline;
  }
  const size_t n = rows.size();
  const size_t parts = std::min(n, static_cast<size_t>(std::max(1, equalBuckets)));
  for (size_t p = 0; p < parts; ++p) {
    const size_t from = p * n / parts, to = (p + 1) * n / parts;
    InterestBucket b;
    b.start = static_cast<int64_t>(from);
    b.end = static_cast<int64_t>(to);
    b.label = "texts " + std::to_string(from + 1) + "\u2013" + std::to_string(to);
    addBucket(from, to, std::move(b));
  }
  return timeline;
}

}  // namespace il
