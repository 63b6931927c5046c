#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include "cli/ScenarioOptions.hpp"
#include "experiment/Experiment.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::cli {

// Everything one scenario's results folder needs besides the results themselves.
struct ExperimentContext {
  std::string scenario_id;
  std::string command_line;
  std::string started_utc;
  double wall_seconds = 0;
  unsigned threads = 0;
};

// The context of a command's run: started now, on the --threads count (every core when 0).
ExperimentContext make_context(const ScenarioOptions& options, const std::string& scenario_id,
                               const std::string& command_line);

// Writes the outputs contract for one scenario into `folder` (a temporary path that the caller
// commits): resolved scenario, provenance, run info, kpis, timeseries, summary, event log.
void write_experiment_folder(const std::filesystem::path& folder, const scenario::LoadedScenario& loaded,
                             const ScenarioOptions& options, const experiment::ExperimentSettings& settings,
                             const experiment::ExperimentResult& result, const ExperimentContext& context);

// Turns the common options into experiment settings for this scenario (replication range or
// "auto", threads, progress).
experiment::ExperimentSettings make_settings(const ScenarioOptions& options, const care::CareParameters& parameters,
                                             const std::string& progress_label);

// Settings for a command that runs many variants on one fixed replication range (plan,
// calibrate): no progress display per variant.
experiment::ExperimentSettings fixed_range_settings(const ScenarioOptions& options, const care::CareParameters& parameters,
                                                    const std::string& label, experiment::ReplicationRange range);

// The console line on how many replications `compare -r auto` used and why it stopped.
std::string paired_sequential_note(const experiment::PairedExperimentResult& paired, const ScenarioOptions& options,
                                   const std::string& reference);

// Prints each progress line of a driver (plan, calibrate) on stderr, unless --quiet.
std::function<void(const std::string&)> stderr_notes(bool quiet);

}  // namespace jeugdsim::cli
