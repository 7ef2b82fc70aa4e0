// How much slower than a normal build the code under test runs: 4 under ASan + UBSan
// (tests/CMakeLists.txt sets IL_TEST_TIME_SCALE), else 1. "Quickly" limits scale by it.
#pragma once

#include <QtGlobal>

namespace il::test {

inline int timeScale() {
  bool ok = false;
  const int s = qEnvironmentVariableIntValue("IL_TEST_TIME_SCALE", &ok);
  return ok && s > 0 ? s : 1;
}

}  // namespace il::test
