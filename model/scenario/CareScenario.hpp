#pragma once
#include <filesystem>
#include <optional>

#include "care/Parameters.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::scenario {

// Reads and validates the care model's parameters from a loaded (includes resolved, overrides
// applied) scenario document. Every problem is reported to `diags` as file:line: key: message
// (allowed: ...); returns nullopt when there was any. The schema is documented in
// docs/scenario-format.md and exercised by the shipped files in scenarios/.
std::optional<care::CareParameters> read_care_parameters(const ScenarioDocument& doc, Diagnostics& diags);

// Loads the file (with its includes) and reads the parameters: the one call the CLI needs.
struct LoadedScenario {
  ScenarioDocument document;
  care::CareParameters parameters;
};
std::optional<LoadedScenario> load_care_scenario(const std::filesystem::path& file, Diagnostics& diags);

// Reads a duration distribution written as an inline table, e.g.
// { dist = "lognormal", mean = 14, cv = 0.5 }; see docs/scenario-format.md for the families.
engine::DurationDistribution read_duration(class TableReader& parent, std::string_view key);

}  // namespace jeugdsim::scenario
