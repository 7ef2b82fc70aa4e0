// File > New project from files…: pick interaction files (reviews, ratings, tags),
// an optional item catalog and the project file; preview the first rows of each
// file with the detected column mapping, which the user can change.
#pragma once

#include <QDialog>

#include "io/importer.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace il {

class CleaningPreview;
class CleaningSettingsEditor;
class ColumnMappingEditor;
struct FilePreview;

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ImportDialog(QWidget* parent = nullptr);

  // Files that look like item catalogs go to the catalog slot while it is empty.
  void addFiles(const QStringList& paths);
  void addInteractionFiles(const QStringList& paths);
  void setItemFile(const QString& path);
  void setProjectPath(const QString& path);
  // Shows `path` (an interaction file or the catalog) in the preview.
  void previewFile(const QString& path);

  QStringList interactionFiles() const;
  QString itemFile() const;
  QString projectPath() const;
  QString interactionMapSpec() const;
  QString itemMapSpec() const;
  QString previewedFlavour() const;  // flavour of the previewed file, e.g. "MovieLens ratings"
  QString previewedFormat() const;
  ImportOptions options() const;
  // True when the user agreed to replace an existing project (not add to it).
  bool replaceExisting() const { return replace_; }

  ColumnMappingEditor* interactionMapping() const { return interactionMap_; }
  ColumnMappingEditor* itemMapping() const { return itemMap_; }
  CleaningSettingsEditor* cleaningEditor() const { return cleaning_; }
  CleaningPreview* cleaningPreview() const { return cleaningPreview_; }

  void accept() override;

 private:
  void browseInteractionFiles();
  void browseItemFile();
  void browseProject();
  void removeSelectedFiles();
  void refreshPreviewChoices();
  void showPreview(const FilePreview& preview, bool isCatalog);
  void updateState();
  void updateCleaningPreview();
  bool confirmTarget();

  QListWidget* files_;
  QLineEdit* itemFile_;
  QLineEdit* project_;
  QComboBox* previewChoice_;
  QLabel* info_;
  QStackedWidget* mappingStack_;
  ColumnMappingEditor* interactionMap_;
  ColumnMappingEditor* itemMap_;
  QStandardItemModel* previewModel_;
  QTableView* previewView_;
  QCheckBox* strict_;
  CleaningSettingsEditor* cleaning_;
  CleaningPreview* cleaningPreview_;
  QStringList previewHeader_;
  QList<QStringList> previewRows_;
  bool previewIsCatalog_ = false;
  QLabel* cli_;
  QPushButton* importButton_ = nullptr;
  QString flavour_, format_;
  bool replace_ = false;
};

}  // namespace il
