// End-to-end tests of `jeugdsim plan` and `jeugdsim calibrate` against known answers:
//  - plan on the M/M/c reduction (tests/data/mmc.toml) must give Erlang C's least number of
//    servers for a mean-wait target;
//  - calibrate must recover channel rates from targets the model itself generated;
//  - a targets file with bad rows is refused with file, line and column.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "experiment/ExperimentTestSupport.hpp"

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

struct Result {
  int code = -1;
  std::string out, err;
};
std::ostream& operator<<(std::ostream& os, const Result& r) {
  return os << "exit " << r.code << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

class PlanCalibrateTest : public ::testing::Test {
 protected:
  PlanCalibrateTest() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() / ("jeugdsim-plan-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~PlanCalibrateTest() override {
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
  fs::path root;
};

// mmc.toml: lambda = 2.4 a day, exponential service with mean 1 day, c servers (workers).
// Erlang C: Wq(3) = 1.079, Wq(4) = 0.179, Wq(5) = 0.044, Wq(6) = 0.011 days. The targets 0.5 and
// 0.1 sit far from the neighbouring Wq values compared with the CI: with 10 replications of
// 2,000 days (about 4,800 families each) the 95% half-width of the mean wait is about 0.02 at
// c = 4 and 0.007 at c = 5 (0.19 at c = 3), so the one-sided bound at the answer is well below
// the target and the estimate one server below is many half-widths above it: the decision is
// not knife-edge at c - 1 or c.
TEST_F(PlanCalibrateTest, PlanRecoversErlangCOnMmc) {
  const std::string mmc = (kSource / "tests/data/mmc.toml").string();
  for (const auto& [target, expected_servers] : std::map<double, int>{{0.5, 4}, {0.1, 5}}) {
    int erlang = 1;
    while (test_support::erlang_c_mean_wait(2.4, 1.0, erlang) > target || 2.4 >= erlang) ++erlang;
    ASSERT_EQ(erlang, expected_servers);
    const fs::path out = root / ("plan-" + std::to_string(expected_servers));
    const auto r = cli("plan " + quote(mmc) + " --team servers --whole-workers -r 10 -q --target " +
                       quote("intake_wait_days_mean <= " + std::to_string(target)) + " --out " + quote(out.string()));
    ASSERT_EQ(r.code, 0) << r;
    const auto plan = nlohmann::json::parse(read_text(out / "plan.json"));
    EXPECT_EQ(plan["answers"][0]["workers"].get<int>(), erlang) << r;
    EXPECT_TRUE(plan["at_answer"][0]["meets"].get<bool>());
    EXPECT_EQ(plan["answers"][0]["one_step_below"]["workers"].get<int>(), erlang - 1);
    const std::string csv = read_text(out / "plan.csv");
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "team,fte,workers,kpi,group,mean,ci_low,ci_high,bound,target,meets,op,fte_per_worker,allocation,n");
    EXPECT_TRUE(fs::exists(out / "provenance.json"));
    EXPECT_TRUE(fs::exists(out / "answer" / "kpis.csv"));
    EXPECT_NE(r.out.find("servers needs " + std::to_string(erlang) + " FTE (" + std::to_string(erlang) + " workers at 1)"),
              std::string::npos)
        << r;
  }
}

TEST_F(PlanCalibrateTest, PlanReportsInfeasibleAndBadTargets) {
  const std::string mmc = (kSource / "tests/data/mmc.toml").string();
  auto r = cli("plan " + quote(mmc) + " --team servers --whole-workers -r 5 -q --max-fte 6 --target " +
               quote("intake_wait_days_mean <= 0.0001") + " --out " + quote((root / "inf").string()));
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_NE(r.out.find("even at 6 FTE"), std::string::npos) << r;
  r = cli("plan " + quote(mmc) + " --team servers -r 5 -q --target " + quote("no_such_kpi <= 3") + " --out " +
          quote((root / "bad").string()));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find("unknown KPI no_such_kpi"), std::string::npos) << r;
  r = cli("plan " + quote(mmc) + " --team nobody -r 5 -q --target " + quote("intake_wait_days_mean <= 3"));
  EXPECT_EQ(r.code, 2) << r;
  r = cli("plan " + quote(mmc) + " --team servers -r 5 -q --target " + quote("intake_wait_within_norm_share >= 1.5"));
  EXPECT_EQ(r.code, 2) << r;
}

// Targets generated by the model at known rates (gp 45, self-referral 80 per 1,000 youth), then
// fitted from the scenario's 60 and 60 on the same seed and replications.
TEST_F(PlanCalibrateTest, CalibrateRecoversKnownRates) {
  const std::string tiny = (kSource / "tests/data/tiny.toml").string();
  const std::string common = " -r 4 -q --set population.inhabitants=20000";
  auto r = cli("run " + quote(tiny) + common +
               " --set channels.gp.rate_per_1000_youth_per_year=45 --set channels.self_referral.rate_per_1000_youth_per_year=80"
               " --out " + quote((root / "truth").string()));
  ASSERT_EQ(r.code, 0) << r;
  std::map<std::string, double> truth;
  std::istringstream summary(read_text(root / "truth" / "summary.csv"));
  for (std::string line; std::getline(summary, line);)
    for (const std::string g : {"channel:gp", "channel:self_referral"})
      if (line.rfind("arrivals_per_year," + g + ",", 0) == 0)
        truth[g] = std::stod(line.substr(line.find(',', line.find(',') + 1) + 1)) / 4.0;  // per 1,000 of 4,000 youth
  ASSERT_EQ(truth.size(), 2u);
  const fs::path targets = root / "targets.csv";
  std::ofstream(targets) << "kpi,group,value,low,high,year,population_base,source\n"
                         << "arrivals_per_year,channel:gp," << truth["channel:gp"] << ",,,2024,per_1000_youth,model at gp=45\n"
                         << "arrivals_per_year,channel:self_referral," << truth["channel:self_referral"]
                         << ",,,2024,per_1000_youth,model at self_referral=80\n";
  const fs::path out = root / "cal";
  r = cli("calibrate " + quote(tiny) + common + " --targets " + quote(targets.string()) +
          " --free channels.gp.rate_per_1000_youth_per_year=20:100 --free "
          "channels.self_referral.rate_per_1000_youth_per_year=20:100 --tolerance 0.02 --max-evaluations 100 --out " +
          quote(out.string()));
  ASSERT_EQ(r.code, 0) << r;
  const std::string toml = read_text(out / "calibrated.toml");
  auto fitted = [&](const std::string& key) {
    const auto at = toml.find(key + " = ");
    EXPECT_NE(at, std::string::npos) << toml;
    return std::stod(toml.substr(at + key.size() + 3));
  };
  EXPECT_NEAR(fitted("channels.gp.rate_per_1000_youth_per_year"), 45, 45 * 0.03) << r;
  EXPECT_NEAR(fitted("channels.self_referral.rate_per_1000_youth_per_year"), 80, 80 * 0.03) << r;
  // Every observed value lies within the simulated CI at the fitted parameters.
  std::istringstream fit(read_text(out / "fit.csv"));
  std::string line;
  std::getline(fit, line);
  EXPECT_EQ(line.rfind("target,kpi,group,observed,simulated_mean,simulated_ci_low,simulated_ci_high,within_tolerance", 0), 0u)
      << line;
  int rows = 0;
  while (std::getline(fit, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    const double observed = std::stod(f[3]), low = std::stod(f[5]), high = std::stod(f[6]);
    EXPECT_LE(low, observed) << line;
    EXPECT_GE(high, observed) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 2);
  EXPECT_TRUE(fs::exists(out / "trajectory.csv"));
  // The calibrated scenario includes the original and runs.
  r = cli("validate " + quote((out / "calibrated.toml").string()));
  EXPECT_EQ(r.code, 0) << r;
}

TEST_F(PlanCalibrateTest, CalibrateRefusesBadTargetRows) {
  const std::string tiny = (kSource / "tests/data/tiny.toml").string();
  const fs::path targets = root / "bad.csv";
  std::ofstream(targets) << "kpi,group,value,low,high,year,population_base,source\n"
                            "arrivals_per_year,channel:gp,60,50,70,2024,per_1000_youth,ok\n"
                            "arrivals_per_decade,channel:gp,60,,,2024,per_1000_youth,unknown kpi\n"
                            "arrivals_per_year,channel:gp,60,,,2024,per_1000_youth,\n"
                            "arrivals_per_year,channel:gp,-3,,,2024,absolute,negative\n"
                            "arrivals_per_year,channel:gp,60,70,50,2024,absolute,low above high\n"
                            "arrivals_per_year,channel:gp,6O,,,2024,absolute,bad number\n";
  const fs::path out = root / "cal-bad";
  const auto r = cli("calibrate " + quote(tiny) + " -r 2 -q --targets " + quote(targets.string()) +
                     " --free channels.gp.rate_per_1000_youth_per_year=20:100 --out " + quote(out.string()));
  EXPECT_EQ(r.code, 2) << r;
  const std::string f = targets.string();
  EXPECT_NE(r.err.find(f + ":4: column source: missing"), std::string::npos) << r;
  EXPECT_NE(r.err.find(f + ":5: column value: -3 is negative"), std::string::npos) << r;
  EXPECT_NE(r.err.find(f + ":6: column low: low 70 is above high 50"), std::string::npos) << r;
  EXPECT_NE(r.err.find(f + ":7: column value: \"6O\" is not a number"), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(out));
  // With the syntax fixed, the unknown KPI is reported the same way.
  std::ofstream(targets) << "kpi,group,value,low,high,year,population_base,source\n"
                            "arrivals_per_decade,channel:gp,60,,,2024,per_1000_youth,unknown kpi\n";
  const auto r2 = cli("calibrate " + quote(tiny) + " -r 2 -q --targets " + quote(targets.string()) +
                      " --free channels.gp.rate_per_1000_youth_per_year=20:100 --out " + quote(out.string()));
  EXPECT_EQ(r2.code, 2) << r2;
  EXPECT_NE(r2.err.find(f + ":2: column kpi: unknown KPI \"arrivals_per_decade\""), std::string::npos) << r2;
  EXPECT_FALSE(fs::exists(out));
}

// check-targets on the M/M/c reduction at c = 4: Erlang C's Wq(4) = 0.179 days. With 10
// replications the mean wait's standard error is about 0.009 (95% half-width 0.02, see above), so
// a band of Wq(4) -/+ 50% is about 10 standard errors wide on each side (inside with certainty)
// and a band around 10 x Wq(4) lies about 170 standard errors away (outside with certainty).
TEST_F(PlanCalibrateTest, CheckTargetsSaysWhichTargetsLieOutsideTheirBand) {
  const std::string mmc = (kSource / "tests/data/mmc.toml").string();
  const double wq = test_support::erlang_c_mean_wait(2.4, 1.0, 4);
  ASSERT_NEAR(wq, 0.179, 0.001);
  auto targets = [&](const fs::path& file, const std::string& far_input) {
    std::ofstream(file) << "kpi,group,value,low,high,year,population_base,source,input\n"
                        << "intake_wait_days_mean,team:servers," << wq << "," << 0.5 * wq << "," << 1.5 * wq
                        << ",2024,absolute,Erlang C Wq(4),no\n"
                        << "intake_wait_days_mean,team:servers," << 10 * wq << "," << 9 * wq << "," << 11 * wq
                        << ",2024,absolute,ten times Erlang C," << far_input << "\n";
  };
  const std::string common = " -r 10 -q --set teams.servers.workers=4 --out ";
  targets(root / "evidence.csv", "no");
  auto r = cli("check-targets " + quote(mmc) + " " + quote((root / "evidence.csv").string()) + common +
               quote((root / "a").string()));
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_NE(r.err.find("1 of 2 targets that count as evidence lie outside their band"), std::string::npos) << r;
  const std::string csv = read_text(root / "a" / "targets-check.csv");
  std::istringstream lines(csv);
  std::string header, inside, outside;
  std::getline(lines, header);
  std::getline(lines, inside);
  std::getline(lines, outside);
  EXPECT_EQ(header, "target,kpi,group,public_value,band_low,band_high,model_mean,model_ci_low,model_ci_high,"
                    "replications,inside_band,input,population_base,year,source");
  EXPECT_NE(inside.find(",10,yes,no,absolute,2024,"), std::string::npos) << inside;
  EXPECT_NE(outside.find(",10,no,no,absolute,2024,"), std::string::npos) << outside;
  // The model's mean is Erlang C's within its own interval's reach (both rows hold the same KPI).
  const auto field = [](const std::string& row, int index) {
    std::size_t at = 0;
    for (int i = 0; i < index; ++i) at = row.find(',', at) + 1;
    return std::stod(row.substr(at, row.find(',', at) - at));
  };
  EXPECT_LE(field(inside, 7), wq + 0.05) << inside;
  EXPECT_GE(field(inside, 8), wq - 0.05) << inside;
  EXPECT_TRUE(fs::exists(root / "a" / "provenance.json"));

  // The same far target marked as a model input read back is no evidence: exit 0.
  targets(root / "input.csv", "yes");
  r = cli("check-targets " + quote(mmc) + " " + quote((root / "input.csv").string()) + common +
          quote((root / "b").string()));
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_NE(r.out.find("model input read back"), std::string::npos) << r;

  // A bad yes/no names the file, line and column; nothing is run.
  const fs::path bad = root / "bad.csv";
  std::ofstream(bad) << "kpi,group,value,low,high,year,population_base,source,input\n"
                     << "intake_wait_days_mean,team:servers,1,,,2024,absolute,x,maybe\n";
  r = cli("check-targets " + quote(mmc) + " " + quote(bad.string()) + common + quote((root / "c").string()));
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_NE(r.err.find(bad.string() + ":2: column input: \"maybe\" is not yes or no"), std::string::npos) << r;
  EXPECT_FALSE(fs::exists(root / "c"));
}

}  // namespace
}  // namespace jeugdsim::cli
