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
