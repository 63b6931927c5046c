// Workforce (docs/model.md 2.3.14): posts, sickness, turnover, vacancies and hiring.
#include "care/CareSimulation.hpp"

#include <cstdint>
#include <vector>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

void CareSimulation::start_workers() {
  for (std::size_t t = 0; t < p_.teams.size(); ++t) {
    const Team& team = p_.teams[t];
    TeamState& ts = teams_[t];
    for (int k = 0; k < team.workers; ++k) {
      const int slot = static_cast<int>(workers_.size());
      workers_.emplace_back();
      Worker& w = workers_.back();
      w.team = static_cast<int>(t);
      w.fte = team.fte_per_worker;
      w.available_hours = team.available_hours_per_week(w.fte);
      w.global_id = next_worker_global_id_++;
      w.employed = true;
      w.present = true;
      w.team_position = static_cast<std::uint32_t>(ts.workers.size());
      ts.workers.push_back(slot);
      ts.employed_fte.add(0.0, w.fte);
      schedule_worker_events(slot);
    }
    ts.picker.resize(ts.workers.size());
    ts.picker_stale = ts.workers;
    ts.stale_count = static_cast<std::uint32_t>(ts.workers.size());
    for (int w : ts.workers) workers_[static_cast<std::size_t>(w)].picker_stale = true;
  }
}

void CareSimulation::schedule_worker_events(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  // Sickness: the next spell after a present spell (exponential gaps per FTE).
  auto s = rng(keys::sickness_gap(w.global_id, w.sickness_counter));
  const double t_sick = exponential_time(s, p_.workforce.sickness_spells_per_fte_per_year * w.fte / kYear);
  if (calendar_.now() + t_sick <= end_)
    calendar_.schedule(calendar_.now() + t_sick, as_u32(EventType::sickness_start), static_cast<std::uint32_t>(worker),
                       w.generation);
  if (w.sickness_counter == 0) {
    // Departure: drawn once per worker at hire.
    auto l = rng(keys::departure(w.global_id));
    const double t_leave = exponential_time(l, p_.workforce.turnover_per_year / kYear);
    if (calendar_.now() + t_leave <= end_)
      calendar_.schedule(calendar_.now() + t_leave, as_u32(EventType::worker_leaves),
                         static_cast<std::uint32_t>(worker), w.generation);
  }
}

// A sickness spell starts: the worker is absent, and takes no new cases, until it ends.
void CareSimulation::start_sickness(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  set_worker_present(worker, false);
  auto r = rng(keys::sickness_duration(w.global_id, w.sickness_counter));
  const double days = p_.workforce.sickness_days.sample(r);
  calendar_.schedule(calendar_.now() + days, as_u32(EventType::sickness_end), static_cast<std::uint32_t>(worker),
                     w.generation);
}

// The worker is back: the next spell is drawn, and waiting cases may be assigned.
void CareSimulation::end_sickness(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  set_worker_present(worker, true);
  ++w.sickness_counter;
  schedule_worker_events(worker);
  try_assign(w.team);
}

void CareSimulation::worker_leaves(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  const int team = w.team;
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  accrue_staff_cost(team);
  ts.employed_fte.add(calendar_.now(), -w.fte);
  // The post is vacant from now: the worker takes nothing more and is no longer counted.
  w.employed = false;
  ++w.generation;
  // Every case goes to a colleague: a hand-off, a new professional, the story told again.
  std::vector<std::uint32_t> orphaned;
  orphaned.swap(w.cases);
  for (std::uint32_t cs : orphaned) {
    TeamCase& c = cases_[cs];
    for (std::size_t a = 0; a < kWorkActivityCount; ++a)
      if (c.hours[a] != 0) ts.hours_rate[a].add(calendar_.now(), -c.hours[a]);
    c.hours = {};
    c.activities = 0;
    c.worker = -1;
  }
  w.load_hours = 0;
  touch_worker(worker);
  // Queue them all before assigning any, so that none of them loses its turn to a family in the
  // intake queue while its colleagues are being placed.
  for (std::uint32_t cs : orphaned) {
    TeamCase& c = cases_[cs];
    Family& f = families_[c.family];
    ++f.hand_offs;
    log(f, Activity::reassignment, Lifecycle::start, team);
    c.awaiting_reassignment = true;
    ts.reassign_queue.push_back({cs, c.review_generation});
    ++ts.reassign_live;
  }
  try_assign(team);
  orphaned.clear();
  w.cases.swap(orphaned);  // keep the vector's capacity for the next hire
  auto v = rng(keys::vacancy(w.global_id));
  const double vacancy = p_.workforce.vacancy_days.sample(v);
  if (calendar_.now() + vacancy <= end_)
    calendar_.schedule(calendar_.now() + vacancy, as_u32(EventType::worker_hired), static_cast<std::uint32_t>(worker));
}

void CareSimulation::hire_worker(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  accrue_staff_cost(w.team);
  w.global_id = next_worker_global_id_++;
  w.employed = true;
  w.present = true;
  w.sickness_counter = 0;
  w.load_hours = 0;
  ++w.generation;
  touch_worker(worker);
  teams_[static_cast<std::size_t>(w.team)].employed_fte.add(calendar_.now(), w.fte);
  schedule_worker_events(worker);
  try_assign(w.team);
}

}  // namespace jeugdsim::care
