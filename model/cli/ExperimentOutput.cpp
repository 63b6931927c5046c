#include "cli/ExperimentOutput.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/RunWriter.hpp"
#include "io/WorkbookWriter.hpp"

namespace jeugdsim::cli {

ExperimentContext make_context(const ScenarioOptions& options, const std::string& scenario_id,
                               const std::string& command_line) {
  ExperimentContext context;
  context.scenario_id = scenario_id;
  context.command_line = command_line;
  context.started_utc = utc_now();
  context.threads = options.threads == 0 ? experiment::default_thread_count() : options.threads;
  return context;
}

void write_experiment_folder(const std::filesystem::path& folder, const scenario::LoadedScenario& loaded,
                             const ScenarioOptions& options, const experiment::ExperimentSettings& settings,
                             const experiment::ExperimentResult& result, const ExperimentContext& context) {
  const care::CareParameters& p = loaded.parameters;
  io::Provenance prov;
  prov.scenario_id = context.scenario_id;
  prov.scenario_name = p.name;
  prov.scenario_files = loaded.document.files();
  prov.overrides = options.overrides;
  prov.seed = p.simulation.seed;
  prov.first_replication = result.range.first;
  prov.replications = result.range.count;
  prov.replication_method = result.replication_method;
  if (settings.auto_replications) {
    prov.target_relative_half_width = settings.target_relative_half_width;
    prov.achieved_relative_half_width = result.achieved_relative_half_width;
  }
  prov.warmup_days = result.warmup_days;
  prov.warmup_method = result.warmup_method;
  prov.horizon_days = p.simulation.horizon_days;
  io::RunInfo info;
  info.wall_seconds = context.wall_seconds;
  info.threads = context.threads;
  info.events = result.events;
  info.started_utc = context.started_utc;
  info.command_line = context.command_line;
  io::write_run_folder(folder, loaded.document.resolved_toml(), p, result.output.results, prov, info,
                       settings.event_log_replications, result.output.event_logs);
  io::write_run_workbook(folder, options.lang);
}

experiment::ExperimentSettings make_settings(const ScenarioOptions& options, const care::CareParameters& parameters,
                                             const std::string& progress_label) {
  experiment::ExperimentSettings s;
  if (options.replications == "auto") {
    s.auto_replications = true;
    s.target_relative_half_width = options.target_precision;
    s.min_replications = options.min_replications;
    s.max_replications = options.max_replications;
    for (const auto& k : options.precision_kpis) {
      const auto colon = k.find(':');
      s.precision_kpis.push_back(colon == std::string::npos ? experiment::PrecisionTarget{k, "all"}
                                                            : experiment::PrecisionTarget{k.substr(0, colon), k.substr(colon + 1)});
    }
  } else {
    s.range = parse_replications(options.replications, parameters.simulation.replications);
  }
  s.threads = options.threads;
  s.on_progress = make_progress(options.quiet, progress_label);
  return s;
}

experiment::ExperimentSettings fixed_range_settings(const ScenarioOptions& options, const care::CareParameters& parameters,
                                                    const std::string& label, experiment::ReplicationRange range) {
  experiment::ExperimentSettings s = make_settings(options, parameters, label);
  s.range = range;
  s.on_progress = nullptr;
  return s;
}

std::function<void(const std::string&)> stderr_notes(bool quiet) {
  return [quiet](const std::string& line) {
    if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
  };
}

std::string paired_sequential_note(const experiment::PairedExperimentResult& paired, const ScenarioOptions& options,
                                   const std::string& reference) {
  std::vector<std::string> kpis = options.precision_kpis;
  if (kpis.empty()) kpis.push_back("intake_wait_days_mean:all");
  const std::string rule = fmt::format(
      "for {}, the 95% CI half-width of each scenario's mean and of each paired difference with {} {} within {:g}% "
      "of the mean (for a difference: of {}'s mean); worst {:.2f}%",
      fmt::join(kpis, ", "), reference, paired.converged ? "is" : "is not yet", 100 * options.target_precision,
      reference, 100 * paired.achieved_relative_half_width);
  if (paired.converged)
    return fmt::format("-r auto: {} replications (converged; between {} and {}): {}", paired.range.count,
                       options.min_replications, options.max_replications, rule);
  return fmt::format("-r auto: {} replications (stopped at --max-replications before converging): {}; raise "
                     "--max-replications or --target-precision",
                     paired.range.count, rule);
}

}  // namespace jeugdsim::cli
