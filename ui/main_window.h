// The main window: File menu (new project from files, open, recent, demo, quit),
// the Data view of the open project, and a status bar with the project, the
// encoder and the running job (progress, phase, Cancel).
#pragma once

#include <QMainWindow>
#include <memory>

#include "import_job.h"
#include "store/project.h"

class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace il {

class DataView;
class JobRunner;

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

  Project* project() const { return project_.get(); }
  QString projectPath() const { return projectPath_; }
  DataView* dataView() const { return dataView_; }
  JobRunner* jobs() const { return jobs_; }
  // Tests and scripted runs turn off the report windows shown after imports.
  void setShowImportReports(bool show) { showReports_ = show; }

 signals:
  void projectOpened(const QString& path);
  void importFinished(bool written, const QString& projectPath);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void createStatusBar();
  QWidget* createWelcome();
  void rebuildRecentMenu();
  void onImportDone(const ImportRequest& request, const ImportOutcome& outcome);
  void setJobIdle();
  void showError(const QString& title, const QString& text);

  std::unique_ptr<Project> project_;
  QString projectPath_;
  JobRunner* jobs_;
  QStackedWidget* pages_;
  QTabWidget* tabs_;
  DataView* dataView_;
  QMenu* recentMenu_ = nullptr;
  QLabel* projectLabel_;
  QLabel* encoderLabel_;
  QLabel* jobLabel_;
  QProgressBar* progress_;
  QToolButton* cancel_;
  bool showReports_ = true;
};

}  // namespace il
