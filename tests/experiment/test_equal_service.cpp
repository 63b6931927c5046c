// compare --equal-service on the M/M/c reduction: one pooled team (tests/data/mmc.toml, 2.4
// families a day) against the same arrivals split over two teams (tests/data/mmc-split.toml, 1.6
// and 0.8 a day). Every team is an M/M/c queue with exponential service of mean 1 day, so the
// least number of servers meeting a mean-wait target is Erlang C's, per team and per design.
#include <cmath>
#include <map>
#include <sstream>

#include <boost/math/distributions/students_t.hpp>
#include <gtest/gtest.h>

#include "experiment/EqualService.hpp"
#include "experiment/ExperimentTestSupport.hpp"

namespace jeugdsim::experiment {
namespace {

scenario::LoadedScenario load(const std::string& name) {
  scenario::Diagnostics diags;
  auto loaded = scenario::load_care_scenario(std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/" + name, diags);
  EXPECT_TRUE(loaded.has_value()) << diags.format_all();
  return std::move(*loaded);
}

ExperimentSettings fixed(std::uint32_t n) {
  ExperimentSettings s;
  s.range = {0, n};
  s.threads = 2;
  return s;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) f.push_back(cell);
  if (!line.empty() && line.back() == ',') f.emplace_back();
  return f;
}

// plan.csv rows of one team: workers -> (mean, ci_low, ci_high, n).
struct Level {
  double mean, low, high;
  int n;
};
std::map<int, Level> levels_of(const std::string& plan_csv, const std::string& team) {
  std::map<int, Level> out;
  std::stringstream in(plan_csv);
  std::string line;
  std::getline(in, line);  // header: team,fte,workers,kpi,group,mean,ci_low,ci_high,bound,target,meets,op,fte_per_worker,allocation,n
  while (std::getline(in, line)) {
    const auto f = split_csv_line(line);
    if (f.size() < 15 || f[0] != team) continue;
    out[std::stoi(f[2])] = Level{std::stod(f[5]), std::stod(f[6]), std::stod(f[7]), std::stoi(f[14])};
  }
  return out;
}

// The target 0.5 days against Erlang C (mu = 1):
//   pooled, lambda 2.4: Wq(3) = 1.079, Wq(4) = 0.179  -> 4 servers
//   team a, lambda 1.6: Wq(2) = 1.778, Wq(3) = 0.196  -> 3 servers
//   team b, lambda 0.8: Wq(1) = 4.000, Wq(2) = 0.190  -> 2 servers
// The planner says "meets" when the one-sided 95% upper bound mean + t(0.95, n-1) * se is at most
// the target. The least c is then unambiguous when, in units of the standard error se of the
// mean over replications, the target lies at least t(0.95, n-1) + 4 se above Wq(c) (so the
// bound at c fails only when the mean is 4 se too high: probability below 1e-4) and at least 4
// se below Wq(c - 1) (so the bound there meets only when the mean is 4 se too low). The test
// asserts these margins with se measured on the very replications the planner used (from the
// 95% intervals in plan.csv), so a change that made the decision knife-edge fails loudly
// instead of flipping at random; then it asserts the answer is exactly Erlang C's c.
TEST(EqualService, RecoversErlangCsLeastServersPerDesign) {
  const auto pooled = load("mmc.toml");
  const auto split = load("mmc-split.toml");
  const double target = 0.5;
  const std::vector<EqualServiceDesign> designs = {{"mmc", "mmc.toml", &pooled, {}},
                                                   {"mmc-split", "mmc-split.toml", &split, {}}};
  EqualServiceRequest request;
  request.targets = {"intake_wait_days_mean <= 0.5"};
  request.warmup_days = pooled.parameters.simulation.warmup_days;
  ASSERT_NO_THROW(check_equal_service_request(designs, request));
  const std::uint32_t n = 8;
  std::vector<SizedDesign> sized;
  for (const auto& d : designs) sized.push_back(size_design(d, request, fixed(n), [](const std::string&) {}));

  struct Expect {
    std::size_t design;
    std::string team;
    double lambda;
    int c;
  };
  const std::vector<Expect> expected = {{0, "servers", 2.4, 4}, {1, "a", 1.6, 3}, {1, "b", 0.8, 2}};
  const boost::math::students_t t_dist(n - 1);
  const double t95 = boost::math::quantile(t_dist, 0.95);
  const double t975 = boost::math::quantile(t_dist, 0.975);
  for (const auto& e : expected) {
    SCOPED_TRACE(e.team);
    const double at_c = test_support::erlang_c_mean_wait(e.lambda, 1.0, e.c);
    const double below = test_support::erlang_c_mean_wait(e.lambda, 1.0, e.c - 1);
    ASSERT_LT(at_c, target);
    ASSERT_GT(below, target);
    const auto levels = levels_of(sized[e.design].plan.plan_csv, e.team);
    ASSERT_TRUE(levels.count(e.c) && levels.count(e.c - 1)) << sized[e.design].plan.plan_csv;
    const Level& lc = levels.at(e.c);
    const Level& lb = levels.at(e.c - 1);
    ASSERT_EQ(lc.n, static_cast<int>(n));
    const double se_c = (lc.high - lc.low) / (2 * t975);
    const double se_b = (lb.high - lb.low) / (2 * t975);
    ASSERT_GE(target - at_c, (t95 + 4) * se_c) << "knife-edge at c: choose another target";
    ASSERT_GE(below - target, 4 * se_b) << "knife-edge at c - 1: choose another target";
    // The simulation agrees with Erlang C at the answer (4 standard errors: the M/M/c validation).
    EXPECT_NEAR(lc.mean, at_c, 4 * se_c);
    // The answer: Erlang C's least c, in whole workers at the file's FTE per worker.
    const TeamStaffing* team = nullptr;
    for (const auto& t : sized[e.design].teams)
      if (t.team == e.team) team = &t;
    ASSERT_NE(team, nullptr);
    EXPECT_TRUE(team->sized);
    EXPECT_EQ(team->staffing.workers, e.c);
    EXPECT_EQ(team->staffing.fte_per_worker, 1.0);
  }
  EXPECT_EQ(sized[0].workers(), 4);
  EXPECT_EQ(sized[1].workers(), 5);
  // The compared runs are the planner's answer (nothing re-run): n replications at that staffing.
  ASSERT_TRUE(sized[1].plan.answer_scenario.has_value());
  EXPECT_EQ(sized[1].plan.answer_scenario->parameters.teams[0].workers, 3);
  EXPECT_EQ(sized[1].plan.answer.output.results.size(), n);
  EXPECT_EQ(sized[1].plan.answer.warmup_days, request.warmup_days);

  // equal-service.csv: a row per team and a total per design, FTE difference with the first.
  const std::string csv = equal_service_csv(sized);
  std::stringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "scenario,team,sized,workers,fte_per_worker,fte,file_workers,file_fte,fte_diff,cost_eur_per_year_mean,"
            "cost_ci_low,cost_ci_high,cost_diff_mean,cost_diff_ci_low,cost_diff_ci_high,n");
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) rows.push_back(split_csv_line(line));
  ASSERT_EQ(rows.size(), 5u);  // mmc: servers, total; mmc-split: a, b, total
  EXPECT_EQ(rows[0][0] + "," + rows[0][1] + "," + rows[0][2] + "," + rows[0][3] + "," + rows[0][5] + "," + rows[0][6],
            "mmc,servers,true,4,4,3");
  EXPECT_EQ(rows[0][8], "NaN");  // the first design has no difference with itself
  EXPECT_EQ(rows[1][1], "total");
  EXPECT_EQ(rows[4][0] + "," + rows[4][1] + "," + rows[4][3] + "," + rows[4][5] + "," + rows[4][6] + "," + rows[4][8],
            "mmc-split,total,5,5,3,1");
  // Staff cost: the split design pays 5 FTE x 50,000 a year (no vacancies, no sickness in these
  // files); the pooled one nothing. Paired over replications the difference is exact.
  EXPECT_NEAR(std::stod(rows[4][9]), 250000, 1e-6);
  EXPECT_NEAR(std::stod(rows[4][12]), 250000, 1e-6);
  EXPECT_EQ(rows[4][15], std::to_string(n));

  const auto sentences = equal_service_sentences(sized, request.targets);
  ASSERT_GE(sentences.size(), 1u);
  EXPECT_EQ(sentences[0].rfind("to reach intake_wait_days_mean <= 0.5 the mmc-split design needs 1 more FTE than mmc "
                               "(5 vs 4) and costs EUR 0.25 million more a year",
                               0),
            0u)
      << sentences[0];
  const auto queues = equal_service_queue_lines(sized);
  ASSERT_EQ(queues.size(), 2u);
  EXPECT_EQ(queues[0].rfind("mmc: waiting lists stable: about ", 0), 0u) << queues[0];
}

// The pilot the equal-service compare hands the planner is the run the planner would have made
// itself: the plan is the same with and without it.
TEST(EqualService, GivenPilotIsThePlannersOwn) {
  const auto split = load("mmc-split.toml");
  PlanRequest r;
  r.scenario_file = "mmc-split.toml";
  r.scenario_id = "mmc-split";
  r.teams = {"a", "b"};
  r.targets = {"intake_wait_days_mean <= 0.5"};
  r.whole_workers = true;
  r.warmup_days = split.parameters.simulation.warmup_days;
  const auto settings = fixed(3);
  PlanDriver own(split, r);
  const PlanReport a = own.run(settings, [](const std::string&) {});
  PlanDriver given(split, r);
  auto pilot = run_experiment(split.parameters, settings, *r.warmup_days);
  const PlanReport b = given.run(settings, [](const std::string&) {}, std::move(pilot.output.results));
  EXPECT_EQ(a.plan_csv, b.plan_csv);
  EXPECT_EQ(a.plan_json, b.plan_json);
}

TEST(EqualService, RefusesBadRequestsBeforeRunning) {
  const auto pooled = load("mmc.toml");
  const auto split = load("mmc-split.toml");
  const std::vector<EqualServiceDesign> designs = {{"mmc", "mmc.toml", &pooled, {}},
                                                   {"mmc-split", "mmc-split.toml", &split, {}}};
  auto message = [&](std::vector<std::string> targets, std::vector<std::string> teams) {
    EqualServiceRequest r;
    r.targets = std::move(targets);
    r.size_teams = std::move(teams);
    try {
      check_equal_service_request(designs, r);
    } catch (const PlanInputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message({"intake_wait_days_mean < 0.5"}, {}).rfind("--equal-service: expected \"KPI <= VALUE\"", 0), 0u);
  EXPECT_EQ(message({"intake_wait_days_mean <= soon"}, {}),
            "--equal-service: the value of target \"intake_wait_days_mean <= soon\" is not a number");
  EXPECT_EQ(message({"intake_wait_days_mean <= -1"}, {}),
            "--equal-service \"intake_wait_days_mean <= -1\" can never hold (intake_wait_days_mean is never negative); "
            "nothing was run");
  EXPECT_EQ(message({}, {}).rfind("--equal-service needs a target", 0), 0u);
  EXPECT_EQ(message({"intake_wait_days_mean <= 0.5"}, {"nobody"}),
            "--size-teams: no scenario has a team nobody (teams: a, b, servers)");
  EXPECT_EQ(message({"intake_wait_days_mean <= 0.5"}, {"a"}),
            "--size-teams: mmc.toml has none of the teams a (its teams: servers); every design needs a team to size");
  EXPECT_EQ(message({"intake_wait_days_mean:team:a <= 0.5"}, {"a", "servers"}), "");
}

}  // namespace
}  // namespace jeugdsim::experiment
