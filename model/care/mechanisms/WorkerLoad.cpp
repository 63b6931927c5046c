// Worker load and hours (docs/model.md 2.3.8): the weekly hours of every case by activity, and
// the integrals of each worker's caseload, load and presence.
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>

namespace jeugdsim::care {

namespace {
using Phase = TeamCase::Phase;
}  // namespace

void CareSimulation::update_case_hours(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  // The activities that take hours now. Hours only count while a worker holds the case.
  unsigned activities = 0;
  if (c.worker >= 0) {
    if (c.phase == Phase::intake) {
      activities = activity_bit(WorkActivity::intake);
    } else if (c.phase == Phase::support) {
      if (c.light_active)
        activities = activity_bit(WorkActivity::direct);
      else if (c.active_trajectories > 0)
        activities = activity_bit(WorkActivity::monitoring);
      if (c.waiting_trajectories > 0) activities |= activity_bit(WorkActivity::bridging);
    }
    // Coordination hours need a second open case; most families have one, and then their list
    // (another cache line, often cold) need not be read.
    if ((c.phase == Phase::intake || c.phase == Phase::support) && families_[c.family].open_cases.size() > 1) {
      for (std::uint32_t other : families_[c.family].open_cases)
        if (other != cs && (cases_[other].phase == Phase::intake || cases_[other].phase == Phase::support)) {
          activities |= activity_bit(WorkActivity::coordination);
          break;
        }
    }
  }
  // Most calls change nothing (a review that takes nothing on, the other case of a family). The
  // hours of an activity that stays on are a team constant, except the intake's own hours, so
  // only activities switched on or off, and changed intake hours, change the team's rates and
  // the worker's load (in activity order, as a loop over all five would add them).
  constexpr unsigned kIntake = activity_bit(WorkActivity::intake);
  unsigned changed = activities ^ c.activities;
  if ((activities & c.activities & kIntake) && c.hours[0] != c.intake_hours_per_week) changed |= kIntake;
  if (changed == 0) return;
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  const std::array<double, kWorkActivityCount> hours_of = {c.intake_hours_per_week, t.phase_hours.active,
                                                          t.phase_hours.monitoring, t.phase_hours.bridging,
                                                          t.phase_hours.coordination};
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  double delta_total = 0;
  for (; changed != 0; changed &= changed - 1) {
    const auto a = static_cast<std::size_t>(std::countr_zero(changed));
    const double h = (activities >> a) & 1u ? hours_of[a] : 0.0;
    const double delta = h - c.hours[a];
    if (delta != 0) {
      ts.hours_rate[a].add(calendar_.now(), delta);
      delta_total += delta;
    }
    c.hours[a] = h;
  }
  c.activities = static_cast<std::uint8_t>(activities);
  if (c.worker >= 0 && delta_total != 0)
    set_worker_load(c.worker, workers_[static_cast<std::size_t>(c.worker)].load_hours + delta_total);
}

void CareSimulation::refresh_family_cases(std::uint32_t fam) {
  // A family is shared while two or more teams hold it (past their intake queue); each of
  // their workers then spends coordination hours on it, so every case's hours change together.
  const Family& f = families_[fam];
  for (std::uint32_t cs : f.open_cases) update_case_hours(cs);
}

void CareSimulation::touch_worker_at(int worker, double now) {
  // Closes the worker's current interval (caseload, load and presence as they were since the
  // last change) into the measured integrals, and opens a new one at the current state. Call
  // after every change of the worker's cases, load or presence.
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  // A worker is often touched several times in one event: after the first touch the interval
  // to close has length zero and adds nothing.
  if (now != w.last_change) {
    if (now > warmup_) {
      const double from = std::max(w.last_change, warmup_);
      if (w.interval_present && now > from) {
        w.present_time += now - from;
        w.caseload_area += static_cast<double>(w.interval_caseload) * (now - from);
        if (w.interval_load > w.available_hours + 1e-9) w.over_capacity_time += now - from;
      }
    }
    w.last_change = now;
  }
  if (!w.picker_stale) {
    w.picker_stale = true;
    TeamState& ts = teams_[static_cast<std::size_t>(w.team)];
    assert(ts.stale_count < ts.picker_stale.size() && "a worker is queued at most once");
    ts.picker_stale[ts.stale_count++] = worker;
  }
  w.interval_caseload = static_cast<std::uint32_t>(w.cases.size());
  w.interval_load = w.load_hours;
  w.interval_present = w.present && w.employed;
  if (now >= warmup_ && w.interval_present)
    w.max_caseload = std::max<std::uint32_t>(w.max_caseload, w.interval_caseload);
}

void CareSimulation::set_worker_load(int worker, double new_load) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  w.load_hours = std::max(0.0, new_load);
  touch_worker(worker);
}

void CareSimulation::set_worker_present(int worker, bool present) {
  workers_[static_cast<std::size_t>(worker)].present = present;
  touch_worker(worker);
}

}  // namespace jeugdsim::care
