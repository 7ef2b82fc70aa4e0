// interestlens-cli import-vectors --project P --vectors DIR [--quiet]
//   Verifies a shard set (embed --shard, export --what vectors) and stores its vectors in
//   the project's cache, matched to the project's texts by text hash, in one transaction.
// export --what vectors --output DIR [--encoder-id ID] [--shard-rows N]   (see cmd_export.cc)
// export --what texts --output FILE.jsonl                              the input for embed
#include <iostream>

#include "cli_args.h"
#include "cmd_vectors.h"
#include "interestlens_core.h"
#include "vectors/vector_exchange.h"
#include "vectors/vector_shards.h"

namespace il::cli {

int runImportVectors(int argc, char** argv) {
  const Args a = parseArgs(argc, argv, {"--project", "--vectors"}, {"--quiet"});
  if (!a.has("--project") || !a.has("--vectors"))
    throw UsageError("import-vectors needs --project FILE.ilens --vectors DIR");
  const bool quiet = a.has("--quiet");
  try {
    auto project = Project::open(a.get("--project"), Project::Mode::OpenExisting);
    JobControl job([quiet](const Progress& p) {
      if (!quiet && p.total > 0) std::cerr << "\r" << p.done << "/" << p.total << "  " << p.phase << "   " << std::flush;
    });
    const VectorImportStats s = importVectorShards(*project, a.get("--vectors"), &job);
    if (!quiet) std::cerr << "\n";
    std::cout << "encoder " << s.encoderId << " (dimension " << s.dim << ")\n"
              << "shards: " << s.shards << ", " << s.rows << " rows verified; " << s.matched
              << " vectors stored for project texts, " << s.unmatched << " rows of texts not in the project skipped"
              << (s.duplicateRows ? ", " + std::to_string(s.duplicateRows) + " repeated rows skipped" : "") << "\n"
              << "project: " << s.encodedAfter << " of " << s.projectTexts << " distinct texts have vectors for this encoder ("
              << s.seconds << " s)\n";
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  } catch (const VectorShardError& e) {
    throw InputError(e.what());
  }
  return 0;
}

int exportVectorsOrTexts(const Args& a, const std::string& what) {
  try {
    auto project = Project::open(a.get("--project"), Project::Mode::ReadOnly);
    if (what == "texts") {
      const int64_t n = exportTexts(*project, a.get("--output"));
      std::cout << "wrote " << a.get("--output") << " (" << n << " distinct texts, one JSON object a line)\n";
      return 0;
    }
    const int rowsPerShard = intOption(a, "--shard-rows", 100000, 1, 100000000);
    const VectorExportStats s = exportVectorShards(*project, a.get("--output"), a.get("--encoder-id"), rowsPerShard);
    std::cout << "wrote " << s.shards << " shard(s) of encoder " << s.encoderId << " (" << s.rows << " x " << s.dim
              << ") to " << a.get("--output") << ", with vectors.tsv and metadata.tsv for TensorBoard's Projector\n";
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  } catch (const VectorShardError& e) {
    throw InputError(e.what());
  }
  return 0;
}

}  // namespace il::cli
