#include "evidence_panel.h"

#include <QUrl>
#include <algorithm>
#include <vector>

namespace il {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString esc(const std::string& s) { return q(s).toHtmlEscaped(); }
QString num(double v) { return QString::number(v, 'f', 2); }

bool hasHan(const QString& s) {
  for (char32_t c : s.toUcs4())
    if (QChar::script(c) == QChar::Script_Han) return true;
  return false;
}

// A word boundary before/after position i (outside the text counts as one).
bool boundary(const QString& text, qsizetype i) {
  if (i < 0 || i >= text.size()) return true;
  const QChar c = text.at(i);
  if (c.isSurrogate()) {  // judge the whole code point, not half of it
    const qsizetype start = c.isLowSurrogate() && i > 0 ? i - 1 : i;
    if (start + 1 < text.size()) return !QChar::isLetterOrNumber(QChar::surrogateToUcs4(text.at(start), text.at(start + 1)));
  }
  return !c.isLetterOrNumber();
}

QString itemLink(int32_t item, const std::string& id, const std::string& title) {
  const QString name = title.empty() ? esc(id) : esc(title);
  return QStringLiteral("<a href=\"item:%1\">%2</a>").arg(item).arg(name);
}

QString itemLinkById(const Recommender& r, const std::string& id) {
  const int32_t i = r.corpus().findItem(id);
  if (i < 0) return esc(id);
  return itemLink(i, id, r.corpus().items[static_cast<size_t>(i)].title);
}

QString section(const QString& title) {
  return QStringLiteral("<h4 style=\"margin-top:10px; margin-bottom:3px; color:#3a4a63\">%1</h4>").arg(title.toHtmlEscaped());
}

}  // namespace

EvidencePanel::EvidencePanel(QWidget* parent) : QTextBrowser(parent) {
  setOpenLinks(false);
  setOpenExternalLinks(false);
  connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    if (url.scheme() != QLatin1String("item")) return;
    bool ok = false;
    const int item = url.path().toInt(&ok);
    if (ok) emit itemActivated(item);
  });
}

QString EvidencePanel::highlightHtml(const QString& text, const QStringList& terms) {
  // Mark characters first, then escape run by run: escaping before matching would
  // let a term match inside "&amp;" and break the markup.
  std::vector<char> mark(static_cast<size_t>(text.size()), 0);
  for (const QString& term : terms) {
    if (term.isEmpty()) continue;
    const bool han = hasHan(term);
    for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(term, at + 1, Qt::CaseInsensitive)) {
      const qsizetype end = at + term.size();
      if (!han && !(boundary(text, at - 1) && boundary(text, end))) continue;
      std::fill(mark.begin() + at, mark.begin() + end, 1);
    }
  }
  QString out;
  qsizetype i = 0;
  while (i < text.size()) {
    qsizetype j = i;
    while (j < text.size() && mark[static_cast<size_t>(j)] == mark[static_cast<size_t>(i)]) ++j;
    const QString run = text.mid(i, j - i).toHtmlEscaped();
    if (mark[static_cast<size_t>(i)])
      out += QStringLiteral("<b style=\"background-color:#ffe58a\">") + run + QStringLiteral("</b>");
    else
      out += run;
    i = j;
  }
  return out;
}

QStringList EvidencePanel::highlightTerms(const Explanation& why, const ItemRow& item) {
  QStringList terms;
  for (const std::string& t : why.sharedTerms) terms << q(t);
  for (const Term& t : analyzeTerms(item.title)) terms << q(t.surface);  // as written, not the stem
  terms.removeDuplicates();
  // Longest first, so 咖啡豆 is marked before the shorter 咖啡 inside it (harmless, but tidy).
  std::stable_sort(terms.begin(), terms.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
  return terms;
}

void EvidencePanel::showMessage(const QString& text) {
  setHtml(QStringLiteral("<p style=\"color:#707070\">%1</p>").arg(text.toHtmlEscaped()));
}

void EvidencePanel::showExplanation(const Recommender& r, int32_t user, int32_t item, const Explanation& why,
                                    std::optional<float> score, const QString& model) {
  const Corpus& c = r.corpus();
  const ItemRow& it = c.items[static_cast<size_t>(item)];
  QString h;
  h += QStringLiteral("<h3 style=\"margin-bottom:2px\">%1</h3>").arg(esc(it.title.empty() ? it.id : it.title));
  QStringList meta{esc(it.id)};
  if (!it.category.empty()) meta << esc(it.category);
  if (!it.tags.empty()) meta << esc(it.tags);
  h += QStringLiteral("<p style=\"color:#606060; margin-top:0\">%1</p>").arg(meta.join(QStringLiteral(" · ")));
  if (score)
    h += QStringLiteral("<p>%1 score <b>%2</b>").arg(model.toHtmlEscaped(), QString::number(*score, 'g', 4));
  else
    h += QStringLiteral("<p><i>%1</i>").arg(tr("Not in the current list."));
  if (why.feedback == Feedback::Like) h += QStringLiteral(" &nbsp;<b style=\"color:#c03050\">♥ %1</b>").arg(tr("you liked it"));
  if (why.feedback == Feedback::Dislike) h += QStringLiteral(" &nbsp;<b>✕ %1</b>").arg(tr("you disliked it"));
  h += QStringLiteral("</p>");
  const std::string summary = why.summary();
  if (!summary.empty()) h += QStringLiteral("<p><i>%1</i></p>").arg(esc(summary));

  if (!why.texts.empty()) {
    const QStringList terms = highlightTerms(why, it);
    h += section(tr("What %1 wrote that matches it").arg(q(c.users[static_cast<size_t>(user)])));
    for (const TextEvidence& t : why.texts)
      h += QStringLiteral("<p style=\"margin:2px 0 6px 0\">“%1”<br><span style=\"color:#707070\">%2 %3 · %4</span></p>")
               .arg(highlightHtml(q(t.text), terms), tr("about"), itemLinkById(r, t.item), tr("similarity %1").arg(num(t.similarity)));
  }
  if (why.interest >= 0 || !why.clusterLabel.empty()) {
    h += section(tr("Interest"));
    QString line = why.clusterLabel.empty() ? tr("interest %1").arg(why.interest + 1)
                                            : QStringLiteral("“<b>%1</b>”").arg(esc(why.clusterLabel));
    if (why.interest >= 0)
      line += tr(" — similarity %1, %2% of the user's texts").arg(num(why.interestSimilarity)).arg(qRound(why.interestWeight * 100));
    h += QStringLiteral("<p style=\"margin:2px 0\">%1</p>").arg(line);
  }
  auto items = [&](const QString& title, const std::vector<ItemEvidence>& list) {
    if (list.empty()) return;
    h += section(title) + QStringLiteral("<ul style=\"margin-top:0\">");
    for (const ItemEvidence& e : list)
      h += QStringLiteral("<li>%1 <span style=\"color:#707070\">(%2)</span></li>").arg(itemLink(e.item, e.id, e.title), num(e.similarity));
    h += QStringLiteral("</ul>");
  };
  items(tr("Liked items like it"), why.likedSimilar);
  items(tr("Similar items the user has"), why.similarItems);
  if (!why.sharedTags.empty()) {
    h += section(tr("Shared tags")) + QStringLiteral("<ul style=\"margin-top:0\">");
    for (const TagLink& l : why.sharedTags) {
      QStringList names;
      for (const std::string& id : l.items) names << itemLinkById(r, id);
      h += QStringLiteral("<li><b>%1</b> → %2</li>").arg(esc(l.tag), names.join(QStringLiteral(", ")));
    }
    h += QStringLiteral("</ul>");
  }
  items(tr("People who chose these chose it too (item-kNN)"), why.cfNeighbours);
  if (!why.sharedTerms.empty()) {
    QStringList words;
    for (const std::string& t : why.sharedTerms) words << esc(t);
    h += section(tr("Shared words")) + QStringLiteral("<p style=\"margin:2px 0\">%1</p>").arg(words.join(QStringLiteral(", ")));
  }
  setHtml(h);
}

}  // namespace il
