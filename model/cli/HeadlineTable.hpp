#pragma once
#include <string>
#include <vector>

#include "experiment/Comparison.hpp"
#include "experiment/KpiRegistry.hpp"
#include "experiment/Summary.hpp"

namespace jeugdsim::cli {

// A console table of the headline KPIs (experiment::headline_kpis()): one column per scenario, "mean (low to high)" per cell.
std::string headline_table(const std::vector<std::string>& scenario_ids,
                           const std::vector<std::vector<experiment::SummaryRow>>& summaries);

// The paired differences of the headline KPIs with the first scenario.
std::string difference_table(const std::vector<std::string>& scenario_ids,
                             const std::vector<experiment::ComparisonRow>& rows);

}  // namespace jeugdsim::cli
