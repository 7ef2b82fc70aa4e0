# Text cleaning, duplicate detection, language detection.
il_add_test(NAME core_text_cleaner SOURCES text_cleaner_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 60)
il_add_test(NAME core_duplicates SOURCES duplicates_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 120)
il_add_test(NAME core_language SOURCES language_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 120)
add_dependencies(core_tests core_text_cleaner core_duplicates core_language)
il_add_test(NAME core_cleaning_import SOURCES cleaning_import_test.cc LIBS ${IL_CORE_TEST_LIBS} SQLite::SQLite3 TIMEOUT 120)
add_dependencies(core_tests core_cleaning_import)
