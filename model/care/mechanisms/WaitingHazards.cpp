// Waiting hazards (docs/model.md 2.3.5): reneging, deterioration and crises in the intake queue.
#include "care/CareSimulation.hpp"

#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
using Phase = TeamCase::Phase;
}  // namespace

// While a case waits in the intake queue the family may drop out or deteriorate; both are
// drawn when it joins (and cancelled by the generation when its intake starts).
void CareSimulation::schedule_waiting_hazards(std::uint32_t cs) {
  const TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const std::uint64_t q = f.queue_counter++;
  auto r = rng(keys::renege(f.id, f.episode, q));
  const double t_renege = exponential_time(r, p_.waiting.reneging_per_year / kYear);
  if (t_renege < kInfinity)
    calendar_.schedule(calendar_.now() + t_renege, as_u32(EventType::renege), cs, c.generation);
  auto d = rng(keys::first_deterioration(f.id, f.episode, q));
  const double t_det = exponential_time(d, p_.waiting.deterioration_per_year / kYear);
  if (t_det < kInfinity)
    calendar_.schedule(calendar_.now() + t_det, as_u32(EventType::deteriorate), cs, c.generation);
}

void CareSimulation::renege(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.phase != Phase::queued) return;
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  ts.intake_queue.on_leave();
  ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
  if (measuring()) ts.queue_time.add(calendar_.now() - c.queued_at);
  Family& f = families_[c.family];
  log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  const std::uint32_t fam = c.family;
  const int team = c.team;
  forget_case(cs);
  refresh_family_cases(fam);
  close_item(fam, ExitReason::reneged);
  try_assign(team);
}

void CareSimulation::deteriorate(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.phase != Phase::queued) return;
  Family& f = families_[c.family];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  const std::uint64_t q = f.queue_counter++;
  auto e = rng(keys::deterioration(f.id, f.episode, q));
  // The most severe need worsens one step; an elevated safety risk becomes acute: a crisis.
  const std::size_t s = index_of(Domain::safety);
  if ((f.present & kSafetyMask) && f.severity[s] == kSafetyElevated) {
    f.severity[s] = kSafetyAcute;
    f.known |= kSafetyMask;
    if (f.measured) ++counters_.crises;
    log(f, Activity::crisis, Lifecycle::complete, c.team);
    // A crisis bypasses the queue: it is re-queued in the acute class. The generation stays, so
    // the family can still drop out; the entry in its old class is skipped once it is served.
    c.known |= kSafetyMask;
    ts.intake_queue.on_leave();
    ts.intake_queue.push(0, {cs, c.generation});
    if (p_.waiting.crisis_provider >= 0) refer(c.family, p_.waiting.crisis_provider, Domain::safety, kNone);
    try_assign(c.team);
  } else {
    // The most severe need that can still worsen gets one step worse (ties: domain order).
    int worst = -1;
    for (std::size_t i = 0; i < kNeedDomainCount; ++i)
      if (((f.present >> i) & 1u) && f.severity[i] < 2 && (worst < 0 || f.severity[i] > f.severity[static_cast<std::size_t>(worst)]))
        worst = static_cast<int>(i);
    if (worst >= 0) ++f.severity[static_cast<std::size_t>(worst)];
  }
  if (cases_[cs].phase == Phase::queued) {
    const double t = exponential_time(e, p_.waiting.deterioration_per_year / kYear);
    if (t < kInfinity)
      calendar_.schedule(calendar_.now() + t, as_u32(EventType::deteriorate), cs, cases_[cs].generation);
  }
}

}  // namespace jeugdsim::care
