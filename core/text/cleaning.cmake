# Text cleaning, duplicate detection and language detection (libexttextcat).
find_package(PkgConfig REQUIRED)
pkg_check_modules(EXTTEXTCAT REQUIRED IMPORTED_TARGET libexttextcat)
target_sources(il_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/text_cleaner.cc ${CMAKE_CURRENT_LIST_DIR}/duplicates.cc
                               ${CMAKE_CURRENT_LIST_DIR}/language.cc ${CMAKE_CURRENT_LIST_DIR}/import_cleaning.cc)
target_link_libraries(il_core PRIVATE PkgConfig::EXTTEXTCAT)
