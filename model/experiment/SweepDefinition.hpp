#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::experiment {

// One axis of a grid sweep: a dotted scenario key and the values it takes, each kept as TOML
// text so it can be applied as an override (numbers, strings, booleans).
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

// A point of the grid: one value per axis, named by its coordinates ("key=value__key=value").
struct SweepPoint {
  std::vector<std::string> values;
  std::string name;
};

// Reads [sweep] parameters = [ { key = "...", values = [...] }, ... ] from the document;
// errors (missing table, empty values, a key that is not in the scenario) go to `diags`.
std::optional<std::vector<SweepAxis>> read_sweep_axes(const scenario::ScenarioDocument& doc,
                                                      scenario::Diagnostics& diags);

// The cartesian product of the axes, the last axis varying fastest.
std::vector<SweepPoint> grid_points(const std::vector<SweepAxis>& axes);

// A number as TOML text that reads back to the same value.
std::string toml_number(double value);

}  // namespace jeugdsim::experiment
