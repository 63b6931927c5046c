#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/CareScenario.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::experiment {

// "The scenario with these values changed": the one way every command (run, compare, sweep,
// plan, calibrate) turns a scenario document and overrides into parameters. An override is
// written as on the command line and in provenance.json: "KEY=VALUE", VALUE as TOML text.

std::string override_text(std::string_view key, std::string_view toml_value);

// A copy of `base` with `overrides` applied in order, its parameters read again. Every problem
// is added to `diags` (a malformed override as "command line: TEXT: expected KEY=VALUE"); the
// parameters are read only when `diags` holds no error, so errors found before the call (while
// loading `base`) also give nullopt.
std::optional<scenario::LoadedScenario> scenario_with_overrides(const scenario::ScenarioDocument& base,
                                                                const std::vector<std::string>& overrides,
                                                                scenario::Diagnostics& diags);

}  // namespace jeugdsim::experiment
