#include "experiment/QueueTrend.hpp"

#include <algorithm>
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

std::string describe_growing_queues(const std::string& scenario_id, const std::vector<QueueTrend>& trends) {
  if (trends.empty()) return {};
  std::string list;
  for (const QueueTrend& t : trends)
    list += fmt::format("{}{} {:.1f} -> {:.1f}", list.empty() ? "" : ", ", t.group, t.first_half_mean,
                        t.second_half_mean);
  return fmt::format(
      "{}: warning: waiting lists still growing (mean length in the first -> second half of the measured period, "
      "each rise significant at 95%): {}. At this capacity they have no steady state, so their wait KPIs hold for "
      "this horizon only (docs/model.md, section 4).\n",
      scenario_id, list);
}

}  // namespace jeugdsim::experiment
