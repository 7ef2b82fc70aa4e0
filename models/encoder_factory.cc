// createEncoder: one case per encoder kind. Add a kind with one more `if`.
#include <memory>
#include <string>

#include "bert_encoder.h"
#include "encoder.h"
#include "glove_encoder.h"
#include "interestlens_core.h"
#include "tfidf_encoder.h"
#include "use_lite_encoder.h"

namespace il {

std::unique_ptr<Encoder> createEncoder(const EncoderSettings& settings) {
  const std::string& kind = settings.kind;
  if (kind == "bert") return std::make_unique<BertEncoder>(settings);
  if (kind == "bert-int8") return std::make_unique<BertEncoder>(settings, BertModel::Precision::Int8);
  if (kind == "use-lite") return createUseLiteEncoder(settings);
  if (kind == "tfidf") return std::make_unique<TfidfEncoder>(TfidfEncoder::Options{.components = settings.components});
  if (kind == "glove") {
    const std::string dir = settings.modelDir.empty() ? modelDirectory("glove") : settings.modelDir;
    return std::make_unique<GloveEncoder>(WordVectors::load(dir), settings.normalize == 1);
  }
  throw EncoderError("unknown encoder kind \"" + kind + "\" (available: use-lite, bert, bert-int8, tfidf, glove)");
}

}  // namespace il
