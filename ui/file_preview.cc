#include "file_preview.h"

#include <QFile>

#include "io/schema.h"
#include "io/table_reader.h"
#include "problem_log.h"

namespace il {

namespace {
// Compression is detected by content, as the reader does, not by the name.
bool isGzip(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return false;
  const QByteArray magic = f.read(2);
  return magic.size() == 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
         static_cast<unsigned char>(magic[1]) == 0x8b;
}
}  // namespace

FilePreview readPreview(const QString& path, int maxRows) {
  FilePreview out;
  out.path = path;
  ProblemLog log(10);
  auto reader = TableReader::open(path.toStdString(), FileFormat::Auto, ReaderLimits{}, log);
  if (!reader) {
    const Problem* p = log.firstFatal();
    out.error = p ? QString::fromStdString(p->message()) : QStringLiteral("cannot read the file");
    return out;
  }
  out.format = QString::fromUtf8(formatName(reader->format()));
  if (isGzip(path)) out.format += QStringLiteral(" (gzip)");
  for (const auto& h : reader->header()) out.header << QString::fromStdString(h);
  out.looksLikeCatalog = looksLikeItemCatalog(reader->header());
  Record record;
  while (out.rows.size() < maxRows && reader->next(record)) {
    QStringList row;
    for (const auto& f : record.fields) row << QString::fromStdString(f);
    out.rows << row;
  }
  if (reader->failed()) {
    const Problem* p = log.firstFatal();
    out.error = p ? QString::fromStdString(p->message()) : QStringLiteral("cannot read the file");
  } else if (!log.kept().empty()) {
    out.problem = QString::fromStdString(log.kept().front().message());
  }
  return out;
}

}  // namespace il
