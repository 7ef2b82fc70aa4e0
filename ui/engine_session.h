// The engine results every view shows, shared by all of them: the fitted Recommender
// of the open project (built on the job thread), the chosen user and item, and
// feedback. Views never recompute what the engine computed; they listen here.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "interestlens_core.h"

namespace il {

class JobRunner;

class EngineSession : public QObject {
  Q_OBJECT
 public:
  EngineSession(JobRunner* jobs, QObject* parent = nullptr);
  ~EngineSession() override;

  // Rebuilds every model from the project file on the job thread (after open, import
  // or encode). `project` is the GUI thread's connection, used for feedback writes.
  void load(const QString& projectPath, Project* project, RecommenderOptions options = {});
  void clear();
  // Gives up a load in progress (another job is taking the worker); no signal.
  void abandonLoad();
  // Tests: use a recommender built in memory (no project; feedback is not stored).
  void setRecommenderForTesting(std::shared_ptr<Recommender> recommender);

  // Null until the models are built. The object lives until the next load/clear;
  // views keep the shared_ptr while they use it on another thread.
  std::shared_ptr<const Recommender> recommender() const { return recommender_; }
  bool isReady() const { return recommender_ != nullptr; }
  bool isLoading() const { return loading_; }
  QString projectPath() const { return path_; }
  const RecommenderOptions& options() const { return options_; }

  int32_t currentUser() const { return user_; }   // -1: none
  int32_t currentItem() const { return item_; }   // -1: none
  void setCurrentUser(int32_t user);
  void setCurrentItem(int32_t item);
  // By external id; false if unknown.
  bool selectUser(const QString& id);

  // Saves to the project and applies at once; emits feedbackChanged.
  void setFeedback(int32_t user, int32_t item, Feedback value);
  // Hybrid blend over popularity, itemknn, mf, content; emits modelsChanged.
  void setBlend(const std::vector<double>& weights);

  QString userId(int32_t user) const;
  QString itemId(int32_t item) const;
  QString itemTitle(int32_t item) const;

 signals:
  void loadingStarted();
  void ready();            // recommender() is new
  void cleared();
  void loadFailed(const QString& error);
  void currentUserChanged(int32_t user);
  void currentItemChanged(int32_t item);
  void feedbackChanged(int32_t user, int32_t item);
  void modelsChanged();    // blend or feedback changed the scores

 private:
  JobRunner* jobs_;
  Project* project_ = nullptr;
  QString path_;
  RecommenderOptions options_;
  std::shared_ptr<Recommender> recommender_;
  bool loading_ = false;
  int loadId_ = 0;
  int32_t user_ = -1, item_ = -1;
};

}  // namespace il
