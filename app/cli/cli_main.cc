// interestlens-cli: the headless front end. Every command calls the same engine
// API as the GUI. Exit codes: 0 success, 1 bad input, 2 bad usage.
#include <cstring>
#include <iostream>

#include "cli_args.h"
#include "cmd_models.h"
#include "cmd_vectors.h"
#include "commands.h"
#include "interestlens_core.h"
#include "models_plugin.h"

namespace {

const char* kUsage =
    "usage: interestlens-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  import  --project FILE.ilens --interactions FILE [--interactions FILE ...] [--items FILE]\n"
    "          [--map user=C,item=C,text=C,summary=C,rating=C,time=C]\n"
    "          [--item-map id=C,title=C,text=C,tags=C,category=C,price=C]\n"
    "          [--input-format auto|csv|tsv|jsonl] [--strict] [--quiet]\n"
    "          [--clean all|none|STEP,-STEP,short=N,language-min=N,near=X]  (default: the project's, else all)\n"
    "  info    --project FILE.ilens [--format table|json]\n"
    "  embed   --encoder use-lite|bert|tfidf|glove [--model-dir DIR] [--pooling mean|cls]\n"
    "          [--max-length N] [--normalize 0|1] [--truncate] [--threads N]\n"
    "          --input FILE|- [--input-format lines|jsonl] [--output FILE] [--format tsv|json|npy]\n"
    "          [--shard K/N --output DIR]   (K from 0; .npy + sidecar JSON per shard, resumable)\n"
    "  encode  --project FILE.ilens --encoder ENC [--model-dir DIR] [encoder options as for embed]\n"
    "          [--strict]   (refuse when the encoder does not cover the texts' languages; else a warning)\n"
    "  evaluate  --interactions FILE [--items FILE] [--map ...] [--item-map ...] | --project FILE.ilens\n"
    "            [--encoder ENC] [--model-dir DIR] [--models popularity,itemknn,mf,content,hybrid]\n"
    "            (also twotower, twotower-apr, twotower-ft: the two-tower model; -apr adds\n"
    "            adversarial training with eps tuned on validation, -ft encoder fine-tuning\n"
    "            [--encoder-lr X] [--encoder-max-tokens N])\n"
    "            [--k 10,20] [--seed N] [--format json|table] [--threads N] [--blend-step 0.125]\n"
    "  train     --project FILE.ilens [--encoder-id ID] [--epochs N] [--dim D] [--loss softmax|bpr]\n"
    "            [--adversarial-eps E] [--adversarial-weight W] [--lr X] [--batch N] [--patience N]\n"
    "            [--seed N] [--no-feedback] [--format text|json]   (stored; recommend --model twotower)\n"
    "            [--fine-tune-encoder [--encoder-lr 1e-4] [--encoder-max-tokens N] [--encoder-batch-tokens 8192]]\n"
    "            (trains USE-Lite's last layer too, on its cached inputs)\n"
    "  recommend --project FILE.ilens --user ID|--all-users [--k N] [--model M] [--threshold X]\n"
    "            [--alpha A] [--blend popularity=W,itemknn=W,mf=W,content=W] [--half-life DAYS]\n"
    "            [--format csv|json] [--output FILE] [--ann auto|off|hnsw|ivf] [--ann-threshold N]\n"
    "  feedback  --project FILE.ilens --user ID --item ID --like|--dislike|--clear  (or --list)\n"
    "  export    --project FILE.ilens --what recommendations|clusters|embeddings|metrics --output FILE\n"
    "            [--of texts|items|users] [--k N]\n"
    "            --what vectors --output DIR [--encoder-id ID] [--shard-rows N] | --what texts --output FILE.jsonl\n"
    "  import-vectors --project FILE.ilens --vectors DIR   (shards of embed --shard or export --what vectors)\n"
    "  models    list [--format table|json] [--folder DIR ...] | download ID [--revision REV]\n"
    "  version\n"
    "\n"
    "Inputs may be CSV, TSV or JSON lines, each optionally gzip-compressed.\n"
    "MovieLens and Amazon review files are recognised without --map.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace il::cli;
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "import") return runImport(argc, argv);
    if (command == "info") return runInfo(argc, argv);
    if (command == "recommend") return runRecommend(argc, argv);
    if (command == "feedback") return runFeedback(argc, argv);
    if (command == "export") return runExport(argc, argv);
    if (command == "import-vectors") return runImportVectors(argc, argv);
    if (command == "models") return runModels(argc, argv);
    if (command == "embed" || command == "encode" || command == "evaluate" ||
        command == "train") return runModelCommand(argc, argv);
    if (command == "version" || command == "--version") {
      std::cout << "interestlens-cli " << il::version() << "\n";
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << (command.empty() ? "no command given" : "unknown command '" + command + "'") << "\n\n"
              << kUsage;
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "interestlens-cli " << command << ": " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const InputError& e) {
    std::cerr << "interestlens-cli " << command << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "interestlens-cli " << command << ": " << e.what() << "\n";
    return 1;
  }
}
