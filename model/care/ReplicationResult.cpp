#include "care/ReplicationResult.hpp"

namespace jeugdsim::care {

std::uint32_t ReplicationResult::series_index(const std::string& metric, const std::string& group) {
  // A replication has a few dozen series: a linear search is the cheapest lookup.
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i].metric == metric && series[i].group == group) return static_cast<std::uint32_t>(i);
  series.push_back({metric, group});
  return static_cast<std::uint32_t>(series.size() - 1);
}

}  // namespace jeugdsim::care
