#include <algorithm>

#include "scorer.h"

namespace il {

TrainingData TrainingData::all(const Corpus& corpus, uint64_t seed) {
  TrainingData d;
  d.corpus = &corpus;
  d.seed = seed;
  d.setEvents(corpus.events);
  return d;
}

void TrainingData::setEvents(std::vector<Event> training) {
  events = std::move(training);
  userItems = SparseRows::fromEvents(corpus->userCount(), corpus->itemCount(), events);
  textUsable.assign(corpus->texts.size(), 0);
  for (size_t i = 0; i < corpus->texts.size(); ++i) {
    const CorpusText& t = corpus->texts[i];
    textUsable[i] = userItems.contains(t.user, t.item) ? 1 : 0;
  }
}

}  // namespace il
