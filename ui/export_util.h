// Export and copy for every table and plot: CSV (spreadsheet-safe, see csv_writer.h),
// PNG / PDF / SVG by file extension, and the clipboard. Views add the actions to their
// context menus with one call.
#pragma once

#include <QString>

class QAbstractItemModel;
class QAbstractItemView;
class QCustomPlot;

namespace il {

// Header and every row of the model (DisplayRole), as CSV. False with *error set on failure.
bool exportModelCsv(const QAbstractItemModel& model, const QString& path, QString* error = nullptr);
// The plot as .png (at twice the widget's resolution), .pdf or .svg, chosen by extension.
bool exportPlot(QCustomPlot& plot, const QString& path, QString* error = nullptr);
// Tab-separated rows (what spreadsheets paste) / the plot as an image.
void copyModelToClipboard(const QAbstractItemModel& model);
void copyPlotToClipboard(QCustomPlot& plot);

// Context-menu actions: "Export CSV…" and "Copy table" on a view; "Save image…" and
// "Copy image" on a plot. `baseName` proposes the file name.
void addTableExportActions(QAbstractItemView* view, const QString& baseName);
void addPlotExportActions(QCustomPlot* plot, const QString& baseName);

}  // namespace il
