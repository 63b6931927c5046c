#pragma once
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"

namespace jeugdsim::experiment {

struct WarmupEstimate {
  double days = 0;
  unsigned pilot_replications = 0;
  std::size_t weeks_observed = 0;
};

// Warm-up from pilot replications run without a warm-up: their intake waits are averaged per
// week of intake start (over teams and pilots), and MSER-5 truncates that weekly series. The
// weeks deleted are the warm-up. Deterministic: depends only on the pilots' results.
WarmupEstimate estimate_warmup(const std::vector<care::ReplicationResult>& pilots, double horizon_days);

}  // namespace jeugdsim::experiment
