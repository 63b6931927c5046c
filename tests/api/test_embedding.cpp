// The embedding API (model/api) against the command line: the same scenario, seed and
// replications give the same summary.csv bytes, and bad input comes back as structured errors.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "api/Embedding.hpp"

namespace jeugdsim::api {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = JEUGDSIM_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the real binary; returns its exit code.
int run_cli(const std::string& arguments) {
  const std::string command = std::string(JEUGDSIM_BINARY) + " " + arguments + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WEXITSTATUS(status);
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("jeugdsim-api-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

TEST(Embedding, RunSummaryEqualsTheCommandLinesSummaryCsv) {
  const fs::path out = fresh_dir("run");
  // A seed and count different from the file's, and an override, so that all three must be honoured.
  ASSERT_EQ(run_cli("run " + (kSource / "tests/data/tiny.toml").string() + " -q --seed 777 -r 4 -j 2 --set " +
                    "teams.jeugd.workers=4 --out " + out.string()),
            0);
  RunOptions options;
  options.seed = 777;
  options.replications = 4;
  options.threads = 1;  // a different thread count: results must not depend on it
  options.overrides = {"teams.jeugd.workers=4"};
  const ScenarioResult r = run(scenario_from_file(kSource / "tests/data/tiny.toml"), options);
  EXPECT_EQ(r.summary_csv, read_text(out / "summary.csv"));
  EXPECT_EQ(r.kpis_csv, read_text(out / "kpis.csv"));
  EXPECT_EQ(r.queue_trends_csv, read_text(out / "queue-trends.csv"));
  EXPECT_EQ(r.provenance.seed, 777u);
  EXPECT_EQ(r.provenance.replications, 4u);
  EXPECT_FALSE(r.summary.empty());
  fs::remove_all(out);
}

TEST(Embedding, TextWithIncludesResolvesAgainstTheBaseDirectory) {
  // integrated-fte-plus.toml includes integrated.toml, which includes a profile: given as
  // text with the scenarios folder as base, it must load like the file.
  const fs::path file = kSource / "scenarios/integrated-fte-plus.toml";
  RunOptions options;
  options.replications = 1;
  const ScenarioResult from_text = run(ScenarioText{read_text(file), kSource / "scenarios", "fte-plus"}, options);
  const ScenarioResult from_file = run(scenario_from_file(file), options);
  EXPECT_EQ(from_text.summary_csv, from_file.summary_csv);
  EXPECT_EQ(from_text.id, "fte-plus");
}

TEST(Embedding, CompareEqualsTheCommandLinesComparisonCsv) {
  const fs::path out = fresh_dir("compare");
  const std::string tiny = (kSource / "tests/data/tiny.toml").string();
  const fs::path copy = fresh_dir("copy");
  fs::create_directories(copy);
  fs::copy_file(tiny, copy / "more.toml");
  ASSERT_EQ(run_cli("compare " + tiny + " " + (copy / "more.toml").string() +
                    " -q -r 3 --set more:teams.jeugd.workers=4 --out " + out.string()),
            0);
  RunOptions options;
  options.replications = 3;
  options.overrides = {"more:teams.jeugd.workers=4"};
  const CompareResult c = compare({scenario_from_file(tiny), scenario_from_file(copy / "more.toml")}, options);
  EXPECT_EQ(c.comparison_csv, read_text(out / "comparison.csv"));
  ASSERT_EQ(c.scenarios.size(), 2u);
  EXPECT_EQ(c.scenarios[1].summary_csv, read_text(out / "more" / "summary.csv"));
  fs::remove_all(out);
  fs::remove_all(copy);
}

TEST(Embedding, BadValueInTheTextIsAStructuredErrorWithKeyAndLine) {
  const std::string text = "[meta]\nname = \"x\"\n\n[simulation]\nhorizon_days = -5\n";
  try {
    run(ScenarioText{text, kSource / "tests/data", "bad.toml"}, RunOptions{});
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    bool found = false;
    for (const auto& err : e.errors())
      if (err.key == "simulation.horizon_days") {
        found = true;
        EXPECT_EQ(err.line, 5u);
        EXPECT_EQ(err.file, "bad.toml");
      }
    EXPECT_TRUE(found) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.toml:5: simulation.horizon_days"), std::string::npos) << e.what();
  }
}

TEST(Embedding, BadOverrideNamesTheKeyAndTheCommandLine) {
  RunOptions options;
  options.overrides = {"teams.jeugd.workers=-2"};
  try {
    run(scenario_from_file(kSource / "tests/data/tiny.toml"), options);
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_FALSE(e.errors().empty());
    EXPECT_EQ(e.errors()[0].key, "teams.jeugd.workers") << e.what();
    EXPECT_EQ(e.errors()[0].file, "command line") << e.what();
  }
}

// plan on the M/M/c reduction: Erlang C says 4 servers for a mean wait of at most 0.5 days
// (see tests/cli/test_plan_calibrate.cpp for why that is not knife-edge at 10 replications);
// the API's plan.csv and plan.json equal the command's.
TEST(Embedding, PlanEqualsTheCommandLinesPlan) {
  const fs::path out = fresh_dir("plan");
  const std::string mmc = (kSource / "tests/data/mmc.toml").string();
  ASSERT_EQ(run_cli("plan " + mmc + " --team servers --whole-workers -r 10 -q --target 'intake_wait_days_mean <= 0.5' "
                    "--out " + out.string()),
            0);
  RunOptions options;
  options.replications = 10;
  const PlanResult p = plan(scenario_from_file(mmc), PlanRequest{{"servers"}, {"intake_wait_days_mean <= 0.5"}, true, 0},
                            options);
  EXPECT_TRUE(p.feasible);
  EXPECT_EQ(p.plan_csv, read_text(out / "plan.csv"));
  EXPECT_EQ(p.plan_json, read_text(out / "plan.json"));
  ASSERT_TRUE(p.answer.has_value());
  EXPECT_EQ(p.answer->summary_csv, read_text(out / "answer" / "summary.csv"));
  fs::remove_all(out);
}

TEST(Embedding, PlanWithAnUnknownTeamIsAnError) {
  RunOptions options;
  options.replications = 2;
  EXPECT_THROW(plan(scenario_from_file(kSource / "tests/data/mmc.toml"),
                    PlanRequest{{"nobody"}, {"intake_wait_days_mean <= 3"}, false, 0}, options),
               ScenarioError);
}

TEST(Embedding, ZeroReplicationsIsAnError) {
  RunOptions options;
  options.replications = 0;
  EXPECT_THROW(run(scenario_from_file(kSource / "tests/data/tiny.toml"), options), ScenarioError);
}

}  // namespace
}  // namespace jeugdsim::api
