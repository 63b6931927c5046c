#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/Commands.hpp"
#include "cli/HeadlineTable.hpp"
#include "cli/ScenarioOptions.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/RunWriter.hpp"

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
  const auto range = parse_replications(args.common.replications, p.simulation.replications);
  for (std::uint32_t r : args.event_log)
    if (r < range.first || r >= range.first + range.count)
      throw CLI::ValidationError("--event-log", fmt::format("replication {} is not among those run ({}-{})", r,
                                                            range.first, range.first + range.count - 1));
  const std::string id = scenario_id_of(args.file);
  std::filesystem::path out = args.out;
  if (out.empty()) out = std::filesystem::path("outputs/runs") / fmt::format("{}-{}", id, utc_now());
  io::AtomicDirectory folder(out);

  experiment::RunnerOptions options;
  options.range = range;
  options.threads = args.common.threads;
  options.warmup_days = p.simulation.warmup_days;
  options.event_log_replications = args.event_log;
  options.on_progress = make_progress(args.common.quiet, id);
  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  auto output = experiment::run_replications(p, options);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  io::Provenance prov;
  prov.scenario_id = id;
  prov.scenario_name = p.name;
  prov.scenario_files = loaded->document.files();
  prov.overrides = args.common.overrides;
  prov.seed = p.simulation.seed;
  prov.first_replication = range.first;
  prov.replications = range.count;
  prov.warmup_days = options.warmup_days;
  prov.warmup_method = "fixed";
  prov.horizon_days = p.simulation.horizon_days;
  io::RunInfo info;
  info.wall_seconds = wall;
  info.threads = options.threads == 0 ? experiment::default_thread_count() : options.threads;
  for (const auto& r : output.results) info.events += r.events;
  info.started_utc = started;
  info.command_line = command_line;
  io::write_run_folder(folder.path(), loaded->document.resolved_toml(), p, output.results, prov, info,
                       args.event_log, output.event_logs);
  folder.commit();

  std::printf("%s: %u replication%s, %.3g million events in %.1f s\n", id.c_str(), range.count,
              range.count == 1 ? "" : "s", static_cast<double>(info.events) / 1e6, wall);
  std::printf("%s", headline_table({id}, {experiment::summarize(output.results)}).c_str());
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
  cmd->callback([args, &exit_code, &app]() {
    std::string command_line = "jeugdsim run " + args->file;
    (void)app;
    exit_code = run(*args, command_line);
  });
}

}  // namespace jeugdsim::cli
