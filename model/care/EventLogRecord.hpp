#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "care/Domain.hpp"

namespace jeugdsim::care {

// Activities of the event log (one row per event, for process-mining tools).
enum class Activity : std::uint8_t {
  signal, triage, intake_queue, intake, plan, light_help, referral, specialist_queue,
  specialist_care, hand_off, reassignment, review, safety_assessment, turned_18, closure,
  reneged, crisis, reentry,
};
inline constexpr std::array<std::string_view, 18> kActivityNames = {
    "signal", "triage", "intake_queue", "intake", "plan", "light_help", "referral",
    "specialist_queue", "specialist_care", "hand_off", "reassignment", "review",
    "safety_assessment", "turned_18", "closure", "reneged", "crisis", "reentry"};

enum class Lifecycle : std::uint8_t { start, complete };

struct EventLogRecord {
  double time = 0;
  std::uint64_t family = 0;
  std::uint32_t episode = 0;
  Activity activity = Activity::signal;
  Lifecycle lifecycle = Lifecycle::complete;
  std::int16_t team = -1;
  std::int16_t provider = -1;
  std::uint32_t worker = 0;  // global worker id, 0 = none
};

// A family's needs as drawn at the start of an episode (first signal or re-entry): a test and
// diagnostics hook (RunOptions::arrivals), so that what the family truly has, and not only
// what professionals learn, can be checked against what the model did with it.
struct FamilyArrivalRecord {
  double time = 0;
  std::uint64_t family = 0;
  std::uint32_t episode = 0;
  int channel = 0;
  std::uint16_t present = 0;    // domains with a need (Domain bits)
  std::uint16_t presented = 0;  // named at the door
  std::array<std::uint8_t, kDomainCount> severity{};
  double index_child_birth = 0;  // day of birth of the index child
};

}  // namespace jeugdsim::care
