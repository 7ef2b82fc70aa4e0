# Vector shards, import/export and approximate search (core/vectors).
il_add_test(NAME core_vector_shards SOURCES vector_shards_test.cc LIBS ${IL_CORE_TEST_LIBS} TIMEOUT 120)
add_dependencies(core_tests core_vector_shards)
