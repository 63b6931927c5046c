#pragma once
// Shared helpers of the fuzz harnesses: a private scratch folder and whole-file writes.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace jeugdsim::fuzz {

// A scratch folder for this process, created once.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("jeugdsim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A rejection must say what is wrong: abort (a finding) on an empty message.
inline void require_message(const std::string& message, const char* what) {
  if (message.empty()) {
    std::fprintf(stderr, "fuzz: %s rejected the input with an empty message\n", what);
    std::abort();
  }
}

}  // namespace jeugdsim::fuzz
