// interestlens-cli encode --project FILE.ilens --encoder ENC [--model-dir DIR] [...]
// Encodes every text of the project that has no vector yet for this encoder.
#include <iostream>

#include "cli_args.h"
#include "commands.h"
#include "encode_job.h"
#include "encoder_coverage.h"
#include "encoder_options.h"
#include "interestlens_core.h"
#include "text/language.h"

namespace il::cli {

int runEncode(int argc, char** argv) {
  std::vector<std::string> known = kEncoderOptions;
  known.push_back("--project");
  std::vector<std::string> flags = kEncoderFlags;
  flags.push_back("--quiet");
  flags.push_back("--strict");  // refuse to encode texts the encoder does not cover
  const Args a = parseArgs(argc, argv, known, flags);
  if (!a.has("--project")) throw UsageError("encode needs --project FILE.ilens");
  const EncoderSettings settings = encoderSettings(a);
  const bool quiet = a.has("--quiet");
  try {
    auto project = Project::open(a.get("--project"), Project::Mode::OpenExisting);
    // Before the model loads: does it cover the texts' languages? (Projects from
    // before schema 3 get their languages detected here, once.)
    project->detectMissingLanguages();
    const CoverageReport coverage = checkEncoderCoverage(settings, project->languageCounts());
    if (!coverage.ok()) {
      if (a.has("--strict")) throw InputError("encode --strict: " + coverage.message());
      std::cerr << "warning: " << coverage.message() << "\n";
    }
    auto encoder = createEncoder(settings);
    JobControl job([quiet](const Progress& p) {
      if (!quiet && p.total > 0) std::cerr << "\r" << p.done << "/" << p.total << "  " << p.phase << "   " << std::flush;
    });
    const EncodeStats s = encodeProject(*project, *encoder, settings, &job);
    if (!quiet) std::cerr << "\n";
    std::cout << "encoder " << encoder->id() << " (dimension " << encoder->dimension() << ")\n"
              << "texts: " << s.distinctTexts << " distinct, " << s.alreadyEncoded << " already encoded, "
              << s.encoded << " encoded now in " << s.seconds << " s\n";
  } catch (const ProjectError& e) {
    throw InputError(e.what());
  } catch (const EncoderError& e) {
    throw InputError(e.what());
  } catch (const LanguageError& e) {
    throw InputError(e.what());
  }
  return 0;
}

}  // namespace il::cli
