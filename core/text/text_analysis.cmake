# Text analysis parts, each with its own source list.
include(${CMAKE_CURRENT_LIST_DIR}/lexical.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/cleaning.cmake OPTIONAL)
