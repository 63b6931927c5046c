#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/Comparison.hpp"
#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/ReplicationRunner.hpp"
#include "experiment/Summary.hpp"

namespace {

using namespace jeugdsim;

TEST(PairedDifference, MatchesHandComputedInterval) {
  // d = {1, 2, 3, 4}: mean 2.5, sd 1.290994, se 0.645497, t(0.975, 3) = 3.182446.
  const auto ci = experiment::paired_difference({10, 10, 10, 10}, {11, 12, 13, 14});
  EXPECT_NEAR(ci.mean, 2.5, 1e-12);
  EXPECT_NEAR(ci.half_width, 3.182446 * 0.645497, 1e-5);
  EXPECT_EQ(ci.n, 4u);
}

TEST(PairedDifference, SkipsUndefinedPairs) {
  const auto ci = experiment::paired_difference({1, std::nan(""), 3}, {2, 5, std::nan("")});
  EXPECT_EQ(ci.n, 1u);
  EXPECT_DOUBLE_EQ(ci.mean, 1.0);
}

std::vector<care::ReplicationResult> run(const care::CareParameters& p, std::uint32_t n) {
  experiment::RunnerOptions o;
  o.range = {0, n};
  o.threads = 2;
  o.warmup_days = p.simulation.warmup_days;
  return experiment::run_replications(p, o).results;
}

TEST(CommonRandomNumbers, PairedDifferenceIsNarrowerThanIndependentStreams) {
  // Two scenarios that differ only in FTE (3 vs 4 servers of an M/M/c team). Under common
  // random numbers replication r of both sees the same arrivals and service times, so the
  // paired difference cancels most of the noise; with independent streams (another seed for
  // B) the difference's half-width is sqrt(hw_A^2 + hw_B^2) (same n, same t quantile).
  const auto a = test_support::load_test_scenario("mmc.toml");
  const auto b = test_support::load_test_scenario("mmc.toml", {{"teams.servers.workers", "4"}});
  const auto b_independent =
      test_support::load_test_scenario("mmc.toml", {{"teams.servers.workers", "4"}, {"simulation.seed", "777"}});
  const std::uint32_t n = 10;
  const auto ra = run(a, n), rb = run(b, n), rbi = run(b_independent, n);
  const std::string kpi = "intake_wait_days_mean", group = "team:servers";
  const auto va = experiment::kpi_values(ra, kpi, group);
  const auto paired = experiment::paired_difference(va, experiment::kpi_values(rb, kpi, group));
  const auto ci_a = engine::t_confidence_interval(va);
  const auto ci_bi = engine::t_confidence_interval(experiment::kpi_values(rbi, kpi, group));
  const double independent = std::sqrt(ci_a.half_width * ci_a.half_width + ci_bi.half_width * ci_bi.half_width);
  EXPECT_LT(paired.mean, 0.0) << "a fourth server must shorten the wait";
  EXPECT_LT(paired.half_width, independent) << "paired " << paired.half_width << " vs independent " << independent;
}

TEST(Comparison, ReportsEveryKpiPerScenarioAndDifferencesAgainstTheFirst) {
  const auto a = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "300"}});
  const auto b = test_support::load_test_scenario("mmc.toml", {{"simulation.horizon_days", "300"}, {"teams.servers.workers", "4"}});
  const auto ra = run(a, 3), rb = run(b, 3);
  const auto rows = experiment::compare_scenarios({"a", "b"}, {ra, rb});
  ASSERT_EQ(rows.size(), 2 * ra[0].kpis.size());
  for (const auto& row : rows) {
    if (row.scenario == "a") {
      EXPECT_TRUE(std::isnan(row.difference.mean)) << row.kpi;
    } else if (std::isfinite(row.value.mean) && row.difference.n == 3) {
      const auto ref = experiment::kpi_values(ra, row.kpi, row.group);
      const auto oth = experiment::kpi_values(rb, row.kpi, row.group);
      double mean = 0;
      for (std::size_t i = 0; i < 3; ++i) mean += (oth[i] - ref[i]) / 3.0;
      EXPECT_NEAR(row.difference.mean, mean, 1e-9 * (1 + std::abs(mean))) << row.kpi << " " << row.group;
    }
  }
}

}  // namespace
