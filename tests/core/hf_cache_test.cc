// The Hugging Face cache scan on cache trees built here: a complete model with symlinked
// snapshot files, a pytorch_model.bin-only model, a non-BERT model, unfinished downloads,
// plain folders, and the environment rules for where the cache is.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "models_catalog/hf_cache.h"

using namespace il;

namespace {

const char* kBertConfig = R"({"architectures":["BertModel"],"model_type":"bert","hidden_size":384,
  "num_hidden_layers":6,"num_attention_heads":12,"intermediate_size":1536,"vocab_size":30522,
  "max_position_embeddings":512})";

void writeFile(const QString& path, const QByteArray& data) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
  f.write(data);
}

// A hub repo folder: each file goes to blobs/<sha256> with a relative symlink from the snapshot.
class RepoBuilder {
 public:
  RepoBuilder(const QString& hub, const QString& id, const QString& commit)
      : repo_(hub + "/models--" + QString(id).replace("/", "--")), commit_(commit) {
    QDir().mkpath(repo_ + "/blobs");
    QDir().mkpath(snapshot());
  }
  QString snapshot() const { return repo_ + "/snapshots/" + commit_; }
  QString repo() const { return repo_; }
  void add(const QString& file, const QByteArray& data) {
    const QString sha = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    writeFile(repo_ + "/blobs/" + sha, data);
    const QString link = snapshot() + "/" + file;
    QDir().mkpath(QFileInfo(link).absolutePath());
    const QString target = QDir(QFileInfo(link).absolutePath()).relativeFilePath(repo_ + "/blobs/" + sha);
    std::filesystem::create_symlink(target.toStdString(), link.toStdString());
  }
  void ref(const QString& name = "main") { writeFile(repo_ + "/refs/" + name, commit_.toLatin1()); }

 private:
  QString repo_, commit_;
};

const CachedModel* find(const std::vector<CachedModel>& ms, const std::string& id) {
  for (const CachedModel& m : ms)
    if (m.id == id) return &m;
  return nullptr;
}

bool hasIssue(const CachedModel& m, const std::string& needle) {
  for (const ModelIssue& i : m.issues)
    if (i.problem.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

class HfCacheTest : public QObject {
  Q_OBJECT

 private slots:
  void ids() {
    QCOMPARE(hfRepoFolderName("BAAI/bge-small-en-v1.5"), std::string("models--BAAI--bge-small-en-v1.5"));
    QCOMPARE(hfRepoFolderName("bert-base-chinese"), std::string("models--bert-base-chinese"));
    QCOMPARE(hfModelIdFromFolder("models--sentence-transformers--all-MiniLM-L6-v2"),
             std::string("sentence-transformers/all-MiniLM-L6-v2"));
    QCOMPARE(hfModelIdFromFolder("datasets--foo--bar"), std::string());
    QVERIFY(!isValidModelId("../etc/passwd"));
    QVERIFY(!isValidModelId("a/b/c"));
    QVERIFY(!isValidModelId(""));
    QVERIFY(!isValidModelId("a--b/c"));
    QCOMPARE(curatedModelIds().size(), size_t(6));
  }

  void cacheDirFromEnvironment() {
    const QByteArray saved[] = {qgetenv("HF_HUB_CACHE"), qgetenv("HF_HOME"), qgetenv("XDG_CACHE_HOME"),
                                qgetenv("HUGGINGFACE_HUB_CACHE")};
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("HUGGINGFACE_HUB_CACHE");
    qunsetenv("XDG_CACHE_HOME");
    qputenv("HF_HOME", "/tmp/hfhome");
    QCOMPARE(hfHubCacheDir(), std::string("/tmp/hfhome/hub"));
    qputenv("HF_HUB_CACHE", "/tmp/hubcache");
    QCOMPARE(hfHubCacheDir(), std::string("/tmp/hubcache"));
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("HF_HOME");
    qputenv("XDG_CACHE_HOME", "/tmp/xdg");
    QCOMPARE(hfHubCacheDir(), std::string("/tmp/xdg/huggingface/hub"));
    qunsetenv("XDG_CACHE_HOME");
    QVERIFY(QString::fromStdString(hfHubCacheDir()).endsWith("/.cache/huggingface/hub"));
    const char* names[] = {"HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME", "HUGGINGFACE_HUB_CACHE"};
    for (int i = 0; i < 4; ++i)
      if (!saved[i].isEmpty()) qputenv(names[i], saved[i]);
  }

  void scanCache() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString hub = tmp.path() + "/hub";

    // 1. Complete sentence-transformers model, refs/main names its snapshot; an older one too.
    const QByteArray weights(5000, 'w');
    {
      RepoBuilder old(hub, "sentence-transformers/all-MiniLM-L6-v2", QString(40, 'a'));
      old.add("config.json", R"({"model_type":"roberta","hidden_size":1})");
      RepoBuilder r(hub, "sentence-transformers/all-MiniLM-L6-v2", QString(40, 'b'));
      r.add("config.json", kBertConfig);
      r.add("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");
      r.add("tokenizer.json", "{}");
      r.add("model.safetensors", weights);
      r.add("modules.json", R"([{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},
        {"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"},
        {"idx":2,"name":"2","path":"2_Normalize","type":"sentence_transformers.models.Normalize"}])");
      r.add("1_Pooling/config.json", R"({"word_embedding_dimension":384,"pooling_mode_cls_token":false,
        "pooling_mode_mean_tokens":true})");
      r.ref();
      // The older snapshot is newer on disk: refs/main must still win.
      std::filesystem::last_write_time(old.snapshot().toStdString(),
                                        std::filesystem::file_time_type::clock::now() + std::chrono::hours(1));
    }
    // 2. Only pytorch_model.bin.
    {
      RepoBuilder r(hub, "bert-base-chinese", QString(40, 'c'));
      r.add("config.json", R"({"architectures":["BertForMaskedLM"],"model_type":"bert","hidden_size":768,
        "vocab_size":21128})");
      r.add("vocab.txt", "[PAD]\n");
      r.add("pytorch_model.bin", QByteArray(3000, 'p'));
      r.ref();
    }
    // 3. Not BERT-family.
    {
      RepoBuilder r(hub, "FacebookAI/roberta-base", QString(40, 'd'));
      r.add("config.json", R"({"architectures":["RobertaForMaskedLM"],"model_type":"roberta","hidden_size":768})");
      r.add("vocab.json", "{}");
      r.add("tokenizer.json", "{}");
      r.add("model.safetensors", QByteArray(100, 'r'));
      r.ref();
    }
    // 4. Download in progress: a partial blob and no snapshot yet.
    {
      QDir().mkpath(hub + "/models--BAAI--bge-small-en-v1.5/blobs");
      writeFile(hub + "/models--BAAI--bge-small-en-v1.5/blobs/" + QString(64, 'e') + ".incomplete", QByteArray(777, 'x'));
    }
    // 5. A snapshot whose weights link points at a blob that is gone.
    {
      RepoBuilder r(hub, "BAAI/bge-small-zh-v1.5", QString(40, 'f'));
      r.add("config.json", R"({"architectures":["BertModel"],"model_type":"bert","hidden_size":512,"vocab_size":21128})");
      r.add("vocab.txt", "[PAD]\n");
      std::filesystem::create_symlink("../../blobs/" + std::string(64, '0'), (r.snapshot() + "/model.safetensors").toStdString());
      writeFile(r.repo() + "/blobs/" + QString(64, '1') + ".incomplete", "partial");
      r.ref();
    }
    // 6. No tokenizer.
    {
      RepoBuilder r(hub, "someone/no-tokenizer", QString(40, '2'));
      r.add("config.json", kBertConfig);
      r.add("model.safetensors", QByteArray(10, 'z'));
      r.ref();
    }
    // 7. A folder that is not a model repo is ignored.
    QDir().mkpath(hub + "/datasets--foo--bar/snapshots");

    const std::vector<CachedModel> ms = scanModels({hub.toStdString(), {}});
    QCOMPARE(ms.size(), size_t(6));
    QVERIFY(std::is_sorted(ms.begin(), ms.end(), [](auto& a, auto& b) { return a.id < b.id; }));

    const CachedModel* ok = find(ms, "sentence-transformers/all-MiniLM-L6-v2");
    QVERIFY(ok);
    QVERIFY2(ok->usable, ok->reason().c_str());
    QVERIFY(ok->complete);
    QCOMPARE(ok->source, std::string("hf-cache"));
    QCOMPARE(ok->revision, std::string(40, 'b'));
    QVERIFY(ok->fromRef);
    QVERIFY(QString::fromStdString(ok->path).endsWith("/snapshots/" + QString(40, 'b')));
    QCOMPARE(ok->hiddenSize, 384);
    QCOMPARE(ok->language, std::string("en"));
    QCOMPARE(ok->pooling, std::string("mean"));
    QVERIFY(ok->poolingFromFolder);
    QCOMPARE(ok->tokenizer, std::string("tokenizer.json"));
    QVERIFY(ok->sizeBytes >= weights.size());  // the blobs behind the links are counted
    QVERIFY(ok->issues.empty());

    const CachedModel* pt = find(ms, "bert-base-chinese");
    QVERIFY(pt);
    QVERIFY(pt->complete);
    QVERIFY(!pt->usable);
    QVERIFY2(hasIssue(*pt, "only pytorch_model.bin"), pt->reason().c_str());
    QVERIFY(pt->issues.front().fix.find("safetensors") != std::string::npos);
    QCOMPARE(pt->language, std::string("zh"));
    QCOMPARE(pt->hiddenSize, 768);

    const CachedModel* rb = find(ms, "FacebookAI/roberta-base");
    QVERIFY(rb);
    QVERIFY(!rb->usable);
    QVERIFY2(hasIssue(*rb, "RobertaForMaskedLM") && hasIssue(*rb, "not BERT-family"), rb->reason().c_str());
    QCOMPARE(rb->modelType, std::string("roberta"));

    const CachedModel* partial = find(ms, "BAAI/bge-small-en-v1.5");
    QVERIFY(partial);
    QVERIFY(!partial->complete);
    QVERIFY(!partial->usable);
    QVERIFY2(hasIssue(*partial, "download incomplete"), partial->reason().c_str());
    QVERIFY(partial->issues.front().fix.find("models download BAAI/bge-small-en-v1.5") != std::string::npos);
    QCOMPARE(partial->sizeBytes, int64_t(777));
    QCOMPARE(partial->pooling, std::string("cls"));  // BGE family

    const CachedModel* dangling = find(ms, "BAAI/bge-small-zh-v1.5");
    QVERIFY(dangling);
    QVERIFY(!dangling->complete);
    QVERIFY(!dangling->usable);
    QVERIFY2(hasIssue(*dangling, "missing blobs") && hasIssue(*dangling, "download incomplete"), dangling->reason().c_str());
    QCOMPARE(dangling->language, std::string("zh"));
    QCOMPARE(dangling->pooling, std::string("cls"));
    QVERIFY(!dangling->poolingFromFolder);

    const CachedModel* notok = find(ms, "someone/no-tokenizer");
    QVERIFY(notok);
    QVERIFY(!notok->complete);
    QVERIFY2(hasIssue(*notok, "missing vocab.txt/tokenizer.json"), notok->reason().c_str());
  }

  void extraFolders() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // A plain model folder, a folder holding model folders, and an HF_HOME-style folder.
    const QString plain = tmp.path() + "/my-bert";
    writeFile(plain + "/config.json", kBertConfig);
    writeFile(plain + "/vocab.txt", "[PAD]\n");
    writeFile(plain + "/model.safetensors", QByteArray(64, 's'));
    const QString parent = tmp.path() + "/models";
    writeFile(parent + "/text2vec-base-chinese/config.json",
              R"({"architectures":["BertModel"],"model_type":"bert","hidden_size":768,"vocab_size":21128})");
    writeFile(parent + "/text2vec-base-chinese/vocab.txt", "[PAD]\n");
    writeFile(parent + "/text2vec-base-chinese/model.safetensors", "x");
    writeFile(parent + "/use-lite/model.json", "{}");  // not a HF folder: ignored
    const QString hfHome = tmp.path() + "/hfhome";
    RepoBuilder r(hfHome + "/hub", "org/in-hf-home", QString(40, '9'));
    r.add("config.json", kBertConfig);
    r.add("vocab.txt", "[PAD]\n");
    r.add("model.safetensors", "w");

    ModelScanOptions o;
    o.hubCacheDir = "-";
    o.extraFolders = {plain.toStdString(), parent.toStdString(), hfHome.toStdString(),
                      (tmp.path() + "/does-not-exist").toStdString(), plain.toStdString()};
    const std::vector<CachedModel> ms = scanModels(o);
    QCOMPARE(ms.size(), size_t(3));
    const CachedModel* a = find(ms, "my-bert");
    QVERIFY(a && a->usable && a->source == "folder");
    QCOMPARE(a->sizeBytes, int64_t(QByteArray(kBertConfig).size() + 6 + 64));
    const CachedModel* b = find(ms, "text2vec-base-chinese");
    QVERIFY(b && b->usable);
    QCOMPARE(b->language, std::string("zh"));
    QCOMPARE(b->pooling, std::string("mean"));
    const CachedModel* c = find(ms, "org/in-hf-home");
    QVERIFY(c && c->usable && !c->fromRef);  // no refs/main: the newest snapshot

    // Unsupported pooling and sentence-transformers modules.
    writeFile(plain + "/modules.json", R"([{"path":"","type":"sentence_transformers.models.Transformer"},
      {"path":"1_Pooling","type":"sentence_transformers.models.Pooling"},
      {"path":"2_Dense","type":"sentence_transformers.models.Dense"}])");
    writeFile(plain + "/1_Pooling/config.json", R"({"pooling_mode_max_tokens":true})");
    const CachedModel m = inspectModelFolder(plain.toStdString());
    QVERIFY(!m.usable);
    QVERIFY2(hasIssue(m, "Dense") && hasIssue(m, "pooling other than mean or CLS"), m.reason().c_str());

    // Broken JSON never throws.
    writeFile(plain + "/config.json", "{not json");
    const CachedModel broken = inspectModelFolder(plain.toStdString());
    QVERIFY(!broken.usable);
    QVERIFY2(hasIssue(broken, "not valid JSON"), broken.reason().c_str());
  }
};

QTEST_GUILESS_MAIN(HfCacheTest)
#include "hf_cache_test.moc"
