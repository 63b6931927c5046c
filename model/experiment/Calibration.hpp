#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::experiment {

// Calibration (`jeugdsim calibrate`): public figures as targets for KPIs, free scenario values
// fitted by Nelder-Mead under common random numbers.

// How a target's value relates to the KPI (column population_base):
//   absolute              the KPI as the model reports it (e.g. referrals per year for this population)
//   share                 a share between 0 and 1, compared as is
//   per_1000_youth        a rate: the KPI is divided by the scenario's youth (0-17) / 1,000
//   per_1000_inhabitants  a rate: the KPI is divided by the inhabitants / 1,000
enum class PopulationBase { absolute, share, per_1000_youth, per_1000_inhabitants };

struct CalibrationTarget {
  std::string id;     // "FILE:LINE", the target's name in fit.csv
  std::string kpi;
  std::string group;  // a KPI group; several joined with '+' are summed per replication
  double value = 0;
  bool has_band = false;
  double low = 0, high = 0;
  std::string year;
  PopulationBase base = PopulationBase::absolute;
  std::string population_base;  // as written
  std::string source;
  // Optional columns: input = yes when the figure is a model input read back (a check of the
  // plumbing, not evidence); fit = no when it is reported beside a fit but not part of its objective.
  bool input = false;
  bool fit = true;
  std::string file;
  std::size_t line = 0;
};

// Reads a targets CSV (header: kpi,group,value,low,high,year,population_base,source in any
// order; optional columns input and fit take yes/no; more columns are ignored; blank lines and
// lines starting with '#' are skipped). Every
// bad row is reported as "FILE:LINE: column NAME: message" and left out.
std::vector<CalibrationTarget> read_calibration_targets(const std::filesystem::path& file, scenario::Diagnostics& diags);

// Reports targets whose KPI or group the model does not produce (judged on a sample run).
void check_target_names(const std::vector<CalibrationTarget>& targets,
                        const std::vector<care::ReplicationResult>& sample, scenario::Diagnostics& diags);

// The target's KPI per replication, in the target's units (groups summed, rates scaled).
std::vector<double> simulated_values(const std::vector<care::ReplicationResult>& results, const CalibrationTarget& target,
                                     const care::PopulationSettings& population);

// The band within which a simulated mean counts as a fit: [low, high] when given, else
// value x (1 -/+ tolerance).
std::pair<double, double> tolerance_band(const CalibrationTarget& target, double tolerance);

// One target's term of the objective: ((simulated - observed) / half-width of the band)^2, i.e.
// the squared relative error weighted by 1 / (relative half-width)^2. NaN simulated: 1e6.
double objective_term(const CalibrationTarget& target, double simulated_mean, double tolerance);

// A free parameter: a dotted scenario key with bounds.
struct FreeParameter {
  std::string key;
  double low = 0, high = 0;
  double start = 0;      // the scenario's value, moved inside the bounds
  bool integer = false;  // the scenario writes it as an integer: fitted values are rounded
};

// Parses "KEY=LOW:HIGH" or "KEY" (bounds then 0.5x and 2x the scenario's value). The key must
// hold a number in the scenario.
std::optional<FreeParameter> parse_free_parameter(std::string_view text, const scenario::ScenarioDocument& doc,
                                                  scenario::Diagnostics& diags);

// Bounds through a logistic transform: x = low + (high - low) / (1 + exp(-z)); Nelder-Mead works
// on z, so every point it tries is inside the bounds and no clamping is needed.
double bounded_value(double z, const FreeParameter& p);
double unbounded_value(double x, const FreeParameter& p);

// The value as TOML text for an override (integers rounded).
std::string parameter_text(double x, const FreeParameter& p);

}  // namespace jeugdsim::experiment
