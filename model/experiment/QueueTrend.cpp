#include "experiment/QueueTrend.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace jeugdsim::experiment {

namespace {

// Mean waiting-list length over the first and second half of one replication's samples.
struct Halves {
  double first = 0, second = 0;
  bool valid = false;
};

}  // namespace

std::vector<QueueTrend> queue_trends(const std::vector<care::ReplicationResult>& results,
                                     const QueueTrendCriteria& criteria) {
  // group -> per replication (in order): the two half means.
  std::map<std::string, std::vector<Halves>> by_group;
  std::vector<std::string> order;
  for (std::size_t r = 0; r < results.size(); ++r) {
    const care::ReplicationResult& result = results[r];
    // The samples of each waiting list of this replication, in day order.
    std::map<std::uint32_t, std::vector<std::pair<double, double>>> samples;
    for (const care::TimeseriesPoint& p : result.timeseries)
      if (result.key_of(p).metric == "waiting_list_length") samples[p.series].emplace_back(p.day, p.value);
    for (auto& [series, points] : samples) {
      const std::string& group = result.series[series].group;
      auto [it, inserted] = by_group.try_emplace(group);
      if (inserted) order.push_back(group);
      it->second.resize(results.size());
      if (points.size() < 4) continue;
      // Split at the middle of the sampled days; samples are equally spaced, so plain means of
      // the samples on each side are time averages.
      const double middle = 0.5 * (points.front().first + points.back().first);
      double sum[2] = {0, 0};
      std::size_t count[2] = {0, 0};
      for (const auto& [day, value] : points) {
        const int half = day < middle ? 0 : 1;
        sum[half] += value;
        ++count[half];
      }
      if (count[0] == 0 || count[1] == 0) continue;
      it->second[r] = Halves{sum[0] / static_cast<double>(count[0]), sum[1] / static_cast<double>(count[1]), true};
    }
  }
  std::vector<QueueTrend> out;
  for (const std::string& group : order) {
    std::vector<double> first, second, growth;
    for (const Halves& h : by_group[group]) {
      if (!h.valid) continue;
      first.push_back(h.first);
      second.push_back(h.second);
      growth.push_back(h.second - h.first);
    }
    if (growth.size() < 2) continue;
    QueueTrend t;
    t.group = group;
    t.first_half_mean = engine::t_confidence_interval(first).mean;
    t.second_half_mean = engine::t_confidence_interval(second).mean;
    t.growth = engine::t_confidence_interval(growth);
    const bool significant = t.growth.low > 0;
    const bool large = t.second_half_mean >= (1.0 + criteria.min_relative_growth) * t.first_half_mean &&
                       t.growth.mean >= criteria.min_absolute_growth;
    t.growing = significant && large;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<QueueTrend> growing_queues(const std::vector<care::ReplicationResult>& results,
                                       const QueueTrendCriteria& criteria) {
  std::vector<QueueTrend> out;
  for (QueueTrend& t : queue_trends(results, criteria))
    if (t.growing) out.push_back(std::move(t));
  return out;
}

double growth_per_year(const QueueTrend& t, double horizon_days) {
  // The halves' middles lie half a horizon apart; a year of 365 days as in the report.
  constexpr double kDaysPerYear = 365.0;
  return t.growth.mean / (horizon_days / 2.0 / kDaysPerYear);
}

namespace {

// "about N": whole families; a list that grows is said to grow by at least one (as the report).
long about(double value, long least) { return std::max(least, std::lround(value)); }

std::string families(long n) { return fmt::format("{} {}", n, n == 1 ? "family" : "families"); }

bool is_team(const QueueTrend& t) { return t.group.rfind("team:", 0) == 0; }

}  // namespace

std::string describe_queue_stability(const std::string& scenario_id, const std::vector<QueueTrend>& trends,
                                     double horizon_days) {
  if (trends.empty()) return {};
  const QueueTrend* lead = nullptr;
  std::size_t growing = 0;
  for (const QueueTrend& t : trends) {
    if (!t.growing) continue;
    ++growing;
    // A team's list leads over a provider's, then the fastest growth.
    if (lead == nullptr || (is_team(t) && !is_team(*lead)) ||
        (is_team(t) == is_team(*lead) && t.growth.mean > lead->growth.mean))
      lead = &t;
  }
  if (lead != nullptr) {
    const std::size_t others = growing - 1;
    return fmt::format("{}: waiting list at {} keeps growing by about {} a year{}; waits depend on the horizon "
                       "(queue-trends.csv has the figures)",
                       scenario_id, lead->group, families(about(growth_per_year(*lead, horizon_days), 1)),
                       others == 0 ? std::string()
                                   : fmt::format(" (and {} other list{})", others, others == 1 ? "" : "s"));
  }
  double at_teams = 0, at_providers = 0;
  bool any_provider = false;
  for (const QueueTrend& t : trends) {
    if (is_team(t)) {
      at_teams += t.second_half_mean;
    } else {
      at_providers += t.second_half_mean;
      any_provider = true;
    }
  }
  return fmt::format("{}: waiting lists stable: about {} waiting at teams{}", scenario_id,
                     families(about(at_teams, 0)),
                     any_provider ? fmt::format(", {} at providers", about(at_providers, 0)) : std::string());
}

}  // namespace jeugdsim::experiment
