#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "experiment/Calibration.hpp"
#include "experiment/Experiment.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::experiment {

// The driver of `jeugdsim calibrate`: reads and checks the targets and free parameters, runs
// Nelder-Mead on the objective (every point on the same seed and replications, cached), and
// assembles fit.csv, trajectory.csv, calibrated.toml and provenance.json. The command only
// parses, calls and prints.

// Outside any scenario's reach: the objective of a point whose values do not give a valid
// scenario, so that the search steers away from it.
inline constexpr double kInvalidPointPenalty = 1e12;

// The objective: the sum over the targets to fit (column fit, default yes) of objective_term() at
// the simulated mean. A point is a TOML text per free parameter; under common random numbers the
// objective is a deterministic function of it, so every point is run once and cached.
class CalibrationObjective {
 public:
  struct Point {
    std::vector<std::string> values;  // TOML text per free parameter
    std::vector<care::ReplicationResult> results;
    care::PopulationSettings population;
    double objective = 0;
  };
  CalibrationObjective(const scenario::ScenarioDocument& base, std::vector<FreeParameter> free,
                       std::vector<CalibrationTarget> targets, double tolerance, ExperimentSettings settings,
                       double warmup_days);
  // The point's results and objective (run on first use; kInvalidPointPenalty when invalid).
  const Point& at(const std::vector<std::string>& values);
  std::size_t points_run() const { return cache_.size(); }

 private:
  const scenario::ScenarioDocument& base_;
  std::vector<FreeParameter> free_;
  std::vector<CalibrationTarget> targets_;
  double tolerance_;
  ExperimentSettings settings_;
  double warmup_;
  std::map<std::vector<std::string>, Point> cache_;
};

// The mean of the finite values (NaN when there are none).
double finite_mean(const std::vector<double>& values);

struct CalibrationRequest {
  std::string scenario_file;  // as given (provenance, calibrated.toml)
  std::string scenario_id;
  std::vector<std::string> targets_files;
  std::vector<std::string> free;  // "KEY[=LOW:HIGH]" as written
  double tolerance = 0.1;
  int max_evaluations = 100;
  double initial_step = 0.6;
  std::vector<std::string> overrides;  // the --set overrides the scenario was loaded with
  std::optional<std::uint64_t> seed;   // --seed
  unsigned threads = 0;
};

// What the calibration found, ready to write and print.
struct CalibrationReport {
  std::string fit_csv, trajectory_csv, provenance_json;
  std::string calibrated_toml;   // includes the scenario file by a path relative to the results folder
  std::string table;             // console: one line per target
  std::vector<std::string> best_values;
  std::vector<std::string> parameter_lines;  // console: "  KEY = FITTED (was START, bounds LOW..HIGH)"
  double objective_start = 0, objective_fitted = 0;
  int evaluations = 0;
  int within = 0;                // targets within tolerance at the fit
  bool converged = false;
};

class CalibrationDriver {
 public:
  // Reads the targets files and the free parameters, and checks on one short replication that
  // the model produces every target's KPI and group. Every problem goes to `diags` (also "no
  // targets"); run only when diags.ok(). `base` must outlive the driver.
  CalibrationDriver(const scenario::LoadedScenario& base, CalibrationRequest request, scenario::Diagnostics& diags);

  const std::vector<FreeParameter>& free() const { return free_; }
  const std::vector<CalibrationTarget>& targets() const { return targets_; }

  // Fits with `settings` (a fixed replication range). `note` receives one progress line per
  // evaluation. `results_folder` is where the results will appear (calibrated.toml includes the
  // scenario relative to it); `now_utc` goes into calibrated.toml's header.
  CalibrationReport run(const ExperimentSettings& settings, const std::function<void(const std::string&)>& note,
                        const std::filesystem::path& results_folder, const std::string& now_utc);

 private:
  std::string calibrated_toml(const std::vector<std::string>& best_values, const std::filesystem::path& results_folder,
                              const std::string& header) const;
  std::vector<std::string> parameter_lines(const std::vector<std::string>& best_values) const;

  const scenario::LoadedScenario& base_;
  CalibrationRequest request_;
  std::vector<CalibrationTarget> targets_;
  std::vector<FreeParameter> free_;
};

// Throws std::runtime_error with every diagnostic when the written calibrated.toml does not load.
void check_scenario_loads(const std::filesystem::path& file);

}  // namespace jeugdsim::experiment
