// Writes a row-major float32 matrix as a NumPy .npy file (format version 1.0).
#pragma once

#include <cstdint>
#include <ostream>

namespace il {

void writeNpy(std::ostream& out, const float* data, int64_t rows, int64_t cols);

}  // namespace il
