// Runs the interest map's projection on the JobRunner. PCA arrives in the job's Done
// callback; t-SNE posts its layout every `postEvery` iterations (a copy, queued to the
// GUI thread) so the map forms on screen. The t-SNE state outlives its job: Pause ends
// the job after the current iteration and Resume continues the same state as a new job,
// so a paused map never holds the single worker. A job cancelled by someone else's
// job leaves the map paused, not lost.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "map_points.h"

namespace il {

class JobRunner;

struct MapLayout {
  std::shared_ptr<const MapPoints> points;
  std::vector<float> xy;                   // x0, y0, x1, y1, ...
  MapMethod method = MapMethod::Pca;
  int iteration = 0, iterations = 0;       // t-SNE progress
  std::shared_ptr<const PcaResult> pca;    // PCA: places other vectors (profiles)
  bool empty() const { return !points || points->size() == 0; }
};

struct MapRequest {
  std::shared_ptr<const Recommender> engine;
  MapSubject subject = MapSubject::Texts;
  MapMethod method = MapMethod::Tsne;
  TsneOptions tsne;
  uint64_t seed = 42;
};

class MapProjector : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Preparing, Running, Pausing, Paused, Finished, Failed };

  explicit MapProjector(JobRunner* jobs, QObject* parent = nullptr);
  ~MapProjector() override;  // stops its job; nothing is posted afterwards

  // Starts a new projection; a running one of ours is cancelled first.
  void start(MapRequest request);
  void pause();   // t-SNE: stop after the current iteration
  void resume();  // t-SNE: continue a paused (or interrupted) layout
  void clear();

  State state() const { return state_; }
  // A job of ours holds the worker (or is about to).
  bool isWorking() const { return state_ == State::Preparing || state_ == State::Running || state_ == State::Pausing; }
  const MapLayout& layout() const { return layout_; }
  const MapRequest& request() const { return request_; }
  QString error() const { return error_; }
  int postEvery = 25;  // t-SNE iterations between posts (also at most ~0.4 s apart)

  static QString jobName(MapSubject subject, MapMethod method);

 signals:
  void layoutChanged();          // layout() is new: points and/or coordinates
  void stateChanged(State state);

 private:
  struct Run;
  struct Channel;
  void launch();
  void setState(State s);
  void onPosted(int generation, std::shared_ptr<const MapPoints> points, std::vector<float> xy, int iteration);

  JobRunner* jobs_;
  std::shared_ptr<Channel> channel_;
  std::shared_ptr<Run> run_;
  MapRequest request_;
  MapLayout layout_;
  State state_ = State::Idle;
  QString error_;
  int generation_ = 0;
};

}  // namespace il
