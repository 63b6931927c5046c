#include "engine/stats/StudentT.hpp"

#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

ConfidenceInterval t_confidence_interval(const RunningStats& stats, double level) {
  if (!(level > 0.0 && level < 1.0)) detail::throw_invalid("t interval", "level", "within (0, 1)", level);
  ConfidenceInterval ci;
  ci.mean = stats.mean();
  ci.n = static_cast<std::size_t>(stats.count());
  if (stats.count() < 2) {
    // No variance estimate from fewer than two observations: report the point, flag the width.
    ci.low = ci.high = ci.mean;
    ci.half_width = std::numeric_limits<double>::quiet_NaN();
    return ci;
  }
  const boost::math::students_t t(static_cast<double>(stats.count() - 1));
  const double quantile = boost::math::quantile(t, 0.5 + 0.5 * level);
  ci.half_width = quantile * stats.stddev() / std::sqrt(static_cast<double>(stats.count()));
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

ConfidenceInterval t_confidence_interval(const std::vector<double>& values, double level) {
  RunningStats stats;
  for (double v : values) stats.add(v);
  return t_confidence_interval(stats, level);
}

}  // namespace jeugdsim::engine
