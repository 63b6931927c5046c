// `jeugdsim plan`: the least FTE per team that meets service-level targets with 95% confidence.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/PlanDriver.hpp"
#include "io/AtomicDirectory.hpp"

namespace jeugdsim::cli {

namespace {

struct PlanArgs {
  experiment::PlanRequest request;
  std::string out;
  ScenarioOptions common;
};

int plan(PlanArgs args) {
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "plan needs a fixed number of replications (the same at every FTE)");
  auto base = load_with_overrides(args.request.scenario_file, args.common);
  if (!base) return kExitBadInput;
  const auto& P = base->parameters;
  const std::string id = scenario_id_of(args.request.scenario_file);
  const auto range = parse_replications(args.common.replications, P.simulation.replications);
  if (range.count < 2) {
    std::fprintf(stderr, "plan: needs at least 2 replications for a confidence bound (got %u)\n", range.count);
    return kExitBadInput;
  }
  args.request.scenario_id = id;
  args.request.overrides = args.common.overrides;
  try {
    experiment::PlanDriver driver(*base, args.request);
    const std::filesystem::path out = results_folder(args.out, "outputs/runs", "plan-" + id);
    io::AtomicDirectory folder(out);
    const auto t0 = std::chrono::steady_clock::now();
    const experiment::ExperimentSettings xs = fixed_range_settings(args.common, P, id, range);
    const auto report = driver.run(xs, stderr_notes(args.common.quiet));
    io::write_text_file(folder.path() / "plan.csv", report.plan_csv);
    io::write_text_file(folder.path() / "plan.json", report.plan_json);
    io::write_text_file(folder.path() / "provenance.json", report.provenance_json);
    if (report.answer_scenario) {  // the answer's own results folder (the usual outputs contract)
      ScenarioOptions options = args.common;
      options.overrides = report.answer_overrides;
      const ExperimentContext context = make_context(args.common, id, "jeugdsim plan " + args.request.scenario_file);
      std::filesystem::create_directory(folder.path() / "answer");
      write_experiment_folder(folder.path() / "answer", *report.answer_scenario, options, xs, report.answer, context);
    }
    folder.commit();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("plan for %s: %zu staffing levels x %u replications on common random numbers (seed %llu) in %.1f s\n",
                id.c_str(), report.evaluations, range.count, static_cast<unsigned long long>(P.simulation.seed), wall);
    for (const auto& m : report.messages) std::printf("%s\n", m.c_str());
    std::printf("results: %s (plan.csv, plan.json)\n", folder.target().string().c_str());
    return report.feasible ? kExitOk : kExitFailure;
  } catch (const experiment::PlanInputError& e) {
    std::fprintf(stderr, "plan: %s\n", e.what());
    return kExitBadInput;
  } catch (const experiment::InvalidStaffingError& e) {
    std::fputs(e.diagnostics().c_str(), stderr);
    throw;  // main reports it as a failure while running
  }
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "plan", "Capacity planning: the least FTE per team for which every target holds with 95% confidence");
  auto args = std::make_shared<PlanArgs>();
  cmd->add_option("file", args->request.scenario_file, "Scenario file (TOML)")->required();
  cmd->add_option("--team", args->request.teams, "Team to size (repeatable; several teams are sized jointly)")->required();
  cmd->add_option("--target", args->request.targets,
                  "\"KPI <= VALUE\" or \"KPI >= VALUE\" (repeatable). Group: KPI[GROUP] or KPI@GROUP; default the "
                  "team's group team:NAME when the KPI exists per team, else all")
      ->required();
  cmd->add_flag("--whole-workers", args->request.whole_workers,
                "Vary whole workers at the scenario's FTE per worker (default: total FTE in 0.1 steps)");
  cmd->add_option("--max-fte", args->request.max_fte, "Give up above this FTE per team (default: 10x the current)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/plan-SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() {
    args->common.narrow_overrides_to(scenario_id_of(args->request.scenario_file));
    exit_code = plan(*args);
  });
}

}  // namespace jeugdsim::cli
