// interestlens-cli models list|download: the model manager (Hugging Face cache and hub).
#pragma once

namespace il::cli {

int runModels(int argc, char** argv);

}  // namespace il::cli
