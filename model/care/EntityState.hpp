#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "care/Domain.hpp"
#include "care/PriorityQueue.hpp"
#include "care/WorkActivity.hpp"
#include "engine/ArgMaxTree.hpp"
#include "engine/RingQueue.hpp"
#include "engine/stats/Histogram.hpp"
#include "engine/stats/RunningStats.hpp"
#include "engine/stats/TimeWeightedStat.hpp"

namespace jeugdsim::care {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// A family in the system (one slot; slots are reused once the family has left, so memory
// follows the number of families present, not the number that ever arrived).
struct Family {
  std::uint64_t id = 0;          // stable across scenarios: (channel key << 32) | arrival number
  std::uint32_t episode = 0;     // 0 = first signal; re-entries count up
  std::uint32_t generation = 0;  // bumped when the slot is freed (cancels stale events)
  bool active = false;           // in an episode (false while dormant before a re-entry)
  bool measured = false;         // this episode started after the warm-up
  int channel = 0;
  double first_signal = 0;       // first signal of the family (any episode)
  double episode_start = 0;
  double index_child_birth = 0;  // day of birth of the index child (may be negative)
  bool adult = false;            // the index child has turned 18
  std::uint8_t children = 1;
  std::uint8_t parents = 2;
  double network_strength = 0.5;

  std::array<std::uint8_t, kDomainCount> severity{};  // meaningful where present
  std::uint16_t present = 0;    // domains on which the family has a need
  std::uint16_t presented = 0;  // named at the door
  std::uint16_t known = 0;      // known to some professional (presented, discovered, assessed)
  std::uint16_t addressed = 0;  // light help completed or specialist care completed

  std::uint32_t open_items = 0;  // open team cases, trajectories, pending triage and hand-offs
  std::uint8_t open_team_cases = 0;
  std::uint32_t cases_counter = 0;       // per-episode decision counters for keyed draws
  std::uint32_t referral_counter = 0;
  std::uint32_t queue_counter = 0;

  // Continuity tallies for the current episode.
  std::uint16_t intakes = 0, plans = 0, hand_offs = 0, referrals = 0, trajectories = 0;
  std::vector<std::uint32_t> workers_seen;  // distinct team workers (capacity reused with the slot)
  std::vector<std::uint32_t> open_cases;    // team cases not yet closed
  std::vector<std::uint32_t> open_trajectories;  // specialist trajectories referred, not ended
  std::uint32_t pending_hand_off_mask = 0;  // target teams of referrals awaiting consent
  double safety_assessed_at = -1;
  std::uint32_t first_regisseur = 0;  // global id of the first coordinating worker
  bool regisseur_changed = false;
  bool had_team = false;

  std::uint8_t highest_severity() const {
    std::uint8_t s = 0;
    for (std::size_t i = 0; i < kNeedDomainCount; ++i)
      if ((present >> i) & 1u) s = severity[i] > s ? severity[i] : s;
    return s;
  }
  // Priority class of a waiting list: 0 acute, 1 elevated, 2 none, from what is known.
  std::uint8_t priority() const {
    if (!(known & kSafetyMask)) return 2;
    return severity[index_of(Domain::safety)] >= kSafetyAcute ? 0 : 1;
  }
};

// A family's episode at one team (the family may hold cases at two teams in split designs).
struct TeamCase {
  enum class Phase : std::uint8_t { free, queued, intake, support };
  std::uint32_t family = kNone;
  std::uint32_t generation = 0;  // bumped on every change that cancels pending case events
  std::uint32_t review_generation = 0;
  Phase phase = Phase::free;
  int team = -1;
  int worker = -1;               // worker slot, -1 while waiting for (re)assignment
  std::uint32_t worker_position = 0;  // index in the worker's case list
  bool young_adult = false;      // a cold handover at 18: child domains count as covered
  bool awaiting_reassignment = false;
  double queued_at = 0;
  double handover_started = -1;  // cold handover at 18: the day the transition began
  std::uint16_t known = 0;       // what this team knows about the family
  std::uint16_t light = 0;       // domains the worker helps with
  bool light_active = false;
  std::uint16_t waiting_trajectories = 0;
  std::uint16_t active_trajectories = 0;
  double intake_hours_per_week = 0;
  std::array<double, kWorkActivityCount> hours{};  // current weekly hours by activity (indexed by WorkActivity)
  std::uint8_t activities = 0;    // bit a set: activity a takes hours (else hours[a] is 0)
  std::uint32_t reviews = 0;
};

// A specialist care trajectory (one domain of one family at one provider).
struct Trajectory {
  std::uint32_t family = kNone;
  std::uint32_t team_case = kNone;  // the regisseur's case, or kNone for a direct referral
  std::uint32_t generation = 0;
  int provider = -1;
  std::uint32_t sequence = 0;  // number of the referral within the family's episode (keys draws)
  Domain domain = Domain::child_parenting;
  bool started = false;
  double referred_at = 0;
  double started_at = 0;
};

// A post in a team; when its holder leaves, the post stays vacant until a new hire (a new
// professional with a new global id) starts.
struct Worker {
  int team = -1;
  std::uint32_t global_id = 0;
  std::uint32_t generation = 0;  // bumped on departure (cancels pending sickness events)
  double fte = 1;
  bool employed = true;
  bool present = true;
  std::vector<std::uint32_t> cases;
  double load_hours = 0;
  double available_hours = 0;
  std::uint32_t sickness_counter = 0;
  // Time integrals over the measured period while present.
  double last_change = 0;
  double present_time = 0;
  double caseload_area = 0;
  double over_capacity_time = 0;
  std::uint32_t max_caseload = 0;
  // The caseload and load of the interval that started at last_change.
  std::uint32_t interval_caseload = 0;
  double interval_load = 0;
  bool interval_present = false;
  // The worker's place in its team's list and picker; whether the picker's key is out of date.
  std::uint32_t team_position = 0;
  bool picker_stale = false;
};

struct TeamState {
  PriorityQueue intake_queue;
  engine::RingQueue<PriorityQueue::Entry> reassign_queue;  // generation = the case's review_generation
  std::uint32_t reassign_live = 0;
  std::vector<int> workers;        // worker slots of this team
  // The accepting worker with the most spare hours, kept up to date lazily: a worker whose
  // cases, load or presence changed is queued in picker_stale and re-keyed when a worker is
  // next chosen (O(log n) per change instead of a scan of the team per assignment).
  engine::ArgMaxTree picker;
  // The queued workers are its first stale_count slots. It has a slot for every worker of the
  // team (a worker is queued at most once), so queueing one never grows it: the call that
  // touches a worker needs no code for growing a vector, which made it spill every register.
  std::vector<int> picker_stale;
  std::uint32_t stale_count = 0;
  std::uint32_t hires = 0;
  // Measurement.
  engine::TimeWeightedStat queue_length;
  std::array<engine::TimeWeightedStat, kWorkActivityCount> hours_rate;  // weekly hours by activity
  engine::TimeWeightedStat employed_fte;
  double staff_cost_since = 0;  // staff cost accrued up to this day
  engine::RunningStats intake_wait;
  // Time in the intake queue of every family that left it in the measured period: served,
  // reneged or wound up at 18 (Little's law: waiting_list_length_mean = joins x this).
  engine::RunningStats queue_time;
  engine::Histogram intake_wait_hist{1.0, 730};
  std::uint64_t intake_norm_met = 0;
  std::uint64_t queue_joins = 0;
  std::uint64_t intakes = 0;
  std::vector<double> staff_cost_per_year;
};

struct ProviderState {
  PriorityQueue queue;
  int occupied = 0;
  engine::TimeWeightedStat queue_length;
  engine::TimeWeightedStat occupancy;
  engine::RunningStats wait;
  engine::Histogram wait_hist{1.0, 1460};
  std::uint64_t within_norm = 0;
  std::uint64_t queue_joins = 0;
  std::uint64_t starts = 0;
  std::vector<double> cost_per_year;
};

}  // namespace jeugdsim::care
