#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "engine/RandomStreams.hpp"
#include "experiment/Mser5.hpp"

namespace {

using jeugdsim::experiment::mser5_truncation;

// Standard normal noise from Box-Muller on the project's own generator (fixed key).
std::vector<double> noise(std::size_t n, std::uint64_t seed) {
  jeugdsim::engine::PhiloxEngine e({seed, 0, 1, 0, 0});
  std::vector<double> out(n);
  for (auto& x : out) {
    const double u1 = e.uniform01(), u2 = e.uniform01();
    x = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  return out;
}

TEST(Mser5, FindsAKnownLinearTransient) {
  // Mean falls linearly from 20 to 0 over the first 300 observations, then stays at 0, with
  // unit noise; 3000 observations. The bias of a kept observation at index i < 300 is
  // 20 (1 - i/300); MSER keeps deleting while the squared bias outweighs the variance cost,
  // so the truncation must fall inside the transient's last part, not far beyond it.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto y = noise(3000, seed);
    for (std::size_t i = 0; i < 300; ++i) y[i] += 20.0 * (1.0 - static_cast<double>(i) / 300.0);
    const std::size_t d = mser5_truncation(y);
    EXPECT_GE(d, 200u) << "seed " << seed;
    EXPECT_LE(d, 400u) << "seed " << seed;
    EXPECT_EQ(d % 5, 0u);
  }
}

TEST(Mser5, LeavesAStationarySeriesAlmostWhole) {
  // No transient: any deletion only trims noise; it must stay a small part of the series.
  for (std::uint64_t seed = 11; seed <= 15; ++seed) {
    const auto y = noise(2000, seed);
    EXPECT_LE(mser5_truncation(y), 200u) << "seed " << seed;
  }
}

TEST(Mser5, NeverDeletesMoreThanHalfAndHandlesShortSeries) {
  std::vector<double> rising(1000);
  for (std::size_t i = 0; i < rising.size(); ++i) rising[i] = static_cast<double>(i);
  EXPECT_LE(mser5_truncation(rising), 500u);
  EXPECT_EQ(mser5_truncation({1.0, 2.0, 3.0}), 0u);
  EXPECT_EQ(mser5_truncation({}), 0u);
}

TEST(Mser5, StepChangeIsCutAtTheStep) {
  // 100 observations at level 50, then 1900 at level 0 (no noise): deleting exactly the first
  // 100 leaves zero variance, and nothing less does.
  std::vector<double> y(2000, 0.0);
  for (std::size_t i = 0; i < 100; ++i) y[i] = 50.0;
  EXPECT_EQ(mser5_truncation(y), 100u);
}

}  // namespace
