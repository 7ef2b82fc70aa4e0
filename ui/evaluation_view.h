// The Evaluation tab: compares the models under the protocol of DESIGN.md on the job
// thread (compareModels over the open project's corpus and vectors), then shows a
// table per model, Recall/NDCG bars at one K, Recall@K and NDCG@K against K, and the
// protocol. Every run is recorded in the project (RunStore "evaluate", what
// `interestlens-cli export --what metrics` writes out); the last one shows on load.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <memory>
#include <vector>

#include "interestlens_core.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace il {

class EngineSession;
class JobRunner;

// The Ks the K-curve is drawn from; the user's Ks are added to them.
inline const std::vector<int> kCurveKs = {1, 2, 5, 10, 20, 50};

class EvaluationView : public QWidget {
  Q_OBJECT
 public:
  EvaluationView(EngineSession* session, JobRunner* jobs, QWidget* parent = nullptr);

  // What Run compares (vectors not set); false with *error for bad input.
  bool comparisonOptions(ComparisonOptions* out, std::vector<int>* tableKs, QString* error) const;
  bool hasReport() const { return hasReport_; }
  const EvalReport& report() const { return report_; }
  const std::vector<int>& tableKs() const { return tableKs_; }
  QStandardItemModel* tableModel() const { return model_; }
  QCustomPlot* barsPlot() const { return bars_; }
  QCustomPlot* curvePlot() const { return curve_; }
  int runningJob() const { return jobId_; }  // 0 when none
  int64_t recordedRun() const { return recordedRun_; }  // run id in the project, 0 if not recorded
  QString statusText() const;

 public slots:
  void run();
  void cancel();

 private:
  void buildControls();
  void onReady();
  void onCleared();
  void updateEnabled();
  void showReport(const EvalReport& report, const std::vector<int>& tableKs);
  void fillTable();
  void showBars();

  EngineSession* session_;
  JobRunner* jobs_;
  std::map<std::string, QCheckBox*> modelBoxes_;
  QLineEdit* ks_;
  QSpinBox* seed_;
  QPushButton* run_;
  QPushButton* cancel_;
  QLabel* status_;
  QComboBox* barK_;
  QStandardItemModel* model_;
  QTableView* table_;
  QCustomPlot* bars_;
  QCustomPlot* curve_;
  QPlainTextEdit* protocol_;
  EvalReport report_;
  std::vector<int> tableKs_;
  bool hasReport_ = false;
  int jobId_ = 0;
  int generation_ = 0;  // bumped when the project changes: late results are dropped
  int64_t recordedRun_ = 0;
};

}  // namespace il
