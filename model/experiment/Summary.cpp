#include "experiment/Summary.hpp"

#include <cmath>
#include <map>
#include <utility>

namespace jeugdsim::experiment {

std::vector<SummaryRow> summarize(const std::vector<care::ReplicationResult>& results, double level) {
  std::vector<SummaryRow> rows;
  if (results.empty()) return rows;
  std::map<std::pair<std::string, std::string>, std::vector<double>> values;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& r : results)
    for (const auto& k : r.kpis) {
      auto key = std::make_pair(k.kpi, k.group);
      auto [it, inserted] = values.try_emplace(key);
      if (inserted) order.push_back(key);
      if (std::isfinite(k.value)) it->second.push_back(k.value);
    }
  for (const auto& key : order) {
    SummaryRow row{key.first, key.second, {}};
    const auto& v = values[key];
    if (v.empty()) {
      row.ci.mean = row.ci.low = row.ci.high = row.ci.half_width = std::nan("");
      row.ci.n = 0;
    } else {
      row.ci = engine::t_confidence_interval(v, level);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<double> kpi_values(const std::vector<care::ReplicationResult>& results, const std::string& kpi,
                               const std::string& group) {
  std::vector<double> out;
  out.reserve(results.size());
  for (const auto& r : results) {
    double v = std::nan("");
    for (const auto& k : r.kpis)
      if (k.kpi == kpi && k.group == group) {
        v = k.value;
        break;
      }
    out.push_back(v);
  }
  return out;
}

}  // namespace jeugdsim::experiment
