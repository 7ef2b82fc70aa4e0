# Text analysis tests, one list per part.
include(${CMAKE_CURRENT_LIST_DIR}/lexical_tests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/cleaning_tests.cmake OPTIONAL)
