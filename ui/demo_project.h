// The demo project: the small dataset compiled into the program (:/demo/*.csv),
// imported once into the user's data folder and reused after that.
#pragma once

#include <QString>

#include "store/project.h"

namespace il::demo {

// QStandardPaths::AppDataLocation/demo.ilens
QString projectPath();

// True when the demo project exists, opens, holds data and was built from the
// demo files this program carries (a newer program rebuilds it).
bool isReady();

// Copies the bundled demo files into `dir`; returns {reviews, items} paths, or
// empty strings when they could not be written.
struct Files {
  QString reviews, items;
};
Files extractTo(const QString& dir);

// Extracts and imports the demo (on a job thread). Builds beside the final file and
// renames it into place, so a crash never leaves a half-built demo behind.
ImportOutcome build(const JobControl* job);

}  // namespace il::demo
