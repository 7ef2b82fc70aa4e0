# Lexical analysis: Chinese segmentation (jieba's dictionary, read at run time), English
# Snowball stemming (Debian's libstemmer-dev), stop words; terms.cc is listed in core/CMakeLists.txt.
target_sources(il_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/chinese_segmenter.cc ${CMAKE_CURRENT_LIST_DIR}/stemmer.cc)
target_link_libraries(il_core PRIVATE stemmer)
