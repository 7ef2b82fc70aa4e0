#include "interestlens_core.h"

namespace il {
const char* version() { return IL_VERSION; }
}  // namespace il
