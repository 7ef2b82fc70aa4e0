#include "import_job.h"

#include <QFile>

namespace il {

bool removeProjectFiles(const QString& path) {
  bool ok = true;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const QString f = path + QLatin1String(suffix);
    if (QFile::exists(f) && !QFile::remove(f)) ok = false;
  }
  return ok;
}

JobRunner::Work importWork(ImportRequest request, std::shared_ptr<ImportOutcome> out) {
  return [request = std::move(request), out](JobControl& job) {
    if (!request.replace) {
      *out = importIntoProject(request.projectPath.toStdString(), request.options, &job);
      return;
    }
    const QString fresh = request.projectPath + QStringLiteral(".new");
    removeProjectFiles(fresh);  // left over from a crash
    *out = importIntoProject(fresh.toStdString(), request.options, &job);
    if (!out->written) return;
    if (!removeProjectFiles(request.projectPath) || !QFile::rename(fresh, request.projectPath)) {
      out->written = false;
      out->error = "could not replace " + request.projectPath.toStdString() +
                   " (the new project is in " + fresh.toStdString() + ")";
    }
  };
}

}  // namespace il
