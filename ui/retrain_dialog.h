// Project > Retrain two-tower model…: a non-modal dialog that trains the two-tower
// model on the open project with a few options, shows each epoch as it finishes
// (progress, a loss / validation Recall@20 chart) and can be cancelled between
// batches. The model is stored in the project; trainingFinished tells the window to
// rebuild the engine so Recommendations lists it.
#pragma once

#include <QDialog>
#include <QPointer>
#include <functional>
#include <memory>

#include "engine_session.h"
#include "job_runner.h"
#include "two_tower.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace il {

class EngineSession;
class TrainingPlot;
struct JobOutcome;
struct RetrainOutcome;

class RetrainDialog : public QDialog {
  Q_OBJECT
 public:
  RetrainDialog(JobRunner* jobs, EngineSession* session, QWidget* parent = nullptr);
  ~RetrainDialog() override;

  void setProjectPath(const QString& path);  // "" = no project open
  QString projectPath() const { return path_; }
  // The options as set in the form.
  TwoTowerOptions options() const;
  bool useFeedback() const;

  // Starts training on the worker; false (and says why) when it cannot.
  bool start();
  void cancel();
  bool isRunning() const { return jobId_ != 0; }

  TrainingPlot* plot() const { return plot_; }
  QString statusText() const;
  // Tests: called on the worker thread after each epoch (e.g. to hold it there).
  void setEpochHookForTesting(std::function<void(const TwoTowerEpoch&)> hook) { hook_ = std::move(hook); }

 signals:
  void trainingStarted();
  // After every run that ended; `stored`: a new model is in the project.
  void trainingFinished(const QString& projectPath, bool stored);
  void epochShown(int epoch);  // the plot has this epoch's point

 private:
  void onEpoch(int epoch, double trainLoss, double valRecall, double seconds);
  void onDone(const QString& path, const RetrainOutcome& out, const JobOutcome& job);
  void updateButtons();
  void setStatus(const QString& text);

  // Guarded: the window's runner and session may go before this dialog at shutdown.
  QPointer<JobRunner> jobs_;
  QPointer<EngineSession> session_;
  QString path_;
  int jobId_ = 0;
  bool cancelling_ = false;
  std::function<void(const TwoTowerEpoch&)> hook_;
  QSpinBox* epochs_;
  QSpinBox* dim_;
  QComboBox* loss_;
  QDoubleSpinBox* epsilon_;
  QCheckBox* feedback_;
  QSpinBox* seed_;
  QPushButton* start_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  TrainingPlot* plot_;
};

}  // namespace il
