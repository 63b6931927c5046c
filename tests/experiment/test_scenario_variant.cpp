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

TEST(OverrideArgument, SplitsKeyFromValueAtTheFirstEqualsAndTheIdAtAColonBeforeIt) {
  auto a = parse_override_argument("teams.wijkteam.workers=33");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->scenario, "");
  EXPECT_EQ(a->key, "teams.wijkteam.workers");
  EXPECT_EQ(a->value, "33");
  a = parse_override_argument("split-jeugd-ouder:teams.jeugd.workers=20");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->scenario, "split-jeugd-ouder");
  EXPECT_EQ(a->key, "teams.jeugd.workers");
  EXPECT_EQ(a->value, "20");
  EXPECT_EQ(a->text(), "teams.jeugd.workers=20");
  // A value may hold ':' and '=' (a date-time, a string): they are not an id.
  a = parse_override_argument("simulation.start_date=2027-01-01T00:00:00");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->scenario, "");
  EXPECT_EQ(a->key, "simulation.start_date");
  EXPECT_EQ(a->value, "2027-01-01T00:00:00");
  a = parse_override_argument("b:meta.name=\"a:b=c\"");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->scenario, "b");
  EXPECT_EQ(a->key, "meta.name");
  EXPECT_EQ(a->value, "\"a:b=c\"");
  // Keys never hold ':', so the id is everything before the last ':' (an id may hold one).
  a = parse_override_argument("odd:name:teams.a.workers=1");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->scenario, "odd:name");
  EXPECT_EQ(a->key, "teams.a.workers");
  // Malformed: no '=', nothing before it, an empty id or key.
  for (const char* bad : {"nonsense", "=5", ":teams.a.workers=1", "b:=1", "b:"})
    EXPECT_FALSE(parse_override_argument(bad).has_value()) << bad;
}

TEST(OverrideArgument, EachScenarioGetsThePlainOnesAndItsOwnInOrder) {
  const std::vector<std::string> args = {"a:teams.x.workers=1", "simulation.seed=7", "b:teams.y.workers=2",
                                         "nonsense", "a:teams.x.workers=3"};
  EXPECT_EQ(overrides_for_scenario(args, "a"),
            (std::vector<std::string>{"teams.x.workers=1", "simulation.seed=7", "nonsense", "teams.x.workers=3"}));
  EXPECT_EQ(overrides_for_scenario(args, "b"),
            (std::vector<std::string>{"simulation.seed=7", "teams.y.workers=2", "nonsense"}));
  EXPECT_EQ(overrides_for_scenario(args, "c"), (std::vector<std::string>{"simulation.seed=7", "nonsense"}));
}

TEST(OverrideArgument, AnUnknownIdIsNamedWithTheIds) {
  const std::vector<std::string> args = {"teams.x.workers=1", "integrated:teams.x.workers=2", "splt:teams.y.workers=3"};
  EXPECT_EQ(unknown_override_ids(args, {"integrated", "split"}),
            (std::vector<std::string>{"--set splt:teams.y.workers=3: no scenario has the id 'splt' (the ids: "
                                      "integrated, split)"}));
  EXPECT_TRUE(unknown_override_ids(args, {"integrated", "splt"}).empty());
  // One scenario (run, sweep, plan, calibrate): only its own id is accepted.
  EXPECT_EQ(unknown_override_ids(args, {"integrated"}),
            (std::vector<std::string>{"--set splt:teams.y.workers=3: 'splt' is not this scenario's id ('integrated'); "
                                      "leave the ID: out, or use the id of the scenario file"}));
}

TEST(ScenarioVariant, AnOverrideStillCarryingAnIdIsRefused) {
  // The caller picks the scenario's overrides (overrides_for_scenario); an id reaching here is a bug
  // in the caller, not a key named "b:teams.jeugd.workers".
  const auto base = tiny_document();
  scenario::Diagnostics diags;
  EXPECT_FALSE(scenario_with_overrides(base, {"tiny:teams.jeugd.workers=4"}, diags).has_value());
  ASSERT_EQ(diags.count(), 1u) << diags.format_all();
  EXPECT_EQ(diags.all()[0].key, "tiny:teams.jeugd.workers=4");
}

}  // namespace
}  // namespace jeugdsim::experiment
