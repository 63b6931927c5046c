// Teams, intakes, plans and hand-offs between teams: one intake and one plan when one team
// covers everything, two of each when the work is split, the consent delay, what a receiving
// team knows, and discovery of hidden needs only within a team's coverage.
#include <map>

#include "CareTestSupport.hpp"

namespace jeugdsim::care::testing {
namespace {

// Every family has a presented light child need and a presented light parent need.
CareParameters child_and_parent_needs() {
  CareParameters p = minimal_parameters();
  give_need(p, Domain::parent_debts);
  return p;
}

// A youth team (child and safety) that hands parent needs to an adult team (parent), and back.
CareParameters split(CareParameters p, bool shared_file, double consent_delay_days) {
  Team youth = team_like(p, "jeugd", kChildMask | kSafetyMask);
  youth.hand_off_parent = 1;
  Team adult = team_like(p, "ouder", kParentMask);
  adult.hand_off_child = 0;
  adult.hand_off_safety = 0;
  p.teams = {youth, adult};
  p.coordination.shared_file = shared_file;
  p.coordination.consent_delay_days = consent_delay_days;
  return p;
}

TEST(CareTeams, IntegratedTeamGivesOneIntakeOnePlanOneProfessional) {
  const RunOutput out = run(child_and_parent_needs());
  ASSERT_GT(out.kpi("families_closed"), 50);
  EXPECT_EQ(out.kpi("intakes_per_family"), 1.0);
  EXPECT_EQ(out.kpi("plans_per_family"), 1.0);
  EXPECT_EQ(out.kpi("handoffs_per_family"), 0.0);
  EXPECT_EQ(out.kpi("professionals_per_family"), 1.0);
  EXPECT_EQ(out.kpi("single_regisseur_share"), 1.0);
  EXPECT_EQ(out.count(Activity::hand_off, Lifecycle::start), 0u);
}

TEST(CareTeams, SplitTeamsGiveTwoIntakesTwoPlansAndOneHandOff) {
  const RunOutput out = run(split(child_and_parent_needs(), false, 14));
  ASSERT_GT(out.kpi("families_closed"), 50);
  EXPECT_EQ(out.kpi("intakes_per_family"), 2.0);
  EXPECT_EQ(out.kpi("plans_per_family"), 2.0);
  EXPECT_EQ(out.kpi("handoffs_per_family"), 1.0);
  EXPECT_EQ(out.kpi("professionals_per_family"), 2.0);
  EXPECT_EQ(out.kpi("single_regisseur_share"), 0.0);
  // Both teams spend coordination hours on the families they share.
  EXPECT_GT(out.kpi("hours_per_week_coordination", "team:jeugd"), 0.0);
  EXPECT_GT(out.kpi("hours_per_week_coordination", "team:ouder"), 0.0);
}

TEST(CareTeams, ChildOnlyFamiliesAreNotHandedOffInASplitDesign) {
  // Without a parent need nothing is outside the youth team's coverage.
  const RunOutput out = run(split(minimal_parameters(), false, 14));
  ASSERT_GT(out.kpi("families_closed"), 50);
  EXPECT_EQ(out.kpi("intakes_per_family"), 1.0);
  EXPECT_EQ(out.count(Activity::hand_off, Lifecycle::start), 0u);
}

// The hand-off leaves the first team at the end of its intake; the family joins the second
// team's queue exactly consent_delay_days later without a shared file, at once with one.
void expect_hand_off_delay(bool shared_file, double consent_delay, double expected_delay) {
  const RunOutput out = run(split(child_and_parent_needs(), shared_file, consent_delay));
  std::map<std::uint64_t, double> sent, queued;
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::hand_off && r.lifecycle == Lifecycle::start) {
      EXPECT_EQ(r.team, 0);
      sent.emplace(r.family, r.time);
    }
    if (r.activity == Activity::intake_queue && r.lifecycle == Lifecycle::start && r.team == 1)
      queued.emplace(r.family, r.time);
  }
  ASSERT_GT(sent.size(), 50u);
  std::size_t checked = 0;
  for (const auto& [family, t_sent] : sent) {
    const auto it = queued.find(family);
    if (it == queued.end()) {
      // Only a hand-off still waiting for consent at the horizon may lack its queue entry.
      EXPECT_GT(t_sent + expected_delay, 730.0 - 1e-9) << "family " << family;
      continue;
    }
    EXPECT_NEAR(it->second - t_sent, expected_delay, 1e-9) << "family " << family;
    ++checked;
  }
  EXPECT_GT(checked, 50u);
}

TEST(CareTeams, ConsentDelayDelaysTheHandOffByExactlyTheDelay) { expect_hand_off_delay(false, 14, 14); }
TEST(CareTeams, SharedFileNeedsNoConsentDelay) { expect_hand_off_delay(true, 14, 0); }

TEST(CareTeams, LostHandOffNeverReachesTheOtherTeam) {
  CareParameters p = split(child_and_parent_needs(), false, 14);
  p.coordination.hand_off_loss_share = 1.0;
  const RunOutput out = run(p);
  ASSERT_GT(out.count(Activity::hand_off, Lifecycle::start), 50u);
  for (const EventLogRecord& r : out.rows(Activity::intake_queue)) EXPECT_EQ(r.team, 0);
  EXPECT_EQ(out.kpi("intakes_per_family"), 1.0);
  EXPECT_EQ(out.kpi("handoffs_per_family"), 1.0);  // a referral that got lost still happened
  EXPECT_EQ(out.kpi("families_in_care", "all") + out.kpi("families_waiting", "all") +
                out.kpi("families_closed", "all"),
            out.kpi("episodes_entered"));
}

TEST(CareTeams, ReceivingTeamKnowsTheNeedItWasReferred) {
  // A child team assesses safety (hidden at the door) and refers it to a safety team that does
  // no assessment of its own: the referral itself must tell that team what it is for.
  CareParameters p = minimal_parameters();
  p.need_mixes[0].safety_elevated = 1.0;
  p.need_mixes[0].safety_presented = 0.0;
  Team child = team_like(p, "child", kChildMask);
  child.hand_off_safety = 1;
  Team safety = team_like(p, "safety", kSafetyMask);
  safety.safety_assessment = SafetyAssessmentPolicy::never;
  p.teams = {child, safety};
  p.coordination.shared_file = false;
  p.coordination.consent_delay_days = 7;
  const RunOutput out = run(p);
  std::map<std::uint64_t, int> plans_at_safety_team, help_at_safety_team;
  for (const EventLogRecord& r : out.log) {
    if (r.team != 1) continue;
    if (r.activity == Activity::plan) ++plans_at_safety_team[r.family];
    if (r.activity == Activity::light_help && r.lifecycle == Lifecycle::start) ++help_at_safety_team[r.family];
  }
  ASSERT_GT(plans_at_safety_team.size(), 50u);
  for (const auto& [family, n] : plans_at_safety_team)
    EXPECT_EQ(help_at_safety_team[family], n) << "the safety team did nothing for family " << family;
}

// Discovery: team "child" covers the child only; every family has a hidden child need that is
// always referred to a provider once known, and a hidden parent need that the adult team would
// take if it were ever known.
CareParameters hidden_needs(double discovery_per_contact) {
  CareParameters p = minimal_parameters();
  give_need(p, Domain::child_behaviour, 0, 0.0);
  give_need(p, Domain::parent_debts, 0, 0.0);
  p.providers.push_back(provider("ambulant", -1, 30));
  p.referrals[index_of(Domain::child_behaviour)] = Referral{0, {1, 1, 1}};
  Team child = team_like(p, "child", kChildMask);
  child.hand_off_parent = 1;
  child.discovery_per_contact = discovery_per_contact;
  Team adult = team_like(p, "adult", kParentMask);
  p.teams = {child, adult};
  return p;
}

TEST(CareTeams, HiddenNeedsAreDiscoveredOnlyWithinTheTeamsCoverage) {
  const RunOutput out = run(hidden_needs(1.0));
  const std::size_t intakes = out.count(Activity::intake, Lifecycle::complete);
  ASSERT_GT(intakes, 50u);
  // Every intake finds the hidden child need (certain discovery) and refers it.
  EXPECT_EQ(out.count(Activity::referral, Lifecycle::complete), intakes);
  // The hidden parent need lies outside the coverage: never found, never handed off.
  EXPECT_EQ(out.count(Activity::hand_off, Lifecycle::start), 0u);
  EXPECT_EQ(out.count(Activity::referral, Lifecycle::complete), out.count(Activity::specialist_queue, Lifecycle::start));
}

TEST(CareTeams, WithoutDiscoveryHiddenNeedsStayHidden) {
  const RunOutput out = run(hidden_needs(0.0));
  ASSERT_GT(out.count(Activity::intake, Lifecycle::complete), 50u);
  EXPECT_EQ(out.count(Activity::referral, Lifecycle::complete), 0u);
  EXPECT_EQ(out.count(Activity::hand_off, Lifecycle::start), 0u);
}

TEST(CareTeams, PresentedNeedOutsideCoverageIsHandedOff) {
  CareParameters p = hidden_needs(0.0);
  give_need(p, Domain::parent_debts, 0, 1.0);
  const RunOutput out = run(p);
  std::size_t child_team_intakes = 0;
  for (const EventLogRecord& r : out.rows(Activity::intake, Lifecycle::complete)) child_team_intakes += r.team == 0;
  ASSERT_GT(child_team_intakes, 50u);
  // Each intake at the child team hands the named parent need to the adult team.
  EXPECT_EQ(out.count(Activity::hand_off, Lifecycle::start), child_team_intakes);
}

}  // namespace
}  // namespace jeugdsim::care::testing
