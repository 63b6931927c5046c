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

// One --set argument as typed: "KEY=VALUE" sets the value in every scenario of the command,
// "ID:KEY=VALUE" only in the scenario whose id is ID (the file's stem: the folder name of that
// scenario in a comparison's results). KEY is split from VALUE at the first '=' (a value may hold
// ':' and '=', e.g. a date or a string), and the ID from KEY at the last ':' before that '='
// (keys never hold ':', so an id may).
struct OverrideArgument {
  std::string scenario;  // empty: every scenario
  std::string key;
  std::string value;     // TOML text
  std::string text() const { return override_text(key, value); }  // "KEY=VALUE", without the id
};

// nullopt when the text has no '=', nothing before it, or an empty ID or KEY around the ':'.
std::optional<OverrideArgument> parse_override_argument(std::string_view text);

// The overrides that apply to scenario `id`, as "KEY=VALUE" in command-line order: those without
// an ID and those with this ID. Malformed arguments are kept as typed, so that
// scenario_with_overrides reports them.
std::vector<std::string> overrides_for_scenario(const std::vector<std::string>& arguments, std::string_view id);

// One message per argument whose ID is none of `ids` (the scenarios of the command), naming the
// argument and listing the ids; empty when every ID is known.
std::vector<std::string> unknown_override_ids(const std::vector<std::string>& arguments,
                                              const std::vector<std::string>& ids);

// A copy of `base` with `overrides` applied in order, its parameters read again. Every problem
// is added to `diags` (a malformed override, or one still carrying an ID, as "command line:
// TEXT: expected KEY=VALUE"); the parameters are read only when `diags` holds no error, so
// errors found before the call (while loading `base`) also give nullopt.
std::optional<scenario::LoadedScenario> scenario_with_overrides(const scenario::ScenarioDocument& base,
                                                                const std::vector<std::string>& overrides,
                                                                scenario::Diagnostics& diags);

}  // namespace jeugdsim::experiment
