// InterestLens models (encoders, trainable models): torch-free public header.
#pragma once

#include "similarity.h"  // IWYU pragma: export
