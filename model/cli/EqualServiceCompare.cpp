#include "cli/EqualServiceCompare.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/ExperimentOutput.hpp"
#include "cli/Commands.hpp"
#include "io/AtomicDirectory.hpp"

namespace jeugdsim::cli {

void add_equal_service_options(CLI::App& cmd, EqualServiceArgs& args) {
  // One value per occurrence: a greedy option would swallow the scenario files.
  cmd.add_option("--equal-service", args.targets,
                 "Compare at equal service: first size every design's teams (whole posts) with the capacity planner "
                 "to \"KPI <= VALUE\" (or >=; KPI[GROUP] or KPI:GROUP names the group); more targets may follow")
      ->expected(1)
      ->allow_extra_args(false)
      ->take_all();
  cmd.add_option("--size-teams", args.size_teams,
                 "With --equal-service: the teams to size, comma-separated (default: every team with intake)")
      ->delimiter(',')
      ->allow_extra_args(false);
}

void take_trailing_targets(EqualServiceArgs& args, std::vector<std::string>& files, const ScenarioOptions& options) {
  if (!args.on()) {
    if (!args.size_teams.empty()) throw CLI::ValidationError("--size-teams", "goes with --equal-service");
    return;
  }
  auto is_target = [](const std::string& v) { return v.find("<=") != std::string::npos || v.find(">=") != std::string::npos; };
  for (const auto& f : files)
    if (is_target(f)) args.targets.push_back(f);
  files.erase(std::remove_if(files.begin(), files.end(), is_target), files.end());
  if (files.size() < 2)
    throw CLI::ValidationError("files", "compare needs at least 2 scenario files after the --equal-service targets");
  for (const auto& t : args.targets) {  // the text now, before any warm-up or pilot runs
    try {
      experiment::parse_plan_target(t);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("--equal-service", e.what());
    }
  }
  if (options.replications == "auto")
    throw CLI::ValidationError("--equal-service",
                               "needs a fixed number of replications (the same at every staffing level), not auto");
}

std::optional<std::vector<experiment::SizedDesign>> size_designs(
    const EqualServiceArgs& args, const std::vector<std::string>& files,
    const std::vector<scenario::LoadedScenario>& scenarios, const std::vector<std::string>& ids,
    const std::vector<std::vector<std::string>>& overrides, const ScenarioOptions& options,
    experiment::ReplicationRange range, double warmup, int& exit_code) {
  std::vector<experiment::EqualServiceDesign> designs;
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    designs.push_back({ids[s], files[s], &scenarios[s], overrides[s]});
  const experiment::EqualServiceRequest request{args.targets, args.size_teams, warmup};
  std::vector<experiment::SizedDesign> sized;
  try {
    if (range.count < 2)
      throw experiment::PlanInputError(
          fmt::format("--equal-service needs at least 2 replications for a confidence bound (got {})", range.count));
    experiment::check_equal_service_request(designs, request);
    for (std::size_t s = 0; s < designs.size(); ++s)
      sized.push_back(experiment::size_design(designs[s], request,
                                              fixed_range_settings(options, scenarios[s].parameters, ids[s], range),
                                              stderr_notes(options.quiet)));
  } catch (const experiment::PlanInputError& e) {
    std::fprintf(stderr, "compare: %s\n", e.what());
    exit_code = kExitBadInput;
    return std::nullopt;
  } catch (const experiment::InvalidStaffingError& e) {
    std::fputs(e.diagnostics().c_str(), stderr);
    throw;  // main reports it as a failure while running
  }
  bool feasible = true;
  for (const auto& d : sized)
    if (!d.plan.feasible) {
      feasible = false;
      for (const auto& m : d.plan.messages) std::fprintf(stderr, "compare: %s: %s\n", d.id.c_str(), m.c_str());
    }
  if (!feasible) {
    std::fprintf(stderr, "compare: not every design can meet the targets, so there is no equal service to compare at\n");
    exit_code = kExitFailure;
    return std::nullopt;
  }
  return sized;
}

void write_equal_service_outputs(const std::filesystem::path& folder, const std::vector<experiment::SizedDesign>& sized) {
  io::write_text_file(folder / "equal-service.csv", experiment::equal_service_csv(sized));
  std::filesystem::create_directory(folder / "plans");
  for (const auto& d : sized) {
    const auto plan = folder / "plans" / d.id;
    std::filesystem::create_directory(plan);
    io::write_text_file(plan / "plan.csv", d.plan.plan_csv);
    io::write_text_file(plan / "plan.json", d.plan.plan_json);
    io::write_text_file(plan / "provenance.json", d.plan.provenance_json);
  }
}

void print_equal_service_lead(const std::vector<experiment::SizedDesign>& sized, const std::vector<std::string>& targets) {
  for (const auto& line : experiment::equal_service_sentences(sized, targets)) std::printf("%s\n", line.c_str());
  for (const auto& line : experiment::equal_service_queue_lines(sized)) std::printf("%s\n", line.c_str());
  std::size_t levels = 0;
  double seconds = 0;
  for (const auto& d : sized) {
    levels += d.plan.evaluations;
    seconds += d.wall_seconds;
  }
  std::printf("at equal service: every design's teams sized in whole posts by the capacity planner (%zu staffing "
              "levels run in %.1f s, see plans/); the table below is at that staffing\n",
              levels, seconds);
}

}  // namespace jeugdsim::cli
