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

// A warning line for the console naming the growing queues and what that means; empty if none.
std::string describe_growing_queues(const std::string& scenario_id, const std::vector<QueueTrend>& trends);

}  // namespace jeugdsim::experiment
