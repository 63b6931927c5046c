// The steady-state warning: which waiting lists count as still growing.
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

TEST(QueueTrend, DescriptionNamesEachQueueOnOneLine) {
  EXPECT_EQ(describe_growing_queues("s", {}), "");
  QueueTrend a;
  a.group = "team:a";
  a.first_half_mean = 1.25;
  a.second_half_mean = 30;
  QueueTrend b = a;
  b.group = "provider:b";
  const std::string text = describe_growing_queues("s", {a, b});
  EXPECT_EQ(text.rfind("s: warning: waiting lists still growing", 0), 0u) << text;
  EXPECT_NE(text.find("team:a 1.2 -> 30.0, provider:b 1.2 -> 30.0"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

}  // namespace
}  // namespace jeugdsim::experiment
