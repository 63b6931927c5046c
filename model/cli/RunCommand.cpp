#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/HeadlineTable.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/Summary.hpp"
#include "io/AtomicDirectory.hpp"

namespace jeugdsim::cli {

namespace {

struct RunArgs {
  std::string file;
  std::string out;
  std::vector<std::uint32_t> event_log;
  ScenarioOptions common;
};

int run(const RunArgs& args, const std::string& command_line) {
  auto loaded = load_with_overrides(args.file, args.common);
  if (!loaded) return kExitBadInput;
  const care::CareParameters& p = loaded->parameters;
  const std::string id = scenario_id_of(args.file);
  experiment::ExperimentSettings settings = make_settings(args.common, p, id);
  settings.event_log_replications = args.event_log;
  if (!settings.auto_replications)
    for (std::uint32_t r : args.event_log)
      if (r < settings.range.first || r >= settings.range.first + settings.range.count)
        throw CLI::ValidationError("--event-log", fmt::format("replication {} is not among those run ({}-{})", r,
                                                              settings.range.first,
                                                              settings.range.first + settings.range.count - 1));
  std::filesystem::path out = args.out;
  if (out.empty()) out = std::filesystem::path("outputs/runs") / fmt::format("{}-{}", id, utc_now());
  io::AtomicDirectory folder(out);

  ExperimentContext context;
  context.scenario_id = id;
  context.command_line = command_line;
  context.started_utc = utc_now();
  context.threads = args.common.threads == 0 ? experiment::default_thread_count() : args.common.threads;
  const auto t0 = std::chrono::steady_clock::now();
  experiment::WarmupEstimate estimate;
  const double warmup = experiment::resolve_warmup(p, settings, &estimate);
  if (p.simulation.warmup_auto && !args.common.quiet)
    std::fprintf(stderr, "%s: warm-up by MSER-5 on %u pilot replications: %.0f days\n", id.c_str(),
                 estimate.pilot_replications, warmup);
  const experiment::ExperimentResult result = experiment::run_experiment(p, settings, warmup);
  context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_experiment_folder(folder.path(), *loaded, args.common, settings, result, context);
  folder.commit();

  std::printf("%s: %u replication%s (%s), warm-up %.0f days (%s), %.3g million events in %.1f s\n", id.c_str(),
              result.range.count, result.range.count == 1 ? "" : "s", result.replication_method.c_str(),
              result.warmup_days, result.warmup_method.c_str(), static_cast<double>(result.events) / 1e6,
              context.wall_seconds);
  std::printf("%s", headline_table({id}, {experiment::summarize(result.output.results)}).c_str());
  std::printf("results: %s\n", folder.target().string().c_str());
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a scenario's replications and write the results folder");
  auto args = std::make_shared<RunArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/SCENARIO-TIME)");
  cmd->add_option("--event-log", args->event_log,
                  "Write event-log.csv (one row per event, for process mining) for these replications")
      ->delimiter(',');
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = run(*args, "jeugdsim run " + args->file); });
}

}  // namespace jeugdsim::cli
