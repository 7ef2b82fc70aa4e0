// The demo dataset (resources/demo) with hashed-word vectors, as a fitted Recommender:
// what the view tests render their screenshots from without an encoder.
#pragma once

#include <memory>
#include <stdexcept>

#include "hashed_vectors.h"
#include "interestlens_core.h"

namespace il::test {

inline std::shared_ptr<Recommender> hashedDemoRecommender() {
  ImportOptions io;
  io.interactionFiles = {IL_SOURCE_DIR "/resources/demo/reviews.csv"};
  io.itemFiles = {IL_SOURCE_DIR "/resources/demo/items.csv"};
  ImportResult imported = readImport(io);
  if (!imported.ok) throw std::runtime_error(imported.error);
  Corpus corpus = Corpus::fromDataset(imported.data);
  std::vector<std::string> texts, items;
  for (const auto& t : corpus.texts) texts.push_back(t.text);
  for (const auto& it : corpus.items) items.push_back(itemText(it));
  RecommenderOptions o;
  o.threads = 2;
  return std::make_shared<Recommender>(std::move(corpus), hashedVectors(texts), hashedVectors(items), o);
}

}  // namespace il::test
