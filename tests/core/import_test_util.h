// Helpers shared by the import, project and CLI tests: writing (gzip) files,
// reading a file through TableReader, and fingerprinting a project's contents.
#pragma once

#include <zlib.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>
#include <memory>
#include <string>
#include <vector>

#include "io/table_reader.h"
#include "problem_log.h"
#include "store/project.h"

namespace il::test {

// gzip (RFC 1952) bytes of `data`, made with zlib, independent of the code under test.
// Data-driven tests that run once on plain and once on gzip-compressed input.
inline void addCompression() {
  QTest::addColumn<bool>("gz");
  QTest::newRow("plain") << false;
  QTest::newRow("gzip") << true;
}

inline QByteArray gzipBytes(const QByteArray& data, int level = Z_DEFAULT_COMPRESSION) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size())) + 64), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(static_cast<qsizetype>(zs.total_out));
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : QByteArray();
}

inline void writeFile(const QString& path, const QByteArray& data) {
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
  QCOMPARE(f.write(data), data.size());
}

inline QByteArray readBytes(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

// Writes `data` to dir/name, gzip-compressed (and named name + ".gz") when `gz`.
inline std::string putFile(const QString& dir, const QString& name, const QByteArray& data,
                           bool gz = false) {
  const QString path = QDir(dir).filePath(gz ? name + ".gz" : name);
  writeFile(path, gz ? gzipBytes(data) : data);
  return path.toStdString();
}

struct ReadAll {
  std::unique_ptr<TableReader> reader;
  std::vector<Record> records;
  ProblemLog log;
};

// Opens `path` and reads every record.
inline std::unique_ptr<ReadAll> readAll(const std::string& path, FileFormat format = FileFormat::Auto,
                                        const ReaderLimits& limits = {}) {
  auto out = std::make_unique<ReadAll>();
  out->reader = TableReader::open(path, format, limits, out->log);
  if (!out->reader) return out;
  Record r;
  while (out->reader->next(r)) out->records.push_back(r);
  return out;
}

inline std::vector<std::string> sv(std::initializer_list<const char*> l) {
  return std::vector<std::string>(l.begin(), l.end());
}

inline QString join(const std::vector<std::string>& v) {
  QStringList l;
  for (const auto& s : v) l << QString::fromStdString(s);
  return l.join(QStringLiteral("|"));
}

inline QString allMessages(const ProblemLog& log) {
  QStringList l;
  for (const auto& p : log.kept()) l << QString::fromStdString(p.message());
  return l.join(QStringLiteral("\n"));
}

// Everything a user can see of a project: counts and every row of every table,
// hashed in a stable order.
inline QByteArray fingerprint(Project& p) {
  QCryptographicHash h(QCryptographicHash::Sha256);
  const ProjectCounts c = p.counts();
  h.addData(QByteArray::number(c.users) + ' ' + QByteArray::number(c.items) + ' ' +
            QByteArray::number(c.interactions) + ' ' + QByteArray::number(c.texts) + ' ' +
            QByteArray::number(c.ratings) + ' ' + QByteArray::number(c.catalogItems));
  for (DataTable t : {DataTable::Users, DataTable::Items, DataTable::Texts}) {
    const TablePage page = p.page(t, "", 0, false, 0, 1000000);
    for (const auto& row : page.rows) {
      for (const auto& cell : row) {
        h.addData(QByteArrayView(cell.data(), static_cast<qsizetype>(cell.size())));
        h.addData(QByteArrayView("\x1F", 1));
      }
      h.addData(QByteArrayView("\x1E", 1));
    }
  }
  return h.result().toHex();
}

inline QByteArray fingerprint(const std::string& projectPath) {
  auto p = Project::open(projectPath, Project::Mode::ReadOnly);
  return fingerprint(*p);
}

}  // namespace il::test
