#include "terms.h"

#include <QList>
#include <QSet>
#include <QString>

namespace il {

namespace {

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF);
}

const QSet<QString>& stopWords() {
  static const QSet<QString> words = [] {
    QSet<QString> s;
    for (const char* w :
         {"a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
          "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
          "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having",
          "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
          "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
          "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should",
          "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
          "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
          "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
          "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "don", "didn", "doesn",
          "isn", "wasn", "won", "get", "got", "one", "really", "much", "even", "still", "well", "im", "ive",
          "的", "了", "是", "在", "我", "也", "就", "都", "和", "很", "有", "这", "那", "个", "不", "人", "吧", "啊", "呢"})
      s.insert(QString::fromUtf8(w));
    return s;
  }();
  return words;
}

}  // namespace

std::vector<std::string> extractTerms(const std::string& utf8) {
  const QString text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()))
                           .normalized(QString::NormalizationForm_KC)
                           .toCaseFolded();
  std::vector<std::string> terms;
  QString word;
  QString prevHan;
  auto flushWord = [&]() {
    if (!word.isEmpty() && !stopWords().contains(word)) terms.push_back(word.toStdString());
    word.clear();
  };
  const auto cps = text.toUcs4();
  for (const char32_t c : cps) {
    if (isHan(c)) {
      flushWord();
      const QString ch = QString::fromUcs4(&c, 1);
      if (!stopWords().contains(ch)) terms.push_back(ch.toStdString());
      if (!prevHan.isEmpty()) terms.push_back((prevHan + ch).toStdString());
      prevHan = ch;
      continue;
    }
    prevHan.clear();
    if (QChar::isLetterOrNumber(c) || (c == '\'' && !word.isEmpty())) {
      if (c != '\'') word += QString::fromUcs4(&c, 1);
    } else {
      flushWord();
    }
  }
  flushWord();
  return terms;
}

}  // namespace il
