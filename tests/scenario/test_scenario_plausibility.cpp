// Plausibility warnings on a valid scenario (model/scenario/Plausibility.cpp): a value in the
// wrong unit is accepted but named, with its file, line and the likely mistake; the shipped and
// test scenarios raise none.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScenarioTestSupport.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/Diagnostics.hpp"

namespace jeugdsim::scenario {
namespace {

using testing::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// tiny.toml as base.toml, and bad.toml = include + `extra`; the scenario must load (warnings are
// not errors) and the formatted warnings are returned, each without its "warning: " prefix.
std::vector<std::string> warnings_of(const TempDir& tmp, const std::string& extra) {
  tmp.write("base.toml", read_text(std::filesystem::path(JEUGDSIM_SOURCE_DIR) / "tests/data/tiny.toml"));
  Diagnostics diags;
  const auto loaded = load_care_scenario(tmp.write("bad.toml", "include = \"base.toml\"\n" + extra), diags);
  EXPECT_TRUE(loaded.has_value()) << diags.format_all();
  EXPECT_TRUE(diags.ok());
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.warnings()) out.push_back(d.format());
  return out;
}

TEST(ScenarioPlausibilityTest, HorizonInYearsInsteadOfDays) {
  TempDir tmp;
  const std::string bad = tmp.name("bad.toml");
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nhorizon_days = 5\nwarmup_days = 0\n"),
              ElementsAre(bad + ":3: simulation.horizon_days: horizon_days = 5: that is 5 days; did you mean 5 years "
                                "= 1826 days?"));
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nhorizon_days = 1\nwarmup_days = 0\n"),
              ElementsAre(bad + ":3: simulation.horizon_days: horizon_days = 1: that is 1 day; did you mean 1 year "
                                "= 365 days?"));
}

TEST(ScenarioPlausibilityTest, HorizonShorterThanAYearOrThanTheWarmup) {
  TempDir tmp;
  const std::string bad = tmp.name("bad.toml");
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nhorizon_days = 200\n"),
              ElementsAre(bad + ":3: simulation.horizon_days: horizon_days = 200: the measured period is shorter than "
                                "a year, so the per-year KPIs are extrapolated from it and seasonality does not "
                                "average out"));
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nhorizon_days = 400\nwarmup_days = 730\n"),
              ElementsAre(bad + ":3: simulation.horizon_days: horizon_days = 400 is shorter than warmup_days = 730: "
                                "the measured period is shorter than the warm-up before it (were they swapped?)"));
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nwarmup_days = 2\n"),
              ElementsAre(bad + ":3: simulation.warmup_days: warmup_days = 2: that is 2 days; did you mean 2 years = "
                                "730 days?"));
  // An automatic warm-up has no length to compare.
  EXPECT_THAT(warnings_of(tmp, "[simulation]\nwarmup_days = \"auto\"\n"), IsEmpty());
}

TEST(ScenarioPlausibilityTest, WrongUnitsElsewhere) {
  TempDir tmp;
  const std::string bad = tmp.name("bad.toml");
  // (Set on top of tiny.toml's capacities, it also gets the capacities warning, tested below.)
  EXPECT_THAT(warnings_of(tmp, "[population]\ninhabitants = 52\n"),
              ElementsAre(bad + ":3: population.inhabitants: inhabitants = 52: a municipality of 52 people; "
                                "inhabitants is a head count, did you mean 52 thousand = 52000?",
                          ::testing::HasSubstr("inhabitants = 52 is set after the capacities")));
  EXPECT_THAT(warnings_of(tmp, "[population]\nyouth_share = 0.8\n"),
              ElementsAre(::testing::StartsWith(bad + ":3: population.youth_share: youth_share = 0.8: more than half")));
  EXPECT_THAT(warnings_of(tmp, "[channels.gp]\nrate_per_1000_youth_per_year = 0.06\n"),
              ElementsAre(bad + ":3: channels.gp.rate_per_1000_youth_per_year: rate_per_1000_youth_per_year = 0.06: "
                                "one family a year per 16667 youth; is it a rate per youth? Per 1000 youth that "
                                "would be 60"));
  EXPECT_THAT(warnings_of(tmp, "[workforce]\nturnover_per_year = 5\n"),
              ElementsAre(bad + ":3: workforce.turnover_per_year: turnover_per_year = 5: every post changes hands 5 "
                                "times a year (on average every 73 days); if you meant 5% a year, write 0.05"));
  EXPECT_THAT(warnings_of(tmp, "[waiting]\nreneging_per_year = 20\n"),
              ElementsAre(::testing::HasSubstr("waiting.reneging_per_year: reneging_per_year = 20: a waiting family "
                                               "drops out 20 times a year (on average every 18 days); if you meant "
                                               "20% a year, write 0.2")));
  EXPECT_THAT(warnings_of(tmp, "[teams.ouder]\ncost_per_fte_per_year_eur = 80\n"),
              ElementsAre(bad + ":3: teams.ouder.cost_per_fte_per_year_eur: cost_per_fte_per_year_eur = 80: 80 euro "
                                "a year per FTE; did you mean 80 thousand = 80000?"));
  // Plausible values in the same keys raise nothing.
  EXPECT_THAT(warnings_of(tmp, "[workforce]\nturnover_per_year = 0.15\n[waiting]\nreneging_per_year = 2\n"), IsEmpty());
}

TEST(ScenarioPlausibilityTest, TeamWithoutWorkersThatFamiliesAreSentTo) {
  TempDir tmp;
  const std::string bad = tmp.name("bad.toml");
  // triage.front_door routes to both teams (tiny.toml); route[0] sends parent-only families to ouder.
  EXPECT_THAT(warnings_of(tmp, "[teams.ouder]\nworkers = 0\n"),
              ElementsAre(bad + ":3: teams.ouder.workers: workers = 0, but triage.front_door.route[0] sends families "
                                "to this team: nobody will ever take them in (they wait until they drop out)"));
  // A team nobody is sent to may be empty: no warning.
  EXPECT_THAT(warnings_of(tmp, "[triage.front_door]\nroute = [ { to = \"team:jeugd\", share = 1.0 } ]\n"
                               "[teams.ouder]\nworkers = 0\n[teams.jeugd]\nhand_off = {}\nhandover_at_18 = \"warm\"\n"),
              IsEmpty());
}

TEST(ScenarioPlausibilityTest, WarningsComeFromTheFileThatSetTheValueOrTheCommandLine) {
  TempDir tmp;
  tmp.write("base.toml", read_text(std::filesystem::path(JEUGDSIM_SOURCE_DIR) / "tests/data/tiny.toml"));
  Diagnostics diags;
  auto doc = ScenarioDocument::load(tmp.write("top.toml", "include = \"base.toml\"\n"), diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  ASSERT_TRUE(doc->apply_override("simulation.horizon_days", "5", diags));
  ASSERT_TRUE(read_care_parameters(*doc, diags).has_value()) << diags.format_all();
  EXPECT_EQ(diags.format_warnings(),
            "warning: command line: simulation.horizon_days: horizon_days = 5: that is 5 days; did you mean 5 years = "
            "1826 days?\n");
}

// A population set on top of a profile that fixed absolute capacities for its own population
// (issue 14: inhabitants = 52000 on the 40k profile): one warning at the inhabitants key, naming
// every absolute capacity set before it; none when the capacities are set with it, or for
// unlimited places.
TEST(ScenarioPlausibilityTest, PopulationChangedOnTopOfAbsoluteCapacities) {
  TempDir tmp;
  const std::string bad = tmp.name("bad.toml");
  EXPECT_THAT(warnings_of(tmp, "[population]\ninhabitants = 2600\n"),
              ElementsAre(bad + ":3: population.inhabitants: inhabitants = 2600 is set after the capacities, which "
                                "were set for another population (in " + tmp.name("base.toml") +
                                " and the files it includes or that include it) and do not scale with it: "
                                "teams.jeugd.workers = 3, teams.ouder.workers = 2, providers.ambulant.places = 8. "
                                "Set them for 2600 inhabitants too (for example in proportion), else waits and "
                                "caseloads belong to neither population"));
  // Set together with the population, or after it: nothing to say.
  EXPECT_THAT(warnings_of(tmp, "[population]\ninhabitants = 2600\n[teams.jeugd]\nworkers = 4\n[teams.ouder]\n"
                               "workers = 3\n[providers.ambulant]\nplaces = 10\n"),
              IsEmpty());
  // On the command line, after every file.
  Diagnostics diags;
  auto doc = ScenarioDocument::load(tmp.write("top.toml", "include = \"base.toml\"\n"), diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  ASSERT_TRUE(doc->apply_override("population.inhabitants", "2600", diags));
  ASSERT_TRUE(read_care_parameters(*doc, diags).has_value()) << diags.format_all();
  EXPECT_THAT(diags.format_warnings(), ::testing::HasSubstr("warning: command line: population.inhabitants: "
                                                            "inhabitants = 2600 is set after the capacities"));
}

// The queueing validation scenarios in tests/data (mmc, network, infinite_server) set
// youth_share = 1 on purpose, so they are not in this list.
TEST(ScenarioPlausibilityTest, ShippedScenariosAndTinyRaiseNoWarning) {
  const std::filesystem::path source(JEUGDSIM_SOURCE_DIR);
  std::vector<std::filesystem::path> files{source / "tests/data/tiny.toml"};
  for (const auto& entry : std::filesystem::directory_iterator(source / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  ASSERT_GE(files.size(), 10u);
  for (const auto& file : files) {
    Diagnostics diags;
    EXPECT_TRUE(load_care_scenario(file, diags).has_value()) << file << ":\n" << diags.format_all();
    EXPECT_EQ(diags.format_warnings(), "") << file;
  }
}

}  // namespace
}  // namespace jeugdsim::scenario
