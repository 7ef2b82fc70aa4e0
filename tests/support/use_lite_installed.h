// Tests that run the real USE-Lite model (installed by installer/fetch_use_lite.sh) skip
// with a message saying where it was looked for when it is absent.
#pragma once

#include <QString>
#include <QTest>

#include "paths.h"
#include "use_lite_encoder.h"

namespace il::test {

inline bool useLiteInstalled() { return !UseLiteEncoder::findModelJson(modelDirectory("use-lite")).empty(); }

}  // namespace il::test

#define IL_REQUIRE_USE_LITE()                                                                      \
  do {                                                                                             \
    if (!il::test::useLiteInstalled())                                                             \
      QSKIP(qPrintable(QString("USE-Lite is not installed in %1: run installer/fetch_use_lite.sh") \
                           .arg(QString::fromStdString(il::modelDirectory("use-lite")))));         \
  } while (0)
