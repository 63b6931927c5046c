// `jeugdsim compare --equal-service` end to end on the M/M/c reduction (tests/data/mmc.toml, one
// pooled team, against tests/data/mmc-split.toml, the same arrivals over two teams): the flag's
// syntax and errors, the output files and their columns, and the console's lead sentence. The
// staffing itself is checked against Erlang C in tests/experiment/test_equal_service.cpp.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jeugdsim::cli {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = JEUGDSIM_SOURCE_DIR;

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

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

struct Result {
  int code = -1;
  std::string out, err;
};
std::ostream& operator<<(std::ostream& os, const Result& r) {
  return os << "exit " << r.code << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

class CompareEqualServiceTest : public ::testing::Test {
 protected:
  CompareEqualServiceTest() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() / ("jeugdsim-es-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~CompareEqualServiceTest() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Result cli(const std::string& args) {
    const fs::path out = root / "stdout.txt", err = root / "stderr.txt";
    const std::string command = quote(JEUGDSIM_BINARY) + " " + args + " >" + quote(out.string()) + " 2>" +
                                quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
  }
  const std::string files = quote((kSource / "tests/data/mmc.toml").string()) + " " +
                            quote((kSource / "tests/data/mmc-split.toml").string());
  fs::path root;
};

TEST_F(CompareEqualServiceTest, WritesEqualServiceCsvPlansAndLeadsWithTheSentence) {
  const fs::path out = root / "es";
  // Two targets: the second follows the first without repeating the flag.
  const auto r = cli("compare --equal-service " + quote("intake_wait_days_mean <= 0.5") + " " +
                     quote("intake_wait_within_norm_share >= 0.5") + " " + files + " -r 4 -q --out " +
                     quote(out.string()));
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(r.out.rfind("to reach intake_wait_days_mean <= 0.5 and intake_wait_within_norm_share >= 0.5 the mmc-split "
                        "design needs 1 more FTE than mmc (5 vs 4) and costs EUR 0.25 million more a year",
                        0),
            0u)
      << r;
  EXPECT_NE(r.out.find("\nmmc-split: waiting lists stable: about "), std::string::npos) << r;
  // Said once, in the lead, not again after the tables.
  EXPECT_EQ(r.out.find("mmc-split: waiting lists stable", r.out.find("the table below is at that staffing")),
            std::string::npos)
      << r;
  EXPECT_NE(r.out.find("the table below is at that staffing"), std::string::npos) << r;
  EXPECT_NE(r.out.find("wait to intake, days (mean)"), std::string::npos) << r;  // the usual table follows

  const std::string csv = read_text(out / "equal-service.csv");
  EXPECT_EQ(first_line(csv),
            "scenario,team,sized,workers,fte_per_worker,fte,file_workers,file_fte,fte_diff,cost_eur_per_year_mean,"
            "cost_ci_low,cost_ci_high,cost_diff_mean,cost_diff_ci_low,cost_diff_ci_high,n");
  EXPECT_NE(csv.find("\nmmc,servers,true,4,1,4,3,3,NaN,0,0,0,NaN,NaN,NaN,4\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nmmc-split,total,,5,NaN,5,3,3,1,250000,"), std::string::npos) << csv;
  // comparison.csv as compare writes it, at the sized staffing; each design's run folder holds
  // the staffing it ran at; the plans are kept.
  EXPECT_EQ(first_line(read_text(out / "comparison.csv")),
            "kpi,group,scenario,mean,ci_low,ci_high,n,diff_mean,diff_ci_low,diff_ci_high,diff_n");
  EXPECT_NE(read_text(out / "mmc-split" / "provenance.json").find("teams.a.workers=3"), std::string::npos);
  for (const std::string id : {"mmc", "mmc-split"}) {
    EXPECT_EQ(first_line(read_text(out / "plans" / id / "plan.csv")),
              "team,fte,workers,kpi,group,mean,ci_low,ci_high,bound,target,meets,op,fte_per_worker,allocation,n");
    EXPECT_TRUE(fs::exists(out / "plans" / id / "plan.json"));
    EXPECT_TRUE(fs::exists(out / id / "kpis.csv"));
  }
  const auto prov = nlohmann::json::parse(read_text(out / "provenance.json"));
  EXPECT_EQ(prov["equal_service_targets"].size(), 2u);
  EXPECT_EQ(prov["equal_service_teams"], "every team with intake");
}

TEST_F(CompareEqualServiceTest, SizeTeamsLimitsTheSizing) {
  const fs::path out = root / "some";
  const auto r = cli("compare --equal-service " + quote("intake_wait_days_mean <= 0.5") + " --size-teams servers,a " +
                     files + " -r 3 -q --out " + quote(out.string()));
  ASSERT_EQ(r.code, 0) << r;
  const std::string csv = read_text(out / "equal-service.csv");
  EXPECT_NE(csv.find("\nmmc-split,a,true,3,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nmmc-split,b,false,1,1,1,1,1,"), std::string::npos) << csv;  // as in the file
}

TEST_F(CompareEqualServiceTest, BadRequestsAreRefusedWithAClearMessage) {
  const fs::path out = root / "bad";
  // Not a target: says what is expected, runs nothing, leaves no folder.
  auto r = cli("compare --equal-service " + quote("intake_wait_days_mean < 0.5") + " " + files + " -r 3 -q --out " +
               quote(out.string()));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("--equal-service: expected \"KPI <= VALUE\" or \"KPI >= VALUE\""), std::string::npos) << r;
  EXPECT_NE(r.err.find("got \"intake_wait_days_mean < 0.5\""), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(out));
  r = cli("compare --equal-service " + quote("intake_wait_days_mean <= soon") + " " + files + " -r 3 -q");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("is not a number"), std::string::npos) << r;
  // The flag needs a target.
  r = cli("compare " + files + " -r 3 -q --equal-service");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("--equal-service"), std::string::npos) << r;
  // A KPI the runs do not have: named after the pilot, with the design.
  r = cli("compare --equal-service " + quote("no_such_kpi <= 3") + " " + files + " -r 3 -q --out " +
          quote(out.string()));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("compare: mmc: --equal-service \"no_such_kpi <= 3\": unknown KPI no_such_kpi"), std::string::npos)
      << r;
  EXPECT_FALSE(fs::exists(out));
  r = cli("compare --equal-service " + quote("intake_wait_days_mean <= 0.5") + " --size-teams nobody " + files +
          " -r 3 -q");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("--size-teams: no scenario has a team nobody (teams: a, b, servers)"), std::string::npos) << r;
  r = cli("compare --equal-service " + quote("intake_wait_days_mean <= 0.5") + " " + files + " -r auto -q");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("fixed number of replications"), std::string::npos) << r;
  r = cli("compare --size-teams a " + files + " -r 3 -q");
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("--size-teams: goes with --equal-service"), std::string::npos) << r;
  // A target no staffing can meet (one intake per family, whatever the staff): exit 1, the
  // design and target named.
  r = cli("compare --equal-service " + quote("intakes_per_family >= 2") + " " + files + " -r 3 -q --out " +
          quote(out.string()));
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_NE(r.err.find("no equal service to compare at"), std::string::npos) << r;
  EXPECT_NE(r.err.find("compare: mmc: servers: even at 30 FTE"), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace jeugdsim::cli
