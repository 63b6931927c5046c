// Team care (docs/model.md 2.3.6, 2.3.7, 2.3.9, 2.3.12): intake, plan, light help, reviews and
// the closure of a team case.
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
using Phase = TeamCase::Phase;
}  // namespace

void CareSimulation::start_intake(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  ++c.generation;  // cancels the pending reneging and deterioration events
  c.phase = Phase::intake;
  const double wait = calendar_.now() - c.queued_at;
  if (options_.record_intake_waits) {
    intake_wait_series_.push_back(wait);
    intake_wait_days_.push_back(calendar_.now());
  }
  if (measuring()) {
    ts.intake_wait.add(wait);
    ts.queue_time.add(wait);
    ts.intake_wait_hist.add(wait);
    if (wait <= p_.simulation.intake_norm_days) ++ts.intake_norm_met;
    ++ts.intakes;
    if (f.intakes == 0 && f.measured) {
      counters_.first_contact_wait.add(wait);
      counters_.first_contact_hist.add(wait);
    }
  }
  if (c.handover_started >= 0 && f.measured) counters_.transition_gap_days.add(calendar_.now() - c.handover_started);
  ++f.intakes;
  log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  log(f, Activity::intake, Lifecycle::start, c.team, -1, workers_[static_cast<std::size_t>(c.worker)].global_id);
  auto e = rng(keys::intake_duration(f.id, f.episode, f.cases_counter++));
  const double elapsed = std::max(t.intake_elapsed_days.sample(e), 1e-6);
  // The intake's worker hours are spread over its elapsed days (at most all of them in one week).
  c.intake_hours_per_week = t.intake_worker_hours / std::max(elapsed / 7.0, 1.0);
  refresh_family_cases(c.family);
  calendar_.schedule(calendar_.now() + elapsed, as_u32(EventType::intake_done), cs, c.generation);
}

void CareSimulation::finish_intake(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  const std::uint16_t coverage = c.young_adult ? static_cast<std::uint16_t>(t.coverage_mask | kChildMask)
                                               : t.coverage_mask;
  log(f, Activity::intake, Lifecycle::complete, c.team, -1,
      c.worker >= 0 ? workers_[static_cast<std::size_t>(c.worker)].global_id : 0);
  // What the team knows: what the family presents, plus (with a shared file) what other teams
  // already know; then hidden needs within its coverage, discovered per contact.
  c.known |= p_.coordination.shared_file ? f.known : f.presented;
  // Each hidden need has its own keyed draw, and finding one leaves the others hidden, so the
  // set of hidden needs is fixed before the loop.
  const double p_find = discovery_at_intake_[static_cast<std::size_t>(c.team)];
  for (unsigned hidden = f.present & ~c.known & coverage & kNeedMask; hidden != 0; hidden &= hidden - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(hidden));
    const double u = uniform(keys::intake_discovery(f.id, f.episode, static_cast<std::uint64_t>(c.team), i));
    if (u < p_find) c.known |= static_cast<std::uint16_t>(1u << i);
  }
  // Safety assessment by policy.
  bool assess = false;
  switch (t.safety_assessment) {
    case SafetyAssessmentPolicy::always: assess = true; break;
    case SafetyAssessmentPolicy::child_teams: assess = (coverage & kChildMask) != 0; break;
    case SafetyAssessmentPolicy::when_presented: assess = (f.presented & kSafetyMask) != 0; break;
    case SafetyAssessmentPolicy::never: assess = false; break;
  }
  if (assess) {
    note_safety_assessment(f);
    if (f.present & kSafetyMask) c.known |= kSafetyMask;
  }
  f.known |= c.known;
  ++f.plans;
  log(f, Activity::plan, Lifecycle::complete, c.team);
  c.phase = Phase::support;
  c.intake_hours_per_week = 0;
  // Taking a need on or handing it off changes neither what the team knows nor what is
  // addressed, so the set of needs to act on is fixed before the loop.
  for (unsigned open = c.known & ~f.addressed & kAllDomainsMask; open != 0; open &= open - 1) {
    const Domain d = domain_at(static_cast<std::size_t>(std::countr_zero(open)));
    if (coverage & bit_of(d))
      take_on_domain(cs, d, false);
    else
      hand_off(cs, d);
  }
  if (c.light != 0) start_light_help(cs);
  update_case_hours(cs);
  calendar_.schedule(calendar_.now() + t.review_interval_days, as_u32(EventType::review), cs,
                     c.review_generation);
  maybe_close_case(cs);
}

void CareSimulation::take_on_domain(std::uint32_t cs, Domain d, bool from_review) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const std::size_t i = index_of(d);
  // A need already referred (e.g. care that continues after a cold handover at 18) is not
  // referred or helped a second time.
  for (std::uint32_t tr : f.open_trajectories)
    if (trajectories_[tr].domain == d) return;
  const Referral& ref = p_.referrals[i];
  const double u = uniform(keys::referral(f.id, f.episode, c.reviews, i));
  const double p_refer = std::min(1.0, ref.probability[f.severity[i]] * p_.teams[static_cast<std::size_t>(c.team)].referral_factor);
  if (ref.provider >= 0 && u < p_refer) {
    refer(c.family, ref.provider, d, cs);
  } else {
    c.light |= bit_of(d);
    if (from_review && !c.light_active) start_light_help(cs);
  }
}

void CareSimulation::start_light_help(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  std::uint8_t sev = 0;
  for (std::size_t i = 0; i < kDomainCount; ++i)
    if ((c.light >> i) & 1u) sev = std::max(sev, f.severity[i]);
  auto e = rng(keys::support_duration(f.id, f.episode, f.cases_counter++));
  const double days = t.support_days.sample(e) * t.support_severity_factor[std::min<std::uint8_t>(sev, 2)];
  c.light_active = true;
  ++c.generation;
  log(f, Activity::light_help, Lifecycle::start, c.team);
  if (measuring() && (c.light & kJeugdhulpMask)) bump(counters_.light_help_starts_by_team, static_cast<std::size_t>(c.team));
  calendar_.schedule(calendar_.now() + days, as_u32(EventType::support_end), cs, c.generation);
}

// Light help ends: its needs are addressed, and the case may close.
void CareSimulation::end_light_help(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (!c.light_active) return;
  Family& f = families_[c.family];
  f.addressed |= c.light;
  c.light = 0;
  c.light_active = false;
  log(f, Activity::light_help, Lifecycle::complete, c.team);
  update_case_hours(cs);
  maybe_close_case(cs);
}

void CareSimulation::review(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  ++c.reviews;
  log(f, Activity::review, Lifecycle::complete, c.team);
  const std::uint16_t coverage = c.young_adult ? static_cast<std::uint16_t>(t.coverage_mask | kChildMask)
                                               : t.coverage_mask;
  auto e = rng(keys::review(f.id, f.episode, static_cast<std::uint64_t>(c.team), c.reviews));
  // Each review is another contact: a hidden need within the coverage may come to light.
  // Value i of the stream belongs to need domain i, in a fixed order; those no decision needs
  // are skipped, not drawn (a skipped value costs nothing and leaves the values after it where
  // they were). Taking a need on changes neither what is present nor what else is known, so
  // the set of hidden needs is fixed before the loop.
  std::size_t position = 0;
  for (unsigned hidden = f.present & ~c.known & coverage & kNeedMask; hidden != 0; hidden &= hidden - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(hidden));
    e.discard(i - position);
    position = i + 1;
    if (e.uniform01() < t.discovery_per_contact) {
      const auto bit = static_cast<std::uint16_t>(1u << i);
      c.known |= bit;
      f.known |= bit;
      take_on_domain(cs, domain_at(i), true);
    }
  }
  e.discard(kNeedDomainCount - position);
  // Step up: a need under light help that needs heavier care after all (value
  // kNeedDomainCount + i for domain i). A step up only clears its own domain's bit.
  position = 0;
  for (unsigned light = c.light_active ? c.light & kAllDomainsMask : 0u; light != 0; light &= light - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(light));
    e.discard(i - position);
    position = i + 1;
    const double u = e.uniform01();
    const Referral& ref = p_.referrals[i];
    if (ref.provider >= 0 && u < t.step_up_per_review) {
      c.light &= static_cast<std::uint16_t>(~(1u << i));
      if (f.measured) ++counters_.escalations;
      refer(c.family, ref.provider, domain_at(i), cs);
    }
  }
  if (c.light_active && c.light == 0) {
    // Every need under light help went on to specialist care: the light help itself ends.
    c.light_active = false;
    ++c.generation;  // cancels the pending end of light help
    log(f, Activity::light_help, Lifecycle::complete, c.team);
  }
  update_case_hours(cs);
  if (c.phase == Phase::support)
    calendar_.schedule(calendar_.now() + t.review_interval_days, as_u32(EventType::review), cs,
                       c.review_generation);
  maybe_close_case(cs);
}

void CareSimulation::maybe_close_case(std::uint32_t cs) {
  const TeamCase& c = cases_[cs];
  if (c.phase == Phase::support && !c.light_active && c.waiting_trajectories == 0 && c.active_trajectories == 0)
    close_case(cs, ExitReason::closed);
}

void CareSimulation::close_case(std::uint32_t cs, ExitReason reason) {
  TeamCase& c = cases_[cs];
  const std::uint32_t fam = c.family;
  const int team = c.team;
  // Hours to zero first so the team's activity rates stay exact, then release the worker.
  c.phase = Phase::free;
  update_case_hours(cs);
  release_worker(cs);
  if (c.awaiting_reassignment) {
    // The case closes before a colleague took it over: the reassignment spell ends here.
    log(families_[fam], Activity::reassignment, Lifecycle::complete, team);
    c.awaiting_reassignment = false;
    --teams_[static_cast<std::size_t>(team)].reassign_live;
  }
  forget_case(cs);
  refresh_family_cases(fam);  // the other team's worker no longer coordinates
  close_item(fam, reason);
  try_assign(team);
}

void CareSimulation::forget_case(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  auto it = std::find(f.open_cases.begin(), f.open_cases.end(), cs);
  if (it != f.open_cases.end()) {
    *it = f.open_cases.back();
    f.open_cases.pop_back();
  }
  --f.open_team_cases;
  ++c.generation;
  ++c.review_generation;
  c.phase = Phase::free;
  c.family = kNone;
  free_cases_.push_back(cs);
}

}  // namespace jeugdsim::care
