// Issue 17, "the analyst's day": the frictions a policy analyst met on a first scenario, through
// the real binary. Each test reproduces one (an empty file, a decimal comma, a misspelt key or
// table, a missing include, a horizon in years) and checks the message that now names the file,
// line, key and the fix; plausibility warnings go to stderr and leave the exit code alone.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <map>
#include <vector>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

const std::string kTiny = (fs::path(JEUGDSIM_SOURCE_DIR) / "tests/data/tiny.toml").string();

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Result {
  int code = -1;
  std::string out, err;
};

std::ostream& operator<<(std::ostream& os, const Result& r) {
  return os << "exit " << r.code << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class AnalystFrictions : public ::testing::Test {
 protected:
  AnalystFrictions() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root = fs::temp_directory_path() / ("jeugdsim-analyst-" + std::string(info->name()) + "-" +
                                        std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root);
    write("base.toml", read_text(kTiny));
  }
  ~AnalystFrictions() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  Result cli(const std::string& args) {
    const fs::path out = root / "stdout.txt", err = root / "stderr.txt";
    const std::string command = quote(JEUGDSIM_BINARY) + " " + args + " >" + quote(out.string()) + " 2>" +
                                quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(out);
    r.err = read_text(err);
    return r;
  }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = root / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  fs::path root;
};

// Before: 14 errors about weights and missing tables. Now: one error saying what to do.
TEST_F(AnalystFrictions, AnEmptyFileIsOneErrorSayingWhereToStart) {
  const std::string file = write("gemeente.toml", "# scenario for our municipality\n# (to do)\n");
  const Result r = cli("validate " + quote(file));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_EQ(r.err, file + ": the file is empty; start from `include = [\"profiles/municipality-40k.toml\"]` (a "
                          "profile, relative to this file) or a copy of a file in scenarios/; see "
                          "docs/scenario-format.md\n" +
                       file + ": 1 error\n")
      << r;
}

// Before: "expected a comment or whitespace, saw ','" without a key or a fix.
TEST_F(AnalystFrictions, ADecimalCommaSaysUseADecimalPoint) {
  const std::string file = write("comma.toml", "include = \"base.toml\"\n\n[population]\nyouth_share = 0,21\n");
  Result r = cli("validate " + quote(file));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, file + ":4: population.youth_share: ")) << r;
  EXPECT_TRUE(contains(r.err, "; use a decimal point: 0.21\n")) << r;
  // The same on the command line, where nothing is run.
  r = cli("run " + quote(kTiny) + " -q --out " + quote((root / "out").string()) + " --set population.youth_share=0,21");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "command line: population.youth_share: malformed value '0,21': ")) << r;
  EXPECT_TRUE(contains(r.err, "; use a decimal point: 0.21\n")) << r;
  EXPECT_FALSE(fs::exists(root / "out"));
}

// Before: "unknown key (allowed: <20 keys>)". Now the likely key comes first.
TEST_F(AnalystFrictions, AMisspeltKeyOrTableSuggestsTheClosestName) {
  const std::string file = write("typo.toml", "include = \"base.toml\"\n[teams.jeugd]\nwokers = 3\n[team.ouder]\nworkers = 2\n");
  const Result r = cli("validate " + quote(file));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, file + ":3: teams.jeugd.wokers: unknown key; did you mean `workers`? (allowed: accept_rule,"))
      << r;
  EXPECT_TRUE(contains(r.err, file + ":4: team: unknown key; did you mean `teams`? (allowed: ")) << r;
  EXPECT_TRUE(contains(r.err, file + ": 2 errors\n")) << r;
}

TEST_F(AnalystFrictions, AMisspeltOverrideSuggestsTheClosestName) {
  const std::string out = (root / "out").string();
  Result r = cli("run " + quote(kTiny) + " -q --out " + quote(out) + " --set teams.jeugdd.workers=4");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "command line: teams.jeugdd.workers: cannot set: the scenario has no 'teams.jeugdd'; "
                              "did you mean `teams.jeugd`?\n"))
      << r;
  r = cli("run " + quote(kTiny) + " -q --out " + quote(out) + " --set simulation.horizon_day=5");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "command line: simulation.horizon_day: unknown key; did you mean `horizon_days`?")) << r;
  EXPECT_FALSE(fs::exists(out));
}

// Before: "cannot open included file 'x'", without saying where it looked.
TEST_F(AnalystFrictions, AMissingIncludeSaysWhereItLooked) {
  fs::create_directories(root / "scenarios");
  const std::string file = write("scenarios/mine.toml", "# mine\ninclude = \"profile/municipality-40k.toml\"\n");
  const Result r = cli("validate " + quote(file));
  EXPECT_EQ(r.code, 2) << r;
  const std::string looked = (root / "scenarios/profile/municipality-40k.toml").lexically_normal().string();
  EXPECT_TRUE(contains(r.err, file + ":2: include: cannot open included file '" + looked + "': no such file (looked for " +
                                  looked + ", relative to the folder of " + file + ")\n"))
      << r;
}

// Before: a five-day horizon validated and ran silently ("never assessed 1.000").
TEST_F(AnalystFrictions, AHorizonInYearsIsAWarningFromValidateAndRun) {
  const std::string file = write("short.toml", "include = \"base.toml\"\n\n[simulation]\nhorizon_days = 5\n");
  Result r = cli("validate " + quote(file));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_EQ(r.out, file + ": ok (Tiny test scenario)\n") << r;
  EXPECT_EQ(r.err, "warning: " + file + ":4: simulation.horizon_days: horizon_days = 5: that is 5 days; did you mean "
                                        "5 years = 1826 days?\n")
      << r;

  const fs::path out = root / "run";
  r = cli("run " + quote(file) + " -q -r 2 --out " + quote(out.string()));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.err, "warning: " + file + ":4: simulation.horizon_days: horizon_days = 5")) << r;
  // After the run: the KPIs that rest on (almost) nothing, with the likely cause.
  EXPECT_TRUE(contains(r.err, "warning: short: only ")) << r;
  EXPECT_TRUE(contains(r.err, "the measured period may be too short: simulation.horizon_days = 5\n")) << r;
  EXPECT_TRUE(fs::exists(out / "summary.csv"));
}

TEST_F(AnalystFrictions, CompareWarnsPerScenario) {
  const std::string file = write("short.toml", "include = \"base.toml\"\n\n[simulation]\nhorizon_days = 5\n");
  const Result r = cli("compare " + quote(kTiny) + " " + quote(file) + " -q -r 2 --out " + quote((root / "cmp").string()));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.err, "warning: short: ")) << r;
  EXPECT_FALSE(contains(r.err, "warning: tiny: ")) << r;
}

TEST_F(AnalystFrictions, AGoodScenarioRunsWithoutWarnings) {
  const Result r = cli("run " + quote(kTiny) + " -q -r 2 --out " + quote((root / "run").string()));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_FALSE(contains(r.err, "warning:")) << r;
}

// Two designs whose teams differ, as in the issue (integrated has a wijkteam, split has jeugd and
// ouder): `integrated.toml` is tiny.toml with its team `jeugd` renamed.
class CompareFrictions : public AnalystFrictions {
 protected:
  CompareFrictions() {
    std::string text = read_text(kTiny);
    for (std::size_t at = text.find("jeugd"); at != std::string::npos; at = text.find("jeugd", at + 8))
      text.replace(at, 5, "wijkteam");
    integrated = write("integrated.toml", text);
    split = write("split.toml", read_text(kTiny));
  }
  std::string integrated, split;
};

// Before: the override went to every scenario and the split one failed with errors that did
// not say which scenario they belonged to. Now each line names it, and a hint says how to set
// a value in one scenario only.
TEST_F(CompareFrictions, AnOverrideForEveryScenarioFailsNamingTheScenario) {
  const std::string out = (root / "cmp").string();
  const Result r = cli("compare " + quote(integrated) + " " + quote(split) + " -q -r 1 --out " + quote(out) +
                       " --set teams.wijkteam.workers=5");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "split: command line: teams.wijkteam.workers: cannot set: the scenario has no "
                              "'teams.wijkteam' (its teams: jeugd, ouder)\n"))
      << r;
  EXPECT_TRUE(contains(r.err, "split (" + split + "): 1 error; nothing was run\n")) << r;
  EXPECT_TRUE(contains(r.err, "compare: --set KEY=VALUE applies to every scenario; to change one scenario only, "
                              "write --set ID:KEY=VALUE (the ids: integrated, split)\n"))
      << r;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);)
    EXPECT_TRUE(line.rfind("split: ", 0) == 0 || line.rfind("split (", 0) == 0 || line.rfind("compare: ", 0) == 0)
        << "a line that does not say its scenario: " << line;
  EXPECT_FALSE(fs::exists(out));
}

// Errors and warnings from the files themselves also carry the scenario's id.
TEST_F(CompareFrictions, EveryErrorAndWarningOfAComparisonNamesItsScenario) {
  const std::string bad = write("bad.toml", "include = \"split.toml\"\n[teams.jeugd]\nwokers = 3\n");
  const std::string short_ = write("short.toml", "include = \"split.toml\"\n[simulation]\nhorizon_days = 5\n");
  const Result r = cli("compare " + quote(short_) + " " + quote(bad) + " -q -r 1 --out " + quote((root / "c").string()));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "warning: short: " + short_ + ":3: simulation.horizon_days: ")) << r;
  EXPECT_TRUE(contains(r.err, "bad: " + bad + ":3: teams.jeugd.wokers: unknown key")) << r;
  EXPECT_TRUE(contains(r.err, "bad (" + bad + "): 1 error; nothing was run\n")) << r;
}

TEST_F(CompareFrictions, AnIdPrefixSetsAValueInThatScenarioOnly) {
  const fs::path out = root / "cmp";
  const Result r = cli("compare " + quote(integrated) + " " + quote(split) + " -q -r 1 --out " + quote(out.string()) +
                       " --set integrated:teams.wijkteam.workers=5 --set split:teams.jeugd.workers=4" +
                       " --set teams.ouder.workers=3");
  ASSERT_EQ(r.code, 0) << r;
  const std::string integrated_prov = read_text(out / "integrated/provenance.json");
  const std::string split_prov = read_text(out / "split/provenance.json");
  EXPECT_TRUE(contains(integrated_prov, "\"teams.wijkteam.workers=5\"")) << integrated_prov;
  EXPECT_TRUE(contains(integrated_prov, "\"teams.ouder.workers=3\"")) << integrated_prov;
  EXPECT_FALSE(contains(integrated_prov, "jeugd.workers")) << integrated_prov;
  EXPECT_TRUE(contains(split_prov, "\"teams.jeugd.workers=4\"")) << split_prov;
  EXPECT_TRUE(contains(split_prov, "\"teams.ouder.workers=3\"")) << split_prov;
  EXPECT_FALSE(contains(split_prov, "wijkteam")) << split_prov;
  // The values reached the resolved scenarios.
  const std::string resolved = read_text(out / "split/scenario.resolved.toml");
  const auto jeugd = resolved.find("[teams.jeugd]");
  ASSERT_NE(jeugd, std::string::npos) << resolved;
  EXPECT_EQ(resolved.find("workers = 4", jeugd), resolved.find("workers = ", jeugd)) << resolved;
}

TEST_F(CompareFrictions, AnUnknownIdIsAnErrorListingTheIds) {
  const std::string out = (root / "cmp").string();
  const Result r = cli("compare " + quote(integrated) + " " + quote(split) + " -q -r 1 --out " + quote(out) +
                       " --set splt:teams.jeugd.workers=4");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "--set splt:teams.jeugd.workers=4: no scenario has the id 'splt' (the ids: "
                              "integrated, split)"))
      << r;
  EXPECT_FALSE(fs::exists(out));
}

// run, sweep, plan and calibrate: the scenario's own id is accepted, any other refused.
TEST_F(CompareFrictions, ASingleScenarioCommandAcceptsOnlyItsOwnId) {
  const fs::path out = root / "run-ok";
  Result r = cli("run " + quote(split) + " -q -r 1 --out " + quote(out.string()) +
                 " --set split:teams.jeugd.workers=4 --set 'meta.name=\"a:b=c\"'");
  ASSERT_EQ(r.code, 0) << r;
  const std::string prov = read_text(out / "provenance.json");
  EXPECT_TRUE(contains(prov, "\"teams.jeugd.workers=4\"")) << prov;
  EXPECT_TRUE(contains(prov, "a:b=c")) << prov;  // a value may hold ':' and '='
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"run", ""},
      {"sweep", " --one-way"},
      {"plan", " --team jeugd --target 'intake_wait_days_p90 <= 28'"},
      {"calibrate", " --targets targets.csv"}};
  for (const auto& [command, required] : commands) {
    r = cli(command + " " + quote(split) + required + " -q -r 2 --out " + quote((root / command).string()) +
            " --set integrated:teams.jeugd.workers=4");
    EXPECT_EQ(r.code, 2) << command << "\n" << r;
    EXPECT_TRUE(contains(r.err, "--set integrated:teams.jeugd.workers=4: 'integrated' is not this scenario's id "
                                "('split')"))
        << command << "\n" << r;
    EXPECT_FALSE(fs::exists(root / command)) << command;
  }
}

// Before: "compare needs a fixed number of replications (auto is for run)", though --help
// listed auto. Now the sequential rule on the paired differences. Two M/M/c queues (3 and 4
// servers: mean waits of about 1 and 0.2 days) so that the difference is clear.
TEST_F(CompareFrictions, CompareRunsWithAutoReplications) {
  const std::string mmc = read_text(fs::path(JEUGDSIM_SOURCE_DIR) / "tests/data/mmc.toml");
  const std::string three = write("three.toml", mmc), four = write("four.toml", mmc);
  const std::string files = quote(three) + " " + quote(four) +
                            " -q -r auto --min-replications 3 --set four:teams.servers.workers=4"
                            " --set simulation.horizon_days=400";
  Result r = cli("compare " + files + " --target-precision 0.25 --max-replications 60 -j 1 --out " +
                 quote((root / "j1").string()));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, " replications (converged; between 3 and 60): for intake_wait_days_mean:all, the 95% "
                              "CI half-width of each scenario's mean and of each paired difference with three is "
                              "within 25% of the mean (for a difference: of three's mean); worst "))
      << r;
  EXPECT_FALSE(contains(r.out, "-r auto: 60 replications")) << r;
  std::string prov = read_text(root / "j1/provenance.json");
  EXPECT_TRUE(contains(prov, "\"replication_method\": \"sequential\"")) << prov;
  EXPECT_TRUE(contains(prov, "\"stopped\": \"converged\"")) << prov;
  // The same stopping point and results on two threads.
  r = cli("compare " + files + " --target-precision 0.25 --max-replications 60 -j 2 --out " +
          quote((root / "j2").string()));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(read_text(root / "j1/comparison.csv"), read_text(root / "j2/comparison.csv"));

  r = cli("compare " + files + " --target-precision 0.0001 --max-replications 4 --out " +
          quote((root / "max").string()));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "-r auto: 4 replications (stopped at --max-replications before converging): for "
                              "intake_wait_days_mean:all, the 95% CI half-width of each scenario's mean and of each "
                              "paired difference with three is not yet within 0.01% of the mean"))
      << r;
  prov = read_text(root / "max/provenance.json");
  EXPECT_TRUE(contains(prov, "\"replications\": 4")) << prov;
  EXPECT_TRUE(contains(prov, "\"stopped\": \"at the maximum\"")) << prov;
  EXPECT_TRUE(fs::exists(root / "max/four/summary.csv"));
}

// --- sweep: the tables on the terminal, and the paired differences of a sweep of several scenarios

std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::stringstream ls(line);
    for (std::string f; std::getline(ls, f, ',');) fields.push_back(f);
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// kpis.csv of a variant folder: replication -> value of KPI/group.
std::map<int, double> replication_values(const fs::path& folder, const std::string& kpi, const std::string& group) {
  const auto rows = read_csv(folder / "kpis.csv");
  std::map<int, double> out;
  const auto& h = rows.at(0);
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i][column(h, "kpi")] == kpi && rows[i][column(h, "group")] == group)
      out[std::stoi(rows[i][column(h, "replication")])] = std::stod(rows[i][column(h, "value")]);
  return out;
}

void expect_fits(const std::string& text, std::size_t width) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("results: ", 0) != 0 && line.find("sweep of") == std::string::npos) {
      EXPECT_LE(line.size(), width) << "too wide: " << line;
    }
}

TEST_F(AnalystFrictions, SweepPrintsTheTornadoOnTheTerminal) {
  const Result r = cli("sweep " + quote(root / "base.toml") + " --one-way -q -r 2 --out " + quote(root / "sweep"));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "A  jeugd_discovery  0.1 / 0.3 / 0.6; swing")) << r;
  EXPECT_TRUE(contains(r.out, "base  A low  A high")) << r;
  EXPECT_TRUE(contains(r.out, "wait to intake, days (mean)")) << r;
  EXPECT_TRUE(contains(r.out, "cost per year, EUR million")) << r;
  expect_fits(r.out, 100);
}

TEST_F(AnalystFrictions, SweepPrintsTheGridTableInPanelsOf100Columns) {
  const std::string file =
      write("grid.toml", "include = \"base.toml\"\n[sweep]\nparameters = [ { key = \"teams.jeugd.workers\", values = "
                         "[2, 3, 4, 5] }, { key = \"teams.ouder.workers\", values = [1, 2, 3] } ]\n");
  const Result r = cli("sweep " + quote(file) + " --grid -q -r 2 --out " + quote(root / "grid"));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "P12  teams.jeugd.workers = 5, teams.ouder.workers = 3")) << r;
  EXPECT_TRUE(contains(r.out, "P12")) << r;
  expect_fits(r.out, 100);
  // Twelve points do not fit in one row of 100 columns: a second panel repeats the labels.
  std::size_t panels = 0;
  for (std::size_t at = r.out.find("\nwait to intake, days (mean)"); at != std::string::npos;
       at = r.out.find("\nwait to intake, days (mean)", at + 1))
    ++panels;
  EXPECT_GE(panels, 2u) << r;
}

TEST_F(AnalystFrictions, SweepOfTwoScenariosWritesTheirPairedDifferences) {
  write("fewer.toml", "include = \"base.toml\"\n[meta]\nname = \"fewer\"\n[teams.jeugd]\nworkers = 2\n");
  const fs::path out = root / "two";
  const Result r = cli("sweep " + quote(root / "base.toml") + " " + quote(root / "fewer.toml") +
                       " --one-way -q -r 4 --out " + quote(out));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "difference fewer minus base")) << r;
  expect_fits(r.out, 100);
  for (const char* f : {"sweep-differences.csv", "provenance.json", "base/sensitivity.csv",
                        "fewer/sensitivity.csv", "base/base/kpis.csv", "fewer/jeugd_discovery-high/kpis.csv"})
    EXPECT_TRUE(fs::exists(out / f)) << f;

  const auto diffs = read_csv(out / "sweep-differences.csv");
  const auto& h = diffs.at(0);
  ASSERT_GT(diffs.size(), 10u);
  std::size_t checked = 0;
  for (std::size_t i = 1; i < diffs.size(); ++i) {
    const auto& row = diffs[i];
    EXPECT_EQ(row[column(h, "scenario")], "fewer");
    EXPECT_EQ(row[column(h, "reference")], "base");
    const std::string kpi = row[column(h, "kpi")], group = row[column(h, "group")];
    const std::string assumption = row[column(h, "assumption")];
    for (const std::string side : {"base", "low", "high"}) {
      const std::string variant = side == "base" ? "base" : assumption + "-" + side;
      // The mean of the per-replication differences, from the two scenarios' kpis.csv.
      const auto ref = replication_values(out / "base" / variant, kpi, group);
      const auto other = replication_values(out / "fewer" / variant, kpi, group);
      double sum = 0;
      int n = 0;
      for (const auto& [rep, value] : ref)
        if (other.count(rep) && std::isfinite(value) && std::isfinite(other.at(rep))) {
          sum += other.at(rep) - value;
          ++n;
        }
      const double shown = std::stod(row[column(h, side + "_diff_mean")]);
      if (n == 0) {
        EXPECT_TRUE(std::isnan(shown)) << kpi << " " << side;
        continue;
      }
      EXPECT_NEAR(shown, sum / n, 1e-9 * std::max(1.0, std::fabs(sum / n))) << kpi << " " << group << " " << side;
      EXPECT_LE(std::stod(row[column(h, side + "_diff_ci_low")]), shown);
      EXPECT_GE(std::stod(row[column(h, side + "_diff_ci_high")]), shown);
      ++checked;
    }
  }
  EXPECT_GE(checked, 30u);
  // Fewer workers make families wait longer: the difference of the mean wait is positive at base.
  for (std::size_t i = 1; i < diffs.size(); ++i)
    if (diffs[i][column(h, "kpi")] == "intake_wait_days_mean") {
      EXPECT_GT(std::stod(diffs[i][column(h, "base_diff_mean")]), 0.0);
    }
}

TEST_F(AnalystFrictions, SweepOfScenariosWithoutTheFirstOnesAssumptionKeyIsAClearError) {
  const std::string first =
      write("first.toml", "include = \"base.toml\"\n[teams.ouder]\nstep_up_per_review = 0.03\n"
                          "[assumptions.ouder_step_up]\nkey = \"teams.ouder.step_up_per_review\"\nlow = 0.0\nhigh = 0.1\n"
                          "note = \"test value\"\n");
  const Result r = cli("sweep " + quote(first) + " " + quote(root / "base.toml") + " --one-way -q -r 2 --out " +
                       quote(root / "bad"));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "base.toml: has no key teams.ouder.step_up_per_review, which "
                              "[assumptions.ouder_step_up] of")) << r;
  EXPECT_TRUE(contains(r.err, "first.toml")) << r;
  EXPECT_FALSE(fs::exists(root / "bad"));
  // A grid sweep takes one scenario.
  const Result g = cli("sweep " + quote(first) + " " + quote(root / "base.toml") + " --grid -q -r 2");
  EXPECT_NE(g.code, 0) << g;
  EXPECT_TRUE(contains(g.err, "--grid takes one scenario file")) << g;
}

}  // namespace
