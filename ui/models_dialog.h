// Tools > Models: the BERT-family models on this computer (the Hugging Face hub cache and
// folders the user added), why a model cannot be used and what to do, and downloads from the
// hub (a curated list or any model id) with per-file and total progress, Cancel and resume.
// Non-modal: closing it does not stop a download. The cache is watched, so a model another tool
// puts there appears without any action.
#pragma once

#include <QDialog>
#include <QStringList>

#include "model_downloader.h"

class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace il {

class ModelListModel;

class ModelsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ModelsDialog(QWidget* parent = nullptr);
  ~ModelsDialog() override;

  void rescan();
  QStringList extraFolders() const { return extraFolders_; }
  void addFolder(const QString& dir);  // also remembered in QSettings
  bool isDownloading() const;
  ModelListModel* listModel() const { return list_; }

 signals:
  // "Use for encoding": the folder to give the bert encoder and its pooling ("" = its own).
  void modelChosen(const QString& folder, const QString& pooling);
  void downloadFinished(bool ok, const QString& modelId, const QString& message);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void startDownload();
  void onProgress(const ModelDownloader::Progress& p);
  void onFinished(bool ok, const QString& modelId, const QString& snapshotDir, const QString& message, int kind);
  void updateSelection();
  void watchCache();
  void chooseFolder();
  void removeFolder();
  void useSelected();

  QString hubDir_;
  QStringList extraFolders_;
  ModelListModel* list_;
  QTableView* table_;
  QLabel* cacheLabel_;
  QLabel* details_;
  QPushButton* removeFolder_;
  QPushButton* use_;
  QComboBox* modelId_;
  QLineEdit* revision_;
  QLineEdit* token_;
  QPushButton* download_;
  QPushButton* cancel_;
  QLabel* fileLabel_;
  QProgressBar* fileBar_;
  QLabel* totalLabel_;
  QProgressBar* totalBar_;
  QLabel* status_;
  ModelDownloader* downloader_;
  QFileSystemWatcher* watcher_;
  QTimer* rescanSoon_;
  QString selectAfterScan_;
};

}  // namespace il
