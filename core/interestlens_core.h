// InterestLens engine, torch-free part: the one header front ends include.
#pragma once

#include "dataset.h"        // IWYU pragma: export
#include "eval/cf_models.h"  // IWYU pragma: export
#include "eval/evaluator.h"  // IWYU pragma: export
#include "eval/metrics.h"  // IWYU pragma: export
#include "eval/model_spec.h"  // IWYU pragma: export
#include "eval/blend_tuning.h"  // IWYU pragma: export
#include "eval/model_comparison.h"  // IWYU pragma: export
#include "eval/report_writer.h"  // IWYU pragma: export
#include "recommend/recommendation_io.h"  // IWYU pragma: export
#include "recommend/recommender.h"  // IWYU pragma: export
#include "recommend/similarity_block.h"  // IWYU pragma: export
#include "rank/hybrid_scorer.h"  // IWYU pragma: export
#include "rank/top_k.h"  // IWYU pragma: export
#include "rank/item_index.h"  // IWYU pragma: export
#include "eval/split.h"  // IWYU pragma: export
#include "io/importer.h"    // IWYU pragma: export
#include "io/csv_writer.h"  // IWYU pragma: export
#include "io/npy_writer.h"  // IWYU pragma: export
#include "io/schema.h"      // IWYU pragma: export
#include "io/table_reader.h"  // IWYU pragma: export
#include "interest/cluster_labels.h"  // IWYU pragma: export
#include "interest/global_clusters.h"  // IWYU pragma: export
#include "interest/kmeans.h"  // IWYU pragma: export
#include "interest/profile.h"  // IWYU pragma: export
#include "interest/projection.h"  // IWYU pragma: export
#include "interest/silhouette.h"  // IWYU pragma: export
#include "job.h"            // IWYU pragma: export
#include "matrix.h"         // IWYU pragma: export
#include "models_catalog/hf_cache.h"  // IWYU pragma: export
#include "models_catalog/hub_download.h"  // IWYU pragma: export
#include "rank/content_scorer.h"  // IWYU pragma: export
#include "rank/corpus.h"    // IWYU pragma: export
#include "rank/interactions.h"  // IWYU pragma: export
#include "rank/itemknn_scorer.h"  // IWYU pragma: export
#include "rank/mf_scorer.h"  // IWYU pragma: export
#include "rank/popularity_scorer.h"  // IWYU pragma: export
#include "rank/scorer.h"    // IWYU pragma: export
#include "vec_math.h"       // IWYU pragma: export
#include "paths.h"          // IWYU pragma: export
#include "problem.h"        // IWYU pragma: export
#include "problem_log.h"    // IWYU pragma: export
#include "store/corpus_vectors.h"  // IWYU pragma: export
#include "store/feedback_store.h"  // IWYU pragma: export
#include "store/project.h"  // IWYU pragma: export
#include "store/run_store.h"  // IWYU pragma: export
#include "store/table_export.h"  // IWYU pragma: export
#include "store/vector_store.h"  // IWYU pragma: export
#include "text/terms.h"  // IWYU pragma: export
#include "text/text_hash.h"  // IWYU pragma: export
#include "rank/embedding_scorer.h"  // IWYU pragma: export
#include "store/trained_model_store.h"  // IWYU pragma: export
#include "text/chinese_segmenter.h"  // IWYU pragma: export
#include "text/stemmer.h"  // IWYU pragma: export
#include "text/text_cleaner.h"  // IWYU pragma: export
#include "text/cleaning_report.h"  // IWYU pragma: export
#include "text/duplicates.h"  // IWYU pragma: export
#include "text/language.h"  // IWYU pragma: export
#include "vectors/vector_shards.h"  // IWYU pragma: export
#include "vectors/vector_exchange.h"  // IWYU pragma: export
#include "vectors/ann_index.h"  // IWYU pragma: export

namespace il {
// Version of the engine, "major.minor.patch".
const char* version();
}  // namespace il
