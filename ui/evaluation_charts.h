// The Evaluation tab's two charts: Recall and NDCG at one K per model (grouped bars),
// and Recall@K / NDCG@K against K per model. Legends sit outside the axes so they never
// cover data.
#pragma once

#include <QColor>
#include <QString>

#include "interestlens_core.h"

class QCustomPlot;

namespace il {

// A fixed colour per model name, the same in both charts.
QColor modelColor(const std::string& model);

// A plot with a title row and a legend placed outside the axis rect (`legendRight`:
// a column to the right, else a row under the title).
QCustomPlot* makeEvaluationPlot(const QString& objectName, bool legendRight, QWidget* parent);

// Two QCPBars (Recall@k, NDCG@k) in one QCPBarsGroup, one bar per model, values on top.
void showMetricBars(QCustomPlot* plot, const EvalReport& report, int k);
// Per model: Recall@K (solid) and NDCG@K (dashed) over the report's Ks, log-scaled K.
void showKCurve(QCustomPlot* plot, const EvalReport& report);
void clearEvaluationPlot(QCustomPlot* plot, const QString& title);

}  // namespace il
