// What an import did: a headline, the engine's summary (rows read, kept, rejected
// per file) and every kept problem in a table (file, line, column, kind, expected,
// found), so a bad file can be fixed by hand.
#pragma once

#include <QDialog>

#include "store/project.h"

class QTableWidget;

namespace il {

class ImportReportDialog : public QDialog {
  Q_OBJECT
 public:
  ImportReportDialog(const ImportOutcome& outcome, const QString& projectPath,
                     QWidget* parent = nullptr);

  QString headline() const { return headline_; }
  QTableWidget* problemsTable() const { return problems_; }

 private:
  QString headline_;
  QTableWidget* problems_;
};

}  // namespace il
