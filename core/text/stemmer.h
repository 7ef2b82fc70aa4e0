// English Snowball (Porter2) stemming through Debian's libstemmer, and the stop-word lists
// the lexical analysis uses (English, and a short Chinese list of our own).
#pragma once

#include <string>
#include <string_view>

namespace il {

// The Snowball "english" stem of a lower-case UTF-8 word ("batteries" -> "batteri").
// Thread-safe (one libstemmer object per thread); returns the word unchanged if libstemmer
// cannot give a stem (out of memory) and for words longer than 256 bytes.
std::string stemEnglish(std::string_view lowerWord);

// Lower-case English function words, contractions with and without the apostrophe.
bool isEnglishStopWord(std::string_view lowerWord);

// Chinese function words, pronouns and fillers (的, 了, 我们, 一个, ...).
bool isChineseStopWord(std::string_view word);

}  // namespace il
