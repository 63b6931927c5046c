#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace jeugdsim::care {

// The activities that take a worker's hours (docs/model.md 2.3, "Hours"), in the order of
// TeamCase::hours and TeamState::hours_rate. Their names end the KPIs "hours_per_week_<name>".
enum class WorkActivity : std::uint8_t { intake, direct, monitoring, bridging, coordination };
inline constexpr std::size_t kWorkActivityCount = 5;
static_assert(static_cast<std::size_t>(WorkActivity::coordination) + 1 == kWorkActivityCount);
inline constexpr std::array<const char*, kWorkActivityCount> kWorkActivityNames = {"intake", "direct", "monitoring",
                                                                                   "bridging", "coordination"};
constexpr unsigned activity_bit(WorkActivity a) { return 1u << static_cast<unsigned>(a); }
constexpr std::size_t index_of(WorkActivity a) { return static_cast<std::size_t>(a); }

}  // namespace jeugdsim::care
