#include "recommendation_io.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

#include "../io/csv_writer.h"

namespace il {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QJsonArray itemsJson(const std::vector<ItemEvidence>& items) {
  QJsonArray a;
  for (const ItemEvidence& i : items)
    a.append(QJsonObject{{"item", q(i.id)}, {"title", q(i.title)}, {"similarity", i.similarity}});
  return a;
}

QJsonObject explanationJson(const Explanation& e) {
  QJsonArray texts;
  for (const TextEvidence& t : e.texts)
    texts.append(QJsonObject{{"item", q(t.item)}, {"text", q(t.text)}, {"similarity", t.similarity}});
  QJsonArray terms;
  for (const std::string& t : e.sharedTerms) terms.append(q(t));
  QJsonArray tags;
  for (const TagLink& l : e.sharedTags) {
    QJsonArray items;
    for (const std::string& i : l.items) items.append(q(i));
    tags.append(QJsonObject{{"tag", q(l.tag)}, {"your_items", items}});
  }
  QJsonObject o{{"summary", q(e.summary())},
                {"texts", texts},
                {"similar_items", itemsJson(e.similarItems)},
                {"shared_terms", terms},
                {"shared_tags", tags},
                {"cf_neighbours", itemsJson(e.cfNeighbours)},
                {"feedback", toString(e.feedback)},
                {"liked_similar", itemsJson(e.likedSimilar)}};
  if (e.interest >= 0 || e.cluster >= 0)
    o["interest"] = QJsonObject{{"index", e.interest},
                                {"weight", e.interestWeight},
                                {"similarity", e.interestSimilarity},
                                {"cluster", e.cluster},
                                {"label", q(e.clusterLabel)}};
  return o;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

template <typename T, typename F>
std::string joined(const std::vector<T>& v, F f, const char* sep = "; ") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + f(v[i]);
  return s;
}

std::string itemLabel(const ItemEvidence& i) {
  return (i.title.empty() ? i.id : i.title + " [" + i.id + "]") + " (" + fmt(i.similarity) + ")";
}

}  // namespace

const char* toString(Feedback f) {
  switch (f) {
    case Feedback::Like: return "like";
    case Feedback::Dislike: return "dislike";
    default: return "none";
  }
}

std::string recommendationsJson(const RecommendationList& list) {
  QJsonArray items;
  for (const Recommendation& r : list.items) {
    QJsonObject scores;
    for (const auto& [m, s] : r.modelScores) scores[q(m)] = s;
    items.append(QJsonObject{{"rank", r.rank},
                             {"item", q(r.id)},
                             {"title", q(r.title)},
                             {"score", r.score},
                             {"scores", scores},
                             {"explanation", explanationJson(r.why)}});
  }
  QJsonObject root{{"user", q(list.user)}, {"model", q(list.model)}, {"recommendations", items}};
  if (!list.warning.empty()) root["warning"] = q(list.warning);
  if (!list.paramsJson.empty()) root["params"] = QJsonDocument::fromJson(QByteArray::fromStdString(list.paramsJson)).object();
  return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::vector<std::string> recommendationCsvHeader(const RecommendationList& list) {
  std::vector<std::string> h = {"user", "rank", "item", "title", "score"};
  if (!list.items.empty())
    for (const auto& [m, s] : list.items.front().modelScores) h.push_back("score_" + m);
  for (const char* c : {"feedback", "interest", "interest_similarity", "texts", "similar_items", "shared_terms",
                        "shared_tags", "cf_neighbours", "summary"})
    h.emplace_back(c);
  return h;
}

void writeRecommendationsCsv(std::ostream& out, const RecommendationList& list, bool header) {
  CsvWriter csv(out);
  if (header) csv.row(recommendationCsvHeader(list));
  for (const Recommendation& r : list.items) {
    const Explanation& e = r.why;
    std::vector<std::string> row = {list.user, std::to_string(r.rank), r.id, r.title, fmt(r.score)};
    for (const auto& [m, s] : r.modelScores) row.push_back(fmt(s));
    row.push_back(toString(e.feedback));
    row.push_back(e.clusterLabel);
    row.push_back(e.interest >= 0 ? fmt(e.interestSimilarity) : "");
    row.push_back(joined(e.texts, [](const TextEvidence& t) { return "\"" + t.text + "\" (" + fmt(t.similarity) + ")"; }));
    row.push_back(joined(e.similarItems, itemLabel));
    row.push_back(joined(e.sharedTerms, [](const std::string& s) { return s; }, ", "));
    row.push_back(joined(e.sharedTags, [](const TagLink& l) { return l.tag + ": " + joined(l.items, [](const std::string& s) { return s; }, ", "); }));
    row.push_back(joined(e.cfNeighbours, itemLabel));
    row.push_back(e.summary());
    csv.row(row);
  }
}

}  // namespace il
