#pragma once
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include <gtest/gtest.h>

namespace jeugdsim::scenario::testing {

// A fresh directory per test under the system temp dir, removed afterwards, so tests that
// write scenario files never see each other's files (gtest may run tests in parallel processes).
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    static std::atomic<int> counter{0};
    std::string name = "jeugdsim-scenario-";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "-" + info->name() + "-";
    name += std::to_string(::getpid()) + "-" + std::to_string(counter++);
    // Parameterised tests are named "Prefix/Suite.Name/Param": keep the directory flat.
    for (char& c : name)
      if (c == '/') c = '_';
    dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `relative` (creating sub-directories) and returns the full path.
  std::filesystem::path write(const std::string& relative, std::string_view text) const {
    const std::filesystem::path path = dir / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }

  // The path string the scenario layer reports for `relative` (same construction as write()).
  std::string name(const std::string& relative) const { return (dir / relative).lexically_normal().string(); }

  std::filesystem::path dir;
};

}  // namespace jeugdsim::scenario::testing
