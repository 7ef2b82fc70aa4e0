// Why an item is recommended to a user, as data: the user's texts that match it, the
// interest it matches (and that interest's cluster label), the user's items most like
// it, shared terms, shared tags/categories (item -> tag -> the user's items), the CF
// neighbours behind its collaborative score, and the user's feedback on it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../store/feedback_store.h"

namespace il {

struct TextEvidence {
  int64_t textRow = 0;  // into corpus.texts
  std::string item;     // the item the text was written about
  std::string text;
  float similarity = 0;  // cosine(text vector, item vector)
};

struct ItemEvidence {
  int32_t item = 0;
  std::string id, title;
  float similarity = 0;  // content cosine, or the ItemKNN similarity for cfNeighbours
};

struct TagLink {
  std::string tag;                 // a tag or category the item carries
  std::vector<std::string> items;  // the user's items that carry it too (ids)
};

struct Explanation {
  std::vector<TextEvidence> texts;
  int interest = -1;               // index into the user's profile interests
  double interestWeight = 0;       // that interest's share of the user's texts
  float interestSimilarity = 0;
  int32_t cluster = -1;            // the global cluster of that interest
  std::string clusterLabel;
  std::vector<ItemEvidence> similarItems;
  std::vector<std::string> sharedTerms;
  std::vector<TagLink> sharedTags;
  std::vector<ItemEvidence> cfNeighbours;
  Feedback feedback = Feedback::None;      // the user's own feedback on this item
  std::vector<ItemEvidence> likedSimilar;  // liked items most like this one (feedback at work)

  // One line for people: "matches your interest 'lipstick · matte' (0.82); you wrote ...".
  std::string summary() const;
};

// Tags and categories of an item: its tags split at | , ; and its category.
std::vector<std::string> itemTags(const std::string& tags, const std::string& category);

}  // namespace il
