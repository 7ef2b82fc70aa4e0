// The interest map: every encoded text (or every user's long-term profile) as a point,
// projected to 2-D by PCA or t-SNE on the job thread and coloured by global interest
// cluster. Hover shows what a point is, a click lists its nearest neighbours in the
// original vector space and makes its user and item current, Shift/Ctrl-drag lists a
// selection. The current user's texts are highlighted, their long- and short-term
// interests marked, and a lower panel shows their texts over time and interest drift.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "interestlens_core.h"
#include "map_projection_job.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace il {

class EngineSession;
class JobRunner;
class MapPlot;
class MapPointListModel;
class UserInterestPanel;

class InterestMapView : public QWidget {
  Q_OBJECT
 public:
  InterestMapView(EngineSession* session, JobRunner* jobs, QWidget* parent = nullptr);
  ~InterestMapView() override;

  // Options of the next t-SNE run (perplexity also follows the spin box).
  void setTsneOptions(const TsneOptions& options) { tsne_ = options; }
  const TsneOptions& tsneOptions() const { return tsne_; }
  // Starts the projection chosen in the combo boxes now (also when hidden).
  void project();

  MapProjector* projector() const { return projector_; }
  MapPlot* plot() const { return plot_; }
  MapPointListModel* listModel() const { return listModel_; }
  UserInterestPanel* userPanel() const { return userPanel_; }
  const std::vector<int64_t>& highlighted() const { return highlighted_; }
  // Tooltip text of a point (what hovering shows).
  QString describe(int64_t point) const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void onReady();
  void onCleared();
  void maybeStart();
  void onLayout();
  void onState();
  void onUser(int32_t user);
  void onPointClicked(qint64 point);
  void onRectSelected(const QVector<qint64>& points);
  void togglePause();
  void updateHighlight();
  void updateMarkers();
  void updateStatus();
  QString weightedPlacementNote() const;

  EngineSession* session_;
  JobRunner* jobs_;
  MapProjector* projector_;
  std::shared_ptr<const Recommender> engine_;
  std::shared_ptr<const MapPoints> shown_;  // points on the plot now
  std::vector<std::vector<int64_t>> userPoints_;  // per user, their points
  std::vector<int64_t> highlighted_;
  TsneOptions tsne_;
  bool pending_ = false;  // a projection waits for the view to show or the worker to free up

  QComboBox *subject_, *method_;
  QSpinBox* perplexity_;
  QPushButton *pause_, *restart_;
  QLabel *status_, *listTitle_;
  MapPlot* plot_;
  MapPointListModel* listModel_;
  QTableView* list_;
  UserInterestPanel* userPanel_;
};

}  // namespace il
