// Specialist providers and their trajectories (docs/model.md 2.3.10): referral, queue, start,
// end, escalation and step-down.
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

void CareSimulation::refer(std::uint32_t fam, int provider, Domain d, std::uint32_t cs) {
  const std::uint32_t tr = take_slot(trajectories_, free_trajectories_);
  Trajectory& t = trajectories_[tr];
  const std::uint32_t gen = t.generation + 1;
  t = Trajectory{};
  t.generation = gen;
  t.family = fam;
  t.team_case = cs;
  t.provider = provider;
  t.domain = d;
  t.referred_at = calendar_.now();
  Family& f = families_[fam];
  ++f.referrals;
  t.sequence = f.referrals;
  f.open_trajectories.push_back(tr);
  if (cs == kNone)
    open_item(f);
  else {
    ++cases_[cs].waiting_trajectories;
    update_case_hours(cs);
  }
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  const std::uint8_t prio = p_.providers[static_cast<std::size_t>(provider)].safety_first ? f.priority() : 2;
  ps.queue.push(prio, {tr, t.generation});
  ps.queue_length.set(calendar_.now(), ps.queue.live());
  if (measuring()) {
    ++ps.queue_joins;
    if (cs == kNone)
      bump(counters_.direct_referrals_by_channel, static_cast<std::size_t>(f.channel));
    else
      bump(counters_.referrals_by_team, static_cast<std::size_t>(cases_[cs].team));
  }
  log(f, Activity::referral, Lifecycle::complete, cs == kNone ? -1 : cases_[cs].team, provider);
  log(f, Activity::specialist_queue, Lifecycle::start, -1, provider);
  try_start(provider);
}

void CareSimulation::try_start(int provider) {
  const Provider& p = p_.providers[static_cast<std::size_t>(provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  while (p.unlimited || ps.occupied < p.places) {
    const int cls = ps.queue.first_class();
    if (cls < 0) return;
    const auto entry = ps.queue.front(cls);
    ps.queue.pop_front(cls);
    if (trajectories_[entry.item].generation != entry.generation || trajectories_[entry.item].started) continue;
    ps.queue.on_leave();
    ps.queue_length.set(calendar_.now(), ps.queue.live());
    start_trajectory(entry.item);
  }
}

void CareSimulation::start_trajectory(std::uint32_t tr) {
  Trajectory& t = trajectories_[tr];
  Family& f = families_[t.family];
  const Provider& p = p_.providers[static_cast<std::size_t>(t.provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(t.provider)];
  t.started = true;
  t.started_at = calendar_.now();
  ++ps.occupied;
  ps.occupancy.set(calendar_.now(), ps.occupied);
  const double wait = t.started_at - t.referred_at;
  if (measuring()) {
    ps.wait.add(wait);
    ps.wait_hist.add(wait);
    ++ps.starts;
    const double from_signal = t.started_at - f.episode_start;
    if (f.measured) {
      counters_.specialist_from_signal.add(from_signal);
      if (from_signal <= p_.simulation.specialist_norm_days) ++counters_.specialist_within_norm;
    }
    if (wait <= p_.simulation.specialist_norm_days) ++ps.within_norm;
    if (bit_of(t.domain) & kJeugdhulpMask)
      bump(t.team_case == kNone ? counters_.jeugdhulp_starts_by_channel : counters_.jeugdhulp_starts_by_team,
           static_cast<std::size_t>(t.team_case == kNone ? f.channel : cases_[t.team_case].team));
  }
  ++f.trajectories;
  if (p.counts_as_intake) ++f.intakes;
  ++f.plans;
  if (t.team_case != kNone) {
    TeamCase& c = cases_[t.team_case];
    --c.waiting_trajectories;
    ++c.active_trajectories;
    update_case_hours(t.team_case);
  }
  log(f, Activity::specialist_queue, Lifecycle::complete, -1, t.provider);
  log(f, Activity::specialist_care, Lifecycle::start, -1, t.provider);
  auto e = rng(keys::trajectory_duration(f.id, f.episode, f.referral_counter++));
  const double days = p.duration_days.sample(e);
  calendar_.schedule(calendar_.now() + days, as_u32(EventType::trajectory_end), tr, t.generation);
}

void CareSimulation::end_trajectory(std::uint32_t tr) {
  Trajectory& t = trajectories_[tr];
  const std::uint32_t fam = t.family;
  const int provider = t.provider;
  const std::uint32_t cs = t.team_case;
  const Domain d = t.domain;
  Family& f = families_[fam];
  const Provider& p = p_.providers[static_cast<std::size_t>(provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  --ps.occupied;
  ps.occupancy.set(calendar_.now(), ps.occupied);
  accrue_provider_cost(provider, t.started_at, calendar_.now());
  if (calendar_.now() >= warmup_) {
    const auto year = static_cast<std::size_t>((calendar_.now() - warmup_) / kYear);
    ps.cost_per_year[std::min(year, ps.cost_per_year.size() - 1)] += p.cost_per_trajectory_eur;
  }
  log(f, Activity::specialist_care, Lifecycle::complete, -1, provider);
  f.addressed |= bit_of(d);
  // Escalation to heavier care, more likely when a parent's problem was left untreated.
  // Keyed by the trajectory's number within the family's episode, never by its slot: slots are
  // shared by all families, so a slot-keyed draw would differ between scenarios.
  auto e = rng(keys::escalation(f.id, f.episode, t.sequence));
  const double u = e.uniform01();
  double up = p.step_up_probability;
  if ((f.present & ~f.addressed) & kParentMask) up *= p_.reentry.unaddressed_parent_factor;
  up = std::min(up, 1.0);
  {
    auto it = std::find(f.open_trajectories.begin(), f.open_trajectories.end(), tr);
    *it = f.open_trajectories.back();
    f.open_trajectories.pop_back();
  }
  ++t.generation;
  t.family = kNone;
  free_trajectories_.push_back(tr);
  if (p.step_up_to >= 0 && u < up) {
    if (f.measured) ++counters_.escalations;
    f.addressed &= static_cast<std::uint16_t>(~bit_of(d));
    refer(fam, p.step_up_to, d, cs);
  } else if (p.step_down_to >= 0 && u < up + p.step_down_probability) {
    refer(fam, p.step_down_to, d, cs);
  }
  if (cs != kNone) {
    --cases_[cs].active_trajectories;
    update_case_hours(cs);
    maybe_close_case(cs);
  } else {
    close_item(fam, ExitReason::closed);
  }
  try_start(provider);
}

}  // namespace jeugdsim::care
