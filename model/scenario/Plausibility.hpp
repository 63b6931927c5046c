#pragma once
#include "care/Parameters.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::scenario {

// Warnings for values that are valid but probably not what was meant, most often a number in
// the wrong unit: `horizon_days = 5` meant as years, a turnover of 15 meant as 15%, a team with
// no workers that families are routed to. Each names the key (with the file and line that set
// it) and the likely mistake; none makes the scenario invalid, so runs and exit codes are
// unchanged. Called by read_care_parameters on every scenario that has no errors; the CLI
// prints them (prefixed "warning:") from run, compare, validate and the other commands that
// load a scenario file. The thresholds are diagnostics, not model numbers, so they live here.
void check_plausibility(const ScenarioDocument& doc, const care::CareParameters& p, Diagnostics& diags);

}  // namespace jeugdsim::scenario
