// ByteSource: plain and gzip input (detected by content), concatenated members,
// truncated and corrupt streams, the decompressed-size limit.
#include <QTemporaryDir>
#include <QTest>
#include <random>

#include "import_test_util.h"
#include "io/byte_source.h"

using namespace il;
using namespace il::test;

namespace {

// Deterministic text with some structure, larger than one 64 KiB read.
QByteArray sampleText(int lines) {
  QByteArray out;
  std::mt19937 rng(42);
  for (int i = 0; i < lines; ++i) {
    out += "u" + QByteArray::number(static_cast<int>(rng() % 1000)) + ",i" + QByteArray::number(i) +
           ",\"text with, comma " + QByteArray::number(static_cast<qulonglong>(rng())) + "\"\r\n";
  }
  return out;
}

struct Drained {
  QByteArray data;
  int reads = 0;
  bool ok = true;
  std::string error;
  bool compressed = false;
};

Drained drain(const std::string& path, int64_t maxBytes = ByteSource::kDefaultMaxBytes) {
  ByteSource src(path, maxBytes);
  Drained d;
  d.compressed = src.compressed();
  std::string chunk;
  while (src.read(chunk)) {
    d.data.append(chunk.data(), static_cast<qsizetype>(chunk.size()));
    ++d.reads;
  }
  d.ok = src.ok();
  d.error = src.error();
  return d;
}

}  // namespace

class ByteSourceTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void plainFileIsReadCompletely() {
    const QByteArray text = sampleText(5000);
    QVERIFY(text.size() > 3 * 65536);
    const auto d = drain(putFile(dir_.path(), "plain.csv", text));
    QVERIFY2(d.ok, d.error.c_str());
    QVERIFY(!d.compressed);
    QVERIFY(d.reads >= 3);  // really streamed in chunks
    QCOMPARE(d.data, text);
  }

  void gzipIsDetectedByContentNotName() {
    const QByteArray text = sampleText(5000);
    // Compressed bytes under a name without .gz.
    const std::string path = putFile(dir_.path(), "looks-plain.csv", gzipBytes(text));
    const auto d = drain(path);
    QVERIFY2(d.ok, d.error.c_str());
    QVERIFY(d.compressed);
    QCOMPARE(d.data, text);
    // Plain bytes under a .gz name are read as they are.
    const auto p = drain(putFile(dir_.path(), "not-really.csv.gz", text));
    QVERIFY2(p.ok, p.error.c_str());
    QVERIFY(!p.compressed);
    QCOMPARE(p.data, text);
  }

  void gzipWrittenWithGzwrite() {
    // A file written by zlib's own gz* API (as gzip(1) would).
    const QByteArray text = sampleText(3000);
    const QString path = QDir(dir_.path()).filePath("gzwrite.csv.gz");
    gzFile gz = gzopen(path.toLocal8Bit().constData(), "wb9");
    QVERIFY(gz != nullptr);
    QCOMPARE(gzwrite(gz, text.constData(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
    QCOMPARE(gzclose(gz), Z_OK);
    const auto d = drain(path.toStdString());
    QVERIFY2(d.ok, d.error.c_str());
    QVERIFY(d.compressed);
    QCOMPARE(d.data, text);
  }

  void concatenatedMembersAreAllRead() {
    // gzip -c a > f; gzip -c b >> f; gzip -c c >> f: one stream a + b + c.
    const QByteArray a = "userId,movieId\n1,2\n";
    const QByteArray b = sampleText(4000);
    const QByteArray c = "9,9\n";
    const QByteArray empty;
    const std::string path =
        putFile(dir_.path(), "members.csv.gz", gzipBytes(a) + gzipBytes(empty) + gzipBytes(b) + gzipBytes(c));
    const auto d = drain(path);
    QVERIFY2(d.ok, d.error.c_str());
    QCOMPARE(d.data.size(), a.size() + b.size() + c.size());
    QCOMPARE(d.data, a + b + c);
  }

  void emptyInputs() {
    const auto e = drain(putFile(dir_.path(), "empty.csv", {}));
    QVERIFY(e.ok);
    QCOMPARE(e.reads, 0);
    const auto g = drain(putFile(dir_.path(), "empty.csv.gz", gzipBytes({})));
    QVERIFY2(g.ok, g.error.c_str());
    QVERIFY(g.compressed);
    QCOMPARE(g.reads, 0);
    // One byte that happens to be the first half of the gzip magic is plain data.
    const auto one = drain(putFile(dir_.path(), "one.csv", QByteArray("\x1F", 1)));
    QVERIFY(one.ok);
    QVERIFY(!one.compressed);
    QCOMPARE(one.data, QByteArray("\x1F", 1));
  }

  void missingFile() {
    const auto d = drain(QDir(dir_.path()).filePath("does-not-exist.csv").toStdString());
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("cannot open") != std::string::npos, d.error.c_str());
    QCOMPARE(d.reads, 0);
  }

  void directoryIsNotAFile() {
    const auto d = drain(dir_.path().toStdString());
    QVERIFY(!d.ok);
    QCOMPARE(d.reads, 0);
    QVERIFY2(!d.error.empty(), "no error for a directory");
  }

  void truncatedGzipIsAnError() {
    const QByteArray text = sampleText(8000);
    const QByteArray gz = gzipBytes(text);
    for (qsizetype cut : {qsizetype(4), gz.size() / 2, gz.size() - 8, gz.size() - 1}) {
      const std::string path = putFile(dir_.path(), "trunc.csv.gz", gz.left(cut));
      const auto d = drain(path);
      QVERIFY2(!d.ok, qPrintable(QStringLiteral("cut at %1 of %2 was accepted").arg(cut).arg(gz.size())));
      QVERIFY2(d.error.find("truncated") != std::string::npos, d.error.c_str());
      // Whatever was delivered before the error is a prefix of the real data.
      QVERIFY(text.startsWith(d.data));
      QVERIFY(d.data.size() < text.size());
    }
  }

  void corruptGzipIsAnError() {
    const QByteArray text = sampleText(2000);
    QByteArray gz = gzipBytes(text);
    // The CRC-32 of the member is in the 8-byte trailer: a flipped bit there is always detected.
    QByteArray badCrc = gz;
    badCrc[badCrc.size() - 6] = static_cast<char>(badCrc[badCrc.size() - 6] ^ 0x10);
    auto d = drain(putFile(dir_.path(), "badcrc.csv.gz", badCrc));
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("corrupt gzip data") != std::string::npos, d.error.c_str());
    QVERIFY2(d.error.find("incorrect data check") != std::string::npos, d.error.c_str());
    // An unknown compression method in the header.
    QByteArray badMethod = gz;
    badMethod[2] = 7;
    d = drain(putFile(dir_.path(), "badmethod.csv.gz", badMethod));
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("corrupt gzip data") != std::string::npos, d.error.c_str());
    QCOMPARE(d.reads, 0);
    // Garbage after a complete member is not silently ignored.
    d = drain(putFile(dir_.path(), "trailing.csv.gz", gz + "this is not gzip"));
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("corrupt gzip data") != std::string::npos, d.error.c_str());
  }

  void decompressedSizeIsBounded() {
    // 8 MiB of zeros compresses to a few KiB: a small zip bomb.
    const QByteArray zeros(8 << 20, '0');
    const QByteArray gz = gzipBytes(zeros, 9);
    QVERIFY(gz.size() < 64 * 1024);
    const std::string path = putFile(dir_.path(), "bomb.csv.gz", gz);
    const auto limited = drain(path, int64_t{1} << 20);
    QVERIFY(!limited.ok);
    QVERIFY2(limited.error.find("larger than the limit of 1 MiB") != std::string::npos, limited.error.c_str());
    QVERIFY(limited.data.size() <= (1 << 20));
    const auto unlimited = drain(path);
    QVERIFY2(unlimited.ok, unlimited.error.c_str());
    QCOMPARE(unlimited.data.size(), zeros.size());
    // The limit applies to plain files as well.
    const auto plain = drain(putFile(dir_.path(), "big.csv", QByteArray(300000, 'x')), 200000);
    QVERIFY(!plain.ok);
    QVERIFY2(plain.error.find("larger than the limit") != std::string::npos, plain.error.c_str());
  }

  void progressCountsCompressedBytes() {
    const QByteArray text = sampleText(4000);
    const QByteArray gz = gzipBytes(text);
    const std::string path = putFile(dir_.path(), "progress.csv.gz", gz);
    ByteSource src(path);
    QCOMPARE(src.fileSize(), static_cast<int64_t>(gz.size()));
    std::string chunk;
    while (src.read(chunk)) {
      QVERIFY(src.compressedBytesRead() <= src.fileSize());
    }
    QVERIFY(src.ok());
    QCOMPARE(src.compressedBytesRead(), static_cast<int64_t>(gz.size()));
  }
};

QTEST_GUILESS_MAIN(ByteSourceTest)
#include "byte_source_test.moc"
