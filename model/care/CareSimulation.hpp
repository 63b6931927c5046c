#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "care/CareEvent.hpp"
#include "care/DecisionKeys.hpp"
#include "care/EntityState.hpp"
#include "care/EventLogRecord.hpp"
#include "care/Parameters.hpp"
#include "care/PriorityQueue.hpp"
#include "care/ReplicationResult.hpp"
#include "care/RunCounters.hpp"
#include "engine/EventCalendar.hpp"
#include "engine/RandomStreams.hpp"
#include "engine/distributions/AliasTable.hpp"
#include "engine/distributions/NonStationaryPoisson.hpp"
#include "engine/stats/Histogram.hpp"
#include "engine/stats/RunningStats.hpp"
#include "engine/stats/TimeWeightedStat.hpp"

namespace jeugdsim::care {

struct RunOptions {
  std::uint32_t replication = 0;
  double warmup_days = 0;  // resolved warm-up (the experiment layer resolves "auto")
  // Optional event log (process-mining rows); null when not requested.
  std::vector<EventLogRecord>* event_log = nullptr;
  // Optional record of every episode's drawn needs (tests, diagnostics); null when not requested.
  std::vector<FamilyArrivalRecord>* arrivals = nullptr;
  // Record every intake wait with its day (ReplicationResult::intake_wait_series/_days) for
  // MSER-5 warm-up detection. Off by default: the series grows with the horizon and population.
  bool record_intake_waits = false;
};

// One replication of the youth care model: families arrive through channels, are routed,
// wait, get intakes, plans, light help and specialist care, are handed off between teams,
// close and may come back. Single-threaded; construct one per replication.
class CareSimulation {
 public:
  CareSimulation(const CareParameters& parameters, const RunOptions& options);
  ReplicationResult run();

  // Event dispatch, called by engine::run_until.
  void handle(const engine::Event& event);

 private:
  // Members are grouped by mechanism (docs/model.md section 2.3); each group's functions are
  // defined in the file named beside it, under model/care/.

  // --- setup and dispatch: CareSimulation.cpp (constructor, run, handle)
  // A worker event is current while the post's holder is the one it was scheduled for.
  bool current_worker(const engine::Event& e) const {
    const Worker& w = workers_[e.entity];
    return w.generation == e.generation && w.employed;
  }

  // --- 1. arrivals and needs: mechanisms/Arrivals.cpp
  void schedule_next_arrival(std::uint32_t channel);
  void arrive(std::uint32_t channel);
  std::uint32_t allocate_family();
  void draw_needs(Family& f, const NeedMix& mix, const Channel& channel, bool carry_over);

  // --- 2. routing and triage: mechanisms/Routing.cpp
  void apply_route(std::uint32_t fam, const std::vector<Route>& routes, const DecisionKey& choice);
  bool condition_holds(const Family& f, const RouteCondition& c) const;
  void finish_triage(std::uint32_t fam, std::uint32_t triage);

  // --- 3-4. intake queue, acceptance and worker choice: mechanisms/IntakeQueue.cpp
  std::uint32_t open_team_case(std::uint32_t fam, int team, bool young_adult);
  void enqueue_team_case(std::uint32_t cs);
  void try_assign(int team);
  int choose_worker(int team);
  bool worker_accepts(const Worker& w, const Team& t) const;
  void assign_worker(std::uint32_t cs, int worker);
  void release_worker(std::uint32_t cs);

  // --- 5. waiting hazards (reneging, deterioration, crises): mechanisms/WaitingHazards.cpp
  void schedule_waiting_hazards(std::uint32_t cs);
  void renege(std::uint32_t cs);
  void deteriorate(std::uint32_t cs);

  // --- 6, 7, 9, 12. team care (intake, plan, light help, reviews, closure of a case):
  // mechanisms/TeamCare.cpp
  void start_intake(std::uint32_t cs);
  void finish_intake(std::uint32_t cs);
  void take_on_domain(std::uint32_t cs, Domain d, bool from_review);
  void start_light_help(std::uint32_t cs);
  void end_light_help(std::uint32_t cs);
  void review(std::uint32_t cs);
  void maybe_close_case(std::uint32_t cs);
  void close_case(std::uint32_t cs, ExitReason reason);
  void forget_case(std::uint32_t cs);

  // --- 8. worker load and hours: mechanisms/WorkerLoad.cpp
  void update_case_hours(std::uint32_t cs);
  void refresh_family_cases(std::uint32_t fam);
  void touch_worker(int worker) { touch_worker_at(worker, calendar_.now()); }
  void touch_worker_at(int worker, double now);
  void set_worker_load(int worker, double new_load);
  void set_worker_present(int worker, bool present);

  // --- 10. specialist providers and trajectories: mechanisms/Specialists.cpp
  void refer(std::uint32_t fam, int provider, Domain d, std::uint32_t cs);
  void try_start(int provider);
  void start_trajectory(std::uint32_t tr);
  void end_trajectory(std::uint32_t tr);

  // --- 11. hand-offs between teams: mechanisms/HandOffs.cpp
  void hand_off(std::uint32_t cs, Domain d);
  void deliver_hand_off(std::uint32_t fam, int team);
  void send_hand_off(std::uint32_t fam, int team, bool cold_handover);

  // --- 12. episodes (open items, closure, re-entry): mechanisms/Episodes.cpp
  void open_item(Family& f) { ++f.open_items; }
  void close_item(std::uint32_t fam, ExitReason reason);
  void close_episode(std::uint32_t fam, ExitReason reason);
  void free_family(std::uint32_t fam);
  void reenter(std::uint32_t fam);
  void note_professional(Family& f, std::uint32_t worker_global_id);
  void note_safety_assessment(Family& f);
  void record_closed_family(const Family& f, ExitReason reason);

  // --- 13. turning 18: mechanisms/Turning18.cpp
  void schedule_turn_18(std::uint32_t fam);
  void sweep_birthdays();
  void turn_18(std::uint32_t fam);

  // --- 14. workforce (sickness, turnover, hiring): mechanisms/Workforce.cpp
  void start_workers();
  void schedule_worker_events(int worker);
  void start_sickness(int worker);
  void end_sickness(int worker);
  void worker_leaves(int worker);
  void hire_worker(int worker);

  // --- measurement (warm-up end, cost accrual, time series, event log): mechanisms/Measurement.cpp
  bool measuring() const { return calendar_.now() >= warmup_; }
  void end_warmup();
  void sample_timeseries();
  void accrue_staff_cost(int team) { accrue_staff_cost_at(team, calendar_.now()); }
  void accrue_staff_cost_at(int team, double now);
  void accrue_provider_cost(int provider, double from, double to);
  void accrue_cost(std::vector<double>& per_year, double from, double to, double per_day);
  // One event-log row, when an event log was asked for. Inline: it is called at every step of
  // every family, and without a log the call should cost a test, not a call into another file.
  void log(const Family& f, Activity activity, Lifecycle lifecycle, int team = -1, int provider = -1,
           std::uint32_t worker = 0) {
    if (options_.event_log != nullptr) append_log(f, activity, lifecycle, team, provider, worker);
  }
  void append_log(const Family& f, Activity activity, Lifecycle lifecycle, int team, int provider,
                  std::uint32_t worker);
  void record_arrival(const Family& f);

  // --- 15. results and conservation: CareResults.cpp
  ReplicationResult collect_results();
  bool in_care_now(const Family& f) const;

  // --- randomness: every draw is keyed by what it decides (common random numbers); the keys
  // are named in DecisionKeys.hpp.
  engine::PhiloxEngine rng(const DecisionKey& key) const {
    return streams_.engine(static_cast<std::uint32_t>(key.stream), key.entity, key.decision);
  }
  double uniform(const DecisionKey& key) const {
    auto e = rng(key);
    return e.uniform01();
  }

  const CareParameters& p_;
  RunOptions options_;
  engine::RandomStreams streams_;
  engine::EventCalendar calendar_;
  double warmup_ = 0;
  double end_ = 0;

  std::vector<engine::NonStationaryPoisson> arrival_processes_;
  std::vector<std::uint32_t> channel_keys_;       // stable hash of each channel's name
  std::vector<std::uint64_t> arrivals_per_channel_;
  engine::AliasTable children_per_family_;
  engine::AliasTable index_child_age_;

  std::vector<Family> families_;
  std::vector<std::uint32_t> free_families_;
  std::vector<TeamCase> cases_;
  std::vector<std::uint32_t> free_cases_;
  std::vector<Trajectory> trajectories_;
  std::vector<std::uint32_t> free_trajectories_;
  std::vector<Worker> workers_;
  std::vector<TeamState> teams_;
  std::vector<ProviderState> providers_;
  std::uint32_t next_worker_global_id_ = 1;

  // 18th birthdays. A family in an episode whose index child turns 18 within the horizon
  // needs a turn_18 event on that day. Scheduled at the family's arrival, a birthday years
  // ahead would sit in the calendar long after most families have left (memory growing with
  // the horizon). So only birthdays up to birthdays_scheduled_until_ are in the calendar; a
  // later one waits in deferred_birthday_ (per family slot, +inf if none), cleared when the
  // episode ends, until a birthday_sweep every kBirthdaySweepDays moves the next ones in.
  std::vector<double> deferred_birthday_;
  double birthdays_scheduled_until_ = 0;
  std::uint32_t active_families_ = 0;  // families in an episode (not dormant), for the time series
  std::vector<double> discovery_at_intake_;  // per team: 1 - (1 - discovery_per_contact)^contacts

  RunCounters counters_;
  std::vector<double> intake_wait_series_;
  std::vector<double> intake_wait_days_;
  // The sampled time series: their keys (one per team and provider metric, fixed at
  // construction) and points, which refer to the keys by index.
  std::vector<TimeseriesKey> timeseries_keys_;
  std::vector<TimeseriesPoint> timeseries_;
};

}  // namespace jeugdsim::care
