// The encoder options shared by embed and encode: --encoder --model-dir --pooling --max-length ...
#pragma once

#include "cli_args.h"
#include "encoder.h"

namespace il::cli {

inline const std::vector<std::string> kEncoderOptions = {"--encoder", "--model-dir", "--pooling", "--max-length",
                                                         "--normalize", "--threads"};
inline const std::vector<std::string> kEncoderFlags = {"--truncate"};

EncoderSettings encoderSettings(const Args& a);

}  // namespace il::cli
