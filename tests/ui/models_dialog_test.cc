// Tools > Models against a hub-shaped server on 127.0.0.1 (fake_hub.h) with HF_ENDPOINT and
// HF_HOME pointing at it and at a temporary cache: the download shows per-file and total
// progress, survives a cut connection by resuming, rejects a corrupted file, asks for a token
// on 401, cancels without leaving a complete-looking model, and the model is usable at once
// (Use for encoding sets the Encoder panel, and that encoder matches reference.json). A model
// copied into the cache by another tool appears without any action.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

#include "encoder.h"
#include "encoder_panel.h"
#include "fake_hub.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "model_list_model.h"
#include "models_dialog.h"

using namespace il;
using namespace il::test;

namespace {

constexpr double kTol = 1e-5;  // max abs error against reference.json (ONNX Runtime outputs)
const char* kId = "test-org/tiny-bert";

// Records every value a progress bar takes while the download runs.
struct BarTrace {
  QList<int> values;
  int maximum = 0;
};

}  // namespace

class ModelsDialogTest : public QObject {
  Q_OBJECT

  std::unique_ptr<HubThread> server_;
  std::unique_ptr<QTemporaryDir> home_;
  std::unique_ptr<MainWindow> window_;
  ModelsDialog* dialog_ = nullptr;
  QByteArray weightsSha_;

  QString hubDir() const { return home_->path() + "/hub"; }
  template <typename T>
  T* child(const char* name) {
    T* w = dialog_->findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
  }
  const CachedModel* listed(const QString& id) {
    const int row = dialog_->listModel()->rowOf(id);
    return row < 0 ? nullptr : &dialog_->listModel()->models()[static_cast<size_t>(row)];
  }
  // Types the id, presses Download, waits for the end; returns finished()'s arguments.
  QList<QVariant> download(const QString& id, BarTrace* fileTrace = nullptr) {
    QSignalSpy done(dialog_, &ModelsDialog::downloadFinished);
    auto* bar = child<QProgressBar>("fileProgress");
    QMetaObject::Connection c;
    if (fileTrace)
      c = connect(bar, &QProgressBar::valueChanged, this, [bar, fileTrace](int v) {
        fileTrace->values << v;
        fileTrace->maximum = std::max(fileTrace->maximum, bar->maximum());
      });
    child<QComboBox>("modelIdBox")->setCurrentText(id);
    QTest::mouseClick(child<QPushButton>("downloadButton"), Qt::LeftButton);
    if (!done.wait(60000) && done.isEmpty()) qWarning("download did not finish");
    disconnect(c);
    return done.isEmpty() ? QList<QVariant>() : done.takeFirst();
  }
  int cdnRangeRequests() {
    int n = 0;
    for (const SeenRequest& s : server_->hub().requests()) n += s.path.startsWith("/cdn/") && !s.range.isEmpty();
    return n;
  }
  // The bert encoder the Encoder panel now describes, on the reference sentences.
  void encodesLikeTheReference(const EncoderSettings& settings) {
    QFile f(sharedPath(QString(kTiny) + "/reference.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray sentences = QJsonDocument::fromJson(f.readAll()).object()["sentences"].toArray();
    std::vector<std::string> texts;
    std::vector<QJsonArray> expected;
    for (const QJsonValue& v : sentences) {
      if (v["truncated_to_128"].toBool()) continue;  // its ids were cut at 128; the encoder windows instead
      texts.push_back(v["text"].toString().toStdString());
      expected.push_back(v["mean_pooled"].toArray());
    }
    QVERIFY(texts.size() >= 6);
    EncoderSettings s = settings;
    s.normalize = 0;  // reference mean_pooled is not normalised
    const auto encoder = createEncoder(s);
    QCOMPARE(encoder->dimension(), 32);
    const Matrix m = encoder->encode(texts);
    double worst = 0;
    for (size_t i = 0; i < texts.size(); ++i)
      for (int h = 0; h < 32; ++h)
        worst = std::max(worst, std::fabs(double(m.row(i)[h]) - expected[i][h].toDouble()));
    qInfo("downloaded model vs reference.json: max abs error %.3g (tolerance %.0e)", worst, kTol);
    QVERIFY(worst < kTol);
  }

  // With IL_SCREENSHOT_DIR set (tests/ui/refresh_screenshots.sh): the dialog half way through a
  // download, one model already listed, as docs/screenshot-models.png.
  void saveScreenshotDuringASecondDownload() {
    const QString dir = qEnvironmentVariable("IL_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().chunkDelayMs = 15;
    }
    child<QLineEdit>("tokenEdit")->setText("hf_secret");
    auto* bar = child<QProgressBar>("fileProgress");
    bool saved = false;
    connect(bar, &QProgressBar::valueChanged, this, [&](int v) {
      if (saved || v < bar->maximum() / 2 || !child<QLabel>("fileLabel")->text().contains("safetensors")) return;
      saved = dialog_->grab().save(dir + "/screenshot-models.png");
    });
    download("private/tiny-bert");
    QVERIFY(saved);
  }

 private slots:
  void initTestCase() { isolateUserData(); }

  void init() {
    if (!QFileInfo::exists(sharedPath(QString(kTiny) + "/model.safetensors"))) return;
    home_ = std::make_unique<QTemporaryDir>();
    server_ = std::make_unique<HubThread>();
    weightsSha_ = addTinyBertRepos(server_->hub());
    qputenv("HF_HOME", home_->path().toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("HF_TOKEN");
    qunsetenv("HUGGING_FACE_HUB_TOKEN");
    qputenv("HF_ENDPOINT", QByteArray::fromStdString(server_->endpoint()));
    window_ = std::make_unique<MainWindow>();
    dialog_ = window_->showModelsDialog();
    QVERIFY(dialog_->isVisible());
  }
  void cleanup() {
    window_.reset();  // the dialog is its child; a running download is cancelled and joined
    dialog_ = nullptr;
    server_.reset();
    home_.reset();
  }

  void curatedListAndCacheFolderShown() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    auto* box = child<QComboBox>("modelIdBox");
    QVERIFY(box->findText("sentence-transformers/all-MiniLM-L6-v2") >= 0);
    QVERIFY(box->findText("BAAI/bge-small-zh-v1.5") >= 0);
    QVERIFY(box->findText("bert-base-chinese") >= 0);
    QCOMPARE(dialog_->listModel()->rowCount(), 0);
    QVERIFY(!child<QPushButton>("useButton")->isEnabled());
  }

  // Cut mid-file, resumed with Range; progress per file and total; then Use for encoding.
  void downloadsWithProgressResumesAndIsUsableAtOnce() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().cutBlobOnce = weightsSha_;
      server_->hub().cutAfter = 1'000'000;
      server_->hub().chunkDelayMs = 2;  // so the bars have time to move
    }
    BarTrace trace;
    const QList<QVariant> r = download(kId, &trace);
    QVERIFY(!r.isEmpty());
    QVERIFY2(r[0].toBool(), qPrintable(r[2].toString()));
    QCOMPARE(cdnRangeRequests(), 1);  // the cut was resumed, not restarted
    // The file bar moved through intermediate values of the large file.
    int between = 0;
    for (int v : trace.values) between += v > 0 && v < trace.maximum;
    QVERIFY2(between >= 3, qPrintable(QString::number(between)));
    auto* total = child<QProgressBar>("totalProgress");
    QCOMPARE(total->value(), total->maximum());
    QVERIFY(total->maximum() > 1000);  // KiB of the whole model
    QVERIFY(child<QLabel>("totalLabel")->text().contains("of"));
    QVERIFY(child<QLabel>("downloadStatus")->text().contains("ready"));

    const CachedModel* m = listed(kId);
    QVERIFY(m);
    QVERIFY2(m->usable, m->reason().c_str());
    QCOMPARE(m->hiddenSize, 32);
    auto* table = child<QTableView>("modelTable");
    QCOMPARE(table->currentIndex().row(), dialog_->listModel()->rowOf(kId));  // selected for you
    auto* use = child<QPushButton>("useButton");
    QVERIFY(use->isEnabled());
    QTest::mouseClick(use, Qt::LeftButton);
    const EncoderSettings s = window_->encoderPanel()->settings();
    QCOMPARE(s.kind, std::string("bert"));
    QCOMPARE(QString::fromStdString(s.modelDir), QString::fromStdString(m->path));
    encodesLikeTheReference(s);
    saveScreenshotDuringASecondDownload();
  }

  void rejectsACorruptedFile() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().corruptBlob = weightsSha_;
    }
    const QList<QVariant> r = download(kId);
    QVERIFY(!r.isEmpty());
    QVERIFY(!r[0].toBool());
    const QString status = child<QLabel>("downloadStatus")->text();
    QVERIFY2(status.contains("sha256"), qPrintable(status));
    const CachedModel* m = listed(kId);
    QVERIFY(!m || !m->usable);
    QVERIFY(!QFileInfo::exists(hubDir() + "/models--test-org--tiny-bert/refs/main"));
  }

  void gatedModelAsksForAToken() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    QList<QVariant> r = download("private/tiny-bert");
    QVERIFY(!r.isEmpty());
    QVERIFY(!r[0].toBool());
    QVERIFY2(child<QLabel>("downloadStatus")->text().contains("token"), qPrintable(child<QLabel>("downloadStatus")->text()));
    child<QLineEdit>("tokenEdit")->setText("hf_secret");
    r = download("private/tiny-bert");
    QVERIFY(!r.isEmpty());
    QVERIFY2(r[0].toBool(), qPrintable(r[2].toString()));
    QVERIFY(listed("private/tiny-bert") && listed("private/tiny-bert")->usable);
  }

  void cancelLeavesAnIncompleteModelThatResumes() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().chunkDelayMs = 20;
    }
    QSignalSpy done(dialog_, &ModelsDialog::downloadFinished);
    auto* bar = child<QProgressBar>("fileProgress");
    child<QComboBox>("modelIdBox")->setCurrentText(kId);
    QTest::mouseClick(child<QPushButton>("downloadButton"), Qt::LeftButton);
    QVERIFY(dialog_->isDownloading());
    QVERIFY(!child<QPushButton>("downloadButton")->isEnabled());
    QVERIFY(spinUntil([&] { return child<QLabel>("fileLabel")->text().contains("model.safetensors") && bar->value() > 200; },
                      30000));
    QTest::mouseClick(child<QPushButton>("cancelDownloadButton"), Qt::LeftButton);
    QVERIFY(done.wait(10000));
    QVERIFY(!done.first()[0].toBool());
    QVERIFY(child<QLabel>("downloadStatus")->text().contains("Cancelled"));
    const CachedModel* m = listed(kId);
    QVERIFY(m);
    QVERIFY(!m->usable);
    QVERIFY(!m->complete);
    {
      QMutexLocker l(&server_->hub().mu);
      server_->hub().chunkDelayMs = 0;
    }
    const QList<QVariant> r = download(kId);
    QVERIFY(!r.isEmpty() && r[0].toBool());
    QCOMPARE(cdnRangeRequests(), 1);
    QVERIFY(listed(kId)->usable);
  }

  // The layout huggingface_hub writes, made here by hand while the dialog is open.
  void modelPlacedByAnotherToolAppears() {
    IL_REQUIRE_SHARED(QString(kTiny) + "/model.safetensors");
    const QString repo = hubDir() + "/models--other-tool--placed";
    const QString snap = repo + "/snapshots/" + QString::fromLatin1(kCommit);
    QVERIFY(QDir().mkpath(snap));
    QVERIFY(QDir().mkpath(repo + "/refs"));
    QVERIFY(QDir().mkpath(repo + "/blobs"));
    for (const QString& f : kSourceFiles) QVERIFY(QFile::copy(sharedPath(QString(kTiny) + "/" + f), snap + "/" + f));
    QVERIFY(writeFile(repo + "/refs/main", kCommit));
    QVERIFY(spinUntil([&] { return listed("other-tool/placed") != nullptr; }, 10000));
    QVERIFY2(listed("other-tool/placed")->usable, listed("other-tool/placed")->reason().c_str());
  }
};

QTEST_MAIN(ModelsDialogTest)
#include "models_dialog_test.moc"
