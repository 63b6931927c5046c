// The calibration driver: the objective (its cache and the penalty for invalid points), the
// checks before anything runs, and the outputs on the small test scenario.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "experiment/CalibrationDriver.hpp"
#include "experiment/Summary.hpp"

namespace jeugdsim::experiment {
namespace {

namespace fs = std::filesystem;

scenario::LoadedScenario tiny() {
  scenario::Diagnostics diags;
  auto loaded = scenario::load_care_scenario(std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/tiny.toml", diags);
  EXPECT_TRUE(loaded.has_value()) << diags.format_all();
  return std::move(*loaded);
}

ExperimentSettings fixed(std::uint32_t n) {
  ExperimentSettings s;
  s.range = {0, n};
  s.threads = 2;
  return s;
}

CalibrationTarget target(const std::string& kpi, const std::string& group, double value) {
  CalibrationTarget t;
  t.id = "test:1";
  t.kpi = kpi;
  t.group = group;
  t.value = value;
  t.source = "test";
  return t;
}

FreeParameter gp_rate(const scenario::ScenarioDocument& doc) {
  scenario::Diagnostics diags;
  auto p = parse_free_parameter("channels.gp.rate_per_1000_youth_per_year=20:100", doc, diags);
  EXPECT_TRUE(p.has_value()) << diags.format_all();
  return *p;
}

TEST(CalibrationObjective, IsZeroAtTheSimulatedMeanAndCachesEveryPoint) {
  const auto base = tiny();
  const FreeParameter free = gp_rate(base.document);
  const std::string start = parameter_text(free.start, free);
  // The simulated mean at the start, measured with the same seed, replications and warm-up.
  CalibrationObjective probe(base.document, {free}, {target("arrivals_per_year", "channel:gp", 1)}, 0.1, fixed(2),
                             base.parameters.simulation.warmup_days);
  const double mean = finite_mean(kpi_values(probe.at({start}).results, "arrivals_per_year", "channel:gp"));
  ASSERT_GT(mean, 0);
  EXPECT_NEAR(probe.at({start}).objective, std::pow((mean - 1) / 0.1, 2), 1e-6 * mean * mean);

  CalibrationObjective objective(base.document, {free}, {target("arrivals_per_year", "channel:gp", mean)}, 0.1, fixed(2),
                                 base.parameters.simulation.warmup_days);
  EXPECT_NEAR(objective.at({start}).objective, 0.0, 1e-12);
  EXPECT_EQ(objective.points_run(), 1u);
  EXPECT_EQ(&objective.at({start}), &objective.at({start}));  // cached, not run again
  EXPECT_EQ(objective.points_run(), 1u);
  // Twice the rate: more GP signals, so the objective grows.
  EXPECT_GT(objective.at({parameter_text(free.start * 2, free)}).objective, 1.0);
  EXPECT_EQ(objective.points_run(), 2u);
}

TEST(CalibrationObjective, PenalisesPointsThatAreNoValidScenario) {
  const auto base = tiny();
  FreeParameter free = gp_rate(base.document);
  CalibrationObjective objective(base.document, {free}, {target("arrivals_per_year", "channel:gp", 10)}, 0.1, fixed(2),
                                 0);
  const auto& point = objective.at({"-5"});  // a negative rate is refused by the scenario rules
  EXPECT_EQ(point.objective, kInvalidPointPenalty);
  EXPECT_TRUE(point.results.empty());
}

TEST(CalibrationDriver, ReportsBadTargetsAndFreeParametersBeforeRunning) {
  const auto base = tiny();
  const fs::path dir = fs::temp_directory_path() / ("jeugdsim-caldriver-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "t.csv") << "kpi,group,value,low,high,year,population_base,source\n"
                                  "arrivals_per_decade,channel:gp,60,,,2024,per_1000_youth,unknown kpi\n";
  CalibrationRequest r;
  r.scenario_file = std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/tiny.toml";
  r.targets_files = {(dir / "t.csv").string()};
  r.free = {"no.such.key"};
  scenario::Diagnostics diags;
  CalibrationDriver driver(base, r, diags);
  // The free parameter is refused; target names are checked only once everything else is valid.
  ASSERT_EQ(diags.count(), 1u) << diags.format_all();
  EXPECT_EQ(diags.all()[0].key, "no.such.key");
  r.free.clear();
  scenario::Diagnostics diags2;
  CalibrationDriver driver2(base, r, diags2);
  ASSERT_EQ(diags2.count(), 1u) << diags2.format_all();
  EXPECT_NE(diags2.format_all().find(":2: column kpi: unknown KPI \"arrivals_per_decade\""), std::string::npos)
      << diags2.format_all();
  fs::remove_all(dir);
}

TEST(CalibrationDriver, FitsAndAssemblesItsOutputs) {
  const auto base = tiny();
  const fs::path dir = fs::temp_directory_path() / ("jeugdsim-caldriver-fit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "t.csv") << "kpi,group,value,low,high,year,population_base,source\n"
                                  "arrivals_per_year,channel:gp,12,,,2024,per_1000_youth,test figure\n";
  CalibrationRequest r;
  r.scenario_file = std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/tiny.toml";
  r.targets_files = {(dir / "t.csv").string()};
  r.free = {"channels.gp.rate_per_1000_youth_per_year=5:100"};
  r.max_evaluations = 15;
  r.overrides = {"teams.jeugd.workers=4"};
  r.seed = 9;
  scenario::Diagnostics diags;
  CalibrationDriver driver(base, r, diags);
  ASSERT_TRUE(diags.ok()) << diags.format_all();
  int notes = 0;
  const auto report =
      driver.run(fixed(2), [&](const std::string& line) { notes += line.rfind("calibrate: ", 0) == 0; }, dir / "out",
                 "2026-01-01T00:00:00Z");
  EXPECT_EQ(report.evaluations, 15);
  EXPECT_EQ(notes, 15);
  EXPECT_LT(report.objective_fitted, report.objective_start);
  // trajectory.csv: a header and one row per evaluation.
  EXPECT_EQ(report.trajectory_csv.rfind("evaluation,iteration,channels.gp.rate_per_1000_youth_per_year,objective\n", 0), 0u);
  EXPECT_EQ(std::count(report.trajectory_csv.begin(), report.trajectory_csv.end(), '\n'), 16);
  // calibrated.toml includes the scenario from the results folder, then the --set overrides,
  // the seed and the fitted value.
  const std::string& toml = report.calibrated_toml;
  EXPECT_NE(toml.find("on 2026-01-01T00:00:00Z\n"), std::string::npos) << toml;
  // The include is the scenario's path relative to the results folder (however deep the source
  // tree and the temporary folder lie).
  const std::string relative = std::filesystem::absolute(r.scenario_file).lexically_normal()
                                   .lexically_relative(std::filesystem::absolute(dir / "out").lexically_normal())
                                   .generic_string();
  EXPECT_EQ(relative.rfind("../", 0), 0u) << relative;
  EXPECT_NE(toml.find("include = \"" + relative + "\"\n"), std::string::npos) << toml;
  EXPECT_NE(toml.find("teams.jeugd.workers = 4   # --set\nsimulation.seed = 9   # --seed\n"
                      "channels.gp.rate_per_1000_youth_per_year = " + report.best_values[0] + "   # fitted in [5, 100], was "),
            std::string::npos)
      << toml;
  EXPECT_EQ(report.fit_csv.rfind("target,kpi,group,observed,simulated_mean,", 0), 0u);
  const auto prov = nlohmann::json::parse(report.provenance_json);
  EXPECT_EQ(prov["evaluations"], 15);
  EXPECT_EQ(prov["free_parameters"][0]["fitted"], report.best_values[0]);
  ASSERT_EQ(report.parameter_lines.size(), 1u);
  EXPECT_EQ(report.parameter_lines[0].rfind("  channels.gp.rate_per_1000_youth_per_year = " + report.best_values[0], 0), 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jeugdsim::experiment
