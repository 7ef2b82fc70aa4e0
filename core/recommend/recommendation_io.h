// Recommendations with their explanations as JSON (machine-readable, every field) and
// as CSV (one row per item, the evidence in readable columns; spreadsheet-safe).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "recommender.h"

namespace il {

struct RecommendationList {
  std::string user, model, warning, paramsJson;
  std::vector<Recommendation> items;
};

std::string recommendationsJson(const RecommendationList& list);
void writeRecommendationsCsv(std::ostream& out, const RecommendationList& list, bool header = true);
std::vector<std::string> recommendationCsvHeader(const RecommendationList& list);

const char* toString(Feedback f);  // "like", "dislike", "none"

}  // namespace il
