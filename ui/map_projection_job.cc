#include "map_projection_job.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <atomic>
#include <mutex>

#include "job_runner.h"

namespace il {

// Lets the worker post to the projector without outliving it: posts happen under the
// lock, and the destructor clears `target` under it.
struct MapProjector::Channel {
  std::mutex mutex;
  MapProjector* target = nullptr;
};

// One projection: its points and t-SNE state (touched only by the job running it) and
// the flags the GUI sets.
struct MapProjector::Run {
  int generation = 0;
  MapRequest request;
  std::shared_ptr<const MapPoints> points;
  std::unique_ptr<TsneState> tsne;
  std::shared_ptr<const PcaResult> pca;
  std::vector<float> xy;  // PCA result, read in Done
  std::atomic<bool> pause{false};
  std::atomic<bool> stopped{false};  // replaced or cleared: a job not yet running must not start
  std::mutex mutex;
  JobControl* control = nullptr;  // of the running job, so stop() can reach it
  QString error;

  void stop() {
    stopped = true;
    std::lock_guard lock(mutex);
    if (control) control->cancel();
  }
};

MapProjector::MapProjector(JobRunner* jobs, QObject* parent)
    : QObject(parent), jobs_(jobs), channel_(std::make_shared<Channel>()) {
  channel_->target = this;
}

MapProjector::~MapProjector() {
  {
    std::lock_guard lock(channel_->mutex);
    channel_->target = nullptr;
  }
  if (run_) run_->stop();
}

QString MapProjector::jobName(MapSubject subject, MapMethod method) {
  return tr("Projecting %1 (%2)")
      .arg(subject == MapSubject::Texts ? tr("texts") : tr("users"), method == MapMethod::Tsne ? tr("t-SNE") : tr("PCA"));
}

void MapProjector::start(MapRequest request) {
  if (run_) run_->stop();
  request_ = std::move(request);
  run_ = std::make_shared<Run>();
  run_->generation = ++generation_;
  run_->request = request_;
  if (request_.subject == MapSubject::Users) run_->points = collectUsers(request_.engine);  // profiles: GUI thread
  layout_ = MapLayout{};
  layout_.method = request_.method;
  error_.clear();
  launch();
}

void MapProjector::pause() {
  if (!run_ || (state_ != State::Running && state_ != State::Preparing)) return;
  run_->pause = true;
  setState(State::Pausing);
}

void MapProjector::resume() {
  if (!run_ || request_.method != MapMethod::Tsne || (state_ != State::Paused && state_ != State::Pausing)) return;
  run_->pause = false;
  if (state_ == State::Pausing) {  // the job has not stopped yet: let it carry on
    setState(State::Running);
    return;
  }
  launch();
}

void MapProjector::clear() {
  if (run_) run_->stop();
  run_.reset();
  ++generation_;
  layout_ = MapLayout{};
  setState(State::Idle);
  emit layoutChanged();
}

void MapProjector::setState(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged(s);
}

void MapProjector::onPosted(int generation, std::shared_ptr<const MapPoints> points, std::vector<float> xy, int iteration) {
  if (generation != generation_) return;  // from a projection that was replaced
  layout_.points = std::move(points);
  layout_.xy = std::move(xy);
  layout_.iteration = iteration;
  layout_.iterations = request_.tsne.maxIterations;
  if (state_ == State::Preparing) setState(State::Running);
  emit layoutChanged();
}

void MapProjector::launch() {
  const std::shared_ptr<Run> run = run_;
  const std::shared_ptr<Channel> channel = channel_;
  const int postEveryIt = std::max(1, postEvery);
  setState(run->tsne ? State::Running : State::Preparing);
  auto work = [run, channel, postEveryIt](JobControl& job) {
    {
      std::lock_guard lock(run->mutex);
      run->control = &job;
    }
    struct Release {  // the control dies with the job
      Run& r;
      ~Release() {
        std::lock_guard lock(r.mutex);
        r.control = nullptr;
      }
    } release{*run};
    if (run->stopped) throw Cancelled{};
    const MapRequest& rq = run->request;
    const QString name = jobName(rq.subject, rq.method);
    if (!run->points) run->points = collectTexts(rq.engine);
    const int64_t n = run->points->size();
    auto post = [&](int iteration) {
      std::vector<float> xy = run->tsne->coordinates();
      std::lock_guard lock(channel->mutex);
      if (!channel->target) return;
      MapProjector* target = channel->target;
      QMetaObject::invokeMethod(
          target,
          [target, g = run->generation, p = run->points, xy = std::move(xy), iteration]() mutable {
            target->onPosted(g, std::move(p), std::move(xy), iteration);
          },
          Qt::QueuedConnection);
    };
    if (rq.method == MapMethod::Pca) {
      job.report({0, 1, (name + QStringLiteral(": PCA")).toStdString()});
      PcaOptions o;
      o.seed = rq.seed;
      auto result = std::make_shared<PcaResult>(pca(run->points->unitMatrix(), o, &job));
      run->xy.resize(static_cast<size_t>(2 * n));
      for (int64_t i = 0; i < n; ++i) {
        run->xy[static_cast<size_t>(2 * i)] = result->points.row(i)[0];
        run->xy[static_cast<size_t>(2 * i + 1)] = result->points.cols > 1 ? result->points.row(i)[1] : 0.0f;
      }
      result->points = Matrix{};  // the coordinates travel in xy
      run->pca = std::move(result);
      job.report({1, 1, name.toStdString()});
      return;
    }
    if (!run->tsne) {
      TsneOptions o = rq.tsne;
      o.seed = rq.seed;
      run->tsne = std::make_unique<TsneState>(run->points->unitMatrix(), o, &job);
      post(0);
    }
    TsneState& t = *run->tsne;
    QElapsedTimer sincePost;
    sincePost.start();
    int last = t.iteration();
    while (!t.finished() && !run->pause) {
      if (run->stopped) throw Cancelled{};
      t.step(1, &job);  // throws Cancelled at an iteration boundary; the state stays usable
      if (t.iteration() % postEveryIt == 0 || sincePost.elapsed() > 400) {
        post(t.iteration());
        last = t.iteration();
        sincePost.restart();
        job.report({t.iteration(), t.options().maxIterations,
                     QStringLiteral("%1: iteration %2/%3").arg(name).arg(t.iteration()).arg(t.options().maxIterations).toStdString()});
      }
    }
    if (t.iteration() != last) post(t.iteration());
  };
  auto done = [this, run, channel](const JobOutcome& outcome) {
    {
      std::lock_guard lock(channel->mutex);
      if (!channel->target) return;
    }
    if (run != run_) return;  // replaced meanwhile
    if (!outcome.error.isEmpty()) {
      error_ = outcome.error;
      setState(State::Failed);
      return;
    }
    if (run->request.method == MapMethod::Pca) {
      if (outcome.cancelled) {
        setState(State::Idle);
        return;
      }
      layout_.points = run->points;
      layout_.xy = run->xy;
      layout_.pca = run->pca;
      layout_.method = MapMethod::Pca;
      setState(State::Finished);
      emit layoutChanged();
      return;
    }
    if (!run->tsne) {  // cancelled while preparing: nothing to resume
      setState(State::Idle);
      return;
    }
    if (run->tsne->finished()) setState(State::Finished);
    else if (!outcome.cancelled && !run->pause) launch();  // Resume came while it was pausing
    else setState(State::Paused);
  };
  jobs_->start(jobName(request_.subject, request_.method), std::move(work), std::move(done));
}

}  // namespace il
