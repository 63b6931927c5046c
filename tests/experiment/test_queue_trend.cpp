// The steady-state diagnostic: which waiting lists count as still growing, and the console's line.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"
#include "engine/RandomStreams.hpp"
#include "experiment/QueueTrend.hpp"

namespace jeugdsim::experiment {
namespace {

// Replications with 40 monthly samples of four series:
// - team:growing, a waiting list rising linearly from 5 to 45 families, plus noise;
// - team:flat, a waiting list around 20 families with symmetric noise of the same size;
// - provider:small, a waiting list rising from 0.1 to 0.6 (significant, but under one family);
// - provider:busy's in_care count, rising: not a waiting list, so never reported.
std::vector<care::ReplicationResult> synthetic(std::size_t replications) {
  std::vector<care::ReplicationResult> results(replications);
  for (std::size_t r = 0; r < replications; ++r) {
    care::ReplicationResult& res = results[r];
    res.replication = static_cast<std::uint32_t>(r);
    engine::PhiloxEngine noise(engine::StreamKey{77, static_cast<std::uint32_t>(r), 0, 0, 0});
    const std::uint32_t growing = res.series_index("waiting_list_length", "team:growing");
    const std::uint32_t flat = res.series_index("waiting_list_length", "team:flat");
    const std::uint32_t small = res.series_index("waiting_list_length", "provider:small");
    const std::uint32_t busy = res.series_index("in_care", "provider:busy");
    for (int k = 0; k < 40; ++k) {
      const double day = 30.0 * k, x = k / 39.0;
      res.timeseries.push_back({day, growing, 5 + 40 * x + 8 * (noise.uniform01() - 0.5)});
      res.timeseries.push_back({day, flat, 20 + 8 * (noise.uniform01() - 0.5)});
      res.timeseries.push_back({day, small, 0.1 + 0.5 * x});
      res.timeseries.push_back({day, busy, 10 + 50 * x});
    }
  }
  return results;
}

TEST(QueueTrend, ReportsOnlyAWaitingListThatGrowsSignificantlyAndMuch) {
  const auto trends = growing_queues(synthetic(10));
  ASSERT_EQ(trends.size(), 1u);
  const QueueTrend& t = trends[0];
  EXPECT_EQ(t.group, "team:growing");
  // Halves of 20 samples each: means of 5 + 40x over x in [0, 19/39] and [20/39, 1] (the
  // noise has mean 0 and averages out to within about 0.5 over 200 draws).
  EXPECT_NEAR(t.first_half_mean, 5 + 40 * (9.5 / 39), 0.5);
  EXPECT_NEAR(t.second_half_mean, 5 + 40 * (29.5 / 39), 0.5);
  EXPECT_NEAR(t.growth.mean, 40 * (20.0 / 39), 0.7);
  EXPECT_GT(t.growth.low, 0);
  EXPECT_EQ(t.growth.n, 10u);
}

TEST(QueueTrend, NeedsTwoReplicationsAndEnoughSamples) {
  EXPECT_TRUE(growing_queues(synthetic(1)).empty()) << "no interval from one replication";
  auto results = synthetic(5);
  for (auto& r : results) r.timeseries.resize(3 * 4);  // three samples per series
  EXPECT_TRUE(growing_queues(results).empty());
}

TEST(QueueTrend, CriteriaAreApplied) {
  // Without the size criteria the small but steady rise counts too.
  const auto trends = growing_queues(synthetic(10), QueueTrendCriteria{0.0, 0.0});
  ASSERT_EQ(trends.size(), 2u);
  EXPECT_EQ(trends[0].group, "team:growing");
  EXPECT_EQ(trends[1].group, "provider:small");
  // A relative threshold above the growing list's rise (about 3x) silences it.
  EXPECT_TRUE(growing_queues(synthetic(10), QueueTrendCriteria{5.0, 1.0}).empty());
}

QueueTrend trend(const std::string& group, double first, double second, bool growing) {
  QueueTrend t;
  t.group = group;
  t.first_half_mean = first;
  t.second_half_mean = second;
  t.growth.mean = second - first;
  t.growing = growing;
  return t;
}

TEST(QueueTrend, StableListsAreOneLineWithTheFamiliesWaiting) {
  EXPECT_EQ(describe_queue_stability("s", {}, 730), "") << "no waiting list sampled: nothing to say";
  // The second-half means summed per kind: 2.4 + 1.3 = 3.7 at teams, 0.2 at providers.
  const std::vector<QueueTrend> trends = {trend("team:a", 2.0, 2.4, false), trend("provider:b", 0.3, 0.2, false),
                                          trend("team:c", 1.0, 1.3, false)};
  EXPECT_EQ(describe_queue_stability("s", trends, 730),
            "s: waiting lists stable: about 4 families waiting at teams, 0 at providers");
  EXPECT_EQ(describe_queue_stability("s", {trend("team:a", 1.0, 1.2, false)}, 730),
            "s: waiting lists stable: about 1 family waiting at teams")
      << "no provider list: no provider figure";
}

TEST(QueueTrend, AGrowingListIsNamedWithItsGrowthPerYear) {
  // A 5-year horizon: the halves' middles are 2.5 years apart, so a rise of 25 families
  // between the halves is 10 a year.
  const std::vector<QueueTrend> one = {trend("team:a", 5, 30, true), trend("team:b", 3, 3, false)};
  EXPECT_EQ(describe_queue_stability("s", one, 1825),
            "s: waiting list at team:a keeps growing by about 10 families a year; waits depend on the horizon "
            "(queue-trends.csv has the figures)");
  // A team's list leads over a faster provider list; the others are counted.
  const std::vector<QueueTrend> three = {trend("provider:p", 0, 100, true), trend("team:a", 5, 30, true),
                                         trend("team:b", 5, 20, true)};
  EXPECT_EQ(describe_queue_stability("s", three, 1825),
            "s: waiting list at team:a keeps growing by about 10 families a year (and 2 other lists); waits depend "
            "on the horizon (queue-trends.csv has the figures)");
  // Only a provider grows: it leads. A slow rise still reads "about 1 family" (as the report).
  EXPECT_EQ(describe_queue_stability("s", {trend("team:a", 1, 1, false), trend("provider:p", 1, 1.2, true)}, 1825),
            "s: waiting list at provider:p keeps growing by about 1 family a year; waits depend on the horizon "
            "(queue-trends.csv has the figures)");
  EXPECT_NEAR(growth_per_year(trend("team:a", 5, 30, true), 730), 25.0, 1e-12);
}

}  // namespace
}  // namespace jeugdsim::experiment
