// The CBS-comparable KPIs (calibration/targets/national-cbs.md): what counts as a jeugdhulp
// trajectory and who its referrer is.
#include <gtest/gtest.h>

#include "care/CareTestSupport.hpp"

namespace jeugdsim::care::testing {
namespace {

// Families with one moderate need on `d` come through the door to the team, which refers it to
// an unlimited provider with probability 0.4 and helps it itself otherwise; a second channel
// ("gp") refers the same kind of families straight to the provider.
CareParameters two_referrers(Domain d) {
  CareParameters p = minimal_parameters();
  p.need_mixes[0].domains[index_of(Domain::child_parenting)] = DomainMix{};
  give_need(p, d, 1);
  p.providers.push_back(provider("care", -1, 30));
  p.referrals[index_of(d)] = Referral{0, {0.4, 0.4, 0.4}};
  Channel gp = p.channels.front();
  gp.name = "gp";
  gp.routes = {route_to(Route::Target::provider, 0)};
  p.channels.push_back(gp);
  return p;
}

TEST(CareCbsKpis, ChildNeedsCountByReferrerWithTheTeamsOwnHelp) {
  const auto out = run(two_referrers(Domain::child_behaviour));
  constexpr double years = 730.0 / 365.0;  // minimal_parameters: 730 measured days, no warm-up
  const double own = static_cast<double>(out.count(Activity::light_help, Lifecycle::start));
  std::size_t team_starts = 0, direct_starts = 0;
  for (const EventLogRecord& r : out.rows(Activity::referral, Lifecycle::complete))
    ++(r.team >= 0 ? team_starts : direct_starts);
  ASSERT_GT(own, 20.0);
  ASSERT_GT(direct_starts, 50u);
  // Every referral starts at once (unlimited places), so starts equal referrals here.
  EXPECT_DOUBLE_EQ(out.kpi("jeugdhulp_starts_per_year", "team:team"), (static_cast<double>(team_starts) + own) / years);
  EXPECT_DOUBLE_EQ(out.kpi("jeugdhulp_starts_per_year", "channel:gp"), static_cast<double>(direct_starts) / years);
  const double total = static_cast<double>(team_starts + direct_starts) + own;
  EXPECT_DOUBLE_EQ(out.kpi("jeugdhulp_starts_share", "channel:gp"), static_cast<double>(direct_starts) / total);
  EXPECT_DOUBLE_EQ(out.kpi("own_help_starts_share", "team:team"), own / total);
  EXPECT_DOUBLE_EQ(out.kpi("jeugdhulp_starts_share", "team:team") + out.kpi("jeugdhulp_starts_share", "channel:gp") +
                       out.kpi("jeugdhulp_starts_share", "channel:door"),
                   1.0);
}

TEST(CareCbsKpis, ParentNeedsAreNotJeugdhulp) {
  // The same flows for a parent's need: referrals and light help happen, but none of it is
  // jeugdhulp, so there are no jeugdhulp trajectories and no stock.
  const auto out = run(two_referrers(Domain::parent_debts));
  ASSERT_GT(out.count(Activity::referral, Lifecycle::complete), 50u);
  ASSERT_GT(out.count(Activity::light_help, Lifecycle::start), 20u);
  EXPECT_EQ(out.kpi("jeugdhulp_starts_per_year"), 0.0);
  EXPECT_EQ(out.kpi("jeugdhulp_in_care"), 0.0);
  EXPECT_TRUE(std::isnan(out.kpi("jeugdhulp_starts_share", "channel:gp")));
}

TEST(CareCbsKpis, AChildProtectionTeamsOwnCasesAreMeasuresNotTrajectories) {
  CareParameters p = two_referrers(Domain::child_behaviour);
  p.teams[0].child_protection = true;
  p.teams[0].support_days = DurationDistribution::constant(400);  // cases open at the horizon
  const auto out = run(p);
  ASSERT_GT(out.count(Activity::light_help, Lifecycle::start), 20u);
  EXPECT_EQ(out.kpi("own_help_starts_share", "team:team"), 0.0);
  std::size_t team_referrals = 0;
  for (const EventLogRecord& r : out.rows(Activity::referral, Lifecycle::complete))
    if (r.team >= 0) ++team_referrals;
  // The team's referrals still count, with the team as referrer (the GI as verwijzer).
  EXPECT_DOUBLE_EQ(out.kpi("jeugdhulp_starts_per_year", "team:team"), static_cast<double>(team_referrals) / 2.0);
  // Its open cases are child-protection cases: about 100 families a year x 400 days, less those
  // referred on (which close after 30 days of care).
  EXPECT_GT(out.kpi("child_protection_cases", "team:team"), 40.0);
  EXPECT_EQ(out.kpi("jeugdhulp_in_care_share", "team:team"), 0.0);
}

TEST(CareCbsKpis, YearsInCareIsStockOverStartsPerYear) {
  // Providers' care lasts 30 days, light help 60 days: stock / flow lies between the two.
  const auto out = run(two_referrers(Domain::child_behaviour));
  const double y = out.kpi("jeugdhulp_years_in_care");
  EXPECT_DOUBLE_EQ(y, out.kpi("jeugdhulp_in_care") / out.kpi("jeugdhulp_starts_per_year"));
  EXPECT_GT(y, 15.0 / 365.0);
  EXPECT_LT(y, 90.0 / 365.0);
}

}  // namespace
}  // namespace jeugdsim::care::testing
