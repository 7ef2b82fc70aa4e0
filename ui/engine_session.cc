#include "engine_session.h"

#include "job_runner.h"

namespace il {

EngineSession::EngineSession(JobRunner* jobs, QObject* parent) : QObject(parent), jobs_(jobs) {}

EngineSession::~EngineSession() = default;

void EngineSession::load(const QString& projectPath, Project* project, RecommenderOptions options) {
  path_ = projectPath;
  project_ = project;
  options_ = std::move(options);
  loading_ = true;
  const int id = ++loadId_;
  emit loadingStarted();
  auto out = std::make_shared<std::shared_ptr<Recommender>>();
  auto error = std::make_shared<QString>();
  const std::string path = projectPath.toStdString();
  const RecommenderOptions o = options_;
  jobs_->start(
      tr("Building models"),
      [path, o, out, error](JobControl& job) {
        try {
          // Its own read-only connection: SQLite connections stay on one thread.
          auto reader = Project::open(path, Project::Mode::ReadOnly);
          *out = std::shared_ptr<Recommender>(Recommender::fromProject(*reader, o, &job));
        } catch (const Cancelled&) {
          throw;
        } catch (const std::exception& e) {
          *error = QString::fromStdString(e.what());
        }
      },
      [this, id, out, error](const JobOutcome& outcome) {
        if (id != loadId_) return;  // a newer load (or clear) took over
        loading_ = false;
        if (outcome.cancelled) return;
        if (!error->isEmpty() || !outcome.error.isEmpty()) {
          emit loadFailed(error->isEmpty() ? outcome.error : *error);
          return;
        }
        recommender_ = *out;
        const int32_t users = recommender_->corpus().userCount();
        if (user_ >= users) user_ = -1;
        if (user_ < 0 && users > 0) user_ = 0;
        if (item_ >= recommender_->corpus().itemCount()) item_ = -1;
        emit ready();
        emit currentUserChanged(user_);
      });
}

void EngineSession::abandonLoad() {
  if (!loading_) return;
  ++loadId_;
  loading_ = false;
}

void EngineSession::clear() {
  ++loadId_;
  loading_ = false;
  recommender_.reset();
  project_ = nullptr;
  path_.clear();
  user_ = item_ = -1;
  emit cleared();
}

void EngineSession::setRecommenderForTesting(std::shared_ptr<Recommender> recommender) {
  ++loadId_;  // a load still running must not replace it
  loading_ = false;
  recommender_ = std::move(recommender);
  const int32_t users = recommender_ ? recommender_->corpus().userCount() : 0;
  if (user_ >= users) user_ = -1;
  if (user_ < 0 && users > 0) user_ = 0;
  if (!recommender_ || item_ >= recommender_->corpus().itemCount()) item_ = -1;
  emit ready();
  emit currentUserChanged(user_);
}

void EngineSession::setCurrentUser(int32_t user) {
  if (user == user_) return;
  user_ = user;
  emit currentUserChanged(user);
}

void EngineSession::setCurrentItem(int32_t item) {
  if (item == item_) return;
  item_ = item;
  emit currentItemChanged(item);
}

bool EngineSession::selectUser(const QString& id) {
  if (!recommender_) return false;
  const int32_t u = recommender_->corpus().findUser(id.toStdString());
  if (u < 0) return false;
  setCurrentUser(u);
  return true;
}

void EngineSession::setFeedback(int32_t user, int32_t item, Feedback value) {
  if (!recommender_ || user < 0 || item < 0) return;
  if (project_) {
    FeedbackStore(*project_).set(recommender_->corpus().users[static_cast<size_t>(user)],
                                 recommender_->corpus().items[static_cast<size_t>(item)].id, value);
  }
  recommender_->setFeedback(user, item, value);
  emit feedbackChanged(user, item);
  emit modelsChanged();
}

void EngineSession::setBlend(const std::vector<double>& weights) {
  if (!recommender_) return;
  recommender_->setBlend(weights);
  emit modelsChanged();
}

QString EngineSession::userId(int32_t user) const {
  if (!recommender_ || user < 0 || user >= recommender_->corpus().userCount()) return {};
  return QString::fromStdString(recommender_->corpus().users[static_cast<size_t>(user)]);
}

QString EngineSession::itemId(int32_t item) const {
  if (!recommender_ || item < 0 || item >= recommender_->corpus().itemCount()) return {};
  return QString::fromStdString(recommender_->corpus().items[static_cast<size_t>(item)].id);
}

QString EngineSession::itemTitle(int32_t item) const {
  if (!recommender_ || item < 0 || item >= recommender_->corpus().itemCount()) return {};
  return QString::fromStdString(recommender_->corpus().items[static_cast<size_t>(item)].title);
}

}  // namespace il
