// The work item that imports files into a project on the JobRunner's thread.
#pragma once

#include <QString>
#include <memory>

#include "job_runner.h"
#include "store/project.h"

namespace il {

struct ImportRequest {
  QString projectPath;
  ImportOptions options;
  // Build a new project beside the old one and swap it in only when the import
  // succeeded: a failed or cancelled replace leaves the old project as it was.
  bool replace = false;
};

// `out` is filled on the job thread; read it in the job's Done callback.
JobRunner::Work importWork(ImportRequest request, std::shared_ptr<ImportOutcome> out);

// Removes a project file and its SQLite side files; false if one would not go.
bool removeProjectFiles(const QString& path);

}  // namespace il
