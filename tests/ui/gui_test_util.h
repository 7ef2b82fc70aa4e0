// Helpers shared by the GUI tests: an isolated settings/data folder, small files,
// and waiting on a table model without the coarse steps of QTRY_*.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QThread>

#include "project_table_model.h"

namespace il::test {

// Settings and AppDataLocation go to a test-only place (~/.qttest), never the user's.
inline void isolateUserData() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("InterestLens"));
  QCoreApplication::setApplicationName(QStringLiteral("InterestLens-tests"));
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Spins the event loop in small steps until `done()`; false on timeout.
template <typename Pred>
bool spinUntil(Pred done, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > timeoutMs) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
    QThread::usleep(200);
  }
  return true;
}

// Waits until the model has counted its rows (the count is asked for on a thread).
inline bool waitForCount(const ProjectTableModel& model, int timeoutMs = 30000) {
  return spinUntil([&] { return !model.isCounting() && model.columnCount() > 0; }, timeoutMs);
}

}  // namespace il::test
