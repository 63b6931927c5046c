#include <gtest/gtest.h>

#include "care/CareTestSupport.hpp"

namespace jeugdsim::care::testing {
namespace {

// Every family has one moderate parenting need, referred to an unlimited provider with
// probability 0.4; the team's referral_factor scales that probability (capped at 1).
CareParameters with_referral(double factor) {
  CareParameters p = minimal_parameters();
  give_need(p, Domain::child_parenting, 1);
  p.providers.push_back(provider("ambulant", -1, 30));
  p.referrals[index_of(Domain::child_parenting)] = Referral{0, {0.4, 0.4, 0.4}};
  p.teams[0].referral_factor = factor;
  return p;
}

TEST(CareReferrals, ReferralFactorZeroMeansTheTeamHelpsEveryoneItself) {
  const auto out = run(with_referral(0.0));
  EXPECT_GT(out.kpi("families_entered"), 100.0);
  EXPECT_EQ(out.count(Activity::referral, Lifecycle::complete), 0u);
}

TEST(CareReferrals, ReferralFactorAboveOneCapsAtCertainReferral) {
  // 0.4 x 3 = 1.2 is capped at 1: every family that finished its intake is referred.
  const auto out = run(with_referral(3.0));
  EXPECT_EQ(out.count(Activity::referral, Lifecycle::complete), out.count(Activity::intake, Lifecycle::complete));
  EXPECT_EQ(out.count(Activity::light_help, Lifecycle::start), 0u);
}

TEST(CareReferrals, ReferralFactorScalesTheShareReferredUnderCommonRandomNumbers) {
  // The same families and the same referral draws: a larger factor refers a superset.
  const auto low = run(with_referral(0.5));   // p = 0.2
  const auto high = run(with_referral(1.5));  // p = 0.6
  const double intakes = static_cast<double>(low.count(Activity::intake, Lifecycle::complete));
  const double share_low = static_cast<double>(low.count(Activity::referral, Lifecycle::complete)) / intakes;
  const double share_high = static_cast<double>(high.count(Activity::referral, Lifecycle::complete)) / intakes;
  // Binomial with n > 100 intakes: the shares lie within 4 standard errors (< 0.2) of 0.2 and 0.6.
  EXPECT_NEAR(share_low, 0.2, 0.2);
  EXPECT_NEAR(share_high, 0.6, 0.2);
  EXPECT_LT(share_low, share_high);
}

}  // namespace
}  // namespace jeugdsim::care::testing
