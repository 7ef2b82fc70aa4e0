// One function per interestlens-cli command; each returns the process exit code.
#pragma once

namespace il::cli {

int runImport(int argc, char** argv);
int runInfo(int argc, char** argv);
int runEmbed(int argc, char** argv);
int runEncode(int argc, char** argv);
int runRecommend(int argc, char** argv);
int runFeedback(int argc, char** argv);
int runExport(int argc, char** argv);
int runEvaluate(int argc, char** argv);
int runTrain(int argc, char** argv);

}  // namespace il::cli
