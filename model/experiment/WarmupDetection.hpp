#pragma once
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"

namespace jeugdsim::experiment {

struct WarmupEstimate {
  double days = 0;                  // the warm-up chosen: the larger of the two below
  double wait_days = 0;             // MSER-5 on the weekly mean intake wait
  double stock_days = 0;            // MSER-5 on the families in the system (time series)
  bool stock_at_limit = false;      // the stock's truncation hit MSER-5's limit of half the series
  unsigned pilot_replications = 0;
  std::size_t weeks_observed = 0;
  std::size_t stock_points = 0;     // time-series points of the stock series
};

// Warm-up from pilot replications run without a warm-up. Two series are truncated by MSER-5 and
// the longer truncation is the warm-up:
//  - the intake waits, averaged per week of intake start (over teams and pilots). With short,
//    flat waits this series shows no transient at all, although the system starts empty;
//  - the number of families in the system (the time series families_in_system, averaged over
//    pilots): it fills from zero over the mean time in care, which is the slow part of a cold
//    start and what the waits hide.
// Deterministic: depends only on the pilots' results.
WarmupEstimate estimate_warmup(const std::vector<care::ReplicationResult>& pilots, double horizon_days);

// One line for the terminal: what MSER-5 chose and why, e.g. "warm-up by MSER-5 on 5 pilot
// replications: 420 days (families in the system: 420 days; intake waits: 0 days)", plus a
// caution when the stock was still rising at half the horizon.
std::string describe_warmup(const WarmupEstimate& estimate);

}  // namespace jeugdsim::experiment
