#pragma once
#include <cstdint>

namespace jeugdsim::care {

// Event types of the care model; the simulation dispatches on them with a switch.
enum class EventType : std::uint32_t {
  arrival,          // entity = channel
  triage_done,      // entity = family slot
  renege,           // entity = team case, generation = case generation
  deteriorate,      // entity = team case
  intake_done,      // entity = team case
  support_end,      // entity = team case (light help ends)
  review,           // entity = team case
  hand_off_send,    // entity = family slot, detail = target team (after the consent delay)
  trajectory_end,   // entity = trajectory
  turn_18,          // entity = family slot
  reentry,          // entity = family slot
  sickness_start,   // entity = worker slot
  sickness_end,     // entity = worker slot
  worker_leaves,    // entity = worker slot
  worker_hired,     // entity = worker slot
  sample,           // time-series sample
  warmup_end,
  birthday_sweep,   // schedules the 18th birthdays of the coming weeks (see CareSimulation)
};

// Random stream identifiers. Each decision kind has its own stream, so adding or changing one
// mechanism never shifts the draws of another (ns-3 style stream pinning).
enum class Stream : std::uint32_t {
  arrivals = 1,
  needs,
  routing,
  triage,
  intake_duration,
  discovery,
  referral,
  support_duration,
  review,
  trajectory_duration,
  escalation,
  reentry,
  renege,
  deterioration,
  hand_off,
  age,
  worker_sickness,
  worker_turnover,
  vacancy,
  family_members,
};

}  // namespace jeugdsim::care
