#include "recent_projects.h"

#include <QFileInfo>
#include <QSettings>

namespace il::recent {

namespace {
constexpr const char* kKey = "recentProjects";

void store(const QStringList& list) { QSettings().setValue(QLatin1String(kKey), list); }
}  // namespace

QStringList projects() { return QSettings().value(QLatin1String(kKey)).toStringList(); }

void add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList list = projects();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMaxProjects) list.removeLast();
  store(list);
}

void remove(const QString& path) {
  QStringList list = projects();
  list.removeAll(QFileInfo(path).absoluteFilePath());
  store(list);
}

void clear() { store({}); }

}  // namespace il::recent
