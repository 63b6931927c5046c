// Statistical validation with bounded work: the M/M/c reduction of the model against Erlang C.
#include <cmath>
#include <cstdio>

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include "experiment/ExperimentTestSupport.hpp"
#include "engine/stats/StudentT.hpp"
#include "experiment/ReplicationRunner.hpp"
#include "experiment/Summary.hpp"

namespace {

using namespace jeugdsim;

TEST(MmcValidation, ConfidenceIntervalsCoverErlangCAtTheNominalRate) {
  // lambda = 2.4 a day, mu = 1 a day, c = 3 (utilisation 0.8): Erlang C mean wait 1.0787 days.
  // 60 independent experiments (seeds 1..60) of 8 replications each, 2000 measured days after
  // 200 days of warm-up. If the model is an M/M/c queue and the interval is honest, the number
  // of intervals covering the true value is Binomial(60, 0.95); accept the central 99.9% of
  // that distribution (Boost.Math quantiles), so a correct model fails this test about once in
  // a thousand runs and the seeds are fixed.
  const double truth = test_support::erlang_c_mean_wait(2.4, 1.0, 3);
  ASSERT_NEAR(truth, 1.078651685, 1e-6);
  const int experiments = 60;
  int covered = 0;
  for (int k = 1; k <= experiments; ++k) {
    const auto p = test_support::load_test_scenario("mmc.toml", {{"simulation.seed", std::to_string(k)}});
    experiment::RunnerOptions o;
    o.range = {0, 8};
    o.warmup_days = p.simulation.warmup_days;
    const auto results = experiment::run_replications(p, o).results;
    const auto ci = engine::t_confidence_interval(experiment::kpi_values(results, "intake_wait_days_mean", "team:servers"));
    if (ci.low <= truth && truth <= ci.high) ++covered;
  }
  RecordProperty("covered", covered);
  std::printf("[ coverage ] %d of %d intervals covered Erlang C (%.4f)\n", covered, experiments, truth);
  const boost::math::binomial_distribution<double> coverage(experiments, 0.95);
  const double low = boost::math::quantile(coverage, 0.0005), high = boost::math::quantile(coverage, 0.9995);
  EXPECT_GE(covered, low) << covered << " of " << experiments << " intervals covered Erlang C";
  EXPECT_LE(covered, high) << covered << " of " << experiments << " intervals covered Erlang C";
}

TEST(MmcValidation, UtilisationEqualsOfferedLoadPerServer) {
  // Each worker holds at most one case, so the time-average caseload per worker is the server
  // utilisation lambda / (c mu) = 0.8; over 20 replications its CI must contain 0.8.
  const auto p = test_support::load_test_scenario("mmc.toml");
  experiment::RunnerOptions o;
  o.range = {0, 20};
  o.warmup_days = p.simulation.warmup_days;
  const auto results = experiment::run_replications(p, o).results;
  const auto ci = engine::t_confidence_interval(experiment::kpi_values(results, "caseload_per_worker_mean", "team:servers"));
  EXPECT_LE(ci.low, 0.8);
  EXPECT_GE(ci.high, 0.8);
}

TEST(MmcValidation, MeanQueueLengthEqualsErlangCLq) {
  // The time-average number waiting, Lq = lambda * Wq = 2.4 * 1.0787 = 2.5888 (Erlang C), must
  // lie in the 95% CI of waiting_list_length_mean over 20 replications; so must the
  // probability of waiting implied by the wait (Wq * (c mu - lambda) = P(wait) = 0.6472), via
  // the share of intakes within zero days (norm 0 below).
  const double lambda = 2.4, mu = 1.0;
  const int c = 3;
  const double wq = test_support::erlang_c_mean_wait(lambda, mu, c);
  const double lq = lambda * wq;
  ASSERT_NEAR(lq, 2.58876404, 1e-6);
  const auto p = test_support::load_test_scenario("mmc.toml", {{"simulation.intake_norm_days", "0"}});
  experiment::RunnerOptions o;
  o.range = {0, 20};
  o.warmup_days = p.simulation.warmup_days;
  const auto results = experiment::run_replications(p, o).results;
  const auto ci = engine::t_confidence_interval(experiment::kpi_values(results, "waiting_list_length_mean", "team:servers"));
  std::printf("[ Lq ] %.4f (%.4f to %.4f), Erlang C %.4f\n", ci.mean, ci.low, ci.high, lq);
  EXPECT_LE(ci.low, lq);
  EXPECT_GE(ci.high, lq);
  const double p_wait = wq * (c * mu - lambda);
  const auto served_at_once = engine::t_confidence_interval(
      experiment::kpi_values(results, "intake_wait_within_norm_share", "team:servers"));
  EXPECT_LE(served_at_once.low, 1.0 - p_wait);
  EXPECT_GE(served_at_once.high, 1.0 - p_wait);
}

}  // namespace
