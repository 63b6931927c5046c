#pragma once
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"
#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"

namespace jeugdsim::experiment {

// The tables of `jeugdsim sweep` (README "Outputs"), from the replications of every variant.

// One scenario variant's replications and their summary.
struct VariantRun {
  std::vector<care::ReplicationResult> results;
  std::vector<SummaryRow> summary;
};

// sensitivity.csv (tornado data): every KPI at each assumption's low and high value, with the
// paired difference from the base. `runs` holds the base, then low and high per assumption.
std::string sensitivity_csv(const std::vector<care::Assumption>& assumptions, const std::vector<VariantRun>& runs);

// The paired difference of a KPI between scenario `s` and the first scenario in variant `v`
// (d_r = s_r - first_r over the replications, which share their random streams). runs[s][v]:
// scenario s's runs in the order of sensitivity_csv.
engine::ConfidenceInterval variant_difference(const std::vector<std::vector<VariantRun>>& runs, std::size_t s,
                                              std::size_t v, const std::string& kpi, const std::string& group);

// sweep-differences.csv of a one-way sweep of several scenarios: per headline KPI, scenario (not
// the first) and assumption, the paired difference with the first scenario at the base and at the
// assumption's low and high value. param_* are the first scenario's values.
std::string sweep_differences_csv(const std::vector<std::string>& scenario_ids,
                                  const std::vector<care::Assumption>& assumptions,
                                  const std::vector<std::vector<VariantRun>>& runs);

// sweep.csv: every KPI's mean and interval at every grid point (`runs` parallel to `points`).
std::string grid_csv(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points,
                     const std::vector<VariantRun>& runs);

}  // namespace jeugdsim::experiment
