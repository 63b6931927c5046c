// Turning 18 (warm, cold, lost), re-entry after closure, triage and routing at the door, and
// the safety assessment policies.
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "CareTestSupport.hpp"

namespace jeugdsim::care::testing {
namespace {

constexpr double kYear = 365.0;

// Children of a pinned age who are still in care when they turn 18 (light help of 400 days).
CareParameters turning_18(int age, HandoverAt18 policy) {
  CareParameters p = minimal_parameters();
  pin_age(p, age);
  p.teams[0].support_days = DurationDistribution::constant(400);
  p.teams[0].handover_at_18 = policy;
  return p;
}

// The youth team hands over to an adult team (parent coverage only) at 18.
CareParameters cold_handover() {
  CareParameters p = turning_18(17, HandoverAt18::cold);
  Team youth = team_like(p, "jeugd", kChildMask | kSafetyMask);
  youth.handover_at_18 = HandoverAt18::cold;
  youth.adult_team = 1;
  Team adult = team_like(p, "ouder", kParentMask);
  p.teams = {youth, adult};
  return p;
}

TEST(CareTransitions, ChildTurns18OnTheRightDay) {
  for (int age : {17, 16}) {
    CareParameters p = turning_18(age, HandoverAt18::warm);
    p.teams[0].support_days = DurationDistribution::constant(800);  // in care for over two years
    p.simulation.horizon_days = 1100;
    const RunOutput out = run(p);
    const auto signals = out.first_signals();
    std::size_t due = 0;
    for (const auto& [family, a] : signals) due += a.index_child_birth + 18 * kYear <= p.simulation.horizon_days;
    const auto rows = out.rows(Activity::turned_18);
    ASSERT_GT(rows.size(), 20u);
    // Everyone is still in care when they turn 18 (care lasts longer than two years).
    EXPECT_EQ(rows.size(), due);
    for (const EventLogRecord& r : rows) {
      const FamilyArrivalRecord& a = signals.at(r.family);
      EXPECT_DOUBLE_EQ(r.time, a.index_child_birth + 18 * kYear);
      // The age within the pinned year is uniform: 18 comes within the matching year.
      EXPECT_GT(r.time - a.time, (17 - age) * kYear);
      EXPECT_LE(r.time - a.time, (18 - age) * kYear);
    }
  }
}

// 18th birthdays wait outside the calendar until shortly before they are due (a sweep every
// 30 days moves them in), and a family that leaves and comes back meanwhile is due again.
// Families here cycle through 67-day episodes and 10-day absences during the year in which
// the child turns 18, so some leave and return within one sweep window: the birthday must be
// marked exactly once, on the day, if and only if it falls within an episode.
TEST(CareTransitions, TurningEighteenIsMarkedOnceAcrossReentries) {
  CareParameters p = turning_18(17, HandoverAt18::warm);
  p.teams[0].support_days = DurationDistribution::constant(60);
  p.reentry.base_probability = 1.0;
  p.reentry.delay_days = DurationDistribution::constant(10);
  const RunOutput out = run(p);
  const auto signals = out.first_signals();
  std::map<std::uint64_t, std::vector<std::pair<double, double>>> episodes;  // [start, end) per family
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::signal || r.activity == Activity::reentry)
      episodes[r.family].emplace_back(r.time, p.simulation.horizon_days + 1);
    else if (r.activity == Activity::closure)
      episodes[r.family].back().second = r.time;
  }
  std::map<std::uint64_t, int> marked;
  for (const EventLogRecord& r : out.rows(Activity::turned_18)) {
    ++marked[r.family];
    EXPECT_DOUBLE_EQ(r.time, signals.at(r.family).index_child_birth + 18 * kYear);
  }
  std::size_t within = 0, between = 0;
  for (const auto& [family, spans] : episodes) {
    const double birthday = signals.at(family).index_child_birth + 18 * kYear;
    if (birthday > p.simulation.horizon_days) continue;
    const bool active = std::any_of(spans.begin(), spans.end(),
                                    [&](const auto& e) { return e.first <= birthday && birthday < e.second; });
    (active ? within : between) += 1;
    EXPECT_EQ(marked[family], active ? 1 : 0) << "family " << family << ", birthday " << birthday;
  }
  // Both cases occur often enough to matter.
  EXPECT_GT(within, 20u);
  EXPECT_GT(between, 5u) << within;
}

TEST(CareTransitions, WarmHandoverKeepsTheSameWorker) {
  const RunOutput out = run(turning_18(17, HandoverAt18::warm));
  const auto rows = out.rows(Activity::turned_18);
  ASSERT_GT(rows.size(), 20u);
  EXPECT_TRUE(out.rows(Activity::hand_off).empty());
  EXPECT_EQ(out.kpi("families_left", "reason:aged_out"), 0.0);
  EXPECT_EQ(out.kpi("aged_out_gap_days_mean"), 0.0);
  EXPECT_NEAR(out.kpi("transitions_18_per_year"), static_cast<double>(rows.size()) / 2.0, 1e-9);
  // Care continues to the end of the light help: closure 7 + 400 days after the signal.
  const auto signals = out.first_signals();
  for (const EventLogRecord& c : out.rows(Activity::closure))
    EXPECT_NEAR(c.time, signals.at(c.family).time + 407, 1e-6);
  EXPECT_EQ(out.kpi("professionals_per_family"), 1.0);
}

TEST(CareTransitions, ColdHandoverStartsANewIntakeAtTheAdultTeam) {
  const RunOutput out = run(cold_handover());
  const auto turned = out.rows(Activity::turned_18);
  ASSERT_GT(turned.size(), 20u);
  for (const EventLogRecord& t : turned) {
    bool hand_off = false, queued = false, intake = false, help = false;
    for (const EventLogRecord& r : out.rows_of(t.family)) {
      if (r.time < t.time) continue;
      hand_off |= r.activity == Activity::hand_off && r.lifecycle == Lifecycle::start && r.time == t.time;
      queued |= r.activity == Activity::intake_queue && r.lifecycle == Lifecycle::start && r.team == 1 &&
                r.time == t.time;
      intake |= r.activity == Activity::intake && r.lifecycle == Lifecycle::start && r.team == 1;
      // The adult team takes on the young adult's (child) need.
      help |= r.activity == Activity::light_help && r.lifecycle == Lifecycle::start && r.team == 1;
    }
    EXPECT_TRUE(hand_off) << "family " << t.family;
    EXPECT_TRUE(queued) << "family " << t.family;
    EXPECT_TRUE(intake || t.time > 723) << "family " << t.family;
    EXPECT_TRUE(help || t.time > 723) << "family " << t.family;
  }
  EXPECT_EQ(out.kpi("families_left", "reason:aged_out"), 0.0);
  EXPECT_EQ(out.kpi("families_left", "reason:lost_hand_off"), 0.0);
  EXPECT_NEAR(out.kpi("transitions_18_per_year"), static_cast<double>(turned.size()) / 2.0, 1e-9);
  // The adult team accepts at once here, so the gap from 18 to the new intake is nil.
  EXPECT_EQ(out.kpi("aged_out_gap_days_mean"), 0.0);
}

TEST(CareTransitions, ColdHandoverThatNeverArrivesLosesTheFamily) {
  CareParameters p = cold_handover();
  p.coordination.hand_off_loss_share = 1.0;
  const RunOutput out = run(p);
  const auto turned = out.rows(Activity::turned_18);
  ASSERT_GT(turned.size(), 20u);
  EXPECT_EQ(out.kpi("families_left", "reason:lost_hand_off"), static_cast<double>(turned.size()));
  // Nobody reaches the adult team's queue: the only queue joins are the first ones.
  EXPECT_EQ(out.rows(Activity::intake_queue, Lifecycle::start).size(), out.first_signals().size());
}

TEST(CareTransitions, LostHandoverAgesTheFamilyOut) {
  const RunOutput out = run(turning_18(17, HandoverAt18::lost));
  const auto turned = out.rows(Activity::turned_18);
  ASSERT_GT(turned.size(), 20u);
  EXPECT_EQ(out.kpi("families_left", "reason:aged_out"), static_cast<double>(turned.size()));
  EXPECT_NEAR(out.kpi("aged_out_lost_per_year"), static_cast<double>(turned.size()) / 2.0, 1e-9);
  std::set<std::pair<std::uint64_t, double>> closures;
  for (const EventLogRecord& c : out.rows(Activity::closure)) closures.emplace(c.family, c.time);
  for (const EventLogRecord& t : turned) EXPECT_TRUE(closures.count({t.family, t.time})) << "family " << t.family;
}

// Re-entry ----------------------------------------------------------------------------------

TEST(CareTransitions, WithCertainReentryEveryClosedFamilyComesBack) {
  CareParameters p = minimal_parameters();
  p.reentry.base_probability = 1.0;
  const RunOutput out = run(p);
  std::set<std::tuple<std::uint64_t, std::uint32_t, double>> reentries;
  for (const EventLogRecord& r : out.rows(Activity::reentry)) reentries.emplace(r.family, r.episode, r.time);
  std::size_t expected = 0;
  for (const EventLogRecord& c : out.rows(Activity::closure)) {
    if (c.time + 30 > p.simulation.horizon_days) continue;
    ++expected;
    EXPECT_TRUE(reentries.count({c.family, c.episode + 1, c.time + 30})) << "family " << c.family;
  }
  ASSERT_GT(expected, 50u);
  EXPECT_EQ(reentries.size(), expected);
  EXPECT_EQ(out.kpi("reentry_12m_share"), 1.0);
  EXPECT_GT(out.kpi("episodes_entered"), out.kpi("families_entered"));
}

TEST(CareTransitions, WithoutReentryNobodyComesBack) {
  const RunOutput out = run(minimal_parameters());
  ASSERT_GT(out.count(Activity::closure, Lifecycle::complete), 50u);
  EXPECT_TRUE(out.rows(Activity::reentry).empty());
  EXPECT_EQ(out.kpi("reentry_12m_share"), 0.0);
  EXPECT_EQ(out.kpi("episodes_entered"), out.kpi("families_entered"));
}

std::set<std::uint64_t> reentered(const CareParameters& p) {
  std::set<std::uint64_t> out;
  for (const FamilyArrivalRecord& a : run(p).arrivals)
    if (a.episode == 1) out.insert(a.family);
  return out;
}

TEST(CareTransitions, UnaddressedParentNeedRaisesReentry) {
  // A child-only team leaves every family's parent need unaddressed. Under common random
  // numbers the same draw decides each family's re-entry, so raising the factor can only add
  // families; and when the parent need is addressed the factor must not matter.
  CareParameters base = minimal_parameters();
  give_need(base, Domain::parent_debts);
  base.reentry.base_probability = 0.2;
  base.teams[0].coverage_mask = kChildMask | kSafetyMask;
  CareParameters raised = base;
  raised.reentry.unaddressed_parent_factor = 3;
  CareParameters addressed = raised;
  addressed.teams[0].coverage_mask = kChildMask | kParentMask | kSafetyMask;

  const auto s1 = reentered(base), s3 = reentered(raised), s_addressed = reentered(addressed);
  ASSERT_GT(s1.size(), 5u);
  EXPECT_GT(s3.size(), s1.size() + 20);
  for (std::uint64_t f : s1) EXPECT_TRUE(s3.count(f)) << "family " << f;
  EXPECT_EQ(s_addressed, s1);
}

// Triage and routing at the door -------------------------------------------------------------

Triage triage(double advice_only_share, std::vector<Route> routes) {
  Triage t;
  t.name = "front_door";
  t.delay_days = DurationDistribution::constant(2);
  t.advice_only_share = advice_only_share;
  t.routes = std::move(routes);
  return t;
}

TEST(CareTransitions, AdviceOnlyTriageClosesEveryoneAsNoCare) {
  CareParameters p = minimal_parameters();
  p.triages.push_back(triage(1.0, {route_to(Route::Target::team, 0)}));
  p.channels[0].routes = {route_to(Route::Target::triage, 0)};
  const RunOutput out = run(p);
  const double entered = out.kpi("families_entered");
  ASSERT_GT(entered, 50);
  // Only a family whose triage is still running at the horizon has not left.
  EXPECT_NEAR(out.kpi("families_left", "reason:no_care"), entered, 3.0);
  EXPECT_EQ(out.kpi("families_left", "reason:no_care") + out.kpi("families_waiting"), entered);
  EXPECT_TRUE(out.rows(Activity::intake_queue).empty());
  EXPECT_EQ(static_cast<double>(out.rows(Activity::triage, Lifecycle::complete).size()), out.kpi("families_left", "reason:no_care"));
}

TEST(CareTransitions, TriageRoutesOnPresentedDomains) {
  // Child-only presentations go to team A, any presented parent need to team B, the rest to C.
  CareParameters p = minimal_parameters();
  p.need_mixes[0].domains = {};
  p.need_mixes[0].domains[index_of(Domain::child_behaviour)] = DomainMix{0.6, {1, 0, 0}, 0.7};
  p.need_mixes[0].domains[index_of(Domain::parent_debts)] = DomainMix{0.5, {1, 0, 0}, 0.6};
  p.teams = {team_like(p, "A", kChildMask), team_like(p, "B", kParentMask), team_like(p, "C", 0x7FF)};
  p.triages.push_back(triage(0.0, {route_to(Route::Target::team, 0, 1.0, RouteCondition::Kind::presented_only, kChildMask),
                                   route_to(Route::Target::team, 1, 1.0, RouteCondition::Kind::presented_any, kParentMask),
                                   route_to(Route::Target::team, 2, 1e-12)}));
  p.channels[0].routes = {route_to(Route::Target::triage, 0)};
  p.simulation.horizon_days = 1500;
  const RunOutput out = run(p);
  const auto signals = out.first_signals();
  std::array<int, 3> per_team{};
  for (const EventLogRecord& r : out.rows(Activity::intake_queue, Lifecycle::start)) {
    const std::uint16_t presented = signals.at(r.family).presented;
    const int expected = (presented != 0 && (presented & ~kChildMask) == 0) ? 0 : ((presented & kParentMask) ? 1 : 2);
    EXPECT_EQ(r.team, expected) << "presented mask " << presented;
    ++per_team[static_cast<std::size_t>(r.team)];
  }
  for (int n : per_team) EXPECT_GT(n, 10);
}

// Safety assessment policies -----------------------------------------------------------------

// Every family has an elevated safety risk, named at the door by half of them; intakes take no
// time and nobody waits, so at the horizon every family has had its intake.
RunOutput safety_run(SafetyAssessmentPolicy policy, std::uint16_t coverage, bool triage_assesses = false) {
  CareParameters p = minimal_parameters();
  p.need_mixes[0].safety_elevated = 1.0;
  p.need_mixes[0].safety_presented = 0.5;
  p.teams[0].coverage_mask = coverage;
  p.teams[0].safety_assessment = policy;
  p.teams[0].intake_elapsed_days = DurationDistribution::constant(0);
  if (triage_assesses) {
    Triage t = triage(0.0, {route_to(Route::Target::team, 0)});
    t.delay_days = DurationDistribution::constant(0);
    t.assesses_safety = true;
    p.triages.push_back(t);
    p.channels[0].routes = {route_to(Route::Target::triage, 0)};
  }
  return run(p);
}

constexpr std::uint16_t kAll = kChildMask | kParentMask | kSafetyMask;

TEST(CareTransitions, SafetyAssessmentAlwaysReachesEveryFamily) {
  const RunOutput out = safety_run(SafetyAssessmentPolicy::always, kAll);
  ASSERT_GT(out.kpi("families_entered"), 50);
  EXPECT_EQ(out.kpi("never_assessed_share"), 0.0);
  EXPECT_LT(out.kpi("safety_assessment_days_mean"), 1e-3);
}

TEST(CareTransitions, SafetyAssessmentNeverLeavesEveryoneUnassessed) {
  EXPECT_EQ(safety_run(SafetyAssessmentPolicy::never, kAll).kpi("never_assessed_share"), 1.0);
}

TEST(CareTransitions, SafetyAssessmentWhenPresentedFollowsWhatTheFamilySaid) {
  const RunOutput out = safety_run(SafetyAssessmentPolicy::when_presented, kAll);
  std::set<std::uint64_t> assessed;
  for (const EventLogRecord& r : out.rows(Activity::safety_assessment)) assessed.insert(r.family);
  const auto signals = out.first_signals();
  for (const auto& [family, a] : signals)
    EXPECT_EQ(assessed.count(family) == 1, has(a.presented, Domain::safety)) << "family " << family;
  const double share = out.kpi("never_assessed_share");
  EXPECT_GT(share, 0.3);
  EXPECT_LT(share, 0.7);
}

TEST(CareTransitions, SafetyAssessmentByChildTeamsOnly) {
  EXPECT_EQ(safety_run(SafetyAssessmentPolicy::child_teams, kAll).kpi("never_assessed_share"), 0.0);
  EXPECT_EQ(safety_run(SafetyAssessmentPolicy::child_teams, kChildMask).kpi("never_assessed_share"), 0.0);
  EXPECT_EQ(safety_run(SafetyAssessmentPolicy::child_teams, kParentMask).kpi("never_assessed_share"), 1.0);
}

TEST(CareTransitions, TriageThatAssessesSafetyCountsAsAssessment) {
  EXPECT_EQ(safety_run(SafetyAssessmentPolicy::never, kAll, true).kpi("never_assessed_share"), 0.0);
}

}  // namespace
}  // namespace jeugdsim::care::testing
