// Interrupted runs: `jeugdsim run` killed with SIGKILL at several moments never leaves a result
// folder under its name (only the hidden ".NAME.incomplete-PID" sibling), and `--resume DIR`
// finishes it with files byte-identical to an uninterrupted run (run-info.json excepted).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kMmc = (fs::path(JEUGDSIM_SOURCE_DIR) / "tests/data/mmc.toml").string();

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ResumeTest : public ::testing::Test {
 protected:
  ResumeTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name("jeugdsim-resume-");
    name.append(info->name()).append("-").append(std::to_string(::getpid()));
    root = fs::temp_directory_path() / name;
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~ResumeTest() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  // A run of a few seconds: 40 replications of the M/M/c scenario over 10,000 days, one thread.
  std::vector<std::string> run_args(const std::string& folder_option, const fs::path& folder) const {
    return {JEUGDSIM_BINARY, "run", kMmc, "-r", "40", "--threads", "1", "-q", "--set",
            "simulation.horizon_days=10000", folder_option, folder.string()};
  }

  // Starts jeugdsim in the background (output discarded); returns its process id.
  static pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      std::FILE* null = std::fopen("/dev/null", "w");
      if (null != nullptr) {
        ::dup2(::fileno(null), STDOUT_FILENO);
        ::dup2(::fileno(null), STDERR_FILENO);
      }
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    return pid;
  }

  static int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  // The hidden temporary folders of `target`.
  std::vector<fs::path> incomplete_of(const fs::path& target) const {
    std::vector<fs::path> out;
    std::string prefix(".");  // append, not operator+: GCC 12 warns falsely (-Wrestrict)
    prefix.append(target.filename().string()).append(".incomplete-");
    for (const auto& e : fs::directory_iterator(target.parent_path()))
      if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
    return out;
  }

  std::size_t checkpoints_of(const fs::path& target) const {
    std::size_t n = 0;
    for (const auto& folder : incomplete_of(target)) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(folder / "replications", ec))
        if (e.path().filename().string().rfind("rep-", 0) == 0) ++n;
    }
    return n;
  }

  int run_to_end(const std::vector<std::string>& args) { return wait_for(spawn(args)); }

  fs::path root;
};

TEST_F(ResumeTest, KilledRunsLeaveNoResultFolderAndResumeIsByteIdentical) {
  const fs::path full = root / "full", part = root / "part";
  ASSERT_EQ(run_to_end(run_args("--out", full)), 0);
  ASSERT_TRUE(fs::exists(full / "kpis.csv"));

  // Kill three times: at once, after 3 checkpoints, after 12; each time resume what is there.
  bool started = false;
  for (const std::size_t kill_after : {std::size_t{0}, std::size_t{3}, std::size_t{12}}) {
    const bool resume = started && !incomplete_of(part).empty();
    const pid_t pid = spawn(run_args(resume ? "--resume" : "--out", part));
    started = true;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (checkpoints_of(part) < kill_after && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    const int code = wait_for(pid);
    if (code == 0) break;  // finished before the kill: nothing left to test at this moment
    EXPECT_EQ(code, -SIGKILL);
    EXPECT_FALSE(fs::exists(part)) << "a killed run left a result folder under its name";
    EXPECT_LE(incomplete_of(part).size(), 1u);
    std::printf("[ resume ] killed with %zu checkpoints\n", checkpoints_of(part));
  }
  if (!fs::exists(part)) {
    ASSERT_EQ(incomplete_of(part).size(), 1u);
    ASSERT_EQ(run_to_end(run_args("--resume", part)), 0);
  }
  EXPECT_TRUE(incomplete_of(part).empty());
  for (const char* file :
       {"kpis.csv", "timeseries.csv", "summary.csv", "queue-trends.csv", "provenance.json", "scenario.resolved.toml",
        "results.xlsx"})
    EXPECT_TRUE(read_text(full / file) == read_text(part / file)) << file << " differs after resuming";
  // Only the outputs contract: no checkpoint files left in the finished folder.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(part)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"kpis.csv", "provenance.json", "queue-trends.csv", "results.xlsx",
                                             "run-info.json", "scenario.resolved.toml", "summary.csv",
                                             "timeseries.csv"}));
}

TEST_F(ResumeTest, ResumeRefusesAnotherScenarioSeedOrRange) {
  const fs::path part = root / "part";
  const pid_t pid = spawn(run_args("--out", part));
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (checkpoints_of(part) < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
  ::kill(pid, SIGKILL);
  wait_for(pid);
  ASSERT_EQ(incomplete_of(part).size(), 1u);
  const fs::path err = root / "stderr.txt";
  auto cli = [&](const std::string& args) {
    const std::string command = std::string(JEUGDSIM_BINARY) + " run " + kMmc + " -q --threads 1 " + args + " 2>" +
                                err.string() + " >/dev/null </dev/null";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string resume = " --resume " + part.string();
  EXPECT_EQ(cli("-r 30 --set simulation.horizon_days=10000" + resume), 2);
  EXPECT_NE(read_text(err).find("-r"), std::string::npos) << read_text(err);
  EXPECT_EQ(cli("-r 40 --seed 99 --set simulation.horizon_days=10000" + resume), 2);
  EXPECT_NE(read_text(err).find("seed"), std::string::npos) << read_text(err);
  EXPECT_EQ(cli("-r 40 --set simulation.horizon_days=9000" + resume), 2);
  EXPECT_NE(read_text(err).find("different scenario"), std::string::npos) << read_text(err);
  EXPECT_EQ(cli("-r 40" + std::string(" --resume ") + (root / "never-ran").string()), 2);
  EXPECT_NE(read_text(err).find("no interrupted run"), std::string::npos) << read_text(err);
  // The refusals took nothing over: the interrupted run is still there to resume.
  EXPECT_FALSE(fs::exists(part));
  ASSERT_EQ(incomplete_of(part).size(), 1u);
  EXPECT_EQ(cli("-r 40 --set simulation.horizon_days=10000" + resume), 0) << read_text(err);
  EXPECT_TRUE(fs::exists(part / "summary.csv"));
}

}  // namespace
