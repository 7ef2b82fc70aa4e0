// Runs the real interestlens-cli as a user would and collects what it printed; shared by
// the end-to-end CLI tests. A run past its time limit is killed and reads exit code -1.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include "test_paths.h"

namespace il::test {

struct CliRun {
  int exitCode = -1;
  QString out, err;
};

inline CliRun runCli(const QStringList& args, int timeoutMs = 600000) {
  QProcess p;
  p.start(binaryPath("app/interestlens-cli"), args);
  CliRun r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace il::test
