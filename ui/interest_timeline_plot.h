// The per-user part of the interest map: the user's texts over time (y = cosine to
// their long-term interest, coloured by global cluster) and their interest drift, the
// share of each cluster per month (or per equal bucket of texts) as stacked bars in the
// map's colours.
#pragma once

#include <QWidget>
#include <cstdint>

class QCustomPlot;
class QLabel;

namespace il {

class Recommender;

class UserInterestPanel : public QWidget {
  Q_OBJECT
 public:
  explicit UserInterestPanel(QWidget* parent = nullptr);

  void showUser(const Recommender& engine, int32_t user);
  void clear();

  QCustomPlot* textsPlot() const { return texts_; }
  QCustomPlot* driftPlot() const { return drift_; }
  int shownTexts() const { return shownTexts_; }

 private:
  void showTexts(const Recommender& engine, int32_t user);
  void showDrift(const Recommender& engine, int32_t user);

  QLabel* title_;
  QCustomPlot *texts_, *drift_;
  int shownTexts_ = 0;
};

}  // namespace il
