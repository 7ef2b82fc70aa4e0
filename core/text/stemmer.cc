#include "stemmer.h"

#include <libstemmer.h>

#include <memory>
#include <string>
#include <unordered_set>

namespace il {

namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A libstemmer object keeps state between calls, so each thread has its own.
sb_stemmer* threadStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

using WordSet = std::unordered_set<std::string_view>;

const WordSet& englishStopWords() {
  static const WordSet words = {
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
      "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
      "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
      "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
      "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
      "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
      "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
      "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
      "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
      "you", "your", "yours", "yourself", "yourselves", "get", "got", "one", "really", "much", "even", "still",
      "well", "may", "might", "must", "shall", "us", "let", "yet", "ever", "every", "else", "etc",
      // Contractions, with the apostrophe (kept inside words) and as people type them without.
      "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "he'd", "he'll", "she's",
      "she'd", "she'll", "it's", "it'd", "it'll", "we're", "we've", "we'd", "we'll", "they're", "they've",
      "they'd", "they'll", "that's", "there's", "here's", "what's", "who's", "let's", "isn't", "aren't",
      "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't",
      "can't", "cannot", "couldn't", "shouldn't", "mustn't", "shan't", "needn't", "ain't", "im", "ive", "id",
      "ill", "youre", "youve", "hes", "shes", "thats", "theres", "isnt", "arent", "wasnt", "werent", "hasnt",
      "havent", "hadnt", "doesnt", "dont", "didnt", "wouldnt", "cant", "couldnt", "shouldnt", "don", "didn",
      "doesn", "isn", "wasn", "won", "ll", "re", "ve"};
  return words;
}

// Our own short list: particles, pronouns, conjunctions, prepositions, common adverbs and
// fillers of everyday review Chinese. Content words (好, 买, 贵, 茶) are kept on purpose.
const WordSet& chineseStopWords() {
  static const WordSet words = {
      "的", "地", "得", "了", "着", "过", "是", "在", "和", "与", "及", "或", "而", "也", "就", "都", "还", "又",
      "再", "才", "很", "太", "挺", "更", "最", "非常", "特别", "比较", "有点", "有些", "一点", "一些", "这", "那",
      "这个", "那个", "这些", "那些", "这样", "那样", "这么", "那么", "这款", "这台", "这种", "个", "些", "款", "件", "台", "只", "次", "种", "位", "套", "我",
      "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "自己", "大家", "人家", "一个", "没有",
      "没", "不", "别", "有", "被", "把", "给", "对", "从", "向", "跟", "让", "为", "为了", "因为", "所以", "但",
      "但是", "不过", "可是", "而且", "并且", "如果", "虽然", "然后", "还是", "或者", "以及", "就是", "只是",
      "已经", "可以", "能", "会", "要", "想", "说", "啊", "吧", "呢", "吗", "嘛", "呀", "哦", "哈", "啦", "嗯",
      "之", "其", "此", "以", "于", "中", "上", "下", "里", "时", "时候", "什么", "怎么", "哪", "哪里", "谁", "多",
      "一", "每", "各", "等", "等等", "啥", "真", "真的", "确实", "其实", "感觉", "觉得", "一下", "一直", "之后",
      "以后", "之前", "以前"};
  return words;
}

}  // namespace

std::string stemEnglish(std::string_view lowerWord) {
  if (lowerWord.empty() || lowerWord.size() > 256) return std::string(lowerWord);
  sb_stemmer* s = threadStemmer();
  if (!s) return std::string(lowerWord);
  const sb_symbol* out =
      sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(lowerWord.data()), static_cast<int>(lowerWord.size()));
  if (!out) return std::string(lowerWord);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
}

bool isEnglishStopWord(std::string_view lowerWord) { return englishStopWords().count(lowerWord) > 0; }

bool isChineseStopWord(std::string_view word) { return chineseStopWords().count(word) > 0; }

}  // namespace il
