#include "export_util.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>
#include <sstream>

#include "interestlens_core.h"

namespace il {

namespace {

std::vector<std::string> rowCells(const QAbstractItemModel& m, int row) {
  std::vector<std::string> cells;
  for (int c = 0; c < m.columnCount(); ++c) cells.push_back(m.index(row, c).data(Qt::DisplayRole).toString().toStdString());
  return cells;
}

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

}  // namespace

bool exportModelCsv(const QAbstractItemModel& model, const QString& path, QString* error) {
  std::ostringstream out;
  CsvWriter csv(out);
  std::vector<std::string> header;
  for (int c = 0; c < model.columnCount(); ++c)
    header.push_back(model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().toStdString());
  csv.row(header);
  for (int r = 0; r < model.rowCount(); ++r) csv.row(rowCells(model, r));
  // QSaveFile: a failed write never leaves half a file behind.
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return fail(error, path + QStringLiteral(": ") + f.errorString());
  const std::string bytes = out.str();
  f.write(bytes.data(), static_cast<qint64>(bytes.size()));
  if (!f.commit()) return fail(error, path + QStringLiteral(": ") + f.errorString());
  return true;
}

bool exportPlot(QCustomPlot& plot, const QString& path, QString* error) {
  const QString ext = QFileInfo(path).suffix().toLower();
  const int w = plot.width(), h = plot.height();
  bool ok = false;
  if (ext == QLatin1String("png")) {
    ok = plot.savePng(path, w, h, 2.0);
  } else if (ext == QLatin1String("pdf")) {
    ok = plot.savePdf(path, w, h);
  } else if (ext == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(QSize(w, h));
    svg.setViewBox(QRect(0, 0, w, h));
    svg.setTitle(QStringLiteral("InterestLens"));
    QCPPainter painter;
    ok = painter.begin(&svg);
    if (ok) {
      plot.toPainter(&painter, w, h);
      ok = painter.end();
    }
  } else {
    return fail(error, path + QStringLiteral(": use .png, .pdf or .svg"));
  }
  return ok || fail(error, path + QStringLiteral(": could not be written"));
}

void copyModelToClipboard(const QAbstractItemModel& model) {
  QString text;
  for (int c = 0; c < model.columnCount(); ++c)
    text += (c ? QStringLiteral("\t") : QString()) + model.headerData(c, Qt::Horizontal).toString();
  text += QLatin1Char('\n');
  for (int r = 0; r < model.rowCount(); ++r) {
    for (int c = 0; c < model.columnCount(); ++c) {
      QString cell = model.index(r, c).data().toString();
      cell.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
      text += (c ? QStringLiteral("\t") : QString()) + cell;
    }
    text += QLatin1Char('\n');
  }
  QApplication::clipboard()->setText(text);
}

void copyPlotToClipboard(QCustomPlot& plot) { QApplication::clipboard()->setPixmap(plot.toPixmap(plot.width(), plot.height(), 2.0)); }

void addTableExportActions(QAbstractItemView* view, const QString& baseName) {
  view->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* exportCsv = new QAction(QObject::tr("Export CSV…"), view);
  exportCsv->setObjectName(QStringLiteral("exportCsv"));
  QObject::connect(exportCsv, &QAction::triggered, view, [view, baseName]() {
    if (!view->model()) return;
    const QString path = QFileDialog::getSaveFileName(view, QObject::tr("Export CSV"), baseName + QStringLiteral(".csv"),
                                                      QObject::tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportModelCsv(*view->model(), path, &error))
      QMessageBox::warning(view, QObject::tr("Export CSV"), error);
  });
  auto* copy = new QAction(QObject::tr("Copy table"), view);
  QObject::connect(copy, &QAction::triggered, view, [view]() {
    if (view->model()) copyModelToClipboard(*view->model());
  });
  view->addAction(exportCsv);
  view->addAction(copy);
}

void addPlotExportActions(QCustomPlot* plot, const QString& baseName) {
  plot->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* save = new QAction(QObject::tr("Save image…"), plot);
  save->setObjectName(QStringLiteral("saveImage"));
  QObject::connect(save, &QAction::triggered, plot, [plot, baseName]() {
    const QString path = QFileDialog::getSaveFileName(plot, QObject::tr("Save image"), baseName + QStringLiteral(".png"),
                                                      QObject::tr("PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)"));
    QString error;
    if (!path.isEmpty() && !exportPlot(*plot, path, &error)) QMessageBox::warning(plot, QObject::tr("Save image"), error);
  });
  auto* copy = new QAction(QObject::tr("Copy image"), plot);
  QObject::connect(copy, &QAction::triggered, plot, [plot]() { copyPlotToClipboard(*plot); });
  plot->addAction(save);
  plot->addAction(copy);
}

}  // namespace il
