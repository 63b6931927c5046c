// The intake queue, acceptance and the choice of a worker (docs/model.md 2.3.3-2.3.4).
#include "care/CareSimulation.hpp"

#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
using Phase = TeamCase::Phase;
}  // namespace

std::uint32_t CareSimulation::open_team_case(std::uint32_t fam, int team, bool young_adult) {
  const std::uint32_t cs = take_slot(cases_, free_cases_);
  TeamCase& c = cases_[cs];
  const std::uint32_t gen = c.generation + 1;
  const std::uint32_t rgen = c.review_generation + 1;
  c = TeamCase{};
  c.generation = gen;
  c.review_generation = rgen;
  c.family = fam;
  c.team = team;
  c.young_adult = young_adult;
  Family& f = families_[fam];
  open_item(f);
  ++f.open_team_cases;
  f.open_cases.push_back(cs);
  return cs;
}

void CareSimulation::enqueue_team_case(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  Family& f = families_[c.family];
  c.phase = Phase::queued;
  c.queued_at = calendar_.now();
  ts.intake_queue.push(f.priority(), {cs, c.generation});
  ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
  if (measuring()) ++ts.queue_joins;
  log(f, Activity::intake_queue, Lifecycle::start, c.team);
  schedule_waiting_hazards(cs);
  try_assign(c.team);
}

bool CareSimulation::worker_accepts(const Worker& w, const Team& t) const {
  if (!w.employed || !w.present) return false;
  const bool cap_ok = static_cast<double>(w.cases.size()) + 1.0 <= t.caseload_cap_per_fte * w.fte + 1e-9;
  const bool hours_ok = w.load_hours + t.phase_hours.active <= w.available_hours + 1e-9;
  switch (t.accept_rule) {
    case AcceptRule::cap_and_hours: return cap_ok && hours_ok;
    case AcceptRule::cap: return cap_ok;
    case AcceptRule::hours: return hours_ok;
    case AcceptRule::none: return true;
  }
  return false;
}

int CareSimulation::choose_worker(int team) {
  // The accepting worker with the most spare hours; ties go to the lower slot (deterministic):
  // the team's picker holds spare hours for accepting workers and -inf for the others.
  const Team& t = p_.teams[static_cast<std::size_t>(team)];
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  for (std::uint32_t k = 0; k < ts.stale_count; ++k) {
    Worker& wk = workers_[static_cast<std::size_t>(ts.picker_stale[k])];
    wk.picker_stale = false;
    ts.picker.set(wk.team_position,
                  worker_accepts(wk, t) ? wk.available_hours - wk.load_hours : engine::ArgMaxTree::kNever);
  }
  ts.stale_count = 0;
  const std::ptrdiff_t best = ts.picker.argmax();
  return best < 0 ? -1 : ts.workers[static_cast<std::size_t>(best)];
}

void CareSimulation::try_assign(int team) {
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  for (;;) {
    std::uint32_t cs = kNone;
    bool reassignment = false;
    int cls = -1;
    // Cases left by a departed worker first, then new intakes by priority class.
    while (!ts.reassign_queue.empty()) {
      const auto& entry = ts.reassign_queue.front();
      // Keyed by the slot's identity (review_generation moves only when the slot is opened or
      // freed), not by `generation`, which also moves when a waiting case's intake ends or its
      // light help starts: that must not make the case lose its place.
      if (cases_[entry.item].review_generation == entry.generation && cases_[entry.item].awaiting_reassignment) {
        cs = entry.item;
        reassignment = true;
        break;
      }
      ts.reassign_queue.pop_front();
    }
    if (cs == kNone) {
      for (;;) {
        cls = ts.intake_queue.first_class();
        if (cls < 0) break;
        const auto& entry = ts.intake_queue.front(cls);
        if (cases_[entry.item].generation == entry.generation && cases_[entry.item].phase == Phase::queued) {
          cs = entry.item;
          break;
        }
        ts.intake_queue.pop_front(cls);
      }
    }
    if (cs == kNone) return;
    const int w = choose_worker(team);
    if (w < 0) return;
    if (reassignment) {
      ts.reassign_queue.pop_front();
      --ts.reassign_live;
      cases_[cs].awaiting_reassignment = false;
      assign_worker(cs, w);
      log(families_[cases_[cs].family], Activity::reassignment, Lifecycle::complete, team, -1,
          workers_[static_cast<std::size_t>(w)].global_id);
      update_case_hours(cs);
    } else {
      ts.intake_queue.pop_front(cls);
      ts.intake_queue.on_leave();
      ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
      assign_worker(cs, w);
      start_intake(cs);
    }
  }
}

void CareSimulation::assign_worker(std::uint32_t cs, int worker) {
  TeamCase& c = cases_[cs];
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  c.worker = worker;
  c.worker_position = static_cast<std::uint32_t>(w.cases.size());
  w.cases.push_back(cs);
  touch_worker(worker);
  note_professional(families_[c.family], w.global_id);
}

void CareSimulation::release_worker(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.worker < 0) return;
  Worker& w = workers_[static_cast<std::size_t>(c.worker)];
  // Remove from the worker's case list by swapping with the last.
  const std::uint32_t last = w.cases.back();
  w.cases[c.worker_position] = last;
  cases_[last].worker_position = c.worker_position;
  w.cases.pop_back();
  // Setting the load touches the worker, which records the smaller caseload as well.
  set_worker_load(c.worker, w.load_hours - (c.hours[0] + c.hours[1] + c.hours[2] + c.hours[3] + c.hours[4]));
  c.worker = -1;
}

}  // namespace jeugdsim::care
