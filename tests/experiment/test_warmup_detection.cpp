// The warm-up chosen by warmup_days = "auto": MSER-5 on the intake waits and on the families in
// the system, the longer of the two, and a message that says which and why.
#include <gtest/gtest.h>

#include "experiment/Experiment.hpp"
#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/WarmupDetection.hpp"

namespace jeugdsim::experiment {
namespace {

// A pilot whose stock rises linearly from 0 to 100 families over `fill_days`, then stays at 100
// (+-1 alternating), sampled every 30 days over 1,800 days; its intake waits are 0 throughout.
care::ReplicationResult pilot(double fill_days) {
  care::ReplicationResult r;
  const std::uint32_t s = r.series_index("families_in_system", "all");
  for (int i = 0; i <= 60; ++i) {
    const double day = 30.0 * i;
    const double level = day < fill_days ? 100.0 * day / fill_days : 100.0 + (i % 2 == 0 ? 1.0 : -1.0);
    r.timeseries.push_back({day, s, level});
    r.intake_wait_series.push_back(0.0);
    r.intake_wait_days.push_back(day);
  }
  return r;
}

TEST(WarmupDetection, TheFillingStockSetsTheWarmupWhenWaitsAreFlat) {
  // A transient of 600 days (20 points) in 61 points: MSER-5 on batches of 5 must cut inside or
  // just after the ramp, at 15-25 points (450-750 days); the flat waits give 0.
  const WarmupEstimate e = estimate_warmup({pilot(600), pilot(600)}, 1800);
  EXPECT_EQ(e.wait_days, 0);
  EXPECT_GE(e.stock_days, 450);
  EXPECT_LE(e.stock_days, 750);
  EXPECT_EQ(e.days, e.stock_days);
  EXPECT_FALSE(e.stock_at_limit);
  const std::string text = describe_warmup(e);
  EXPECT_NE(text.find("families in the system: " + std::to_string(static_cast<int>(e.stock_days)) + " days"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("intake waits: 0 days"), std::string::npos) << text;
}

TEST(WarmupDetection, AStockStillRisingAtHalfTheHorizonIsCalledOut) {
  const WarmupEstimate e = estimate_warmup({pilot(1500)}, 1800);
  EXPECT_TRUE(e.stock_at_limit);
  EXPECT_NE(describe_warmup(e).find("still rising at half the horizon"), std::string::npos) << describe_warmup(e);
}

TEST(WarmupDetection, NothingToDeleteIsSaidNotSilent) {
  care::ReplicationResult flat = pilot(0.0);
  const WarmupEstimate e = estimate_warmup({flat}, 1800);
  EXPECT_EQ(e.days, 0);
  EXPECT_NE(describe_warmup(e).find("neither series shows a start-up transient"), std::string::npos)
      << describe_warmup(e);
}

TEST(WarmupDetection, TheShippedBaselineStartsEmptyAndAutoSeesIt) {
  // integrated.toml starts empty; the waits are short and flat, so MSER-5 on the waits alone
  // picked 0 days (issue 14). The families in the system fill over the time in care (about a
  // year), so the chosen warm-up must now be positive and come from the stock.
  care::CareParameters p = test_support::load_test_scenario("../../scenarios/integrated.toml");
  p.simulation.warmup_auto = true;
  ExperimentSettings settings;
  settings.threads = 2;
  WarmupEstimate e;
  const double w = resolve_warmup(p, settings, &e);
  EXPECT_GT(e.stock_days, 0) << describe_warmup(e);
  EXPECT_EQ(w, e.days);
  EXPECT_GE(e.days, e.stock_days);
}

}  // namespace
}  // namespace jeugdsim::experiment
