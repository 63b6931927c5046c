#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "engine/Statistics.hpp"

namespace jeugdsim::engine {
namespace {

double two_pass_variance(const std::vector<double>& xs) {
  double mean = 0.0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0.0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(xs.size() - 1);
}

TEST(RunningStats, WelfordMatchesTwoPassOnKnownData) {
  const std::vector<double> data{2, 4, 4, 4, 5, 5, 7, 9};  // mean 5, sum of squares 32
  RunningStats stats;
  for (double x : data) stats.add(x);
  EXPECT_EQ(stats.count(), 8u);
  EXPECT_DOUBLE_EQ(stats.mean(), 5.0);
  EXPECT_DOUBLE_EQ(stats.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(stats.variance(), two_pass_variance(data));
  EXPECT_DOUBLE_EQ(stats.stddev(), std::sqrt(32.0 / 7.0));
  EXPECT_EQ(stats.min(), 2.0);
  EXPECT_EQ(stats.max(), 9.0);
  EXPECT_DOUBLE_EQ(stats.sum(), 40.0);
}

// A large offset destroys the naive sum-of-squares formula (1e18-sized terms cancel to
// garbage); Welford keeps the variance to ~1e-6 relative.
TEST(RunningStats, WelfordIsStableUnderALargeOffset) {
  std::vector<double> data;
  RunningStats stats;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) {
    data.push_back(1e9 + x);
    stats.add(1e9 + x);
  }
  EXPECT_NEAR(stats.variance(), 32.0 / 7.0, 1e-6);
  EXPECT_NEAR(stats.variance(), two_pass_variance(data), 1e-6);
}

TEST(RunningStats, EmptyAndSingle) {
  RunningStats stats;
  EXPECT_EQ(stats.mean(), 0.0);
  EXPECT_EQ(stats.variance(), 0.0);
  EXPECT_EQ(stats.min(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(stats.max(), -std::numeric_limits<double>::infinity());
  stats.add(3.5);
  EXPECT_EQ(stats.mean(), 3.5);
  EXPECT_EQ(stats.variance(), 0.0);
}

TEST(RunningStats, MergeEqualsAddingAll) {
  std::vector<double> data;
  for (int i = 0; i < 101; ++i) data.push_back(std::sin(i) * 10.0 + i * 0.3);
  RunningStats all, left, right;
  for (std::size_t i = 0; i < data.size(); ++i) {
    all.add(data[i]);
    (i < 37 ? left : right).add(data[i]);
  }
  RunningStats merged = left;
  merged.merge(right);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_NEAR(merged.mean(), all.mean(), 1e-12);
  EXPECT_NEAR(merged.variance(), all.variance(), 1e-10);
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  RunningStats empty;
  RunningStats from_empty = empty;
  from_empty.merge(all);  // empty.merge(x) == x
  EXPECT_EQ(from_empty.count(), all.count());
  EXPECT_EQ(from_empty.variance(), all.variance());
  merged.merge(empty);  // x.merge(empty) == x
  EXPECT_EQ(merged.count(), all.count());
}

// Step function: 0 on [0,2), 3 on [2,5), 1 on [5,9), 4 on [9,10]: area 0 + 9 + 4 + 4 = 17.
TEST(TimeWeightedStat, MeanOfAKnownStepFunction) {
  TimeWeightedStat stat(0.0, 0.0);
  stat.set(2.0, 3.0);
  stat.set(5.0, 1.0);
  stat.add(9.0, 3.0);
  EXPECT_EQ(stat.value(), 4.0);
  EXPECT_DOUBLE_EQ(stat.integral(10.0), 17.0);
  EXPECT_DOUBLE_EQ(stat.mean(10.0), 1.7);
  EXPECT_EQ(stat.max(), 4.0);
  // After a warm-up reset only the current value counts, and the maximum restarts from it.
  stat.reset(10.0);
  EXPECT_EQ(stat.mean(10.0), 4.0);
  stat.set(11.0, 2.0);
  EXPECT_DOUBLE_EQ(stat.mean(12.0), 3.0);  // (4 * 1 + 2 * 1) / 2
  EXPECT_EQ(stat.max(), 4.0);
}

TEST(TimeWeightedStat, StartOffsetAndInitialValue) {
  TimeWeightedStat stat(100.0, 5.0);
  EXPECT_EQ(stat.mean(100.0), 5.0);
  EXPECT_EQ(stat.max(), 5.0);
  stat.set(104.0, 1.0);
  EXPECT_DOUBLE_EQ(stat.mean(108.0), 3.0);  // (5 * 4 + 1 * 4) / 8
}

// 1,000 values 0.05, 0.15, ..., 99.95: uniform on [0, 100), ten per unit-width bin.
TEST(Histogram, QuantilesWithinOneBinWidth) {
  Histogram histogram(1.0, 100);
  for (int i = 0; i < 1000; ++i) histogram.add(0.1 * i + 0.05);
  EXPECT_EQ(histogram.count(), 1000u);
  for (double p : {0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0}) {
    EXPECT_NEAR(histogram.quantile(p), 100.0 * p, 1.0) << "p = " << p;
  }
  EXPECT_DOUBLE_EQ(histogram.share_at_or_below(25.0), 0.25);  // exact at a bin edge
  EXPECT_DOUBLE_EQ(histogram.share_at_or_below(200.0), 1.0);
  EXPECT_EQ(histogram.share_at_or_below(-1.0), 0.0);
  EXPECT_DOUBLE_EQ(histogram.max(), 99.95);
}

TEST(Histogram, OverflowReportsTheMaximum) {
  Histogram histogram(10.0, 5);  // regular range [0, 50)
  for (double x : {1.0, 2.0, 3.0, 70.0, 400.0}) histogram.add(x);
  EXPECT_EQ(histogram.quantile(0.99), 400.0);
  EXPECT_EQ(histogram.max(), 400.0);
  EXPECT_DOUBLE_EQ(histogram.share_at_or_below(60.0), 0.6);  // overflow values are above 50
  // Median: target 2.5 of 5 observations, the 3 in bin [0, 10) assumed spread evenly.
  EXPECT_DOUBLE_EQ(histogram.quantile(0.5), 2.5 / 3.0 * 10.0);
}

TEST(Histogram, InterpolationNeverExceedsTheLargestObservation) {
  Histogram histogram(10.0, 5);
  histogram.add(1.0);
  histogram.add(2.0);
  EXPECT_EQ(histogram.quantile(1.0), 2.0);  // interpolation alone would say 10
  EXPECT_DOUBLE_EQ(histogram.quantile(0.1), 1.0);  // target 0.2 of 2 in a 10-wide bin
}

TEST(Histogram, MergeEmptyAndInvalid) {
  Histogram a(1.0, 10), b(1.0, 10);
  EXPECT_TRUE(std::isnan(a.quantile(0.5)));
  for (int i = 0; i < 5; ++i) a.add(1.5);
  for (int i = 0; i < 5; ++i) b.add(7.5);
  a.merge(b);
  EXPECT_EQ(a.count(), 10u);
  EXPECT_DOUBLE_EQ(a.share_at_or_below(5.0), 0.5);
  EXPECT_EQ(a.max(), 7.5);
  EXPECT_THROW(a.add(-0.1), std::invalid_argument);
  EXPECT_THROW(a.quantile(1.5), std::invalid_argument);
  Histogram other(2.0, 10);
  EXPECT_THROW(a.merge(other), std::invalid_argument);
  EXPECT_THROW(Histogram(0.0, 10), std::invalid_argument);
}

// Sample 1..10: mean 5.5, s^2 = 82.5 / 9 = 9.1667, s = 3.02765; textbook t(0.975, 9) = 2.262157,
// so the half-width is 2.262157 * 3.02765 / sqrt(10) = 2.165842.
TEST(StudentT, IntervalOfAKnownSample) {
  const std::vector<double> sample{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const ConfidenceInterval ci = t_confidence_interval(sample, 0.95);
  const double s = std::sqrt(82.5 / 9.0);
  const double hand = 2.262157 * s / std::sqrt(10.0);
  EXPECT_EQ(ci.n, 10u);
  EXPECT_DOUBLE_EQ(ci.mean, 5.5);
  EXPECT_NEAR(ci.half_width, hand, 1e-6);  // t given to 7 digits: error < 5e-7 * s / sqrt(10)
  EXPECT_NEAR(ci.low, 5.5 - hand, 1e-6);
  EXPECT_NEAR(ci.high, 5.5 + hand, 1e-6);
  // 90% level: t(0.95, 9) = 1.833113.
  EXPECT_NEAR(t_confidence_interval(sample, 0.90).half_width, 1.833113 * s / std::sqrt(10.0), 1e-6);
}

TEST(StudentT, DegenerateBelowTwoObservations) {
  const ConfidenceInterval one = t_confidence_interval(std::vector<double>{4.0});
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.mean, 4.0);
  EXPECT_EQ(one.low, 4.0);
  EXPECT_EQ(one.high, 4.0);
  EXPECT_TRUE(std::isnan(one.half_width));
  const ConfidenceInterval none = t_confidence_interval(RunningStats{});
  EXPECT_EQ(none.n, 0u);
  EXPECT_TRUE(std::isnan(none.half_width));
  EXPECT_THROW(t_confidence_interval(RunningStats{}, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace jeugdsim::engine
