// Where tests find shared data, and a uniform way to skip when it is absent.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace il::test {

inline QString sharedPath(const QString& relative) {
  return QDir(QStringLiteral(IL_SHARED_DIR)).filePath(relative);
}
inline QString sourcePath(const QString& relative) {
  return QDir(QStringLiteral(IL_SOURCE_DIR)).filePath(relative);
}
inline QString binaryPath(const QString& relative) {
  return QDir(QStringLiteral(IL_BINARY_DIR)).filePath(relative);
}

}  // namespace il::test

// Skips the current test function when a file from ../shared is missing.
#define IL_REQUIRE_SHARED(rel)                                                          \
  do {                                                                                  \
    if (!QFileInfo::exists(il::test::sharedPath(rel)))                                  \
      QSKIP(qPrintable(QStringLiteral("needs ../shared/%1 (test data not present in "   \
                                      "this checkout)").arg(rel)));                     \
  } while (0)
