#pragma once
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "experiment/SweepDefinition.hpp"
#include "experiment/SweepTables.hpp"

namespace jeugdsim::cli {

// The console tables of `jeugdsim sweep` (the CSV files hold every KPI with its interval). Each
// fits in kConsoleWidth columns: the headline KPIs are rows and the variants columns, in panels
// of as many columns as fit, with short column names explained above the table.
inline constexpr std::size_t kConsoleWidth = 100;

// One-way: per assumption (A, B, ... sorted by the swing of the first headline KPI, the mean wait
// to intake) the headline KPIs at low and high next to the base. runs: base, then low and high
// per assumption.
std::string tornado_table(const std::vector<care::Assumption>& assumptions,
                          const std::vector<experiment::VariantRun>& runs);

// One-way over several scenarios: the same table of the paired difference between scenario `s`
// and the first scenario (runs[s][v] as above), sorted by the swing of the difference.
std::string tornado_difference_table(const std::vector<care::Assumption>& assumptions,
                                     const std::vector<std::vector<experiment::VariantRun>>& runs, std::size_t s);

// Grid: the headline KPIs at every point (P1, P2, ... with their coordinates above the table).
std::string grid_table(const std::vector<experiment::SweepAxis>& axes, const std::vector<experiment::SweepPoint>& points,
                       const std::vector<experiment::VariantRun>& runs);

}  // namespace jeugdsim::cli
