// The plan driver: request checks before anything runs, group resolution on the pilot, and a
// known answer on the M/M/c reduction (tests/data/mmc.toml: lambda 2.4 a day, mean service 1 day).
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/PlanDriver.hpp"

namespace jeugdsim::experiment {
namespace {

scenario::LoadedScenario load(const std::string& name) {
  scenario::Diagnostics diags;
  auto loaded = scenario::load_care_scenario(std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/" + name, diags);
  EXPECT_TRUE(loaded.has_value()) << diags.format_all();
  return std::move(*loaded);
}

PlanRequest request(std::vector<std::string> teams, std::vector<std::string> targets) {
  PlanRequest r;
  r.scenario_file = "mmc.toml";
  r.scenario_id = "mmc";
  r.teams = std::move(teams);
  r.targets = std::move(targets);
  return r;
}

ExperimentSettings fixed(std::uint32_t n) {
  ExperimentSettings s;
  s.range = {0, n};
  s.threads = 2;
  return s;
}

std::string message_of(const scenario::LoadedScenario& base, const PlanRequest& r) {
  try {
    PlanDriver driver(base, r);
  } catch (const PlanInputError& e) {
    return e.what();
  }
  return "";
}

TEST(PlanDriver, RefusesBadTeamsAndImpossibleTargetsBeforeRunning) {
  const auto mmc = load("mmc.toml");
  EXPECT_EQ(message_of(mmc, request({"nobody"}, {"intake_wait_days_mean <= 3"})),
            "--team nobody: no such team in mmc.toml (teams: servers)");
  EXPECT_EQ(message_of(mmc, request({"servers", "servers"}, {"intake_wait_days_mean <= 3"})),
            "--team servers given twice");
  EXPECT_EQ(message_of(mmc, request({"servers"}, {"intake_wait_within_norm_share >= 1.5"})),
            "--target \"intake_wait_within_norm_share >= 1.5\" can never hold (intake_wait_within_norm_share is a share "
            "between 0 and 1); nothing was run");
  EXPECT_EQ(message_of(mmc, request({"servers"}, {"intake_wait_days_mean <= -1"})),
            "--target \"intake_wait_days_mean <= -1\" can never hold (intake_wait_days_mean is never negative); "
            "nothing was run");
  // A share is read from the registry, not from the name: a days KPI may be above 1.
  EXPECT_EQ(message_of(mmc, request({"servers"}, {"intake_wait_days_mean >= 1.5"})), "");
  EXPECT_NE(message_of(mmc, request({"servers"}, {"intake_wait_days_mean = 3"})).find("--target: expected"),
            std::string::npos);
}

TEST(PlanDriver, UnknownKpiOrGroupIsFoundOnThePilot) {
  const auto mmc = load("mmc.toml");
  std::vector<std::string> notes;
  auto note = [&](const std::string& line) { notes.push_back(line); };
  PlanDriver unknown(mmc, request({"servers"}, {"no_such_kpi <= 3"}));
  try {
    unknown.run(fixed(2), note);
    FAIL() << "no error";
  } catch (const PlanInputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown KPI no_such_kpi (KPIs: "), std::string::npos) << e.what();
  }
  ASSERT_EQ(notes.size(), 1u);  // the pilot ran, nothing else
  EXPECT_EQ(notes[0].rfind("plan: ran servers ", 0), 0u) << notes[0];
  PlanDriver group(mmc, request({"servers"}, {"intake_wait_days_mean[team:x] <= 3"}));
  EXPECT_THROW(group.run(fixed(2), note), PlanInputError);
}

// Erlang C: Wq(3) = 1.079, Wq(4) = 0.179 days, so a mean wait of at most 0.5 days needs 4
// servers; with whole workers the plan must find exactly that, and the evidence one below.
TEST(PlanDriver, FindsErlangCServersAndAssemblesItsOutputs) {
  const auto mmc = load("mmc.toml");
  ASSERT_GT(test_support::erlang_c_mean_wait(2.4, 1.0, 3), 0.5);
  ASSERT_LT(test_support::erlang_c_mean_wait(2.4, 1.0, 4), 0.5);
  auto r = request({"servers"}, {"intake_wait_days_mean <= 0.5"});
  r.whole_workers = true;
  r.overrides = {"simulation.seed=12"};
  PlanDriver driver(mmc, r);
  std::vector<std::string> notes;
  const PlanReport report = driver.run(fixed(6), [&](const std::string& line) { notes.push_back(line); });
  ASSERT_TRUE(report.feasible);
  ASSERT_EQ(report.messages.size(), 1u);
  EXPECT_EQ(report.messages[0].rfind("servers needs 4 FTE (4 workers at 1); at 3 FTE the intake_wait_days_mean[team:servers]", 0),
            0u)
      << report.messages[0];
  const auto plan = nlohmann::json::parse(report.plan_json);
  EXPECT_EQ(plan["answers"][0]["workers"], 4);
  EXPECT_EQ(plan["answers"][0]["one_step_below"]["workers"], 3);
  EXPECT_EQ(plan["targets"][0]["group"], "team:servers");
  EXPECT_EQ(plan["evaluations"], report.evaluations);
  // plan.csv: one row per staffing level run, sorted by FTE.
  EXPECT_EQ(report.plan_csv.rfind("team,fte,workers,kpi,group,mean,ci_low,ci_high,bound,target,meets,op,", 0), 0u);
  std::size_t rows = 0;
  for (char c : report.plan_csv) rows += c == '\n';
  EXPECT_EQ(rows, report.evaluations + 1);
  EXPECT_NE(report.plan_csv.find("\nservers,3,3,intake_wait_days_mean,team:servers,"), std::string::npos);
  EXPECT_NE(report.plan_csv.find("\nservers,4,4,intake_wait_days_mean,team:servers,"), std::string::npos);
  // The M/M/c first guess is noted and recorded.
  const auto prov = nlohmann::json::parse(report.provenance_json);
  EXPECT_EQ(prov["first_guesses"][0]["team"], "servers");
  EXPECT_EQ(prov["first_guesses"][0]["guess_from"][0], "intake_wait_days_mean");
  EXPECT_EQ(prov["overrides"][0], "simulation.seed=12");
  EXPECT_EQ(std::count_if(notes.begin(), notes.end(), [](const std::string& n) { return n.find("M/M/c first guess") != std::string::npos; }),
            1);
  // The answer as a run: the --set overrides first, then the staffing.
  ASSERT_TRUE(report.answer_scenario.has_value());
  EXPECT_EQ(report.answer_scenario->parameters.teams[0].workers, 4);
  EXPECT_EQ(report.answer_overrides,
            (std::vector<std::string>{"simulation.seed=12", "teams.servers.workers=4", "teams.servers.fte_per_worker=1"}));
  EXPECT_EQ(report.answer.range.count, 6u);
  EXPECT_EQ(report.answer.output.results.size(), 6u);
}

TEST(PlanDriver, ReportsTheFailingTargetWhenInfeasible) {
  const auto mmc = load("mmc.toml");
  auto r = request({"servers"}, {"intake_wait_days_mean <= 0.0001"});
  r.whole_workers = true;
  r.max_fte = 6;
  PlanDriver driver(mmc, r);
  const PlanReport report = driver.run(fixed(3), [](const std::string&) {});
  EXPECT_FALSE(report.feasible);
  ASSERT_EQ(report.messages.size(), 1u);
  EXPECT_EQ(report.messages[0].rfind("servers: even at 6 FTE (6 workers at 1) (the maximum searched) "
                                     "intake_wait_days_mean[team:servers] <= 0.0001 fails",
                                     0),
            0u)
      << report.messages[0];
  EXPECT_FALSE(report.answer_scenario.has_value());
  const auto plan = nlohmann::json::parse(report.plan_json);
  EXPECT_EQ(plan["infeasible"][0]["max_fte"], 6);
}

}  // namespace
}  // namespace jeugdsim::experiment
