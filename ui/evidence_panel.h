// Why one item is recommended to the user, as rich text: the summary line, the
// user's own texts that match it (matching words highlighted), the interest and its
// cluster label, similar items the user has, liked items like it, shared tags
// (item -> tag -> the user's items) and the CF neighbours. Item names are links;
// clicking one asks to make that item current.
#pragma once

#include <QStringList>
#include <QTextBrowser>
#include <optional>

#include "interestlens_core.h"

namespace il {

class EvidencePanel : public QTextBrowser {
  Q_OBJECT
 public:
  explicit EvidencePanel(QWidget* parent = nullptr);

  // `score` is the chosen model's score when the item is in the list.
  void showExplanation(const Recommender& recommender, int32_t user, int32_t item, const Explanation& why,
                       std::optional<float> score, const QString& model);
  void showMessage(const QString& text);

  // HTML of `text` with every occurrence of a term in bold on a marker colour:
  // case-insensitive, whole words for alphabetic scripts, any position for Han
  // characters (Chinese and Japanese have no spaces between words). Escaped.
  static QString highlightHtml(const QString& text, const QStringList& terms);
  // The words worth marking: the shared terms and the terms of the item's title.
  static QStringList highlightTerms(const Explanation& why, const ItemRow& item);

 signals:
  void itemActivated(int32_t item);
};

}  // namespace il
