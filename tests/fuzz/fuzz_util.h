// Helpers shared by the libFuzzer targets: a per-process scratch folder on tmpfs (the readers take
// paths, so each input is written to a file there) and splitting one input into several files.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace il::fuzz {

// A private folder, created once per process and emptied of the previous input's files by
// callers that write different names (writeFile overwrites).
inline const std::string& scratchDir() {
  static const std::string dir = [] {
    std::error_code ec;
    // run_fuzzers.sh points IL_FUZZ_SCRATCH at its own temporary folder and removes it afterwards.
    const char* env = std::getenv("IL_FUZZ_SCRATCH");
    std::filesystem::path base = env && *env ? env : std::filesystem::exists("/dev/shm", ec) ? "/dev/shm" : "/tmp";
    std::filesystem::path d = base / ("il_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d, ec);
    return d.string();
  }();
  return dir;
}

inline void writeFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A fresh empty folder `name` inside the scratch folder.
inline std::string freshDir(const std::string& name) {
  std::error_code ec;
  const std::string d = scratchDir() + "/" + name;
  std::filesystem::remove_all(d, ec);
  std::filesystem::create_directories(d, ec);
  return d;
}

// Splits the input at every "\n----\n" into parts (the seeds and dictionaries use this
// separator, so the fuzzer can move bytes between the files of one input).
inline std::vector<std::string_view> splitParts(const uint8_t* data, size_t size, size_t maxParts) {
  static constexpr std::string_view kSep = "\n----\n";
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < maxParts) {
    const size_t p = in.find(kSep);
    if (p == std::string_view::npos) break;
    parts.push_back(in.substr(0, p));
    in.remove_prefix(p + kSep.size());
  }
  parts.push_back(in);
  parts.resize(maxParts);  // missing parts are empty views
  return parts;
}

}  // namespace il::fuzz
