#pragma once
#include <cstdint>

namespace jeugdsim::engine {

// Simulation time, in days since the start of the run (warm-up included).
using Time = double;

// One pending event: a plain struct, copied by value in the calendar's heap. The domain
// dispatches on `type` with a switch; `entity` indexes a domain vector. `generation` supports
// lazy cancellation: the domain bumps an entity's generation to cancel its pending events and
// skips popped events whose generation no longer matches. `detail` is a small domain payload.
struct Event {
  Time time = 0.0;
  std::uint64_t sequence = 0;  // insertion order: equal times pop first-in first-out
  std::uint32_t type = 0;
  std::uint32_t entity = 0;
  std::uint32_t generation = 0;
  std::uint32_t detail = 0;
};

// Strict ordering of the calendar: earlier time first, then lower sequence number.
inline bool fires_before(const Event& a, const Event& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
}

}  // namespace jeugdsim::engine
