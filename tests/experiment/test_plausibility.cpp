// Plausibility warnings after a run (model/experiment/Plausibility.cpp): KPIs with nothing to
// measure, and shares stuck at 0 or 1 over a handful of families, named with their likely cause.
#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ExperimentTestSupport.hpp"
#include "care/ReplicationResult.hpp"
#include "experiment/Experiment.hpp"
#include "experiment/Plausibility.hpp"

namespace jeugdsim::experiment {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const double kNaN = std::nan("");

// One replication's KPIs: a healthy base (100 episodes, 40 closed) with `changes` applied.
care::ReplicationResult replication(const std::vector<care::KpiValue>& changes) {
  care::ReplicationResult r;
  r.kpis = {{"episodes_entered", "all", 100},
            {"families_closed", "all", 40},
            {"families_left", "reason:reneged", 5},
            {"intake_wait_days_mean", "team:wijkteam", 20},
            {"intakes_per_year", "team:wijkteam", 80},
            {"intake_wait_within_norm_share", "team:wijkteam", 0.6},
            {"specialist_wait_days_mean", "provider:ambulant", 40},
            {"starts_per_year", "provider:ambulant", 30},
            {"intake_wait_days_mean", "all", 20},
            {"reentry_12m_share", "all", 0.1},
            {"never_assessed_share", "all", 0.2},
            {"single_regisseur_share", "all", 1.0}};
  for (const care::KpiValue& c : changes) {
    bool found = false;
    for (care::KpiValue& k : r.kpis)
      if (k.kpi == c.kpi && k.group == c.group) {
        k.value = c.value;
        found = true;
      }
    if (!found) r.kpis.push_back(c);
  }
  return r;
}

TEST(ResultPlausibility, AHealthyRunRaisesNothing) {
  // single_regisseur_share is 1 in every replication, but over 45 ended episodes: a real answer
  // (one team, no changes of regisseur), not an artefact.
  EXPECT_THAT(result_plausibility({replication({}), replication({}), replication({})}, 365), IsEmpty());
  EXPECT_THAT(result_plausibility({}, 365), IsEmpty());
}

TEST(ResultPlausibility, KpisWithNoObservationsAreNamedWithTheirCause) {
  const auto r = replication({{"reentry_12m_share", "all", kNaN}, {"intakes_per_family", "all", kNaN},
                              {"plans_per_family", "all", kNaN}});
  EXPECT_THAT(result_plausibility({r, r}, 5),
              ElementsAre("no observations in the measured period of any replication (n = 0: no episode was closed) "
                          "for reentry_12m_share; the measured period may be too short: simulation.horizon_days = 5",
                          "no observations in the measured period of any replication (n = 0: no family's episode "
                          "ended) for intakes_per_family, plans_per_family; the measured period may be too short: "
                          "simulation.horizon_days = 5"));
}

TEST(ResultPlausibility, AKpiMissingInSomeReplicationsSaysOverHowMany) {
  EXPECT_THAT(result_plausibility({replication({{"never_assessed_share", "all", kNaN}}), replication({}),
                                   replication({{"never_assessed_share", "all", kNaN}})},
                                  365),
              ElementsAre("no observations in 2 of 3 replications (no family with a safety risk was seen) for "
                          "never_assessed_share; their means and intervals are over the other 1; the measured period "
                          "may be too short: simulation.horizon_days = 365"));
}

TEST(ResultPlausibility, AShareOfExactlyZeroOrOneOverAHandfulOfFamilies) {
  // The analyst's horizon_days = 5: 3 episodes, none closed yet, none of the risks assessed.
  const auto r = replication({{"episodes_entered", "all", 3},
                              {"families_closed", "all", 0},
                              {"families_left", "reason:reneged", 0},
                              {"reentry_12m_share", "all", kNaN},
                              {"single_regisseur_share", "all", kNaN},
                              {"never_assessed_share", "all", 1.0},
                              {"intakes_per_year", "team:wijkteam", 73},  // one intake in 5 days
                              {"intake_wait_within_norm_share", "all", 1.0}});
  const auto warnings = result_plausibility({r, r, r}, 5);
  EXPECT_THAT(warnings, Contains("only 3.0 episodes per replication entered the measured period, so every KPI "
                                 "rests on very few families; the measured period may be too short: "
                                 "simulation.horizon_days = 5"));
  EXPECT_THAT(warnings, Contains("never_assessed_share is exactly 1 in every replication, a share of at most 3.0 "
                                 "episodes entered per replication: too few to measure it; the measured period may "
                                 "be too short: simulation.horizon_days = 5"));
  EXPECT_THAT(warnings, Contains(AllOf(HasSubstr("intake_wait_within_norm_share is exactly 1"),
                                       HasSubstr("at most 1.0 intakes per replication"))));
  EXPECT_THAT(warnings, Contains(HasSubstr("(n = 0: no episode was closed) for reentry_12m_share;")));
  EXPECT_THAT(warnings, Contains(HasSubstr("(n = 0: no episode of a family helped by a team ended) for "
                                           "single_regisseur_share;")));
  EXPECT_EQ(warnings.size(), 5u) << ::testing::PrintToString(warnings);
  // The same shares over enough families raise nothing.
  const auto many = replication({{"never_assessed_share", "all", 1.0}, {"intake_wait_within_norm_share", "all", 0.0}});
  EXPECT_THAT(result_plausibility({many, many}, 365), IsEmpty());
  // ... a share that varies is no artefact, however few families ...
  EXPECT_THAT(result_plausibility({replication({{"episodes_entered", "all", 40}, {"never_assessed_share", "all", 1.0}}),
                                   replication({{"episodes_entered", "all", 40}, {"never_assessed_share", "all", 0.5}})},
                                  365),
              IsEmpty());
  // ... and a team's share over few intakes is left alone (small teams are real).
  const auto small_team = replication({{"intakes_per_year", "team:wijkteam", 4}, {"intake_wait_within_norm_share", "team:wijkteam", 1.0}});
  EXPECT_THAT(result_plausibility({small_team, small_team}, 365), IsEmpty());
}

TEST(ResultPlausibility, TeamsAndProvidersWithNothingToMeasureAreListedOnce) {
  const auto r = replication({{"intake_wait_days_mean", "team:wijkteam", kNaN},
                              {"intake_wait_within_norm_share", "team:wijkteam", kNaN},
                              {"specialist_wait_days_mean", "provider:ambulant", kNaN}});
  EXPECT_THAT(result_plausibility({r, r}, 365),
              ElementsAre("no intakes (teams) or starts (providers) in the measured period of any replication for "
                          "team:wijkteam, provider:ambulant: their wait KPIs are empty (n = 0); check that families are "
                          "routed there (and workers > 0), or the measured period may be too short: "
                          "simulation.horizon_days = 365"));
}

// The crisis provider is reached only by crises, which arise only while families wait: with
// short waits it has no starts, and that is not a routing mistake (the shipped baselines). When
// crises did happen and still none started there, it is.
TEST(ResultPlausibility, AnIdleCrisisProviderIsNoMistakeWhenNoCrisisHappened) {
  const auto quiet = replication({{"specialist_wait_days_mean", "provider:crisis", kNaN}, {"crises_per_year", "all", 0}});
  EXPECT_THAT(result_plausibility({quiet, quiet}, 365, "provider:crisis"), IsEmpty());
  EXPECT_THAT(result_plausibility({quiet, quiet}, 365), ElementsAre(HasSubstr("for provider:crisis: their wait KPIs")));
  const auto crises = replication({{"specialist_wait_days_mean", "provider:crisis", kNaN}, {"crises_per_year", "all", 2}});
  EXPECT_THAT(result_plausibility({crises, crises}, 365, "provider:crisis"),
              ElementsAre(HasSubstr("for provider:crisis: their wait KPIs")));
}

TEST(ResultPlausibility, FormatsOneLinePerWarning) {
  EXPECT_EQ(format_warnings("tiny", {"a", "b"}), "warning: tiny: a\nwarning: tiny: b\n");
  EXPECT_EQ(format_warnings("tiny", {}), "");
}

// End to end on the model: the analyst's five-day horizon warns, a measured year does not.
TEST(ResultPlausibility, OnTheTinyScenario) {
  ExperimentSettings s;
  s.range = {0, 3};
  s.threads = 1;
  const auto year = test_support::load_test_scenario("tiny.toml");
  EXPECT_THAT(result_plausibility(run_experiment(year, s, 60).output.results, year.simulation.horizon_days), IsEmpty());
  const auto days = test_support::load_test_scenario("tiny.toml", {{"simulation.horizon_days", "5"}});
  const auto warnings = result_plausibility(run_experiment(days, s, 60).output.results, days.simulation.horizon_days);
  ASSERT_FALSE(warnings.empty());
  for (const std::string& w : warnings) EXPECT_THAT(w, HasSubstr("simulation.horizon_days = 5")) << w;
  EXPECT_THAT(warnings, Contains(HasSubstr("episodes per replication entered the measured period")));
}

}  // namespace
}  // namespace jeugdsim::experiment
