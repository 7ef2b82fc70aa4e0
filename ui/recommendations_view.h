// The Recommendations tab: the chosen user's top-N list from any model, re-ranked
// the moment a control changes (model, seed-formula alpha, hybrid blend, N, minimum
// score), every model's score side by side, like / dislike on each row, and the
// evidence for the selected item. Profile kind (long-term, short-term, several
// interests, blend) is fixed when models are built, so changing it rebuilds them
// through the session on the job thread.
#pragma once

#include <QWidget>
#include <array>
#include <memory>

#include "interestlens_core.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTableView;
class QToolButton;

namespace il {

class EngineSession;
class EvidencePanel;
class RecommendationTableModel;

class RecommendationsView : public QWidget {
  Q_OBJECT
 public:
  explicit RecommendationsView(EngineSession* session, QWidget* parent = nullptr);

  // The GUI thread's connection to the open project. The session needs it when a
  // profile change rebuilds the models (feedback is saved through it); without it
  // the profile choice is off.
  void setProject(Project* project);

  RecommendRequest request() const;  // what the controls ask for
  RecommendationTableModel* tableModel() const { return model_; }
  QTableView* table() const { return table_; }
  EvidencePanel* evidencePanel() const { return evidence_; }
  qint64 lastListMs() const { return lastMs_; }  // time of the last recommend() call

 public slots:
  void refresh();  // re-ranks now

 private:
  void buildControls();
  void onReady();
  void onCleared();
  void onUserChanged(int32_t user);
  void onItemChanged(int32_t item);
  void onSelectionChanged();
  // `clicked` on an item that already has it clears it.
  void toggleFeedback(int32_t item, Feedback clicked);
  void rebuildProfiles();
  void updateProfileEnabled();
  void blendChanged();
  void showBlend();
  void showEvidence();
  void updateFeedbackButtons();
  void setLoading(bool loading, const QString& text = {});

  EngineSession* session_;
  Project* project_ = nullptr;
  RecommendationTableModel* model_;
  QTableView* table_;
  EvidencePanel* evidence_;
  QComboBox* user_;
  QComboBox* modelBox_;
  QSlider* alphaSlider_;
  QDoubleSpinBox* alpha_;
  QSpinBox* topN_;
  QCheckBox* thresholdOn_;
  QDoubleSpinBox* threshold_;
  QComboBox* profile_;
  QLabel* rebuilding_;
  std::array<QSlider*, 4> blend_{};
  std::array<QLabel*, 4> blendShare_{};
  QLabel* warning_;
  QLabel* status_;
  QToolButton* like_;
  QToolButton* dislike_;
  int32_t shownItem_ = -1;  // the item in the evidence panel (buttons act on it)
  bool syncing_ = false;    // selection set by code, not by the user
  qint64 lastMs_ = 0;
};

}  // namespace il
