// The ranked list as a table: rank, like/dislike, title, item id, the chosen model's
// score (drawn as a bar), then every model's score side by side, so a glance shows
// where the models agree. Cells are plain text for export; the delegates read the
// numbers (kScoreRole) and the feedback (kFeedbackRole).
#pragma once

#include <QAbstractTableModel>
#include <string>
#include <vector>

#include "interestlens_core.h"

namespace il {

class RecommendationTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Rank, FeedbackColumn, Title, Item, Score, FirstModel };
  static constexpr int kItemRole = Qt::UserRole + 44;  // int32 item row of the corpus

  explicit RecommendationTableModel(QObject* parent = nullptr);

  // `models`: the column order of the side-by-side scores (Recommendation::modelScores).
  void setList(std::vector<Recommendation> list, const std::string& model, std::vector<std::string> models);
  void clear();

  const std::vector<Recommendation>& list() const { return list_; }
  const std::string& model() const { return model_; }
  int rowOf(int32_t item) const;  // -1 when not in the list
  int32_t itemAt(int row) const;  // -1 out of range
  // The column of one model's side-by-side score; -1 when absent.
  int modelColumn(const std::string& model) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  double scoreAt(int row, int column) const;

  std::vector<Recommendation> list_;
  std::string model_;
  std::vector<std::string> models_;
  std::vector<std::pair<double, double>> range_;  // per column: min, max score
};

// "0.8123", "12" for whole numbers (popularity counts), "" for NaN.
QString formatScore(double v);

}  // namespace il
