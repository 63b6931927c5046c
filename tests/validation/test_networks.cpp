// Statistical validation with bounded work: reductions of the model with known answers.
//  - tests/data/network.toml: an open Jackson network of three M/M/c teams joined by hand-offs,
//    against the traffic equations (solved with Eigen) and Erlang C at every station;
//  - tests/data/infinite_server.toml: an M/G/infinity provider (unlimited places), against
//    occupancy = arrival rate x mean duration.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include "engine/stats/StudentT.hpp"
#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/ReplicationRunner.hpp"
#include "experiment/Summary.hpp"

namespace {

using namespace jeugdsim;

std::vector<care::ReplicationResult> run(const care::CareParameters& p, std::uint32_t replications) {
  experiment::RunnerOptions o;
  o.range = {0, replications};
  o.warmup_days = p.simulation.warmup_days;
  return experiment::run_replications(p, o).results;
}

engine::ConfidenceInterval ci_of(const std::vector<care::ReplicationResult>& results, const std::string& kpi,
                                 const std::string& group, double level) {
  return engine::t_confidence_interval(experiment::kpi_values(results, kpi, group), level);
}

// Expects `truth` inside the interval; prints both so the run log shows the margins.
void expect_covers(const engine::ConfidenceInterval& ci, double truth, const std::string& what) {
  std::printf("[ %-38s ] %10.4f (%10.4f to %10.4f), theory %10.4f\n", what.c_str(), ci.mean, ci.low, ci.high, truth);
  EXPECT_LE(ci.low, truth) << what;
  EXPECT_GE(ci.high, truth) << what;
}

// The network of tests/data/network.toml, written as an open Jackson network: external
// arrivals gamma per day, routing matrix P (P(i, j): chance a family served at i goes on to j),
// servers c and service rates mu per station.
struct Network {
  std::vector<std::string> teams{"a", "b", "c"};
  Eigen::Vector3d gamma{1.5, 0.5, 0.0};  // 2 a day through the door: 0.75 to A, 0.25 to B
  Eigen::Matrix3d routing = (Eigen::Matrix3d() << 0, 0.6, 0.4,   // A -> B (parent need), A -> C (school)
                             0, 0, 0,                               // B hands nothing on
                             0, 0, 0)                               // C hands nothing on
                                .finished();
  std::vector<int> servers{2, 2, 1};
  std::vector<double> mu{1.0, 1.0, 0.8};  // 1 / mean intake days
};

TEST(NetworkValidation, TrafficEquationsGiveArrivalRatesUtilisationsAndWaits) {
  const Network net;
  // lambda = gamma + P^T lambda  <=>  (I - P^T) lambda = gamma.
  const Eigen::Matrix3d a = Eigen::Matrix3d::Identity() - net.routing.transpose();
  const Eigen::Vector3d lambda = a.colPivHouseholderQr().solve(net.gamma);
  ASSERT_NEAR(lambda(0), 1.5, 1e-12);
  ASSERT_NEAR(lambda(1), 1.4, 1e-12);
  ASSERT_NEAR(lambda(2), 0.6, 1e-12);

  const auto p = test_support::load_test_scenario("network.toml");
  // The scenario must say what the matrix says (so the two cannot drift apart).
  ASSERT_EQ(p.teams.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(p.teams[i].name, net.teams[i]);
    ASSERT_EQ(p.teams[i].workers, net.servers[i]);
    ASSERT_NEAR(1.0 / p.teams[i].intake_elapsed_days.mean(), net.mu[i], 1e-12);
  }
  const std::uint32_t replications = 20;
  const auto results = run(p, replications);
  // 3 stations x 4 quantities: 99% intervals keep the family-wise error near 10%; the seeds are
  // fixed, so the outcome is reproducible.
  const double level = 0.99;
  for (int i = 0; i < 3; ++i) {
    const std::string g = "team:" + net.teams[static_cast<std::size_t>(i)];
    const double c = net.servers[static_cast<std::size_t>(i)], mu = net.mu[static_cast<std::size_t>(i)];
    const double rho = lambda(i) / (c * mu);
    const double wq = test_support::erlang_c_mean_wait(lambda(i), mu, static_cast<int>(c));
    expect_covers(ci_of(results, "queue_joins_per_year", g, level), lambda(i) * 365.0, g + " arrivals/year");
    expect_covers(ci_of(results, "caseload_per_worker_mean", g, level), rho, g + " utilisation");
    expect_covers(ci_of(results, "intake_wait_days_mean", g, level), wq, g + " Wq (Erlang C)");
    expect_covers(ci_of(results, "waiting_list_length_mean", g, level), lambda(i) * wq, g + " Lq (Erlang C)");
  }
  // Hand-offs per family: each family that starts at A is handed on once per need outside A's
  // coverage: 0.75 x (0.6 + 0.4) = 0.75.
  expect_covers(ci_of(results, "handoffs_per_family", "all", level), 0.75, "hand-offs per family");
}

TEST(InfiniteServerValidation, OccupancyEqualsArrivalRateTimesMeanDuration) {
  const auto p = test_support::load_test_scenario("infinite_server.toml");
  ASSERT_EQ(p.providers.size(), 1u);
  ASSERT_TRUE(p.providers[0].unlimited);
  const double lambda = p.channels[0].rate_per_1000_youth_per_year * p.population.youth() / 1000.0 / 365.0;
  const double mean_duration = p.providers[0].duration_days.mean();
  ASSERT_NEAR(lambda, 3.0, 1e-12);
  ASSERT_NEAR(mean_duration, 20.0, 1e-9);
  const auto results = run(p, 20);
  const std::string g = "provider:ggz";
  expect_covers(ci_of(results, "in_care_mean", g, 0.99), lambda * mean_duration, "M/G/inf occupancy");
  expect_covers(ci_of(results, "starts_per_year", g, 0.99), lambda * 365.0, "M/G/inf starts/year");
  // Nobody ever waits for an unlimited provider.
  for (const auto& r : results) {
    for (const auto& k : r.kpis) {
      if (k.group != g) continue;
      if (k.kpi == "waiting_list_length_mean" || k.kpi == "specialist_wait_days_mean" ||
          k.kpi == "specialist_wait_days_p90") {
        EXPECT_EQ(k.value, 0.0) << k.kpi << " in replication " << r.replication;
      }
    }
  }
}

}  // namespace
