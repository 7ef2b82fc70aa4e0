// Hostile and broken files, through the real binary: each is refused quickly, with a message that
// says what is wrong, in a process whose peak memory (wait4's ru_maxrss) stays under 1 GB. Huge
// inputs are sparse files or gzip members repeated, so the test itself needs neither disk nor time.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "test_paths.h"
#include "time_scale.h"

using il::test::binaryPath;

namespace {

constexpr long kMaxPeakKb = 1024 * 1024;  // 1 GB
constexpr qint64 kMaxSeconds = 30;        // "quickly", with room for a loaded CI machine

struct Outcome {
  int exitCode = -1;   // -1: killed by a signal
  int signal = 0;
  long peakKb = 0;
  qint64 ms = 0;
  QString err;
};

// fork + exec + wait4, so the child's own peak RSS is known.
Outcome runCli(const QStringList& args, const QString& stdinFile = {}) {
  QTemporaryDir tmp;
  const QString errPath = tmp.filePath("stderr");
  std::vector<std::string> argv{binaryPath("app/interestlens-cli").toStdString()};
  for (const QString& a : args) argv.push_back(a.toStdString());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  QElapsedTimer t;
  t.start();
  const pid_t pid = fork();
  if (pid == 0) {
    const int err = ::open(errPath.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open(stdinFile.isEmpty() ? "/dev/null" : stdinFile.toLocal8Bit().constData(), O_RDONLY);
    const int out = ::open("/dev/null", O_WRONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  Outcome o;
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) != pid) return o;
  o.ms = t.elapsed();
  o.peakKb = ru.ru_maxrss;
  if (WIFEXITED(status)) o.exitCode = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  QFile f(errPath);
  if (f.open(QIODevice::ReadOnly)) o.err = QString::fromUtf8(f.readAll()).left(4000);
  return o;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// `head`, then a hole up to `size` bytes (reads as NUL bytes; takes no disk).
bool writeSparse(const QString& path, const QByteArray& head, qint64 size) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(head) == head.size() && f.resize(size);
}

QByteArray gzipMember(const QByteArray& data) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size())) + 64), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(static_cast<qsizetype>(zs.total_out));
  deflateEnd(&zs);
  return out;
}

// A BERT folder that is valid except for what the case breaks.
const QByteArray kConfig = R"({"architectures":["BertModel"],"model_type":"bert","vocab_size":8,"hidden_size":4,
  "num_hidden_layers":1,"num_attention_heads":1,"intermediate_size":8,"max_position_embeddings":16,
  "type_vocab_size":2,"hidden_act":"gelu","layer_norm_eps":1e-12})";
const QByteArray kVocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n!\n";

QByteArray safetensors(const QByteArray& header, qint64 dataBytes) {
  QByteArray h = header;
  while (h.size() % 8) h += ' ';
  QByteArray out(8, '\0');
  const quint64 n = static_cast<quint64>(h.size());
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out + h + QByteArray(static_cast<qsizetype>(dataBytes), '\0');
}

}  // namespace

class CliHostileFilesTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString input_;

  QString path(const QString& rel) const { return dir_.filePath(rel); }

  // Runs the case and checks it was refused: exit 1 (bad input), not a crash, in time, in memory,
  // with every needle in the message.
  void expectRefused(const char* what, const QStringList& args, const QStringList& needles) {
    const Outcome o = runCli(args, input_);
    qInfo("%-34s exit %d, %5lld ms, peak %6ld MB: %s", what, o.exitCode, o.ms, o.peakKb / 1024,
          qPrintable(o.err.simplified().left(150)));
    QVERIFY2(o.signal == 0, qPrintable(QString("%1: killed by signal %2\n%3").arg(what).arg(o.signal).arg(o.err)));
    QVERIFY2(o.exitCode == 1, qPrintable(QString("%1: exit %2\n%3").arg(what).arg(o.exitCode).arg(o.err)));
    QVERIFY2(o.ms < kMaxSeconds * 1000 * il::test::timeScale(), what);
    QVERIFY2(o.peakKb < kMaxPeakKb, qPrintable(QString("%1: peak %2 MB").arg(what).arg(o.peakKb / 1024)));
    for (const QString& n : needles)
      QVERIFY2(o.err.contains(n, Qt::CaseInsensitive), qPrintable(QString("%1: '%2' not in: %3").arg(what, n, o.err)));
  }
  QString bertFolder(const QString& name, const QByteArray& config, const QByteArray& vocab, const QByteArray& weights) {
    const QString d = path(name);
    writeFile(d + "/config.json", config);
    if (!vocab.isNull()) writeFile(d + "/vocab.txt", vocab);
    writeFile(d + "/model.safetensors", weights);
    return d;
  }
  QStringList embedBert(const QString& dir) { return {"embed", "--encoder", "bert", "--model-dir", dir, "--input", "-"}; }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    input_ = path("input.txt");
    QVERIFY(writeFile(input_, "hello world\n"));
  }

  void hugeSingleLineCsv() {
    QVERIFY(writeSparse(path("huge.csv"), "user,item,text\nu1,i1,", qint64(2) << 30));
    expectRefused("2 GB single-line CSV", {"import", "--project", path("p1.ilens"), "--interactions", path("huge.csv")},
                  {"huge.csv:2:", "record-too-long"});
    QVERIFY(!QFileInfo::exists(path("p1.ilens")));  // nothing half-written
  }

  void hugeSingleLineJsonl() {
    QVERIFY(writeSparse(path("huge.jsonl"), "{\"reviewerID\": \"A1\", \"reviewText\": \"", qint64(2) << 30));
    expectRefused("2 GB single-line JSON lines", {"import", "--project", path("p2.ilens"), "--interactions", path("huge.jsonl")},
                  {"huge.jsonl:1:", "record-too-long"});
  }

  void deeplyNestedJson() {
    QByteArray nested(200000, '[');
    QVERIFY(writeFile(path("nested.jsonl"), "{\"reviewerID\": \"A1\", \"asin\": \"B1\", \"x\": " + nested + "\n"));
    expectRefused("deeply nested JSON", {"import", "--project", path("p3.ilens"), "--interactions", path("nested.jsonl"), "--strict"},
                  {"nested.jsonl:1:"});
    QByteArray deepConfig = "{\"a\":" + QByteArray(100000, '[');
    expectRefused("deeply nested config.json", embedBert(bertFolder("deep", deepConfig, kVocab, safetensors("{}", 0))),
                  {"config.json"});
  }

  void zipBomb() {
    // 64 MiB of newlines compress to ~64 KiB; 320 members expand to 20 GiB.
    const QByteArray member = gzipMember(QByteArray(64 << 20, '\n'));
    QByteArray bomb = gzipMember("user,item,text\n");
    for (int i = 0; i < 320; ++i) bomb += member;
    QVERIFY(writeFile(path("bomb.csv.gz"), bomb));
    expectRefused("zip bomb (.gz, 20 GiB inflated)", {"import", "--project", path("p4.ilens"), "--interactions", path("bomb.csv.gz")},
                  {"bomb.csv.gz", "decompression bomb"});
  }

  void absurdConfig() {
    QByteArray config = kConfig;
    config.replace("\"num_hidden_layers\":1", "\"num_hidden_layers\":1000000000");
    expectRefused("config.json with a billion layers", embedBert(bertFolder("layers", config, kVocab, safetensors("{}", 0))),
                  {"config.json", "num_hidden_layers"});
    config = kConfig;
    config.replace("\"hidden_size\":4", "\"hidden_size\":4000000000");
    expectRefused("config.json with absurd hidden_size", embedBert(bertFolder("hidden", config, kVocab, safetensors("{}", 0))),
                  {"config.json", "hidden_size"});
  }

  void tenMillionLineVocab() {
    QByteArray vocab = kVocab;
    vocab += QByteArray(10'000'000, 'a').replace("a", "a\n").left(20'000'000);  // 10M lines of "a"
    expectRefused("vocab.txt with 10 million lines", embedBert(bertFolder("vocab", kConfig, vocab, safetensors("{}", 0))),
                  {"vocab.txt", "limit"});
    // tokenizer.json whose ids run to the limit: no gigantic table.
    const QString d = bertFolder("tokjson", kConfig, QByteArray(), safetensors("{}", 0));
    QVERIFY(writeFile(d + "/tokenizer.json",
                      R"({"model":{"type":"WordPiece","vocab":{"[PAD]":0,"[UNK]":1,"[CLS]":2,"[SEP]":3,"x":3999999}}})"));
    expectRefused("tokenizer.json with sparse huge ids", embedBert(d), {"tokenizer.json", "ids"});
  }

  void safetensorsHeaderLies() {
    const QByteArray huge = R"({"embeddings.word_embeddings.weight":{"dtype":"F32","shape":[1000000000,1000],"data_offsets":[0,4000000000000]}})";
    expectRefused("safetensors claiming 4 TB", embedBert(bertFolder("st-huge", kConfig, kVocab, safetensors(huge, 64))),
                  {"model.safetensors", "shape"});
    const QByteArray overlap =
        R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})";
    expectRefused("safetensors with overlapping tensors", embedBert(bertFolder("st-overlap", kConfig, kVocab, safetensors(overlap, 24))),
                  {"model.safetensors", "overlap"});
    QByteArray lying(8, '\0');
    lying[0] = char(0xff);
    lying[1] = char(0xff);
    lying[2] = char(0xff);
    lying[3] = char(0x7f);  // header length ~2 GB
    expectRefused("safetensors header length 2 GB", embedBert(bertFolder("st-len", kConfig, kVocab, lying + "{}")),
                  {"model.safetensors", "header"});
  }

  void hugeSingleLineWordVectors() {
    QVERIFY(QDir().mkpath(path("glove")));
    QVERIFY(writeSparse(path("glove/vectors.txt"), "the 0.1 0.2 0.3\nof", qint64(2) << 30));
    expectRefused("2 GB line in a word-vector file", {"embed", "--encoder", "glove", "--model-dir", path("glove"), "--input", "-"},
                  {"vectors.txt:2:", "line longer"});
  }

  void projectFileThatIsNot() {
    QVERIFY(writeSparse(path("zeros.ilens"), "", qint64(2) << 30));
    expectRefused("2 GB of zeros as a project", {"info", "--project", path("zeros.ilens")}, {"zeros.ilens"});
    QVERIFY(writeFile(path("text.ilens"), QByteArray("SQLite format 3\0", 16) + QByteArray(5000, 'x')));
    expectRefused("corrupt SQLite header as a project", {"info", "--project", path("text.ilens")}, {"text.ilens"});
  }
};

QTEST_GUILESS_MAIN(CliHostileFilesTest)
#include "cli_hostile_files_test.moc"
