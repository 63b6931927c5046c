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

// compare -r auto: two M/M/c systems (3 and 4 servers) on common random numbers.
struct PairedFixture {
  care::CareParameters three = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "400"}});
  care::CareParameters four = test_support::load_test_scenario(
      "mmc.toml", {{"simulation.horizon_days", "400"}, {"teams.servers.workers", "4"}});
  std::vector<const care::CareParameters*> scenarios{&three, &four};
  experiment::ExperimentSettings settings(double target, std::uint32_t max, unsigned threads) const {
    experiment::ExperimentSettings s;
    s.auto_replications = true;
    s.target_relative_half_width = target;
    s.min_replications = 3;
    s.max_replications = max;
    s.precision_kpis = {{"intake_wait_days_mean", "team:servers"}};
    s.threads = threads;
    return s;
  }
};

TEST(PairedSequentialReplications, StopsAtTheFirstReplicationMeetingTheRuleOnAnyThreadCount) {
  const PairedFixture f;
  const auto one = experiment::run_paired_sequential(f.scenarios, f.settings(0.25, 80, 1), 50);
  const auto two = experiment::run_paired_sequential(f.scenarios, f.settings(0.25, 80, 2), 50);
  ASSERT_EQ(one.scenarios.size(), 2u);
  ASSERT_EQ(two.scenarios.size(), 2u);
  for (std::size_t s = 0; s < 2; ++s)
    EXPECT_TRUE(same_results(one.scenarios[s].output.results, two.scenarios[s].output.results)) << "scenario " << s;
  const std::uint32_t n = one.range.count;
  EXPECT_EQ(two.range.count, n);
  EXPECT_TRUE(one.converged);
  ASSERT_GE(n, 3u);
  ASSERT_LT(n, 80u) << "this target is reachable well before the maximum";
  EXPECT_EQ(one.scenarios[1].output.results.size(), n);
  EXPECT_EQ(one.scenarios[1].output.results.back().replication, n - 1);
  EXPECT_LE(one.achieved_relative_half_width, 0.25);
  const auto first = [&](std::uint32_t k) {
    std::vector<std::vector<care::ReplicationResult>> head;
    for (const auto& r : one.scenarios)
      head.emplace_back(r.output.results.begin(), r.output.results.begin() + k);
    return head;
  };
  const auto targets = f.settings(0.25, 80, 1).precision_kpis;
  EXPECT_DOUBLE_EQ(experiment::worst_paired_relative_half_width(first(n), targets), one.achieved_relative_half_width);
  if (n > 3) {
    EXPECT_GT(experiment::worst_paired_relative_half_width(first(n - 1), targets), 0.25);
  }
  // The rule is stricter than each scenario's own run rule: the paired term is part of it.
  for (const auto& r : one.scenarios) EXPECT_LE(r.achieved_relative_half_width, 0.25);
}

TEST(PairedSequentialReplications, StopsAtTheMaximumWhenTheTargetIsOutOfReach) {
  const PairedFixture f;
  const auto r = experiment::run_paired_sequential(f.scenarios, f.settings(1e-6, 6, 2), 50);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.range.count, 6u);
  EXPECT_EQ(r.scenarios[0].output.results.size(), 6u);
  EXPECT_GT(r.achieved_relative_half_width, 1e-6);
  EXPECT_TRUE(std::isfinite(r.achieved_relative_half_width));
  // The same replications as a fixed run of 6 (replications 0-5 of each scenario).
  experiment::RunnerOptions fixed;
  fixed.range = {0, 6};
  fixed.warmup_days = 50;
  EXPECT_TRUE(same_results(r.scenarios[1].output.results, experiment::run_replications(f.four, fixed).results));
}

TEST(PairedSequentialReplications, ADifferenceIsMeasuredAgainstTheReferenceMean) {
  // Two identical scenarios: every paired difference is exactly zero, so the paired terms are 0
  // (a zero half-width), and only the means' own precision decides.
  const PairedFixture f;
  const std::vector<const care::CareParameters*> same{&f.three, &f.three};
  const auto r = experiment::run_paired_sequential(same, f.settings(0.25, 80, 2), 50);
  const auto alone = experiment::run_experiment(f.three, f.settings(0.25, 80, 2), 50);
  EXPECT_EQ(r.range.count, alone.range.count);
  // A KPI that is undefined (no such team) never meets the rule.
  std::vector<std::vector<care::ReplicationResult>> results{r.scenarios[0].output.results, r.scenarios[1].output.results};
  EXPECT_TRUE(std::isinf(experiment::worst_paired_relative_half_width(results, {{"intake_wait_days_mean", "team:nobody"}})));
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
