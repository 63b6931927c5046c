// Turning 18 (docs/model.md 2.3.13): birthdays, and what each team's policy does with the youth case.
#include "care/CareSimulation.hpp"

#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
using Phase = TeamCase::Phase;

// How often deferred 18th birthdays move into the calendar. Results do not depend on it (each
// birthday fires on its day either way); it trades sweeps over the family slots against
// birthdays pending in the calendar.
constexpr double kBirthdaySweepDays = 30.0;

}  // namespace

void CareSimulation::schedule_turn_18(std::uint32_t fam) {
  const Family& f = families_[fam];
  const double birthday = f.index_child_birth + 18.0 * kYear;
  if (birthday > end_) return;
  if (birthday <= birthdays_scheduled_until_)
    calendar_.schedule(birthday, as_u32(EventType::turn_18), fam, f.generation);
  else
    deferred_birthday_[fam] = birthday;
}

void CareSimulation::sweep_birthdays() {
  // Moves the deferred birthdays of the next window into the calendar. A family that left
  // and came back within a window may get its birthday twice: turn_18 ignores the second.
  birthdays_scheduled_until_ = calendar_.now() + kBirthdaySweepDays;
  for (std::size_t fam = 0; fam < deferred_birthday_.size(); ++fam) {
    if (deferred_birthday_[fam] > birthdays_scheduled_until_) continue;
    calendar_.schedule(deferred_birthday_[fam], as_u32(EventType::turn_18), static_cast<std::uint32_t>(fam),
                       families_[fam].generation);
    deferred_birthday_[fam] = kInfinity;
  }
  if (birthdays_scheduled_until_ < end_)
    calendar_.schedule(birthdays_scheduled_until_, as_u32(EventType::birthday_sweep), 0);
}

void CareSimulation::turn_18(std::uint32_t fam) {
  Family& f = families_[fam];
  if (f.adult) return;  // already turned 18 (a second event for the same birthday)
  f.adult = true;
  if (!f.active) return;
  log(f, Activity::turned_18, Lifecycle::complete);
  // Youth care ends under the Jeugdwet; for each team that covers the child the team's policy
  // decides what happens. Specialist trajectories already running continue (extended youth
  // care) but no longer belong to the closed case.
  std::uint32_t youth_case = kNone;
  for (std::uint32_t cs : f.open_cases) {
    const TeamCase& c = cases_[cs];
    if (!c.young_adult && (p_.teams[static_cast<std::size_t>(c.team)].coverage_mask & kChildMask)) {
      youth_case = cs;
      break;
    }
  }
  if (youth_case == kNone) return;
  TeamCase& c = cases_[youth_case];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  if (f.measured) ++counters_.transitions_18;
  if (t.handover_at_18 == HandoverAt18::warm) {
    if (f.measured) counters_.transition_gap_days.add(0.0);
    return;  // the same worker continues with the young adult
  }
  open_item(f);  // holds the family open while the youth case is wound up
  // Wind up the youth case: leave the queue, stop light help, detach trajectories.
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  // Every activity of the case that is under way ends here (the event log pairs each start
  // with a complete).
  if (c.phase == Phase::queued) {
    ts.intake_queue.on_leave();
    ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
    if (measuring()) ts.queue_time.add(calendar_.now() - c.queued_at);
    log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  } else if (c.phase == Phase::intake) {
    log(f, Activity::intake, Lifecycle::complete, c.team, -1,
        c.worker >= 0 ? workers_[static_cast<std::size_t>(c.worker)].global_id : 0);
  }
  if (c.light_active) log(f, Activity::light_help, Lifecycle::complete, c.team);
  for (std::uint32_t tr : f.open_trajectories)
    if (trajectories_[tr].team_case == youth_case) {
      trajectories_[tr].team_case = kNone;
      open_item(f);
    }
  c.waiting_trajectories = c.active_trajectories = 0;
  c.light_active = false;
  c.light = 0;
  ++c.generation;
  const int youth_team = c.team;
  close_case(youth_case, ExitReason::closed);
  const int adult_team = t.adult_team;
  if (t.handover_at_18 == HandoverAt18::cold && adult_team >= 0) {
    bool already_there = false;
    for (std::uint32_t cs : f.open_cases)
      if (cases_[cs].team == adult_team) {
        cases_[cs].young_adult = true;  // the adult team's worker now also covers the young adult
        already_there = true;
      }
    if (already_there) {
      // No new professional and no new intake: not a hand-off.
      if (f.measured) counters_.transition_gap_days.add(0.0);
    } else {
      // A cold handover: a new intake at the adult team, with its own wait.
      ++f.hand_offs;
      log(f, Activity::hand_off, Lifecycle::start, youth_team);
      send_hand_off(fam, adult_team, true);
    }
    close_item(fam, ExitReason::lost_hand_off);
  } else {
    if (f.measured) ++counters_.transitions_18_lost;
    close_item(fam, ExitReason::aged_out);
  }
}

}  // namespace jeugdsim::care
