// The Encoder panel beside the Data tables: which encoder, its model folder,
// pooling and maximum length, and the Encode button. Choices persist in QSettings.
#pragma once

#include <QHash>
#include <map>
#include <string>
#include <QWidget>
#include <vector>

#include "encoder.h"
#include "store/corpus_vectors.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace il {

class EncoderPanel : public QWidget {
  Q_OBJECT
 public:
  explicit EncoderPanel(QWidget* parent = nullptr);

  EncoderSettings settings() const;
  void setSettings(const EncoderSettings& settings);
  void load();  // from QSettings
  void save() const;
  // Off while a job runs: starting another would cancel it.
  void setEncodeEnabled(bool enabled);
  // The encoders whose vectors the open project holds, newest first.
  void setProjectEncoders(const std::vector<EncoderInfo>& encoders);

  QComboBox* kindBox() const { return kind_; }
  QLineEdit* modelDirEdit() const { return modelDir_; }
  QPushButton* encodeButton() const { return encode_; }
  // Texts per language of the open project (Project::languageCounts); the panel warns,
  // before Encode is pressed, when the chosen encoder does not cover some of them.
  void setProjectLanguages(const std::map<std::string, int64_t>& languages);
  QLabel* coverageWarning() const { return coverage_; }

 signals:
  void encodeRequested();

 private:
  void updateForKind();
  void updateCoverage();
  void browse();

  QComboBox* kind_;
  QLabel* about_;
  QLineEdit* modelDir_;
  QToolButton* browse_;
  QComboBox* pooling_;
  QSpinBox* maxLength_;
  QPushButton* encode_;
  QLabel* inProject_;
  QLabel* coverage_;
  std::map<std::string, int64_t> languages_;
  // Each kind keeps its own folder: a BERT folder is no use to GloVe.
  QHash<QString, QString> folders_;
  QString shownKind_;
};

}  // namespace il
