#include "experiment/WarmupDetection.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "care/GroupNames.hpp"
#include "experiment/Mser5.hpp"

namespace jeugdsim::experiment {

namespace {

constexpr double kWeek = 7.0;

// The weekly mean intake wait over the pilots (a week without intakes carries the previous
// week's mean: a quiet week is not a zero wait).
std::vector<double> weekly_waits(const std::vector<care::ReplicationResult>& pilots, std::size_t weeks) {
  std::vector<double> sum(weeks, 0.0), count(weeks, 0.0);
  for (const auto& r : pilots)
    for (std::size_t i = 0; i < r.intake_wait_series.size(); ++i) {
      const auto w = static_cast<std::size_t>(r.intake_wait_days[i] / kWeek);
      if (w < weeks) {
        sum[w] += r.intake_wait_series[i];
        count[w] += 1;
      }
    }
  std::vector<double> series;
  series.reserve(weeks);
  double last = 0;
  for (std::size_t w = 0; w < weeks; ++w) {
    if (count[w] > 0) last = sum[w] / count[w];
    series.push_back(last);
  }
  return series;
}

// The families in the system per time-series point, averaged over the pilots, with the day of
// each point (the pilots share the sampling days).
std::pair<std::vector<double>, std::vector<double>> stock_series(const std::vector<care::ReplicationResult>& pilots) {
  std::map<double, std::pair<double, double>> by_day;  // day -> (sum, count)
  for (const auto& r : pilots)
    for (const auto& point : r.timeseries) {
      const auto& key = r.key_of(point);
      if (key.metric != "families_in_system" || key.group != care::kAllGroup) continue;
      auto& [sum, count] = by_day[point.day];
      sum += point.value;
      count += 1;
    }
  std::vector<double> days, values;
  for (const auto& [day, sc] : by_day) {
    days.push_back(day);
    values.push_back(sc.first / sc.second);
  }
  return {days, values};
}

}  // namespace

WarmupEstimate estimate_warmup(const std::vector<care::ReplicationResult>& pilots, double horizon_days) {
  const auto weeks = static_cast<std::size_t>(std::ceil(horizon_days / kWeek));
  WarmupEstimate e;
  e.pilot_replications = static_cast<unsigned>(pilots.size());
  e.weeks_observed = weeks;
  e.wait_days = static_cast<double>(mser5_truncation(weekly_waits(pilots, weeks))) * kWeek;
  const auto [days, stock] = stock_series(pilots);
  e.stock_points = stock.size();
  const std::size_t cut = mser5_truncation(stock);
  e.stock_days = cut < days.size() ? days[cut] - (days.empty() ? 0.0 : days.front()) : 0.0;
  // MSER-5 keeps at least half the series: a cut at that limit means the stock was still moving.
  const std::size_t batches = stock.size() / 5;
  e.stock_at_limit = batches >= 2 && cut == (batches / 2) * 5 && cut > 0;
  e.days = std::max(e.wait_days, e.stock_days);
  return e;
}

std::string describe_warmup(const WarmupEstimate& e) {
  std::string line = fmt::format("warm-up by MSER-5 on {} pilot replication{}: {:.0f} days (families in the system: "
                                 "{:.0f} days; intake waits: {:.0f} days)",
                                 e.pilot_replications, e.pilot_replications == 1 ? "" : "s", e.days, e.stock_days,
                                 e.wait_days);
  if (e.days == 0)
    line += "; neither series shows a start-up transient, so nothing is deleted";
  if (e.stock_at_limit)
    line += "; caution: the families in the system were still rising at half the horizon (MSER-5 deletes at most "
            "half), so the run may still be filling up: lengthen simulation.horizon_days or set a fixed, longer "
            "warmup_days";
  return line;
}

}  // namespace jeugdsim::experiment
