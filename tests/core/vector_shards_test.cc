// Vector shards, import/export and approximate search (core/vectors): the shard format
// round trip, every refusal of a bad set (corrupt sidecar or .npy, gap, overlap, mixed
// encoders, missing shard), import into a project in one transaction, export in the
// same format, and the FAISS index against exact search.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <random>

#include "rank/top_k.h"
#include "store/project.h"
#include "store/sqlite_db.h"
#include "store/vector_store.h"
#include "text/text_hash.h"
#include "vec_math.h"
#include "io/importer.h"
#include "vectors/ann_index.h"
#include "vectors/vector_exchange.h"
#include "vectors/vector_shards.h"

using namespace il;

namespace {

Matrix randomRows(int64_t rows, int64_t dim, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> g;
  Matrix m = Matrix::zeros(rows, dim);
  for (float& x : m.data) x = g(rng);
  return m;
}

std::vector<std::string> texts(int n) {
  std::vector<std::string> t;
  for (int i = 0; i < n; ++i) t.push_back("review number " + std::to_string(i) + " about item " + std::to_string(i % 7));
  return t;
}

ShardSidecar meta(int k, int n, RowRange rows, int64_t inputRows, int dim, const std::vector<std::string>& all,
                  const std::string& encoder = "use-lite:abc123:win128") {
  ShardSidecar m;
  m.encoderId = encoder;
  m.encoderKind = "use-lite";
  m.settingsJson = R"({"kind":"use-lite"})";
  m.weightsHash = weightsHashOf(encoder);
  m.dim = dim;
  m.shardIndex = k;
  m.shardCount = n;
  m.inputName = "texts.jsonl";
  m.inputFormat = "jsonl";
  m.inputSha256 = "00ff";
  m.inputRows = inputRows;
  m.rows = rows;
  for (int64_t r = rows.begin; r < rows.end; ++r) m.textHashes.push_back(textHash(all[static_cast<size_t>(r)]));
  return m;
}

// Writes the shard set of `vectors` (rows = texts) into dir, N shards.
void writeSet(const std::string& dir, const Matrix& vectors, const std::vector<std::string>& all, int n,
              int64_t block = 4) {
  for (int k = 0; k < n; ++k) {
    const RowRange r = shardRows(vectors.rows, k, n, block);
    ShardWriter w(dir, meta(k, n, r, vectors.rows, static_cast<int>(vectors.cols), all));
    w.append(vectors.row(r.begin), r.size());
    w.finish();
  }
}

std::string path(const QTemporaryDir& d, const QString& rel) { return d.filePath(rel).toStdString(); }

void expectShardError(const std::string& dir, const std::string& fragment) {
  try {
    readShardSet(dir);
    QFAIL(qPrintable(QString::fromStdString("accepted a bad set; expected: " + fragment)));
  } catch (const VectorShardError& e) {
    const std::string msg = e.what();
    QVERIFY2(msg.find(fragment) != std::string::npos, msg.c_str());
  }
}

void patchFile(const std::string& file, const std::string& from, const std::string& to) {
  std::ifstream in(file, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const size_t at = s.find(from);
  QVERIFY2(at != std::string::npos, from.c_str());
  s.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << s;
}

// A project with the given texts (one user each, one item each).
std::unique_ptr<Project> makeProject(const QTemporaryDir& d, const std::vector<std::string>& all, const QString& name) {
  QString csv = "user_id,item_id,text,rating\n";
  for (size_t i = 0; i < all.size(); ++i)
    csv += QString("u%1,i%2,\"%3\",4\n").arg(i % 5).arg(i).arg(QString::fromStdString(all[i]));
  QFile f(d.filePath(name + ".csv"));
  f.open(QIODevice::WriteOnly);
  f.write(csv.toUtf8());
  f.close();
  ImportOptions o;
  o.interactionFiles = {f.fileName().toStdString()};
  ImportResult r = readImport(o);
  if (!r.ok) qFatal("import failed: %s", r.error.c_str());
  auto p = Project::open(d.filePath(name + ".ilens").toStdString(), Project::Mode::CreateIfMissing);
  p->writeImport(r);
  return p;
}

}  // namespace

class VectorShardsTest : public QObject {
  Q_OBJECT

 private slots:
  void shardRowsAreBlockAlignedAndCover() {
    for (int64_t rows : {0, 1, 7, 256, 1000, 2000}) {
      for (int n : {1, 2, 3, 4, 7}) {
        int64_t next = 0;
        for (int k = 0; k < n; ++k) {
          const RowRange r = shardRows(rows, k, n, 256);
          QCOMPARE(r.begin, next);
          QVERIFY(r.begin % 256 == 0 || r.begin == rows);
          next = r.end;
        }
        QCOMPARE(next, rows);
      }
    }
    QCOMPARE(shardRows(2000, 1, 4, 256).begin, int64_t{512});
    QCOMPARE(shardRows(2000, 3, 4, 256).end, int64_t{2000});
  }

  void roundTripAndFinished() {
    QTemporaryDir d;
    const auto all = texts(30);
    const Matrix v = randomRows(30, 8, 1);
    writeSet(path(d, "s"), v, all, 3);
    const ShardSet set = readShardSet(path(d, "s"));
    QCOMPARE(set.rows, int64_t{30});
    QCOMPARE(set.shards.size(), size_t{3});
    Matrix back;
    for (const auto& s : set.shards) {
      const Matrix m = readShardVectors(s);
      back.data.insert(back.data.end(), m.data.begin(), m.data.end());
      QCOMPARE(s.textHashes.front(), textHash(all[static_cast<size_t>(s.rows.begin)]));
    }
    QVERIFY(back.data == v.data);
    QVERIFY(finishedShard(path(d, "s"), 1, 3).has_value());
    QVERIFY(!finishedShard(path(d, "s"), 1, 4).has_value());
    // No temporaries left behind.
    for (const auto& e : std::filesystem::directory_iterator(path(d, "s")))
      QVERIFY2(e.path().filename().string().find("partial") == std::string::npos, e.path().c_str());
  }

  void unfinishedWriterLeavesNoShard() {
    QTemporaryDir d;
    const auto all = texts(8);
    const Matrix v = randomRows(8, 4, 2);
    {
      ShardWriter w(path(d, "s"), meta(0, 1, {0, 8}, 8, 4, all));
      w.append(v.row(0), 4);  // killed here: destroyed without finish()
    }
    QVERIFY(!finishedShard(path(d, "s"), 0, 1).has_value());
    expectShardError(path(d, "s"), "no finished shard");
    // A writer that dies by a signal leaves its .partial: never taken as finished.
    ShardWriter w(path(d, "t"), meta(0, 1, {0, 8}, 8, 4, all));
    w.append(v.row(0), 4);
    QVERIFY(!finishedShard(path(d, "t"), 0, 1).has_value());
    QVERIFY_THROWS_EXCEPTION(VectorShardError, w.finish());  // 4 of 8 rows
  }

  void refusesBadSets() {
    const auto all = texts(24);
    const Matrix v = randomRows(24, 6, 3);
    {  // corrupt .npy (one byte changed): checksum
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      const std::string npy = path(d, "s/shard-00001-of-00003.npy");
      std::fstream f(npy, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(200);
      f.put('\x7f');
      f.close();
      expectShardError(path(d, "s"), "shard-00001-of-00003.npy: SHA-256 checksum does not match");
      std::string problem;
      QVERIFY(!finishedShard(path(d, "s"), 1, 3, &problem).has_value());
      QVERIFY(problem.find("checksum") != std::string::npos);
    }
    {  // truncated .npy
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      std::filesystem::resize_file(path(d, "s/shard-00002-of-00003.npy"), 300);
      expectShardError(path(d, "s"), "shard-00002-of-00003.npy: 300 bytes");
    }
    {  // corrupt sidecar JSON
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      patchFile(path(d, "s/shard-00000-of-00003.json"), "\"dimension\"", "\"dimension\" oops");
      expectShardError(path(d, "s"), "shard-00000-of-00003.json: not valid JSON");
    }
    {  // an edited text hash
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      const std::string h = toHex(textHash(all[3]));
      patchFile(path(d, "s/shard-00000-of-00003.json"), h, std::string(40, 'a'));
      expectShardError(path(d, "s"), "text hash checksum");
    }
    {  // missing shard
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      std::filesystem::remove(path(d, "s/shard-00001-of-00003.json"));
      expectShardError(path(d, "s"), "shard(s) 1 of 3 are not finished");
    }
    {  // gap and overlap: shard 1 claims other rows
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      ShardWriter w(path(d, "s"), meta(1, 3, {10, 16}, 24, 6, all));
      w.append(v.row(10), 6);
      w.finish();
      expectShardError(path(d, "s"), "gap of 2 rows");
      ShardWriter o(path(d, "s"), meta(1, 3, {6, 16}, 24, 6, all));
      o.append(v.row(6), 10);
      o.finish();
      expectShardError(path(d, "s"), "overlap of 2 rows");
    }
    {  // another encoder mixed in
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      const RowRange r = shardRows(24, 2, 3, 4);
      ShardWriter w(path(d, "s"), meta(2, 3, r, 24, 6, all, "bert:ffff:mean:norm:128"));
      w.append(v.row(r.begin), r.size());
      w.finish();
      expectShardError(path(d, "s"), "shard-00002-of-00003.json: encoder bert:ffff:mean:norm:128 differs");
    }
    {  // shards of two different counts
      QTemporaryDir d;
      writeSet(path(d, "s"), v, all, 3);
      writeSet(path(d, "s"), v, all, 2);
      expectShardError(path(d, "s"), "shard count");
    }
  }

  void importIsMatchedByHashAndTransactional() {
    QTemporaryDir d;
    const auto all = texts(40);
    auto project = makeProject(d, all, "p");
    // Shards over the first 30 project texts plus 5 texts the project does not have,
    // and one repeated text.
    std::vector<std::string> input(all.begin(), all.begin() + 30);
    for (int i = 0; i < 5; ++i) input.push_back("not in the project " + std::to_string(i));
    input.push_back(all[0]);
    const Matrix v = randomRows(static_cast<int64_t>(input.size()), 6, 4);
    writeSet(path(d, "s"), v, input, 4);

    const VectorImportStats st = importVectorShards(*project, path(d, "s"));
    QCOMPARE(st.rows, int64_t{36});
    QCOMPARE(st.matched, int64_t{30});
    QCOMPARE(st.unmatched, int64_t{5});
    QCOMPARE(st.duplicateRows, int64_t{1});
    VectorStore store(*project);
    QCOMPARE(store.encodedCount("use-lite:abc123:win128"), int64_t{30});
    QCOMPARE(store.missing("use-lite:abc123:win128").size(), all.size() - 30);
    const std::vector<float> got = store.get("use-lite:abc123:win128", textHash(all[7]));
    QVERIFY(std::equal(got.begin(), got.end(), v.row(7)));

    // Export in the same format, re-import into a fresh project: identical vectors.
    const VectorExportStats ex = exportVectorShards(*project, path(d, "ex"), {}, 8);
    QCOMPARE(ex.rows, int64_t{30});
    QCOMPARE(ex.shards, 4);
    QVERIFY(QFile::exists(d.filePath("ex/vectors.tsv")) && QFile::exists(d.filePath("ex/metadata.tsv")));
    auto other = makeProject(d, all, "q");
    QCOMPARE(importVectorShards(*other, path(d, "ex")).matched, int64_t{30});
    QVERIFY(VectorStore(*other).get("use-lite:abc123:win128", textHash(all[7])) == got);

    // A set of the same encoder id with another dimension: refused, nothing written.
    const Matrix w = randomRows(8, 3, 5);
    std::vector<std::string> last(all.begin() + 32, all.end());
    for (int k = 0; k < 1; ++k) {
      ShardWriter sw(path(d, "bad"), meta(0, 1, {0, 8}, 8, 3, last));
      sw.append(w.row(0), 8);
      sw.finish();
    }
    QVERIFY_THROWS_EXCEPTION(ProjectError, importVectorShards(*project, path(d, "bad")));
    QCOMPARE(store.encodedCount("use-lite:abc123:win128"), int64_t{30});
    // A set of another encoder whose .npy is corrupt in its last shard: nothing written,
    // not even the encoder row.
    QTemporaryDir e;
    std::vector<std::string> few(all.begin(), all.begin() + 12);
    const Matrix u = randomRows(12, 6, 6);
    for (int k = 0; k < 3; ++k) {
      const RowRange r = shardRows(12, k, 3, 4);
      ShardWriter sw(path(e, "s"), meta(k, 3, r, 12, 6, few, "glove:1234:l2"));
      sw.append(u.row(r.begin), r.size());
      sw.finish();
    }
    std::filesystem::resize_file(path(e, "s/shard-00002-of-00003.npy"), 100);
    QVERIFY_THROWS_EXCEPTION(VectorShardError, importVectorShards(*project, path(e, "s")));
    QCOMPARE(project->database().scalar("SELECT COUNT(*) FROM encoders WHERE id = 'glove:1234:l2'"), int64_t{0});
    // No row matches: refused.
    QTemporaryDir f;
    std::vector<std::string> strangers;
    for (int i = 0; i < 4; ++i) strangers.push_back("stranger " + std::to_string(i));
    ShardWriter sw(path(f, "s"), meta(0, 1, {0, 4}, 4, 6, strangers, "glove:5678:l2"));
    sw.append(u.row(0), 4);
    sw.finish();
    try {
      importVectorShards(*project, path(f, "s"));
      QFAIL("accepted a set with no matching text");
    } catch (const VectorShardError& ex2) {
      QVERIFY(std::string(ex2.what()).find("none of the 4 vectors") != std::string::npos);
    }
    QCOMPARE(project->database().scalar("SELECT COUNT(*) FROM encoders WHERE id = 'glove:5678:l2'"), int64_t{0});
  }

  void annAgainstExact() {
    // Clustered unit vectors (like real embeddings): 20,000 items, 64-d.
    const int64_t n = 20000, dim = 64;
    Matrix centres = randomRows(50, dim, 7);
    Matrix items = randomRows(n, dim, 8);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t c = 0; c < dim; ++c) items.row(i)[c] = 0.3f * items.row(i)[c] + centres.row(i % 50)[c];
    normalizeRows(items);
    Matrix queries = randomRows(100, dim, 9);
    for (int64_t i = 0; i < queries.rows; ++i)
      for (int64_t c = 0; c < dim; ++c) queries.row(i)[c] = 0.3f * queries.row(i)[c] + centres.row(i % 50)[c];
    normalizeRows(queries);
    for (AnnMethod m : {AnnMethod::Hnsw, AnnMethod::Ivf}) {
      AnnOptions o;
      const AnnIndex index(items, m, o);
      const AnnRecall r = index.measureRecall(queries, 10);
      qInfo("%s: recall@10 %.3f, %.3f ms/query (exact %.3f ms)", index.describe().c_str(), r.recall, r.annMsPerQuery,
            r.exactMsPerQuery);
      QVERIFY2(r.recall >= 0.9, index.describe().c_str());
      QVERIFY(r.recall <= 1.0);
      // Exact scores for what it returns, exclusions respected.
      std::vector<int32_t> excluded;
      {
        TopKOptions e;
        e.k = 5;
        for (const ScoredItem& s : topKDot(queries.row(0), items, e)) excluded.push_back(s.item);
        std::sort(excluded.begin(), excluded.end());
      }
      TopKOptions t;
      t.k = 10;
      t.excluded = excluded;
      const auto top = index.topK(queries.row(0), t);
      QCOMPARE(top.size(), size_t{10});
      for (const ScoredItem& s : top) {
        QVERIFY(!std::binary_search(excluded.begin(), excluded.end(), s.item));
        QCOMPARE(s.score, dot(queries.row(0), items.row(s.item), dim));
      }
      QVERIFY(std::is_sorted(top.begin(), top.end(), betterThan));
    }
    // Random (structureless) data with a tiny efSearch: measured recall is below 1,
    // so the measure can tell a worse index from a better one.
    AnnOptions weak;
    weak.efSearch = 8;
    weak.hnswM = 4;
    Matrix noise = randomRows(20000, dim, 10);
    normalizeRows(noise);
    Matrix q = randomRows(50, dim, 11);
    const double low = AnnIndex(noise, AnnMethod::Hnsw, weak).measureRecall(q, 10).recall;
    QVERIFY2(low < 0.95, qPrintable(QString::number(low)));
    QCOMPARE(resolveAnnMethod(AnnOptions{AnnMethod::Auto}, 10), AnnMethod::Off);
    QCOMPARE(resolveAnnMethod(AnnOptions{AnnMethod::Auto}, 10000000), AnnMethod::Hnsw);
    QCOMPARE(parseAnnMethod("ivf"), std::optional<AnnMethod>(AnnMethod::Ivf));
    QVERIFY(!parseAnnMethod("fast"));
  }
};

QTEST_GUILESS_MAIN(VectorShardsTest)
#include "vector_shards_test.moc"
