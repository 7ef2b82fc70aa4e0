# Vector shards (embed --shard, import-vectors, export --what vectors) and approximate
# search on FAISS (Debian's libfaiss-dev: a static library that needs OpenMP and BLAS).
target_sources(il_core PRIVATE vectors/vector_shards.cc vectors/vector_exchange.cc vectors/ann_index.cc)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(faiss REQUIRED)
target_link_libraries(il_core PRIVATE faiss OpenMP::OpenMP_CXX)
