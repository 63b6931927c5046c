#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/ScenarioOptions.hpp"
#include "experiment/EqualService.hpp"

namespace jeugdsim::cli {

// The CLI side of `compare --equal-service` (the work is in experiment/EqualService): kept out of
// CompareCommand.cpp so that compare itself only asks for the sized runs and prints.

struct EqualServiceArgs {
  std::vector<std::string> targets;     // --equal-service "KPI <= VALUE" [more targets]
  std::vector<std::string> size_teams;  // --size-teams a,b (default: every team with intake)
  bool on() const { return !targets.empty(); }
};

void add_equal_service_options(CLI::App& cmd, EqualServiceArgs& args);

// More targets may follow the first one: positional values with "<=" or ">=" are moved from
// `files` to the targets. Throws CLI::ValidationError when fewer than 2 files remain or the
// replications are "auto".
void take_trailing_targets(EqualServiceArgs& args, std::vector<std::string>& files, const ScenarioOptions& options);

// Sizes every design (progress on stderr). nullopt after printing why not on stderr, with
// `exit_code` set: 2 for a bad request, 1 when a design cannot meet the targets.
std::optional<std::vector<experiment::SizedDesign>> size_designs(
    const EqualServiceArgs& args, const std::vector<std::string>& files,
    const std::vector<scenario::LoadedScenario>& scenarios, const std::vector<std::string>& ids,
    const std::vector<std::vector<std::string>>& overrides, const ScenarioOptions& options, experiment::ReplicationRange range, double warmup, int& exit_code);

// equal-service.csv and plans/ID/{plan.csv,plan.json,provenance.json} into `folder`.
void write_equal_service_outputs(const std::filesystem::path& folder, const std::vector<experiment::SizedDesign>& sized);

// The console's lead: the sentences, the staffing, the growing-queue check.
void print_equal_service_lead(const std::vector<experiment::SizedDesign>& sized, const std::vector<std::string>& targets);

}  // namespace jeugdsim::cli
