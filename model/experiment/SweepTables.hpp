#pragma once
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"
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

// sweep.csv: every KPI's mean and interval at every grid point (`runs` parallel to `points`).
std::string grid_csv(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points,
                     const std::vector<VariantRun>& runs);

}  // namespace jeugdsim::experiment
