#pragma once
#include <cstddef>
#include <vector>

#include "engine/stats/RunningStats.hpp"

namespace jeugdsim::engine {

struct ConfidenceInterval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
  double half_width = 0.0;
  std::size_t n = 0;
};

// Two-sided Student-t interval for the mean of independent observations (Boost.Math quantile).
// With n < 2 the interval is degenerate: low = high = mean, half_width = NaN.
ConfidenceInterval t_confidence_interval(const RunningStats& stats, double level = 0.95);
ConfidenceInterval t_confidence_interval(const std::vector<double>& values, double level = 0.95);

}  // namespace jeugdsim::engine
