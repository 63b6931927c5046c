#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "experiment/Experiment.hpp"
#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/SweepDefinition.hpp"

namespace {

using namespace jeugdsim;

bool same_results(const std::vector<care::ReplicationResult>& a, const std::vector<care::ReplicationResult>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r].replication != b[r].replication || a[r].kpis.size() != b[r].kpis.size()) return false;
    for (std::size_t k = 0; k < a[r].kpis.size(); ++k) {
      const double x = a[r].kpis[k].value, y = b[r].kpis[k].value;
      // Bitwise equality (NaN == NaN when both are the same NaN).
      if (a[r].kpis[k].kpi != b[r].kpis[k].kpi || std::memcmp(&x, &y, sizeof x) != 0) return false;
    }
  }
  return true;
}

TEST(ReplicationRunner, ThreadCountDoesNotChangeResults) {
  const auto p = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "400"}});
  experiment::RunnerOptions one, two;
  one.range = two.range = {0, 6};
  one.warmup_days = two.warmup_days = 50;
  one.threads = 1;
  two.threads = 2;
  EXPECT_TRUE(same_results(experiment::run_replications(p, one).results, experiment::run_replications(p, two).results));
}

TEST(ReplicationRunner, SliceEqualsTheSameReplicationsOfAFullRun) {
  const auto p = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "400"}});
  experiment::RunnerOptions full, slice;
  full.range = {0, 5};
  slice.range = {3, 2};
  full.warmup_days = slice.warmup_days = 50;
  const auto f = experiment::run_replications(p, full).results;
  const auto s = experiment::run_replications(p, slice).results;
  EXPECT_TRUE(same_results({f[3], f[4]}, s));
}

TEST(SequentialReplications, StopsWhenPreciseEnoughAndIgnoresThreadCount) {
  const auto p = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "400"}});
  experiment::ExperimentSettings s;
  s.auto_replications = true;
  s.target_relative_half_width = 0.15;
  s.min_replications = 3;
  s.max_replications = 60;
  s.precision_kpis = {{"intake_wait_days_mean", "team:servers"}};
  s.threads = 1;
  const auto r1 = experiment::run_experiment(p, s, 50);
  s.threads = 2;
  const auto r2 = experiment::run_experiment(p, s, 50);
  EXPECT_TRUE(same_results(r1.output.results, r2.output.results));
  const std::uint32_t n = r1.range.count;
  ASSERT_GE(n, 3u);
  ASSERT_LT(n, 60u) << "this target is reachable well before the maximum";
  EXPECT_LE(r1.achieved_relative_half_width, 0.15);
  // One replication fewer must not have met the target (n is the first that does), unless
  // n is the minimum.
  if (n > 3) {
    std::vector<care::ReplicationResult> shorter(r1.output.results.begin(), r1.output.results.begin() + (n - 1));
    EXPECT_GT(experiment::worst_relative_half_width(shorter, s.precision_kpis), 0.15);
  }
}

TEST(SweepDefinition, GridHasOnePointPerCombinationNamedByCoordinates) {
  const std::vector<experiment::SweepAxis> axes = {{"teams.a.workers", {"10", "12", "14"}},
                                                   {"teams.a.handover_at_18", {"\"warm\"", "\"cold\""}}};
  const auto points = experiment::grid_points(axes);
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0].name, "teams.a.workers=10__teams.a.handover_at_18=warm");
  EXPECT_EQ(points[5].name, "teams.a.workers=14__teams.a.handover_at_18=cold");
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t j = i + 1; j < points.size(); ++j) EXPECT_NE(points[i].name, points[j].name);
}

TEST(SweepDefinition, ReadsTheDeclaredGridAndRefusesUnknownKeys) {
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(std::string(JEUGDSIM_SOURCE_DIR) + "/scenarios/integrated-fte-grid.toml", diags);
  ASSERT_TRUE(doc) << diags.format_all();
  auto axes = experiment::read_sweep_axes(*doc, diags);
  ASSERT_TRUE(axes) << diags.format_all();
  EXPECT_EQ(experiment::grid_points(*axes).size(), 15u);
  doc->apply_override("sweep.parameters", "[ { key = \"teams.nope.workers\", values = [1] } ]", diags);
  scenario::Diagnostics bad;
  EXPECT_FALSE(experiment::read_sweep_axes(*doc, bad));
  EXPECT_NE(bad.format_all().find("teams.nope.workers"), std::string::npos) << bad.format_all();
}

}  // namespace
