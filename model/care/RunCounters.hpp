#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/stats/Histogram.hpp"
#include "engine/stats/RunningStats.hpp"

namespace jeugdsim::care {

// Why a family's episode ended (or why it left before care ended).
enum class ExitReason : std::uint8_t {
  closed,          // care completed
  no_care,         // routed to "no care needed" or sent away with advice only
  reneged,         // dropped out of a waiting list
  lost_hand_off,   // a referral between teams never arrived and nothing else was open
  aged_out,        // turned 18 with no handover
};
inline constexpr std::size_t kExitReasonCount = 5;
inline constexpr std::array<std::string_view, kExitReasonCount> kExitReasonNames = {
    "closed", "no_care", "reneged", "lost_hand_off", "aged_out"};

// Run-wide tallies over the measured period (episodes that started after the warm-up).
struct RunCounters {
  std::uint64_t families_entered = 0;  // first signals
  std::uint64_t episodes_entered = 0;  // first signals and re-entries
  std::array<std::uint64_t, kExitReasonCount> episodes_ended{};
  std::uint64_t reentries_scheduled_12m = 0;
  std::uint64_t crises = 0;
  std::uint64_t escalations = 0;
  std::uint64_t transitions_18 = 0;
  std::uint64_t transitions_18_lost = 0;
  engine::RunningStats transition_gap_days;

  // Per closed family (episode) in the measured period.
  engine::RunningStats professionals, hand_offs, intakes, plans, referrals;
  std::uint64_t families_with_regisseur = 0, single_regisseur = 0;
  engine::RunningStats safety_assessment_days;
  std::uint64_t safety_risk_families = 0, safety_never_assessed = 0;

  engine::RunningStats first_contact_wait;
  engine::Histogram first_contact_hist{1.0, 730};
  engine::RunningStats specialist_from_signal;
  std::uint64_t specialist_within_norm = 0;

  // Calibration counts (measured period): first signals by channel; referrals to specialist
  // care by referrer: the team holding the case, or the channel of a family referred without a
  // team case (a GP's direct referral). Indexed by channel or team, sized on first use.
  std::vector<std::uint64_t> arrivals_by_channel, referrals_by_team, direct_referrals_by_channel;
  // Jeugdhulp as CBS Beleidsinformatie Jeugd counts it (calibration/targets/national-cbs.md):
  // specialist care for a child or safety need started, by the same referrers, and the
  // light-help periods with a child or safety need that a team starts itself.
  std::vector<std::uint64_t> jeugdhulp_starts_by_team, jeugdhulp_starts_by_channel, light_help_starts_by_team;
};

inline void bump(std::vector<std::uint64_t>& counts, std::size_t index) {
  if (counts.size() <= index) counts.resize(index + 1, 0);
  ++counts[index];
}

}  // namespace jeugdsim::care
