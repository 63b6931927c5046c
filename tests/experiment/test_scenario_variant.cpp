// "The scenario with these values changed": overrides applied to a copy, parameters read again,
// every problem reported.
#include <gtest/gtest.h>

#include "experiment/ScenarioVariant.hpp"

namespace jeugdsim::experiment {
namespace {

scenario::ScenarioDocument tiny_document() {
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/tiny.toml", diags);
  EXPECT_TRUE(doc.has_value()) << diags.format_all();
  return *doc;
}

int workers_of(const care::CareParameters& p, const std::string& team) {
  for (const auto& t : p.teams)
    if (t.name == team) return t.workers;
  return -1;
}

TEST(ScenarioVariant, AppliesOverridesToACopyInOrder) {
  const auto base = tiny_document();
  scenario::Diagnostics diags;
  const auto variant = scenario_with_overrides(
      base, {override_text("teams.jeugd.workers", "7"), "teams.jeugd.workers=9", "simulation.seed=42"}, diags);
  ASSERT_TRUE(variant.has_value()) << diags.format_all();
  EXPECT_TRUE(diags.ok());
  EXPECT_EQ(workers_of(variant->parameters, "jeugd"), 9);  // the later override wins
  EXPECT_EQ(variant->parameters.simulation.seed, 42u);
  // The base document is untouched.
  scenario::Diagnostics base_diags;
  const auto again = scenario_with_overrides(base, {}, base_diags);
  ASSERT_TRUE(again.has_value());
  EXPECT_NE(workers_of(again->parameters, "jeugd"), 9);
  EXPECT_EQ(again->parameters.simulation.seed, 12345u);
}

TEST(ScenarioVariant, ReportsEveryBadOverride) {
  const auto base = tiny_document();
  scenario::Diagnostics diags;
  EXPECT_FALSE(scenario_with_overrides(base, {"nonsense", "teams.jeugd.workers=4", "=5"}, diags).has_value());
  ASSERT_EQ(diags.count(), 2u) << diags.format_all();
  EXPECT_EQ(diags.all()[0].format(), "command line: nonsense: expected KEY=VALUE (allowed: e.g. --set teams.wijkteam.workers=14)");
  EXPECT_EQ(diags.all()[1].key, "=5");
  // A value the scenario rules refuse is reported by the read, naming the key.
  scenario::Diagnostics read_diags;
  EXPECT_FALSE(scenario_with_overrides(base, {"teams.jeugd.workers=-3"}, read_diags).has_value());
  EXPECT_NE(read_diags.format_all().find("teams.jeugd.workers"), std::string::npos) << read_diags.format_all();
}

TEST(ScenarioVariant, ErrorsFoundEarlierStopTheRead) {
  const auto base = tiny_document();
  scenario::Diagnostics diags;
  diags.error("earlier.toml", 3, "key", "an error found while loading");
  EXPECT_FALSE(scenario_with_overrides(base, {}, diags).has_value());
  EXPECT_EQ(diags.count(), 1u);
}

}  // namespace
}  // namespace jeugdsim::experiment
