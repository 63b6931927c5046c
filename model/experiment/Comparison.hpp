#pragma once
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"

namespace jeugdsim::experiment {

// One KPI of one scenario in a comparison: its mean with 95% CI over replications, and the
// paired difference with the first (reference) scenario: replication r of both ran on the same
// random streams (common random numbers), so d_r = value_r - reference_r has the noise of both
// cancelled to the extent the scenarios share it.
struct ComparisonRow {
  std::string kpi;
  std::string group;
  std::string scenario;
  engine::ConfidenceInterval value;
  engine::ConfidenceInterval difference;  // NaN for the reference scenario itself
};

// `results[s]` are scenario s's replications, in the same replication order for every s.
std::vector<ComparisonRow> compare_scenarios(const std::vector<std::string>& scenario_ids,
                                             const std::vector<std::vector<care::ReplicationResult>>& results);

// The CI of a paired difference, from two equally long vectors (NaN pairs are skipped).
engine::ConfidenceInterval paired_difference(const std::vector<double>& reference, const std::vector<double>& other);

}  // namespace jeugdsim::experiment
