// Measurement: the end of the warm-up, cost accrual, the sampled time series and the event log.
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

void CareSimulation::end_warmup() {
  const double now = calendar_.now();
  for (auto& ts : teams_) {
    ts.queue_length.reset(now);
    for (auto& h : ts.hours_rate) h.reset(now);
    ts.employed_fte.reset(now);
  }
  for (auto& ps : providers_) {
    ps.queue_length.reset(now);
    ps.occupancy.reset(now);
  }
  for (std::size_t w = 0; w < workers_.size(); ++w) {
    touch_worker(static_cast<int>(w));
    workers_[w].max_caseload = static_cast<std::uint32_t>(workers_[w].cases.size());
  }
  // Trajectories running at the end of the warm-up are costed from here on.
}

void CareSimulation::accrue_cost(std::vector<double>& per_year, double from, double to, double per_day) {
  from = std::max(from, warmup_);
  to = std::min(to, end_);
  while (from < to) {
    const auto year = static_cast<std::size_t>((from - warmup_) / kYear);
    const double year_end = warmup_ + static_cast<double>(year + 1) * kYear;
    const double until = std::min(to, year_end);
    per_year[std::min(year, per_year.size() - 1)] += (until - from) * per_day;
    from = until;
  }
}

void CareSimulation::accrue_provider_cost(int provider, double from, double to) {
  accrue_cost(providers_[static_cast<std::size_t>(provider)].cost_per_year, from, to,
              p_.providers[static_cast<std::size_t>(provider)].cost_per_day_eur);
}

void CareSimulation::accrue_staff_cost_at(int team, double now) {
  // Staff cost accrues at the FTE employed (vacant posts cost nothing) between changes.
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  const double per_day = ts.employed_fte.value() * p_.teams[static_cast<std::size_t>(team)].cost_per_fte_per_year_eur / kYear;
  accrue_cost(ts.staff_cost_per_year, ts.staff_cost_since, now, per_day);
  ts.staff_cost_since = now;
}

// Records one point of every series and schedules the next sample.
void CareSimulation::sample_timeseries() {
  const double day = calendar_.now() - warmup_;
  std::uint32_t series = 0;  // the keys' order: see the constructor
  for (std::size_t t = 0; t < p_.teams.size(); ++t) {
    timeseries_.push_back({day, series++, static_cast<double>(teams_[t].intake_queue.live())});
    double cases = 0, present = 0;
    for (int w : teams_[t].workers) {
      const Worker& wk = workers_[static_cast<std::size_t>(w)];
      if (wk.employed && wk.present) {
        cases += static_cast<double>(wk.cases.size());
        present += 1;
      }
    }
    timeseries_.push_back({day, series++, present > 0 ? cases / present : 0.0});
  }
  for (std::size_t p = 0; p < p_.providers.size(); ++p) {
    timeseries_.push_back({day, series++, static_cast<double>(providers_[p].queue.live())});
    timeseries_.push_back({day, series++, static_cast<double>(providers_[p].occupied)});
  }
  timeseries_.push_back({day, series++, static_cast<double>(active_families_)});
  // The next sample, if it falls within the horizon.
  if (calendar_.now() + p_.simulation.timeseries_interval_days <= end_)
    calendar_.schedule(calendar_.now() + p_.simulation.timeseries_interval_days,
                       as_u32(EventType::sample), 0);
}

void CareSimulation::append_log(const Family& f, Activity activity, Lifecycle lifecycle, int team, int provider,
                                std::uint32_t worker) {
  options_.event_log->push_back({calendar_.now(), f.id, f.episode, activity, lifecycle,
                                 static_cast<std::int16_t>(team), static_cast<std::int16_t>(provider), worker});
}

void CareSimulation::record_arrival(const Family& f) {
  if (options_.arrivals == nullptr) return;
  options_.arrivals->push_back({calendar_.now(), f.id, f.episode, f.channel, f.present, f.presented, f.severity,
                                f.index_child_birth});
}

}  // namespace jeugdsim::care
