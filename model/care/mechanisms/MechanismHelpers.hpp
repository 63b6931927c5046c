#pragma once
// Small helpers shared by the files that define CareSimulation's mechanisms (model/care/
// mechanisms/*.cpp and CareSimulation.cpp); not part of the model's interface.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "care/CareEvent.hpp"
#include "engine/RandomStreams.hpp"

namespace jeugdsim::care::mechanisms {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
inline constexpr double kYear = 365.0;

constexpr std::uint32_t as_u32(EventType t) { return static_cast<std::uint32_t>(t); }

// The time to the next event of a Poisson process with this rate; +inf for a rate of 0.
inline double exponential_time(engine::PhiloxEngine& e, double rate_per_day) {
  if (rate_per_day <= 0) return kInfinity;
  return -std::log(e.uniform01()) / rate_per_day;
}

// A slot for a new entity: a freed one if there is any (memory follows the entities present,
// not those that ever existed), else a new one at the end. The caller resets its contents.
template <class T>
std::uint32_t take_slot(std::vector<T>& items, std::vector<std::uint32_t>& free_slots) {
  if (!free_slots.empty()) {
    const std::uint32_t slot = free_slots.back();
    free_slots.pop_back();
    return slot;
  }
  items.emplace_back();
  return static_cast<std::uint32_t>(items.size() - 1);
}

}  // namespace jeugdsim::care::mechanisms
