#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "engine/distributions/NonStationaryPoisson.hpp"
#include "goodness_of_fit.hpp"

namespace jeugdsim::engine {
namespace {

constexpr double month_length = 365.0 / 12.0;
const std::array<double, 12> seasonality{1.2, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4, 0.7, 1.0, 1.1, 1.3, 1.4};

struct Counts {
  std::uint64_t total = 0;
  std::array<double, 12> per_month{};
};

// Arrivals in [0, horizon] over `replications` independent streams (one entity each).
Counts simulate(const NonStationaryPoisson& process, double horizon, std::uint32_t replications) {
  Counts counts;
  for (std::uint32_t r = 0; r < replications; ++r) {
    PhiloxEngine engine(StreamKey{4242, r, 3, 0, 0});
    Time t = 0.0;
    for (;;) {
      const Time next = process.next(t, engine);
      EXPECT_GT(next, t);
      if (next > horizon) break;
      t = next;
      ++counts.total;
      const int month = static_cast<int>(std::fmod(t, 365.0) / month_length);
      counts.per_month[static_cast<std::size_t>(std::min(month, 11))] += 1.0;
    }
  }
  return counts;
}

// The total count over R replications is Poisson with mean R * Lambda (Lambda = the integrated
// rate), so its standard deviation is sqrt(R * Lambda); 4 standard errors bound a chance
// failure at ~6e-5. Roughly 200 * 2 * 1000 = 400,000 arrivals: the bound is ~0.6% of the mean,
// much tighter than the bias of a wrong majorant or a missed trend (5%/year) would be.
void expect_count_matches(const NonStationaryPoisson& process, double horizon, std::uint32_t replications) {
  const Counts counts = simulate(process, horizon, replications);
  const double expected = replications * process.expected_arrivals(0.0, horizon);
  EXPECT_NEAR(static_cast<double>(counts.total), expected, 4.0 * std::sqrt(expected));
}

TEST(NonStationaryPoisson, CountMatchesIntegratedRateWithGrowth) {
  expect_count_matches(NonStationaryPoisson(1000.0, seasonality, 0.05), 730.0, 200);
}

TEST(NonStationaryPoisson, CountMatchesIntegratedRateWithDecline) {
  expect_count_matches(NonStationaryPoisson(1000.0, seasonality, -0.3), 730.0, 200);
}

TEST(NonStationaryPoisson, CountMatchesIntegratedRateWithoutTrend) {
  const NonStationaryPoisson flat(500.0, seasonality, 0.0);
  double sum = 0.0;
  for (double s : seasonality) sum += s;
  EXPECT_NEAR(flat.expected_arrivals(0.0, 365.0), 500.0 * sum / 12.0, 1e-9);
  expect_count_matches(flat, 365.0 * 3, 100);
}

// Given the total, the monthly counts are multinomial with cell probabilities proportional to
// the integrated rate over each calendar month (summed over the years), so Pearson's statistic
// is approximately chi-square(11); compared with its 0.999 quantile.
TEST(NonStationaryPoisson, MonthlyPatternFollowsSeasonality) {
  const NonStationaryPoisson process(1000.0, seasonality, 0.05);
  const double horizon = 730.0;
  const Counts counts = simulate(process, horizon, 100);
  std::vector<double> observed(12), expected(12);
  double total_expected = 0.0;
  for (int m = 0; m < 12; ++m) {
    for (int year = 0; year < 2; ++year) {
      const double start = 365.0 * year + m * month_length;
      expected[static_cast<std::size_t>(m)] += process.expected_arrivals(start, start + month_length);
    }
    total_expected += expected[static_cast<std::size_t>(m)];
    observed[static_cast<std::size_t>(m)] = counts.per_month[static_cast<std::size_t>(m)];
  }
  for (double& e : expected) e *= static_cast<double>(counts.total) / total_expected;
  EXPECT_LT(testing::pearson(observed, expected), testing::chi_square_critical(11));
}

TEST(NonStationaryPoisson, ZeroRateGivesInfinity) {
  PhiloxEngine engine(StreamKey{1, 0, 0, 0, 0});
  EXPECT_EQ(NonStationaryPoisson(0.0, seasonality, 0.1).next(0.0, engine), std::numeric_limits<Time>::infinity());
  std::array<double, 12> none{};
  EXPECT_EQ(NonStationaryPoisson(100.0, none, 0.0).next(12.0, engine), std::numeric_limits<Time>::infinity());
}

TEST(NonStationaryPoisson, ZeroMonthsGetNoArrivals) {
  std::array<double, 12> summer_closed;
  summer_closed.fill(1.0);
  summer_closed[6] = 0.0;  // July
  summer_closed[7] = 0.0;  // August
  const NonStationaryPoisson process(2000.0, summer_closed, 0.0);
  const Counts counts = simulate(process, 730.0, 20);
  EXPECT_EQ(counts.per_month[6], 0.0);
  EXPECT_EQ(counts.per_month[7], 0.0);
  EXPECT_GT(counts.per_month[8], 0.0);
  EXPECT_EQ(process.rate_per_day(6.5 * month_length), 0.0);
}

TEST(NonStationaryPoisson, RateAndIntegralFollowTheFormula) {
  const NonStationaryPoisson process(730.0, seasonality, 0.1);
  // Day 400 is in year 2, day 35 of that year: February (month 1).
  EXPECT_NEAR(process.rate_per_day(400.0), 2.0 * seasonality[1] * std::pow(1.1, 400.0 / 365.0), 1e-12);
  EXPECT_NEAR(process.rate_per_day(0.0), 2.0 * seasonality[0], 1e-12);
  // Integral vs composite Simpson within each month (the rate is smooth there), to 1e-9.
  double simpson = 0.0;
  for (int k = 0; k < 36; ++k) {
    const double a = k * month_length, b = a + month_length;
    constexpr int steps = 200;
    const double h = (b - a) / steps;
    double s = 0.0;
    for (int i = 0; i <= steps; ++i) {
      // Sample strictly inside the month at the ends so the step discontinuity is not crossed.
      const double x = std::clamp(a + i * h, a + 1e-9, b - 1e-9);
      s += (i == 0 || i == steps ? 1.0 : (i % 2 ? 4.0 : 2.0)) * process.rate_per_day(x);
    }
    simpson += s * h / 3.0;
  }
  EXPECT_NEAR(process.expected_arrivals(0.0, 1095.0), simpson, 1e-6);
  EXPECT_NEAR(process.expected_arrivals(100.0, 50.0), -process.expected_arrivals(50.0, 100.0), 1e-12);
  EXPECT_EQ(process.expected_arrivals(20.0, 20.0), 0.0);
}

TEST(NonStationaryPoisson, InvalidParametersThrow) {
  EXPECT_THROW(NonStationaryPoisson(-1.0, seasonality, 0.0), std::invalid_argument);
  std::array<double, 12> negative = seasonality;
  negative[3] = -0.1;
  EXPECT_THROW(NonStationaryPoisson(10.0, negative, 0.0), std::invalid_argument);
  EXPECT_THROW(NonStationaryPoisson(10.0, seasonality, -1.0), std::invalid_argument);
}

}  // namespace
}  // namespace jeugdsim::engine
