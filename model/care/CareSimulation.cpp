// The setup of a replication and the dispatch of its events. Every mechanism of
// docs/model.md section 2.3 has its own file under model/care/mechanisms/ (see the groups in
// CareSimulation.hpp).
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "care/GroupNames.hpp"
#include "care/mechanisms/MechanismHelpers.hpp"
#include "engine/distributions/AliasTable.hpp"

namespace jeugdsim::care {

namespace {

using engine::Event;
using Phase = TeamCase::Phase;
using namespace mechanisms;

// FNV-1a: a stable key for a name, so streams keyed by a channel do not depend on the order in
// which a scenario file lists its channels.
std::uint32_t stable_key(const std::string& name) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

}  // namespace

CareSimulation::CareSimulation(const CareParameters& parameters, const RunOptions& options)
    : p_(parameters), options_(options), streams_(parameters.simulation.seed, options.replication) {
  warmup_ = options.warmup_days;
  end_ = warmup_ + p_.simulation.horizon_days;
  const double youth = p_.population.youth();
  for (const Channel& c : p_.channels) {
    arrival_processes_.emplace_back(c.rate_per_1000_youth_per_year * youth / 1000.0, c.seasonality,
                                    c.trend_per_year);
    channel_keys_.push_back(stable_key(c.name));
  }
  arrivals_per_channel_.assign(p_.channels.size(), 0);
  children_per_family_ = engine::AliasTable(p_.population.children_per_family_weights);
  index_child_age_ = engine::AliasTable(p_.population.index_child_age_weights);
  teams_.resize(p_.teams.size());
  providers_.resize(p_.providers.size());
  for (const Team& t : p_.teams)
    discovery_at_intake_.push_back(1.0 - std::pow(1.0 - t.discovery_per_contact, t.intake_contacts));
  const auto years = static_cast<std::size_t>(std::ceil(p_.simulation.horizon_days / kYear));
  for (auto& t : teams_) t.staff_cost_per_year.assign(std::max<std::size_t>(years, 1), 0.0);
  for (auto& pr : providers_) pr.cost_per_year.assign(std::max<std::size_t>(years, 1), 0.0);
  calendar_.reserve(4096);
  // The sampled series, in the order sample_timeseries() records them.
  for (const Team& t : p_.teams) {
    timeseries_keys_.push_back({"waiting_list_length", team_group(t.name)});
    timeseries_keys_.push_back({"caseload_per_worker", team_group(t.name)});
  }
  for (const Provider& pr : p_.providers) {
    timeseries_keys_.push_back({"waiting_list_length", provider_group(pr.name)});
    timeseries_keys_.push_back({"in_care", provider_group(pr.name)});
  }
  timeseries_keys_.push_back({"families_in_system", "all"});
  // Room for every sample (one at the warm-up's end and one per interval up to the horizon)
  // and for the yearly cost rows that collect_results() puts in front: the vector never grows
  // by doubling, and a long run's memory holds exactly its output.
  const auto samples = static_cast<std::size_t>(p_.simulation.horizon_days / p_.simulation.timeseries_interval_days) + 2;
  const std::size_t cost_rows = (p_.teams.size() + p_.providers.size() + 1) * std::max<std::size_t>(years, 1);
  timeseries_.reserve(samples * timeseries_keys_.size() + cost_rows);
}

ReplicationResult CareSimulation::run() {
  start_workers();
  for (std::uint32_t c = 0; c < p_.channels.size(); ++c) schedule_next_arrival(c);
  if (warmup_ > 0)
    calendar_.schedule(warmup_, as_u32(EventType::warmup_end), 0);
  else
    end_warmup();
  calendar_.schedule(warmup_, as_u32(EventType::sample), 0);
  sweep_birthdays();  // no family yet: sets the first window
  const std::uint64_t events = engine::run_until(calendar_, end_, *this);
  ReplicationResult result = collect_results();
  result.events = events;
  return result;
}

// One call per event type. An event about a slot (family, case, trajectory, worker) carries the
// slot's generation when it was scheduled; if the slot has moved on since, the event is stale
// and dropped here.
void CareSimulation::handle(const Event& e) {
  switch (static_cast<EventType>(e.type)) {
    case EventType::arrival:
      arrive(e.entity);
      break;
    case EventType::triage_done:
      if (families_[e.entity].generation == e.generation) finish_triage(e.entity, e.detail);
      break;
    case EventType::renege:
      if (cases_[e.entity].generation == e.generation) renege(e.entity);
      break;
    case EventType::deteriorate:
      if (cases_[e.entity].generation == e.generation) deteriorate(e.entity);
      break;
    case EventType::intake_done:
      if (cases_[e.entity].generation == e.generation) finish_intake(e.entity);
      break;
    case EventType::support_end:
      if (cases_[e.entity].generation == e.generation) end_light_help(e.entity);
      break;
    case EventType::review:
      if (cases_[e.entity].review_generation == e.generation && cases_[e.entity].phase == Phase::support)
        review(e.entity);
      break;
    case EventType::hand_off_send:
      if (families_[e.entity].generation == e.generation) deliver_hand_off(e.entity, static_cast<int>(e.detail));
      break;
    case EventType::trajectory_end:
      if (trajectories_[e.entity].generation == e.generation) end_trajectory(e.entity);
      break;
    case EventType::turn_18:
      if (families_[e.entity].generation == e.generation) turn_18(e.entity);
      break;
    case EventType::reentry:
      if (families_[e.entity].generation == e.generation) reenter(e.entity);
      break;
    case EventType::sickness_start:
      if (current_worker(e)) start_sickness(static_cast<int>(e.entity));
      break;
    case EventType::sickness_end:
      if (current_worker(e)) end_sickness(static_cast<int>(e.entity));
      break;
    case EventType::worker_leaves:
      if (current_worker(e)) worker_leaves(static_cast<int>(e.entity));
      break;
    case EventType::worker_hired:
      hire_worker(static_cast<int>(e.entity));
      break;
    case EventType::sample:
      sample_timeseries();
      break;
    case EventType::warmup_end:
      end_warmup();
      break;
    case EventType::birthday_sweep:
      sweep_birthdays();
      break;
  }
}

}  // namespace jeugdsim::care
