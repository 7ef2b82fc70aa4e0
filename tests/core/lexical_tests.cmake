# Lexical analysis: Chinese segmentation against python3-jieba, Snowball stems against
# python3-snowballstemmer, terms of mixed text, keyword labels of Chinese reviews.
il_add_test(NAME core_chinese_segmenter SOURCES ${CMAKE_CURRENT_LIST_DIR}/chinese_segmenter_test.cc
            LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 120)
add_dependencies(core_tests core_chinese_segmenter)
il_add_test(NAME core_stemmer SOURCES ${CMAKE_CURRENT_LIST_DIR}/stemmer_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 60)
add_dependencies(core_tests core_stemmer)
il_add_test(NAME core_terms SOURCES ${CMAKE_CURRENT_LIST_DIR}/terms_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 60)
add_dependencies(core_tests core_terms)
il_add_test(NAME core_lexical_demo SOURCES ${CMAKE_CURRENT_LIST_DIR}/lexical_demo_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 120)
add_dependencies(core_tests core_lexical_demo)
il_add_test(NAME core_terms_fallback SOURCES ${CMAKE_CURRENT_LIST_DIR}/terms_fallback_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 60)
add_dependencies(core_tests core_terms_fallback)
