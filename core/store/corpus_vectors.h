// Vectors of a corpus's texts and items, read from the project's vector cache for one
// encoder. Rows align with corpus.texts and corpus.items; missing vectors are zero rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../matrix.h"
#include "../rank/corpus.h"

namespace il {

class Project;

struct EncoderInfo {
  std::string id, kind, settingsJson;
  int dim = 0;
  int64_t created = 0, vectors = 0;
};

struct CorpusVectors {
  EncoderInfo encoder;
  Matrix texts, items;
  int64_t missingTexts = 0, missingItems = 0;
};

// Encoders recorded in the project, newest first, with their vector counts.
std::vector<EncoderInfo> projectEncoders(Project& project);

// Throws ProjectError when the encoder is unknown. encoderId "" = the newest encoder
// that has vectors; throws when the project has none ("encode the project first").
CorpusVectors loadCorpusVectors(Project& project, const Corpus& corpus, const std::string& encoderId = {});

}  // namespace il
