#include "experiment/Comparison.hpp"

#include <cmath>
#include <map>

#include "experiment/Summary.hpp"

namespace jeugdsim::experiment {

namespace {

engine::ConfidenceInterval undefined() {
  engine::ConfidenceInterval ci;
  ci.mean = ci.low = ci.high = ci.half_width = std::nan("");
  ci.n = 0;
  return ci;
}

engine::ConfidenceInterval interval_of(const std::vector<double>& values) {
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  return finite.empty() ? undefined() : engine::t_confidence_interval(finite);
}

}  // namespace

engine::ConfidenceInterval paired_difference(const std::vector<double>& reference, const std::vector<double>& other) {
  std::vector<double> d;
  for (std::size_t i = 0; i < reference.size() && i < other.size(); ++i)
    if (std::isfinite(reference[i]) && std::isfinite(other[i])) d.push_back(other[i] - reference[i]);
  return d.empty() ? undefined() : engine::t_confidence_interval(d);
}

std::vector<ComparisonRow> compare_scenarios(const std::vector<std::string>& ids,
                                             const std::vector<std::vector<care::ReplicationResult>>& results) {
  std::vector<ComparisonRow> rows;
  if (results.empty() || results[0].empty()) return rows;
  // KPIs in the order of the reference scenario, then any that only later scenarios have
  // (e.g. a team that exists only in the split design).
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::pair<std::string, std::string>, bool> seen;
  for (const auto& scenario : results)
    for (const auto& k : scenario.front().kpis)
      if (seen.emplace(std::make_pair(k.kpi, k.group), true).second) keys.emplace_back(k.kpi, k.group);
  for (const auto& [kpi, group] : keys) {
    const std::vector<double> reference = kpi_values(results[0], kpi, group);
    for (std::size_t s = 0; s < results.size(); ++s) {
      const std::vector<double> values = kpi_values(results[s], kpi, group);
      ComparisonRow row{kpi, group, ids[s], interval_of(values), undefined()};
      if (s > 0) row.difference = paired_difference(reference, values);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace jeugdsim::experiment
