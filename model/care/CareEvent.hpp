#pragma once
#include <cstdint>

namespace jeugdsim::care {

// Event types of the care model; the simulation dispatches on them with a switch. (The random
// streams are in DecisionKeys.hpp.)
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

}  // namespace jeugdsim::care
