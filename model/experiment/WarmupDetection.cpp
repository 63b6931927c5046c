#include "experiment/WarmupDetection.hpp"

#include <cmath>

#include "experiment/Mser5.hpp"

namespace jeugdsim::experiment {

WarmupEstimate estimate_warmup(const std::vector<care::ReplicationResult>& pilots, double horizon_days) {
  constexpr double kWeek = 7.0;
  const auto weeks = static_cast<std::size_t>(std::ceil(horizon_days / kWeek));
  std::vector<double> sum(weeks, 0.0), count(weeks, 0.0);
  for (const auto& r : pilots)
    for (std::size_t i = 0; i < r.intake_wait_series.size(); ++i) {
      const auto w = static_cast<std::size_t>(r.intake_wait_days[i] / kWeek);
      if (w < weeks) {
        sum[w] += r.intake_wait_series[i];
        count[w] += 1;
      }
    }
  // Weeks with no intake carry the previous week's mean (a quiet week is not a zero wait).
  std::vector<double> series;
  series.reserve(weeks);
  double last = 0;
  for (std::size_t w = 0; w < weeks; ++w) {
    if (count[w] > 0) last = sum[w] / count[w];
    series.push_back(last);
  }
  WarmupEstimate e;
  e.pilot_replications = static_cast<unsigned>(pilots.size());
  e.weeks_observed = weeks;
  e.days = static_cast<double>(mser5_truncation(series)) * kWeek;
  return e;
}

}  // namespace jeugdsim::experiment
