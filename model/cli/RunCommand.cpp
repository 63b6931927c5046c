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
#include "experiment/Plausibility.hpp"
#include "experiment/QueueTrend.hpp"
#include "experiment/Summary.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/RunCheckpoint.hpp"

namespace jeugdsim::cli {

namespace {

struct RunArgs {
  std::string file;
  std::string out;
  std::string resume;  // --resume DIR: continue the interrupted run of DIR
  std::vector<std::uint32_t> event_log;
  ScenarioOptions common;
};

// What a resumed run must share with the interrupted one (besides the program version).
io::CheckpointKey checkpoint_key(const std::string& id, const scenario::LoadedScenario& loaded,
                                 const experiment::ExperimentSettings& s, const ScenarioOptions& options) {
  io::CheckpointKey key;
  key.scenario_id = id;
  key.resolved_toml = loaded.document.resolved_toml();
  key.seed = loaded.parameters.simulation.seed;
  if (!s.auto_replications) {
    key.replications = fmt::format("fixed {}-{}", s.range.first, s.range.first + s.range.count - 1);
  } else {
    key.replications = fmt::format("auto target={} min={} max={} kpis=", s.target_relative_half_width,
                                   s.min_replications, s.max_replications);
    for (const auto& k : options.precision_kpis) key.replications += k + ";";
  }
  return key;
}

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
  const std::filesystem::path out = results_folder(args.resume.empty() ? args.out : args.resume, "outputs/runs", id);
  // Each replication is checkpointed in the hidden temporary folder as it completes, so that a
  // killed run can be resumed (--resume) from its completed replications.
  std::unique_ptr<io::AtomicDirectory> folder_ptr;
  std::unique_ptr<io::RunCheckpoint> checkpoint;
  try {
    const io::CheckpointKey key = checkpoint_key(id, *loaded, settings, args.common);
    if (args.resume.empty()) {
      folder_ptr = std::make_unique<io::AtomicDirectory>(out);
      checkpoint = io::RunCheckpoint::start(folder_ptr->path(), key);
    } else {
      if (!args.out.empty() && std::filesystem::path(args.out) != std::filesystem::path(args.resume))
        throw io::ResumeError("--out and --resume name different folders");
      const std::filesystem::path incomplete = io::find_incomplete_folder(out);
      checkpoint = io::RunCheckpoint::open(incomplete, key);  // checks before taking anything over
      folder_ptr = std::make_unique<io::AtomicDirectory>(out, incomplete);
      checkpoint->moved_to(folder_ptr->path());
      if (!args.common.quiet)
        std::fprintf(stderr, "%s: resuming %s: %zu replication%s already completed\n", id.c_str(),
                     out.string().c_str(), checkpoint->completed_count(), checkpoint->completed_count() == 1 ? "" : "s");
    }
  } catch (const io::ResumeError& e) {
    throw CLI::ValidationError("--resume", e.what());
  }
  io::AtomicDirectory& folder = *folder_ptr;
  settings.completed = [&checkpoint](std::uint32_t r) { return checkpoint->completed(r); };
  settings.on_result = [&checkpoint](const care::ReplicationResult& r) { checkpoint->save(r); };

  ExperimentContext context = make_context(args.common, id, command_line);
  const auto t0 = std::chrono::steady_clock::now();
  experiment::WarmupEstimate estimate;
  const double warmup = experiment::resolve_warmup(p, settings, &estimate);
  if (p.simulation.warmup_auto && !args.common.quiet)
    std::fprintf(stderr, "%s: %s\n", id.c_str(), experiment::describe_warmup(estimate).c_str());
  const experiment::ExperimentResult result = experiment::run_experiment(p, settings, warmup);
  context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  checkpoint->finish();
  write_experiment_folder(folder.path(), *loaded, args.common, settings, result, context);
  folder.commit();

  std::printf("%s: %u replication%s (%s), warm-up %.0f days (%s), %.3g million events in %.1f s\n", id.c_str(),
              result.range.count, result.range.count == 1 ? "" : "s", result.replication_method.c_str(),
              result.warmup_days, result.warmup_method.c_str(), static_cast<double>(result.events) / 1e6,
              context.wall_seconds);
  std::printf("%s", headline_table({id}, {experiment::summarize(result.output.results)}).c_str());
  std::fflush(stdout);
  // One plain line on the waiting lists, stable or not (the figures are in queue-trends.csv).
  const std::string queues =
      experiment::describe_queue_stability(id, experiment::queue_trends(result.output.results), p.simulation.horizon_days);
  if (!queues.empty()) std::printf("%s\n", queues.c_str());
  std::fflush(stdout);
  std::fputs(experiment::format_warnings(id, experiment::result_plausibility(result.output.results, p.simulation.horizon_days,
                                                                              experiment::crisis_provider_group(p))).c_str(), stderr);
  std::printf("results: %s\n", folder.target().string().c_str());
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a scenario's replications and write the results folder");
  auto args = std::make_shared<RunArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/SCENARIO-TIME)");
  cmd->add_option("--resume", args->resume,
                  "Continue the interrupted (killed) run whose results folder was to be DIR: reuse its completed "
                  "replications, run the others (same scenario, options and seed required)")
      ->type_name("DIR");
  cmd->add_option("--event-log", args->event_log,
                  "Write event-log.csv (one row per event, for process mining) for these replications")
      ->delimiter(',');
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() {
    args->common.narrow_overrides_to(scenario_id_of(args->file));
    exit_code = run(*args, "jeugdsim run " + args->file);
  });
}

}  // namespace jeugdsim::cli
