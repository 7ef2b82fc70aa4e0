#include "demo_project.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "import_job.h"

namespace il::demo {

namespace {

constexpr const char* kReviews = ":/demo/reviews.csv";
constexpr const char* kItems = ":/demo/items.csv";
constexpr const char* kHashKey = "demo/sourceHash";

// Identifies the bundled data, so a demo built from older files is rebuilt.
QString sourceHash() {
  QCryptographicHash hash(QCryptographicHash::Sha1);
  for (const char* name : {kReviews, kItems}) {
    QFile f(QString::fromLatin1(name));
    if (f.open(QIODevice::ReadOnly)) hash.addData(&f);
  }
  return QString::fromLatin1(hash.result().toHex());
}

}  // namespace

QString projectPath() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath(QStringLiteral("demo.ilens"));
}

bool isReady() {
  const QString path = projectPath();
  if (!QFile::exists(path)) return false;
  if (QSettings().value(QLatin1String(kHashKey)).toString() != sourceHash()) return false;
  try {
    const auto project = Project::open(path.toStdString(), Project::Mode::ReadOnly);
    const ProjectCounts c = project->counts();
    return c.items > 0 && c.texts > 0;
  } catch (const std::exception&) {
    return false;
  }
}

Files extractTo(const QString& dir) {
  Files out;
  const QString reviews = QDir(dir).filePath(QStringLiteral("reviews.csv"));
  const QString items = QDir(dir).filePath(QStringLiteral("items.csv"));
  QFile::remove(reviews);
  QFile::remove(items);
  if (!QFile::copy(QString::fromLatin1(kReviews), reviews) ||
      !QFile::copy(QString::fromLatin1(kItems), items))
    return out;
  // Resource copies are read-only; the files are ours to delete.
  for (const QString& f : {reviews, items})
    QFile::setPermissions(f, QFile::ReadOwner | QFile::WriteOwner);
  out.reviews = reviews;
  out.items = items;
  return out;
}

ImportOutcome build(const JobControl* job) {
  ImportOutcome outcome;
  QTemporaryDir tmp;
  const Files files = tmp.isValid() ? extractTo(tmp.path()) : Files{};
  if (files.reviews.isEmpty()) {
    outcome.error = "could not unpack the demo files into a temporary folder";
    return outcome;
  }
  const QString path = projectPath();
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
    outcome.error = "could not create " + QFileInfo(path).absolutePath().toStdString();
    return outcome;
  }
  ImportOptions options;
  options.interactionFiles = {files.reviews.toStdString()};
  options.itemFiles = {files.items.toStdString()};
  const QString fresh = path + QStringLiteral(".new");
  removeProjectFiles(fresh);
  outcome = importIntoProject(fresh.toStdString(), options, job);
  if (!outcome.written) return outcome;
  if (!removeProjectFiles(path) || !QFile::rename(fresh, path)) {
    outcome.written = false;
    outcome.error = "could not write " + path.toStdString();
    return outcome;
  }
  QSettings().setValue(QLatin1String(kHashKey), sourceHash());
  return outcome;
}

}  // namespace il::demo
