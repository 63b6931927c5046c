// End-to-end tests of the jeugdsim command line: the real binary (JEUGDSIM_BINARY) on
// tests/data/tiny.toml, checking exit codes, messages and the outputs contract of a run folder.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "jeugdsim/Version.hpp"

namespace jeugdsim::cli {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = JEUGDSIM_SOURCE_DIR;
const std::string kTiny = (kSource / "tests/data/tiny.toml").string();

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The comma-separated fields of one CSV line without quoted fields.
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream row(line);
  for (std::string field; std::getline(row, field, ',');) out.push_back(field);
  return out;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

std::ostream& operator<<(std::ostream& os, const CliResult& r) {
  return os << "exit " << r.code << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

// A fresh directory per test. `work` is where run folders go (and must stay clean after a
// failure); captured output lives next to it, not in it.
class CliTest : public ::testing::Test {
 protected:
  CliTest() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root = fs::temp_directory_path() /
           ("jeugdsim-cli-" + std::string(info->name()) + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root / "work");
    fs::create_directories(root / "io");
  }
  ~CliTest() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  // Runs `jeugdsim ARGS` (ARGS already shell-quoted where needed) and captures everything.
  CliResult cli(const std::string& args) {
    const fs::path out = root / "io/stdout.txt", err = root / "io/stderr.txt";
    const std::string command =
        quote(JEUGDSIM_BINARY) + " " + args + " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    CliResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(out);
    r.err = read_text(err);
    return r;
  }

  // `jeugdsim run tiny.toml --out work/NAME -q EXTRA`; returns the folder.
  fs::path run_tiny(const std::string& name, const std::string& extra = "", int expected_exit = 0) {
    const fs::path folder = work() / name;
    const CliResult r = cli("run " + quote(kTiny) + " --out " + quote(folder.string()) + " -q " + extra);
    EXPECT_EQ(r.code, expected_exit) << r;
    return folder;
  }

  // Writes a scenario file into io/ (so it is not in work/).
  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = root / "io" / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  fs::path work() const { return root / "work"; }

  // Every entry of work/, hidden ones included.
  std::set<std::string> work_entries() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(work())) names.insert(e.path().filename().string());
    return names;
  }

  fs::path root;
};

const std::vector<std::string> kContractFiles = {"scenario.resolved.toml", "provenance.json", "run-info.json",
                                                 "kpis.csv",               "timeseries.csv",  "summary.csv",
                                                 "queue-trends.csv"};

// The rows of kpis.csv for one replication, without the scenario column's influence on order.
std::vector<std::string> rows_of_replication(const std::string& csv, int replication) {
  std::vector<std::string> rows;
  const std::string tag = "," + std::to_string(replication) + ",";
  for (const std::string& line : lines_of(csv)) {
    const auto comma = line.find(',');
    if (comma != std::string::npos && line.compare(comma, tag.size(), tag) == 0) rows.push_back(line);
  }
  return rows;
}

std::set<std::string> replications_in(const std::string& csv) {
  std::set<std::string> reps;
  const auto lines = lines_of(csv);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto a = lines[i].find(',');
    const auto b = lines[i].find(',', a + 1);
    reps.insert(lines[i].substr(a + 1, b - a - 1));
  }
  return reps;
}

TEST_F(CliTest, VersionPrintsTheVersion) {
  const CliResult r = cli("--version");
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_EQ(r.out.rfind(std::string("jeugdsim ") + kVersion + " (", 0), 0u) << r;
  EXPECT_NE(r.out.find(kGitCommit), std::string::npos) << r;
}

TEST_F(CliTest, NoSubcommandIsBadInput) {
  const CliResult r = cli("");
  EXPECT_EQ(r.code, 2) << r;
}

TEST_F(CliTest, ValidateAcceptsAGoodFile) {
  const CliResult r = cli("validate " + quote(kTiny));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_EQ(r.out, kTiny + ": ok (Tiny test scenario)\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, ValidateRefusesBadFilesWithFileLineAndKey) {
  const std::string base = write("base.toml", read_text(kTiny));
  (void)base;
  struct Bad {
    std::string text;
    std::string expected;  // a line of stderr, after "FILE:"
  };
  const std::vector<Bad> cases = {
      {"include = \"base.toml\"\n[teams.jeugd]\nwokers = 3\n", "3: teams.jeugd.wokers: unknown key; did you mean `workers`? (allowed: "},
      {"include = \"base.toml\"\n[population]\nyouth_share = 1.5\n",
       "3: population.youth_share: value 1.5 out of range (allowed: 0 to 1)\n"},
      {"include = \"base.toml\"\n\n[providers.ambulant]\nplaces = \"lots\"\n",
       "4: providers.ambulant.places: expected a number of places or \"unlimited\""},
      {"include = \"base.toml\"\n[simulation]\nhorizon_days = 0\n",
       "3: simulation.horizon_days: value 0 out of range (allowed: 1 to 36500)\n"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string file = write("bad" + std::to_string(i) + ".toml", cases[i].text);
    const CliResult r = cli("validate " + quote(file));
    EXPECT_EQ(r.code, 2) << r;
    EXPECT_NE(r.err.find(file + ":" + cases[i].expected), std::string::npos) << r;
    EXPECT_NE(r.err.find(file + ": 1 error\n"), std::string::npos) << r;
    EXPECT_EQ(r.out, "") << r;
  }
}

TEST_F(CliTest, ValidateReportsEveryBadFile) {
  write("base.toml", read_text(kTiny));
  const std::string a = write("a.toml", "include = \"base.toml\"\n[teams.ouder]\nfte_per_worker = 0\n");
  const std::string b = write("b.toml",
                              "include = \"base.toml\"\n[channels.gp]\nneeds = \"special\"\n"
                              "[teams.jeugd]\nworkers = \"ten\"\n");
  const CliResult r = cli("validate " + quote(a) + " " + quote(kTiny) + " " + quote(b));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find(a + ":3: teams.ouder.fte_per_worker: value 0 out of range"), std::string::npos) << r;
  EXPECT_NE(r.err.find(a + ": 1 error\n"), std::string::npos) << r;
  EXPECT_NE(r.err.find(b + ":3: channels.gp.needs: unknown need mix \"special\""), std::string::npos) << r;
  EXPECT_NE(r.err.find(b + ":5: teams.jeugd.workers: expected an integer, got string"), std::string::npos) << r;
  EXPECT_NE(r.err.find(b + ": 2 errors\n"), std::string::npos) << r;
  // The good file in between is still checked and reported as fine.
  EXPECT_EQ(r.out, kTiny + ": ok (Tiny test scenario)\n") << r;
}

TEST_F(CliTest, ValidateReportsAMissingFile) {
  const std::string missing = (root / "io/nope.toml").string();
  const CliResult r = cli("validate " + quote(missing));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find(missing + ": cannot open file"), std::string::npos) << r;
}

TEST_F(CliTest, RunWritesTheOutputsContract) {
  const fs::path folder = run_tiny("run");
  ASSERT_TRUE(fs::is_directory(folder));
  for (const auto& f : kContractFiles) EXPECT_TRUE(fs::is_regular_file(folder / f)) << f;
  EXPECT_FALSE(fs::exists(folder / "event-log.csv"));  // only on request
  // Nothing else in work/: no hidden .incomplete folder left behind.
  EXPECT_EQ(work_entries(), std::set<std::string>{"run"});

  const std::string kpis = read_text(folder / "kpis.csv");
  const std::string timeseries = read_text(folder / "timeseries.csv");
  const std::string summary = read_text(folder / "summary.csv");
  EXPECT_EQ(first_line(kpis), "scenario,replication,kpi,group,value");
  EXPECT_EQ(first_line(summary), "kpi,group,mean,ci_low,ci_high,n");
  EXPECT_EQ(first_line(timeseries), "scenario,replication,day,metric,group,value");
  // The scenario's 3 replications, scenario id = file stem, a value in every row.
  EXPECT_EQ(replications_in(kpis), (std::set<std::string>{"0", "1", "2"}));
  EXPECT_EQ(replications_in(timeseries), (std::set<std::string>{"0", "1", "2"}));
  const auto kpi_lines = lines_of(kpis);
  ASSERT_GT(kpi_lines.size(), 10u);
  for (std::size_t i = 1; i < kpi_lines.size(); ++i) {
    EXPECT_EQ(kpi_lines[i].rfind("tiny,", 0), 0u) << kpi_lines[i];
    EXPECT_EQ(std::count(kpi_lines[i].begin(), kpi_lines[i].end(), ','), 4) << kpi_lines[i];
  }
  const auto summary_lines = lines_of(summary);
  ASSERT_GT(summary_lines.size(), 1u);
  for (std::size_t i = 1; i < summary_lines.size(); ++i) {
    EXPECT_EQ(std::count(summary_lines[i].begin(), summary_lines[i].end(), ','), 5) << summary_lines[i];
  }
  // One row per waiting list: tiny's two teams and two providers.
  const auto trend_lines = lines_of(read_text(folder / "queue-trends.csv"));
  ASSERT_EQ(trend_lines.size(), 5u);
  EXPECT_EQ(trend_lines[0], "group,first_half_mean,second_half_mean,growth_mean,growth_ci_low,growth_ci_high,n,growing");
  for (std::size_t i = 1; i < trend_lines.size(); ++i) {
    EXPECT_EQ(std::count(trend_lines[i].begin(), trend_lines[i].end(), ','), 7) << trend_lines[i];
    EXPECT_NE(trend_lines[i].find(",3,"), std::string::npos) << "n = 3 replications: " << trend_lines[i];
  }

  // provenance.json and the resolved scenario describe this run.
  const std::string prov = read_text(folder / "provenance.json");
  EXPECT_NE(prov.find("\"scenario_id\": \"tiny\""), std::string::npos) << prov;
  EXPECT_NE(prov.find("\"seed\": 12345"), std::string::npos) << prov;
  EXPECT_NE(prov.find("\"replications\": 3"), std::string::npos) << prov;
  EXPECT_NE(prov.find(std::string("\"version\": \"") + kVersion + "\""), std::string::npos) << prov;
  const toml::table resolved = toml::parse_file((folder / "scenario.resolved.toml").string());
  EXPECT_EQ(resolved.at_path("meta.name").value<std::string>(), "Tiny test scenario");
  EXPECT_EQ(resolved.at_path("teams.jeugd.workers").value<std::int64_t>(), 3);
}

// Every run says in one plain line whether its waiting lists are stable or which one keeps growing,
// and by how much a year: the same figure the report gives, from queue-trends.csv.
TEST_F(CliTest, RunSaysInOneLineWhetherTheWaitingListsAreStable) {
  const CliResult stable = cli("run " + quote(kTiny) + " --out " + quote((work() / "stable").string()) + " -q");
  ASSERT_EQ(stable.code, 0) << stable;
  EXPECT_EQ(stable.err.find("warning"), std::string::npos) << stable;
  EXPECT_NE(stable.out.find("\ntiny: waiting lists stable: about "), std::string::npos) << stable;
  EXPECT_NE(stable.out.find(" waiting at teams, "), std::string::npos) << stable;
  EXPECT_EQ(stable.out.find("growing"), std::string::npos) << stable;
  // One worker with room for two cases: the youth team's queue can only grow.
  const CliResult overloaded = cli("run " + quote(kTiny) + " --out " + quote((work() / "overloaded").string()) +
                                   " -q --set teams.jeugd.workers=1 --set teams.jeugd.caseload_cap_per_fte=2");
  ASSERT_EQ(overloaded.code, 0) << overloaded;
  EXPECT_TRUE(fs::exists(work() / "overloaded" / "kpis.csv")) << "a growing queue does not stop the run";
  // queue-trends.csv says the same, and the stable run's says no queue grows.
  bool jeugd_growing = false;
  double growth = 0;
  for (const std::string& line : lines_of(read_text(work() / "overloaded" / "queue-trends.csv")))
    if (line.rfind("team:jeugd,", 0) == 0) {
      jeugd_growing = line.size() > 4 && line.substr(line.size() - 4) == ",yes";
      growth = std::stod(split_csv_line(line).at(3));  // growth_mean
    }
  EXPECT_TRUE(jeugd_growing) << read_text(work() / "overloaded" / "queue-trends.csv");
  // tiny.toml measures 365 days: the halves' middles lie half a year apart.
  const long per_year = std::max(1L, std::lround(growth / 0.5));
  EXPECT_GT(per_year, 1);
  EXPECT_NE(overloaded.out.find("\ntiny: waiting list at team:jeugd keeps growing by about " + std::to_string(per_year) +
                                " families a year"),
            std::string::npos)
      << overloaded << "growth_mean " << growth;
  EXPECT_NE(overloaded.out.find("waits depend on the horizon (queue-trends.csv has the figures)\n"), std::string::npos)
      << overloaded;
  EXPECT_EQ(read_text(work() / "stable" / "queue-trends.csv").find(",yes"), std::string::npos);
}

TEST_F(CliTest, SameSeedGivesByteIdenticalResults) {
  const fs::path a = run_tiny("a"), b = run_tiny("b");
  for (const std::string f :
       {"kpis.csv", "timeseries.csv", "summary.csv", "queue-trends.csv", "scenario.resolved.toml", "provenance.json"}) {
    const std::string ta = read_text(a / f);
    EXPECT_FALSE(ta.empty()) << f;
    EXPECT_TRUE(ta == read_text(b / f)) << f << " differs between two runs with the same seed";
  }
}

TEST_F(CliTest, ResolvedScenarioReproducesTheRun) {
  // scenario.resolved.toml is the whole scenario: running it again (under the same file stem,
  // so the scenario id matches) gives the same numbers, overrides included.
  const fs::path first = run_tiny("first", "--set teams.ouder.workers=4 --seed 77");
  fs::create_directories(root / "io/again");
  fs::copy_file(first / "scenario.resolved.toml", root / "io/again/tiny.toml");
  const fs::path second = work() / "second";
  const CliResult r =
      cli("run " + quote((root / "io/again/tiny.toml").string()) + " --out " + quote(second.string()) + " -q");
  ASSERT_EQ(r.code, 0) << r;
  for (const std::string f : {"kpis.csv", "timeseries.csv", "summary.csv"}) {
    EXPECT_TRUE(read_text(first / f) == read_text(second / f)) << f << " differs when rerun from the resolved file";
  }
}

TEST_F(CliTest, ThreadCountDoesNotChangeResults) {
  const fs::path one = run_tiny("one", "--threads 1 -r 4"), two = run_tiny("two", "--threads 2 -r 4");
  for (const std::string f : {"kpis.csv", "timeseries.csv", "summary.csv"}) {
    EXPECT_TRUE(read_text(one / f) == read_text(two / f)) << f << " differs between --threads 1 and 2";
  }
}

TEST_F(CliTest, DifferentSeedChangesResults) {
  const fs::path a = run_tiny("a"), b = run_tiny("b", "--seed 999");
  EXPECT_NE(read_text(a / "kpis.csv"), read_text(b / "kpis.csv"));
  EXPECT_NE(read_text(b / "provenance.json").find("\"seed\": 999"), std::string::npos);
  // The seed is applied as an override, so the resolved scenario records it.
  const toml::table resolved = toml::parse_file((b / "scenario.resolved.toml").string());
  EXPECT_EQ(resolved.at_path("simulation.seed").value<std::int64_t>(), 999);
}

TEST_F(CliTest, FailedRunsLeaveNoFolder) {
  write("base.toml", read_text(kTiny));
  const std::string bad = write("bad.toml", "include = \"base.toml\"\n[teams.jeugd]\nworkers = -1\n");
  const std::string missing = (root / "io/missing.toml").string();
  const fs::path out = work() / "out";
  struct Case {
    std::string args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"run " + quote(bad) + " --out " + quote(out.string()), bad + ":3: teams.jeugd.workers: value -1 out of range"},
      {"run " + quote(kTiny) + " --out " + quote(out.string()) + " --set teams.jeugd.workers=-1",
       "command line: teams.jeugd.workers: value -1 out of range"},
      {"run " + quote(kTiny) + " --out " + quote(out.string()) + " --set teams.jeugd.wokers=3",
       "command line: teams.jeugd.wokers: unknown key"},
      {"run " + quote(kTiny) + " --out " + quote(out.string()) + " --set 'teams.jeugd.workers=[oops'",
       "command line: teams.jeugd.workers: malformed value"},
      {"run " + quote(missing) + " --out " + quote(out.string()), missing + ": cannot open file"},
      {"run " + quote(kTiny) + " --out " + quote(out.string()) + " -r 3 --event-log 7", "--event-log"},
      {"run " + quote(kTiny) + " --out " + quote(out.string()) + " -r 5-2", "ends before it starts"},
  };
  for (const Case& c : cases) {
    const CliResult r = cli(c.args + " -q");
    EXPECT_NE(r.code, 0) << c.args << "\n" << r;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r;
    EXPECT_FALSE(fs::exists(out)) << c.args;
    EXPECT_TRUE(work_entries().empty()) << c.args << ": left " << *work_entries().begin();
  }
}

TEST_F(CliTest, ExistingOutputFolderIsRefusedAndUntouched) {
  const fs::path out = work() / "existing";
  fs::create_directories(out);
  std::ofstream(out / "keep.txt") << "precious\n";
  const CliResult r = cli("run " + quote(kTiny) + " --out " + quote(out.string()) + " -q");
  EXPECT_EQ(r.code, 2) << r;  // bad input, like any other refused argument
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r;
  std::set<std::string> inside;
  for (const auto& e : fs::directory_iterator(out)) inside.insert(e.path().filename().string());
  EXPECT_EQ(inside, std::set<std::string>{"keep.txt"});
  EXPECT_EQ(read_text(out / "keep.txt"), "precious\n");
  EXPECT_EQ(work_entries(), std::set<std::string>{"existing"});
}

TEST_F(CliTest, SetOverrideIsReflectedInResolvedScenario) {
  const fs::path folder = run_tiny("set", "--set teams.jeugd.workers=5");
  const std::string text = read_text(folder / "scenario.resolved.toml");
  const toml::table resolved = toml::parse(text);
  EXPECT_EQ(resolved.at_path("teams.jeugd.workers").value<std::int64_t>(), 5);
  EXPECT_EQ(resolved.at_path("teams.ouder.workers").value<std::int64_t>(), 2);  // untouched
  EXPECT_NE(text.find("teams.jeugd.workers = 5"), std::string::npos) << text;    // the header comment
  EXPECT_NE(read_text(folder / "provenance.json").find("\"teams.jeugd.workers=5\""), std::string::npos);
  // And it changes the model: a bigger team costs more.
  const fs::path base = run_tiny("base");
  EXPECT_NE(read_text(folder / "kpis.csv"), read_text(base / "kpis.csv"));
}

TEST_F(CliTest, ReplicationSliceEqualsTheSameReplicationsOfAFullRun) {
  const fs::path slice = run_tiny("slice", "--replications 3-4"), full = run_tiny("full", "-r 5");
  for (const std::string f : {"kpis.csv", "timeseries.csv"}) {
    const std::string s = read_text(slice / f), a = read_text(full / f);
    EXPECT_EQ(replications_in(s), (std::set<std::string>{"3", "4"})) << f;
    EXPECT_EQ(replications_in(a), (std::set<std::string>{"0", "1", "2", "3", "4"})) << f;
    for (int rep : {3, 4}) {
      const auto rows = rows_of_replication(s, rep);
      EXPECT_FALSE(rows.empty()) << f << " replication " << rep;
      EXPECT_EQ(rows, rows_of_replication(a, rep)) << f << " replication " << rep;
    }
  }
  const std::string prov = read_text(slice / "provenance.json");
  EXPECT_NE(prov.find("\"first_replication\": 3"), std::string::npos) << prov;
  EXPECT_NE(prov.find("\"replications\": 2"), std::string::npos) << prov;
}

TEST_F(CliTest, EventLogIsWrittenForTheRequestedReplication) {
  const fs::path folder = run_tiny("log", "--event-log 0");
  ASSERT_TRUE(fs::is_regular_file(folder / "event-log.csv"));
  const auto lines = lines_of(read_text(folder / "event-log.csv"));
  ASSERT_GT(lines.size(), 10u);
  EXPECT_EQ(lines[0], "replication,case_id,episode,activity,timestamp_day,lifecycle,team,provider,worker");
  std::set<std::string> lifecycles, teams;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].rfind("0,", 0), 0u) << lines[i];  // replication 0 only
    std::vector<std::string> fields;
    std::stringstream row(lines[i]);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    if (lines[i].back() == ',') fields.emplace_back();
    ASSERT_EQ(fields.size(), 9u) << lines[i];
    lifecycles.insert(fields[5]);
    teams.insert(fields[6]);
  }
  EXPECT_EQ(lifecycles, (std::set<std::string>{"start", "complete"}));
  EXPECT_TRUE(teams.count("jeugd") == 1) << "no event names team jeugd";
  // The other result files are unchanged by asking for the log.
  const fs::path plain = run_tiny("plain");
  EXPECT_EQ(read_text(folder / "kpis.csv"), read_text(plain / "kpis.csv"));
}

}  // namespace
}  // namespace jeugdsim::cli
