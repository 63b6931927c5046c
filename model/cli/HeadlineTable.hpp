#pragma once
#include <string>
#include <vector>

#include "experiment/Comparison.hpp"
#include "experiment/Summary.hpp"

namespace jeugdsim::cli {

// The KPIs a user sees on the console after a run or comparison (all are in the CSV files).
struct HeadlineKpi {
  const char* kpi;
  const char* group;
  const char* label;
  int decimals;
};
const std::vector<HeadlineKpi>& headline_kpis();

// A console table: one column per scenario, "mean (low to high)" per cell.
std::string headline_table(const std::vector<std::string>& scenario_ids,
                           const std::vector<std::vector<experiment::SummaryRow>>& summaries);

// The paired differences of the headline KPIs with the first scenario.
std::string difference_table(const std::vector<std::string>& scenario_ids,
                             const std::vector<experiment::ComparisonRow>& rows);

}  // namespace jeugdsim::cli
