// Absurd but well-formed values, through the real command line with a time limit: each gets a
// clear refusal (exit 2, the key named with its file and line, or "command line" for --set) or
// a correct answer; never a hang (`timeout 60`: exit 124 would fail the test) or a crash.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

const fs::path kTiny = fs::path(JEUGDSIM_SOURCE_DIR) / "tests/data/tiny.toml";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Outcome {
  int code = -1;
  std::string out, err;
  fs::path folder;
};

class AbsurdInput : public ::testing::Test {
 protected:
  AbsurdInput() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name("jeugdsim-absurd-");
    name.append(info->name()).append("-").append(std::to_string(::getpid()));
    root = fs::temp_directory_path() / name;
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~AbsurdInput() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  // `timeout 60 jeugdsim run SCENARIO -q ARGS --out ROOT/runN`.
  Outcome run(const std::string& args, const fs::path& scenario = kTiny) {
    Outcome o;
    o.folder = root / ("run" + std::to_string(counter++));
    const std::string command = "timeout 60 " + std::string(JEUGDSIM_BINARY) + " run '" + scenario.string() + "' -q " +
                                args + " --out '" + o.folder.string() + "' >'" + (root / "out.txt").string() + "' 2>'" +
                                (root / "err.txt").string() + "' </dev/null";
    const int status = std::system(command.c_str());
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = read_text(root / "out.txt");
    o.err = read_text(root / "err.txt");
    return o;
  }

  // tiny.toml with one line replaced (the first that starts with `key =`), written to ROOT.
  fs::path tiny_with(const std::string& key, const std::string& value) {
    std::istringstream in(read_text(kTiny));
    std::string text, line;
    bool done = false;
    while (std::getline(in, line)) {
      if (!done && line.rfind(key + " ", 0) == 0) {
        line = key + " = " + value;
        done = true;
      }
      text += line + "\n";
    }
    EXPECT_TRUE(done) << key;
    const fs::path file = root / "absurd.toml";
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  double summary_mean(const fs::path& folder, const std::string& kpi, const std::string& group) {
    std::istringstream in(read_text(folder / "summary.csv"));
    std::string line;
    const std::string prefix = kpi + "," + group + ",";
    while (std::getline(in, line))
      if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size()));
    ADD_FAILURE() << "no " << kpi << " " << group << " in " << folder;
    return 0;
  }

  fs::path root;
  int counter = 0;
};

// A refusal: exit 2, the key named at its place ("command line" for --set), nothing written.
void expect_refused(const Outcome& o, const std::string& where_and_key) {
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_NE(o.err.find(where_and_key), std::string::npos) << "expected \"" << where_and_key << "\" in:\n" << o.err;
  EXPECT_NE(o.err.find("nothing was run"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(o.folder));
}

TEST_F(AbsurdInput, RefusedClearlyOnTheCommandLine) {
  expect_refused(run("--set teams.jeugd.fte_per_worker=0"), "command line: teams.jeugd.fte_per_worker: ");
  expect_refused(run("--set channels.gp.rate_per_1000_youth_per_year=1e9"),
                 "command line: channels.gp.rate_per_1000_youth_per_year: ");
  expect_refused(run("--set simulation.horizon_days=0"), "command line: simulation.horizon_days: ");
  expect_refused(run("--set teams.jeugd.caseload_cap_per_fte=0"), "command line: teams.jeugd.caseload_cap_per_fte: ");
  expect_refused(run("--set population.inhabitants=0"), "command line: population.inhabitants: ");
  // Well within each key's range, but together about 10^8 families per replication.
  expect_refused(run("--set population.inhabitants=50000000 --set channels.gp.rate_per_1000_youth_per_year=10000"),
                 "channels.gp.rate_per_1000_youth_per_year: these rates would generate");
  expect_refused(run("--set simulation.replications=1000000"), "command line: simulation.replications: ");
  expect_refused(run("--set 'channels.gp.seasonality=[-1,1,1,1,1,1,1,1,1,1,1,1]'"), "command line: channels.gp.seasonality");
  expect_refused(run("--set teams.jeugd.review_interval_days=0"), "command line: teams.jeugd.review_interval_days: ");
  expect_refused(run("--set 'teams.jeugd.support_days={ dist = \"lognormal\", mean = 0, cv = 1 }'"),
                 "command line: teams.jeugd.support_days.mean: ");
  expect_refused(run("--set simulation.timeseries_interval_days=0"), "command line: simulation.timeseries_interval_days");
}

TEST_F(AbsurdInput, RefusedClearlyAtTheirFileAndLine) {
  // In a file, the message points at the file and line: FILE:LINE: key: message.
  const std::regex located(R"(absurd\.toml:[0-9]+: teams\.jeugd\.workers: )");
  Outcome o = run("", tiny_with("workers", "-3"));
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(std::regex_search(o.err, located)) << o.err;
  o = run("", tiny_with("horizon_days", "0"));
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(std::regex_search(o.err, std::regex(R"(absurd\.toml:[0-9]+: simulation\.horizon_days: )"))) << o.err;
  o = run("", tiny_with("rate_per_1000_youth_per_year", "1e9"));
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(std::regex_search(o.err, std::regex(R"(absurd\.toml:[0-9]+: channels\.gp\.rate_per_1000_youth_per_year: )")))
      << o.err;
  // A character the TOML parser (toml++ 3.3) cannot read safely (found by tests/fuzz): refused
  // at its line instead of undefined behaviour.
  o = run("", tiny_with("name", "\"Tiny \xEF\xAC\x81le\""));
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(std::regex_search(o.err, std::regex(R"(absurd\.toml:[0-9]+: unsupported character U\+FB01)"))) << o.err;
  // -r 0 is an argument error.
  o = run("-r 0");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("--replications"), std::string::npos) << o.err;
}

TEST_F(AbsurdInput, AnsweredCorrectly) {
  // 10,000 replications in the file, -r 1 on the command line: one replication, at once.
  Outcome o = run("--set simulation.replications=10000 -r 1");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(summary_mean(o.folder, "families_entered", "all") > 0, true);
  EXPECT_NE(read_text(o.folder / "provenance.json").find("\"replications\": 1,"), std::string::npos);

  // Zero workers everywhere: nobody is ever taken in; families wait (or drop out), none has an
  // intake, and conservation still holds (the run would fail otherwise).
  o = run("--set teams.jeugd.workers=0 --set teams.ouder.workers=0");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(summary_mean(o.folder, "intakes_per_year", "team:jeugd"), 0.0);
  EXPECT_EQ(summary_mean(o.folder, "intakes_per_year", "team:ouder"), 0.0);
  EXPECT_GT(summary_mean(o.folder, "families_waiting", "all"), 0.0);

  // No arrivals at all (every month's seasonality zero on both channels, or no youth): a valid
  // run with nothing in it.
  o = run("--set 'channels.gp.seasonality=[0,0,0,0,0,0,0,0,0,0,0,0]' "
          "--set 'channels.self_referral.seasonality=[0,0,0,0,0,0,0,0,0,0,0,0]'");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(summary_mean(o.folder, "families_entered", "all"), 0.0);
  o = run("--set population.youth_share=0");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(summary_mean(o.folder, "families_entered", "all"), 0.0);

  // A population of one: a handful of families at most, a normal run.
  o = run("--set population.inhabitants=1 -r 5");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_LT(summary_mean(o.folder, "families_entered", "all"), 5.0);

  // A horizon of one day without warm-up, and a warm-up of 100 years: valid and quick.
  o = run("--set simulation.horizon_days=1 --set simulation.warmup_days=0");
  ASSERT_EQ(o.code, 0) << o.err;
  o = run("--set simulation.warmup_days=36500 -r 1");
  ASSERT_EQ(o.code, 0) << o.err;

  // Many replications of a tiny horizon finish in time.
  o = run("-r 300 --set simulation.horizon_days=1 --set simulation.warmup_days=0");
  ASSERT_EQ(o.code, 0) << o.err;
}

}  // namespace
