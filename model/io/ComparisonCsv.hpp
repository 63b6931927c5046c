#pragma once
#include <string>
#include <vector>

#include "experiment/Comparison.hpp"

namespace jeugdsim::io {

// comparison.csv: kpi, group, scenario, mean, ci_low, ci_high, n, diff_mean, diff_ci_low,
// diff_ci_high, diff_n (the paired difference with the first scenario; NaN on its own rows).
std::string comparison_csv(const std::vector<experiment::ComparisonRow>& rows);

}  // namespace jeugdsim::io
