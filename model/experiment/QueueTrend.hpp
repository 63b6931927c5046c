#pragma once
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"

namespace jeugdsim::experiment {

// A waiting list that is still growing at the end of the run: the mean length over the second
// half of the measured period against the first half, paired by replication. A queue that
// keeps growing has no steady state at this capacity, so its wait KPIs describe this horizon
// only (a longer one gives longer waits) and a warm-up cannot settle it.
struct QueueTrend {
  std::string group;               // "team:NAME" or "provider:NAME"
  double first_half_mean = 0;      // mean over replications of the first half's mean length
  double second_half_mean = 0;
  engine::ConfidenceInterval growth;  // second half minus first half, paired, 95%
  bool growing = false;               // significant and large (see QueueTrendCriteria)
};

// The thresholds of growing_queues(): a diagnostic, not a model number, so they live here.
struct QueueTrendCriteria {
  double min_relative_growth = 0.25;  // second half at least 25% above the first
  double min_absolute_growth = 1.0;   // and at least one family longer
};

// Every waiting list (time series "waiting_list_length") of `results` with enough samples (4
// per replication) in 2 or more replications, in the order they first appear; `growing` when
// its growth from the first to the second half of the measured period is significant (the 95%
// interval of the paired difference lies above zero) and large (see criteria).
std::vector<QueueTrend> queue_trends(const std::vector<care::ReplicationResult>& results,
                                     const QueueTrendCriteria& criteria = {});
// Only those that are growing.
std::vector<QueueTrend> growing_queues(const std::vector<care::ReplicationResult>& results,
                                       const QueueTrendCriteria& criteria = {});

// One plain console line per scenario (no newline), the console's form of the report's sentence
// (report/report_sections.py, queue_sentence): "ID: waiting lists stable: about N families waiting
// at teams, M at providers" (the second-half mean lengths summed), or, when a list grows, "ID:
// waiting list at GROUP keeps growing by about N families a year (and K other lists); waits depend
// on the horizon (queue-trends.csv has the figures)". GROUP is the fastest-growing team's list, or
// a provider's when no team's grows, as in the report. Growth per year is the paired half-mean
// difference over the years between the halves' middles: half the measured horizon. Empty when
// `trends` is empty (no waiting list sampled).
std::string describe_queue_stability(const std::string& scenario_id, const std::vector<QueueTrend>& trends,
                                     double horizon_days);

// Growth of `t` in families a year over a measured period of `horizon_days`.
double growth_per_year(const QueueTrend& t, double horizon_days);

}  // namespace jeugdsim::experiment
