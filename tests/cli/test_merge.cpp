// `jeugdsim merge`: slices of a run (jeugdsim run -r A-B) merge into exactly the folder one run
// of the whole range writes; overlapping, gapped or foreign slices are refused (exit 2).
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace jeugdsim::cli {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = JEUGDSIM_SOURCE_DIR;
const std::string kTinyScenario = (kSourceDir / "tests/data/tiny.toml").string();

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Outcome {
  int code = -1;
  std::string out, err;
};

std::ostream& operator<<(std::ostream& os, const Outcome& r) {
  return os << "exit " << r.code << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

class MergeTest : public ::testing::Test {
 protected:
  MergeTest() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    std::string name("jeugdsim-merge-");
    name.append(info->name()).append("-").append(std::to_string(::getpid())).append("-").append(std::to_string(counter++));
    root = fs::temp_directory_path() / name;
    fs::remove_all(root);
    fs::create_directories(root / "io");
  }
  ~MergeTest() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  Outcome jeugdsim(const std::string& args) {
    const fs::path out = root / "io/stdout.txt", err = root / "io/stderr.txt";
    const std::string command = shell_quote(JEUGDSIM_BINARY) + " " + args + " >" + shell_quote(out.string()) + " 2>" +
                                shell_quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  // `jeugdsim run tiny.toml -r RANGE --out ROOT/NAME -q EXTRA`
  fs::path run(const std::string& name, const std::string& range, const std::string& extra = "") {
    const fs::path folder = root / name;
    std::string args("run ");
    args.append(shell_quote(kTinyScenario)).append(" -r ").append(range).append(" --out ");
    args.append(shell_quote(folder.string())).append(" -q ").append(extra);
    const Outcome r = jeugdsim(args);
    EXPECT_EQ(r.code, 0) << r;
    return folder;
  }

  Outcome merge(const std::vector<fs::path>& slices, const fs::path& out, const std::string& extra = "") {
    std::string args = "merge";
    for (const auto& s : slices) args.append(" ").append(shell_quote(s.string()));
    return jeugdsim(args + " --out " + shell_quote(out.string()) + " " + extra);
  }

  fs::path root;
};

TEST_F(MergeTest, SlicesMergeIntoExactlyTheFullRun) {
  const fs::path full = run("full", "7");
  // Out of order on the command line, uneven sizes, different thread counts.
  const fs::path a = run("a", "0-2", "--threads 2"), b = run("b", "3-3"), c = run("c", "4-6", "--threads 1");
  const fs::path merged = root / "merged";
  const Outcome r = merge({c, a, b}, merged);
  ASSERT_EQ(r.code, 0) << r;
  for (const char* f :
       {"kpis.csv", "timeseries.csv", "summary.csv", "queue-trends.csv", "provenance.json", "scenario.resolved.toml"})
    EXPECT_EQ(slurp(merged / f), slurp(full / f)) << f;
  const std::string info = slurp(merged / "run-info.json");
  EXPECT_NE(info.find("\"events\""), std::string::npos) << info;
  EXPECT_NE(info.find("jeugdsim merge"), std::string::npos) << info;
  // Written atomically: no hidden temporary folder is left next to the result.
  for (const auto& e : fs::directory_iterator(root))
    EXPECT_EQ(e.path().filename().string().find(".merged.incomplete"), std::string::npos) << e.path();
}

TEST_F(MergeTest, OverlappingSlicesAreRefused) {
  const fs::path a = run("a", "0-3"), b = run("b", "2-5");
  const Outcome r = merge({a, b}, root / "merged");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("replications 2-3 are in both"), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(root / "merged"));
}

TEST_F(MergeTest, AGapIsRefusedUnlessAllowed) {
  const fs::path a = run("a", "0-1"), b = run("b", "4-5");
  const Outcome refused = merge({a, b}, root / "merged");
  EXPECT_EQ(refused.code, 2) << refused;
  EXPECT_NE(refused.err.find("replications 2-3 are missing"), std::string::npos) << refused;
  EXPECT_FALSE(fs::exists(root / "merged"));

  const Outcome allowed = merge({a, b}, root / "merged", "--allow-gaps");
  ASSERT_EQ(allowed.code, 0) << allowed;
  const std::string prov = slurp(root / "merged/provenance.json");
  EXPECT_NE(prov.find("\"replications\": 4"), std::string::npos) << prov;
  EXPECT_NE(prov.find("\"missing_replications\""), std::string::npos) << prov;
}

TEST_F(MergeTest, SlicesOfDifferentRunsAreRefused) {
  // Another seed is another run (the resolved scenario records the seed).
  const fs::path a = run("a", "0-1"), b = run("b", "2-3", "--seed 99");
  const Outcome r = merge({a, b}, root / "merged");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("different scenarios"), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(root / "merged"));

  const fs::path c = run("c", "2-3", "--set teams.jeugd.workers=4");
  const Outcome changed = merge({a, c}, root / "merged");
  EXPECT_EQ(changed.code, 2) << changed;
  EXPECT_NE(changed.err.find("different scenarios"), std::string::npos) << changed;
}

TEST_F(MergeTest, AnExistingOutputFolderIsRefused) {
  const fs::path a = run("a", "0-1");
  fs::create_directories(root / "merged");
  const Outcome r = merge({a}, root / "merged");
  EXPECT_EQ(r.code, 2) << r;
}

}  // namespace
}  // namespace jeugdsim::cli
