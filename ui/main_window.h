// The main window: File menu (new project from files, open, recent, demo, quit),
// Project menu (encode, retrain), Tools menu (models), the Data view of the open project beside the Encoder
// panel, and a status bar with the project, the encoder and the running job
// (progress, phase, Cancel).
#pragma once

#include <QMainWindow>
#include <memory>

#include "encode_job_gui.h"
#include "import_job.h"
#include "store/project.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace il {

class DataView;
class EncoderPanel;
class EngineSession;
class JobRunner;
class ModelsDialog;
class RecommendationsView;
class RetrainDialog;
class UserPicker;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a project and shows it; on failure says why (non-modal) and returns false.
  bool openProject(const QString& path);
  void closeProject();
  // Opens the demo project, building it first (in the background) if needed.
  void openDemo();
  void newProjectFromFiles();
  void chooseProjectToOpen();
  // Imports in the background; opens the project when it worked and reports either way.
  int startImport(const ImportRequest& request);
  // Encodes the open project's texts in the background with the Encoder panel's
  // settings (remembering them); 0 if no project is open or a job is running.
  int startEncode();
  // Project > Retrain two-tower model…: the non-modal training dialog (created on first use).
  RetrainDialog* showRetrainDialog();
  // Tools > Models: the non-modal model manager (created on first use).
  ModelsDialog* showModelsDialog();

  EncoderPanel* encoderPanel() const { return encoderPanel_; }
  QAction* encodeAction() const { return encodeAction_; }
  QAction* retrainAction() const { return retrainAction_; }
  Project* project() const { return project_.get(); }
  QString projectPath() const { return projectPath_; }
  DataView* dataView() const { return dataView_; }
  JobRunner* jobs() const { return jobs_; }
  EngineSession* session() const { return session_; }
  UserPicker* userPicker() const { return userPicker_; }
  QTabWidget* tabs() const { return tabs_; }
  // Tests and scripted runs turn off the report windows shown after imports.
  void setShowImportReports(bool show) { showReports_ = show; }

 signals:
  void projectOpened(const QString& path);
  void importFinished(bool written, const QString& projectPath);
  // After every encode job: `error` is empty unless it failed; a cancelled run keeps
  // the chunks it finished.
  void encodeFinished(bool cancelled, const QString& error);

 protected:
  void closeEvent(QCloseEvent* event) override;
  // Files dropped on the window open the import dialog with them.
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createMenus();
  void createStatusBar();
  void createToolBar();
  // The views over the engine's results, one tab each.
  void createViews();
  QWidget* createWelcome();
  void rebuildRecentMenu();
  void onImportDone(const ImportRequest& request, const ImportOutcome& outcome);
  void onEncodeDone(const EncodeRequest& request, const EncodeOutcome& outcome, const JobOutcome& job);
  void setEncoderLabel(const QString& kind, const QString& id);
  // The status bar's encoder and the panel's list, from what the project holds.
  void showProjectEncoders();
  void updateActions();
  void setJobIdle();
  void showError(const QString& title, const QString& text);

  std::unique_ptr<Project> project_;
  QString projectPath_;
  JobRunner* jobs_;
  EngineSession* session_;
  UserPicker* userPicker_ = nullptr;
  RecommendationsView* recommendationsView_ = nullptr;
  QStackedWidget* pages_;
  QTabWidget* tabs_;
  DataView* dataView_;
  EncoderPanel* encoderPanel_;
  QSplitter* dataSplit_;
  QAction* encodeAction_ = nullptr;
  QAction* retrainAction_ = nullptr;
  RetrainDialog* retrainDialog_ = nullptr;
  ModelsDialog* modelsDialog_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QLabel* projectLabel_;
  QLabel* encoderLabel_;
  QLabel* jobLabel_;
  QProgressBar* progress_;
  QToolButton* cancel_;
  bool showReports_ = true;
};

}  // namespace il
