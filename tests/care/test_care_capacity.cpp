// Capacity and queues: the caseload cap, priority by safety level, specialist places, direct
// referral by a channel, reneging, and the reassignment of a departing worker's cases.
#include <map>
#include <set>

#include "CareTestSupport.hpp"

namespace jeugdsim::care::testing {
namespace {

// One team far too small for its demand, so that queues form and every rule is tested at its
// limit.
CareParameters overloaded(int workers, double cap_per_fte) {
  CareParameters p = minimal_parameters();
  p.channels[0].rate_per_1000_youth_per_year = 150;  // about 300 families a year
  Team& t = p.teams[0];
  t.workers = workers;
  t.fte_per_worker = 0.8;
  t.caseload_cap_per_fte = cap_per_fte;
  t.accept_rule = AcceptRule::cap;
  t.support_days = DurationDistribution::constant(200);
  return p;
}

TEST(CareCapacity, CaseloadCapIsNeverExceeded) {
  for (AcceptRule rule : {AcceptRule::cap, AcceptRule::cap_and_hours}) {
    CareParameters p = overloaded(3, 5);  // 5 per FTE at 0.8 FTE: at most 4 cases per worker
    p.teams[0].accept_rule = rule;
    const RunOutput out = run(p);
    EXPECT_LE(out.kpi("caseload_per_worker_max", "team:team"), 4.0);
    EXPECT_EQ(out.kpi("caseload_per_worker_max", "team:team"), 4.0) << "the cap should bind under this demand";
    EXPECT_LE(out.kpi("caseload_per_fte_mean", "team:team"), 5.0 + 1e-9);
    EXPECT_GT(out.kpi("waiting_list_length_mean", "team:team"), 10.0);
    for (const TimeseriesPoint& s : out.result.timeseries)
      if (out.result.key_of(s).metric == "caseload_per_worker") {
        EXPECT_LE(s.value, 4.0);
      }
  }
}

TEST(CareCapacity, WithoutACapCaseloadGrowsPastIt) {
  // The same demand with accept_rule = none: the cap is not a side effect of something else.
  CareParameters p = overloaded(3, 5);
  p.teams[0].accept_rule = AcceptRule::none;
  EXPECT_GT(run(p).kpi("caseload_per_worker_max", "team:team"), 4.0);
}

TEST(CareCapacity, AcuteSafetyFamiliesOvertakeEarlierFamilies) {
  CareParameters p = overloaded(1, 1);  // one case at a time
  p.teams[0].fte_per_worker = 1;
  p.teams[0].support_days = DurationDistribution::constant(20);
  p.teams[0].intake_elapsed_days = DurationDistribution::constant(3);
  p.channels[0].rate_per_1000_youth_per_year = 20;  // about 40 a year for about 16 places a year
  p.need_mixes[0].safety_acute = 0.25;
  p.need_mixes[0].safety_presented = 1.0;
  const RunOutput out = run(p);
  const auto signals = out.first_signals();
  std::map<std::uint64_t, double> joined, started;
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::intake_queue && r.lifecycle == Lifecycle::start) joined.emplace(r.family, r.time);
    if (r.activity == Activity::intake && r.lifecycle == Lifecycle::start) started.emplace(r.family, r.time);
  }
  auto acute = [&](std::uint64_t f) { return signals.at(f).severity[index_of(Domain::safety)] == kSafetyAcute; };
  auto start_of = [&](std::uint64_t f) {
    const auto it = started.find(f);
    return it == started.end() ? 1e300 : it->second;
  };
  std::size_t overtakes = 0, acute_families = 0;
  for (const auto& [n, s_n] : started) {
    for (const auto& [a, j_a] : joined) {
      if (a == n) continue;
      const bool same_class = acute(a) == acute(n);
      if (acute(a) && !acute(n) && j_a < s_n) {
        EXPECT_LT(start_of(a), s_n) << "acute family " << a << " waited while " << n << " started";
      }
      if (same_class && j_a < joined.at(n)) {
        EXPECT_LE(start_of(a), s_n) << "first in, first out within a class";
      }
      if (acute(n) && !acute(a) && j_a < joined.at(n) && start_of(a) > s_n) ++overtakes;
    }
    acute_families += acute(n);
  }
  EXPECT_GT(acute_families, 3u);
  EXPECT_GT(overtakes, 3u) << "the queue never held an earlier non-acute family when an acute one came";
}

TEST(CareCapacity, ProviderNeverHasMoreFamiliesInCareThanPlaces) {
  // The channel refers straight to the provider (a GP's direct referral): no team involved.
  CareParameters p = minimal_parameters();
  p.providers.push_back(provider("ambulant", 3, 100));
  p.channels[0].routes = {route_to(Route::Target::provider, 0)};
  const RunOutput out = run(p);
  int in_care = 0, most = 0;
  for (const EventLogRecord& r : out.log) {
    if (r.activity != Activity::specialist_care) continue;
    in_care += r.lifecycle == Lifecycle::start ? 1 : -1;
    ASSERT_LE(in_care, 3) << "at day " << r.time;
    most = std::max(most, in_care);
  }
  EXPECT_EQ(most, 3);
  EXPECT_LE(out.kpi("in_care_mean", "provider:ambulant"), 3.0);
  EXPECT_GT(out.kpi("specialist_wait_days_mean", "provider:ambulant"), 0.0);
  EXPECT_GT(out.kpi("families_closed"), 5);
  // A direct referral: no team, no intake queue; the referral names no team.
  EXPECT_TRUE(out.rows(Activity::intake_queue).empty());
  const auto referrals = out.rows(Activity::referral);
  ASSERT_EQ(referrals.size(), out.first_signals().size());
  for (const EventLogRecord& r : referrals) {
    EXPECT_EQ(r.team, -1);
    EXPECT_EQ(r.provider, 0);
  }
}

TEST(CareCapacity, RenegedFamiliesLeaveTheQueueAndAreCounted) {
  CareParameters p = overloaded(1, 1);
  p.teams[0].fte_per_worker = 1;
  p.waiting.reneging_per_year = 4;
  const RunOutput out = run(p);
  const auto reneged = out.rows(Activity::reneged);
  ASSERT_GT(reneged.size(), 20u);
  EXPECT_EQ(out.kpi("families_left", "reason:reneged"), static_cast<double>(reneged.size()));
  std::set<std::uint64_t> had_intake;
  for (const EventLogRecord& r : out.rows(Activity::intake, Lifecycle::start)) had_intake.insert(r.family);
  for (const EventLogRecord& r : reneged) EXPECT_FALSE(had_intake.count(r.family)) << "family " << r.family;
  // Conservation by reason (the run itself throws on a violation; this restates it).
  double left = 0;
  for (const KpiValue& k : out.result.kpis)
    if (k.kpi == "families_left") left += k.value;
  EXPECT_EQ(out.kpi("episodes_entered"),
            out.kpi("families_closed") + left + out.kpi("families_waiting") + out.kpi("families_in_care"));
  // Reneging shortens the waiting list.
  CareParameters patient = p;
  patient.waiting.reneging_per_year = 0;
  EXPECT_GT(run(patient).kpi("waiting_list_length_mean", "team:team"), out.kpi("waiting_list_length_mean", "team:team"));
}

TEST(CareCapacity, FamilyInCrisisCanStillRenege) {
  // Deterioration turns an elevated risk acute while waiting; the family moves to the front
  // class of the queue but is still waiting, so it may still drop out.
  CareParameters p = overloaded(1, 1);
  p.teams[0].fte_per_worker = 1;
  p.teams[0].support_days = DurationDistribution::constant(300);
  p.need_mixes[0].safety_elevated = 1.0;
  p.need_mixes[0].safety_presented = 0.0;
  p.waiting.deterioration_per_year = 6;
  p.waiting.reneging_per_year = 2;
  const RunOutput out = run(p);
  std::set<std::uint64_t> in_crisis;
  std::size_t reneged_after_crisis = 0;
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::crisis) in_crisis.insert(r.family);
    if (r.activity == Activity::reneged && in_crisis.count(r.family)) ++reneged_after_crisis;
  }
  ASSERT_GT(in_crisis.size(), 50u);
  EXPECT_GT(reneged_after_crisis, 10u);
}

// Workers leave often; the team is full, so a departing worker's cases must wait for room.
CareParameters high_turnover() {
  CareParameters p = overloaded(4, 5);
  p.teams[0].intake_elapsed_days = DurationDistribution::constant(30);
  p.teams[0].support_days = DurationDistribution::constant(90);
  p.workforce.turnover_per_year = 3;
  p.workforce.vacancy_days = DurationDistribution::constant(20);
  return p;
}

TEST(CareCapacity, DepartingWorkersCasesAreReassignedAndCountedAsHandOffs) {
  const RunOutput out = run(high_turnover());
  ASSERT_GT(out.count(Activity::reassignment, Lifecycle::start), 30u);
  EXPECT_GT(out.count(Activity::reassignment, Lifecycle::complete), 30u);
  // Per closed family: hand-offs are its reassignments, professionals its distinct workers.
  std::map<std::uint64_t, int> reassigned;
  std::map<std::uint64_t, std::set<std::uint32_t>> workers;
  double hand_offs = 0, professionals = 0, closed = 0;
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::reassignment && r.lifecycle == Lifecycle::start) ++reassigned[r.family];
    if (r.worker != 0) workers[r.family].insert(r.worker);
    if (r.activity == Activity::closure) {
      hand_offs += reassigned[r.family];
      professionals += static_cast<double>(workers[r.family].size());
      ++closed;
    }
  }
  ASSERT_GT(closed, 50);
  EXPECT_NEAR(out.kpi("handoffs_per_family"), hand_offs / closed, 1e-12);
  EXPECT_NEAR(out.kpi("professionals_per_family"), professionals / closed, 1e-12);
  EXPECT_GT(out.kpi("handoffs_per_family"), 0.1);
  EXPECT_LT(out.kpi("single_regisseur_share"), 1.0);
}

TEST(CareCapacity, OrphanedCasesAreServedBeforeNewIntakes) {
  // A case waiting for reassignment goes before any family in the intake queue, whatever
  // happens to the case meanwhile (its intake ends, its light help starts).
  const RunOutput out = run(high_turnover());
  std::set<std::uint64_t> awaiting;
  std::size_t violations = 0, waited = 0;
  for (const EventLogRecord& r : out.log) {
    if (r.activity == Activity::reassignment && r.lifecycle == Lifecycle::start) awaiting.insert(r.family);
    if ((r.activity == Activity::reassignment && r.lifecycle == Lifecycle::complete) || r.activity == Activity::closure)
      awaiting.erase(r.family);
    if (r.activity == Activity::intake && r.lifecycle == Lifecycle::start) {
      violations += !awaiting.empty();
      waited += awaiting.size();
    }
  }
  EXPECT_EQ(violations, 0u) << waited << " family-intakes passed an orphaned case";
}

}  // namespace
}  // namespace jeugdsim::care::testing
