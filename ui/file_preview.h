// The first rows of a data file, read the way an import would read them, for the
// import dialog's preview. Synchronous: it stops after a few rows.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace il {

struct FilePreview {
  QString path;
  QString format;    // "CSV", "JSON lines (gzip)", ...
  QStringList header;
  QList<QStringList> rows;
  QString error;     // the file cannot be read at all
  QString problem;   // first problem among the previewed rows, if any
  bool looksLikeCatalog = false;  // id + title/description, no user column
};

FilePreview readPreview(const QString& path, int maxRows = 20);

}  // namespace il
