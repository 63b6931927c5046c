#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/EqualServiceCompare.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/HeadlineTable.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/Comparison.hpp"
#include "experiment/Experiment.hpp"
#include "experiment/Plausibility.hpp"
#include "experiment/QueueTrend.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "experiment/Summary.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/ComparisonCsv.hpp"
#include "io/ProvenanceHeader.hpp"
#include "io/WorkbookWriter.hpp"

namespace jeugdsim::cli {

namespace {

struct CompareArgs {
  std::vector<std::string> files;
  std::string out;
  ScenarioOptions common;
  EqualServiceArgs equal;  // --equal-service: compare at the staffing that meets the targets
};

int compare(CompareArgs args) {
  take_trailing_targets(args.equal, args.files, args.common);
  // The ids first (the file stems; a repeated one gets a prime): they name the result folders
  // and are what --set ID:KEY=VALUE refers to.
  const std::vector<std::string> ids = scenario_ids_of(args.files);
  if (const auto unknown = experiment::unknown_override_ids(args.common.overrides, ids); !unknown.empty())
    throw CLI::ValidationError(fmt::format("{}", fmt::join(unknown, "\n")));
  // Every scenario runs on the first scenario's seed (or --seed): common random numbers. Every
  // scenario is loaded, so that one run reports the errors of all of them, each line naming
  // its scenario.
  std::vector<scenario::LoadedScenario> scenarios;
  std::vector<std::vector<std::string>> overrides(ids.size());
  ScenarioOptions options = args.common;
  bool failed = false, override_failed = false;
  for (std::size_t s = 0; s < args.files.size(); ++s) {
    ScenarioOptions own = options;
    own.overrides = overrides[s] = experiment::overrides_for_scenario(args.common.overrides, ids[s]);
    bool bad_override = false;
    auto loaded = load_with_overrides(args.files[s], own, ids[s], &bad_override);
    override_failed = override_failed || bad_override;
    if (!loaded) {
      failed = true;
      continue;
    }
    if (!options.seed) options.seed = loaded->parameters.simulation.seed;
    scenarios.push_back(std::move(*loaded));
  }
  if (failed) {
    const bool any_shared = std::any_of(args.common.overrides.begin(), args.common.overrides.end(), [](const auto& o) {
      const auto a = experiment::parse_override_argument(o);
      return a && a->scenario.empty();
    });
    if (override_failed && any_shared)
      std::fprintf(stderr,
                   "compare: --set KEY=VALUE applies to every scenario; to change one scenario only, write --set "
                   "ID:KEY=VALUE (the ids: %s)\n",
                   fmt::format("{}", fmt::join(ids, ", ")).c_str());
    return kExitBadInput;
  }
  const bool sequential = options.replications == "auto";
  experiment::ReplicationRange range;
  if (!sequential) range = parse_replications(options.replications, scenarios[0].parameters.simulation.replications);
  const std::filesystem::path out = results_folder(args.out, "outputs/runs", "compare");
  io::AtomicDirectory folder(out);

  // One warm-up for all: the longest any scenario asks for (fixed or MSER-5), so every scenario
  // measures the same families over the same period.
  double warmup = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    experiment::ExperimentSettings settings = make_settings(options, scenarios[s].parameters, ids[s]);
    experiment::WarmupEstimate estimate;
    const double w = experiment::resolve_warmup(scenarios[s].parameters, settings, &estimate);
    if (scenarios[s].parameters.simulation.warmup_auto && !options.quiet)
      std::fprintf(stderr, "%s: %s\n", ids[s].c_str(), experiment::describe_warmup(estimate).c_str());
    warmup = std::max(warmup, w);
  }
  std::vector<experiment::ExperimentResult> runs;
  std::vector<double> wall_seconds;
  std::string stopping_note;
  bool converged = false;
  double achieved = 0;
  std::vector<experiment::SizedDesign> sized;  // with --equal-service: the staffing and runs compared
  if (args.equal.on()) {
    int code = kExitOk;
    auto designs = size_designs(args.equal, args.files, scenarios, ids, overrides, options, range, warmup, code);
    if (!designs) return code;
    sized = std::move(*designs);
    // At equal service the planner's runs at the answer are the results (nothing runs twice).
    for (const auto& d : sized) {
      runs.push_back(d.plan.answer);
      wall_seconds.push_back(d.wall_seconds);
    }
  } else if (sequential) {
    // -r auto: all scenarios advance together, replication by replication, until the paired
    // differences are precise enough (experiment::run_paired_sequential).
    std::vector<const care::CareParameters*> parameters;
    for (const auto& sc : scenarios) parameters.push_back(&sc.parameters);
    const experiment::ExperimentSettings settings = make_settings(options, scenarios[0].parameters, "compare");
    experiment::PairedExperimentResult paired = experiment::run_paired_sequential(parameters, settings, warmup);
    range = paired.range;
    stopping_note = paired_sequential_note(paired, options, ids[0]);
    converged = paired.converged;
    achieved = paired.achieved_relative_half_width;
    runs = std::move(paired.scenarios);
    wall_seconds = paired.wall_seconds;
  } else {
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      const auto ts = std::chrono::steady_clock::now();
      experiment::ExperimentSettings settings = make_settings(options, scenarios[s].parameters, ids[s]);
      settings.range = range;
      runs.push_back(experiment::run_experiment(scenarios[s].parameters, settings, warmup));
      wall_seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - ts).count());
    }
  }
  std::vector<std::vector<care::ReplicationResult>> results;
  std::vector<std::vector<experiment::SummaryRow>> summaries;
  std::uint64_t events = 0;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    experiment::ExperimentResult& result = runs[s];
    experiment::ExperimentSettings settings = make_settings(options, scenarios[s].parameters, ids[s]);
    if (!sequential) settings.range = range;
    result.warmup_method = "longest of the compared scenarios";
    ScenarioOptions own = options;
    own.overrides = overrides[s];  // provenance.json lists what was applied to this scenario
    ExperimentContext context = make_context(own, ids[s], "jeugdsim compare");
    context.wall_seconds = wall_seconds[s];
    std::filesystem::create_directory(folder.path() / ids[s]);
    // At equal service: the sized staffing as overrides after the --set ones.
    if (!sized.empty()) own.overrides = sized[s].plan.answer_overrides;
    write_experiment_folder(folder.path() / ids[s], sized.empty() ? scenarios[s] : *sized[s].plan.answer_scenario,
                            own, settings, result, context);
    events += result.events;
    summaries.push_back(experiment::summarize(result.output.results));
    results.push_back(std::move(result.output.results));
  }
  const auto rows = experiment::compare_scenarios(ids, results);
  io::write_text_file(folder.path() / "comparison.csv", io::comparison_csv(rows));
  if (!sized.empty()) write_equal_service_outputs(folder.path(), sized);
  {
    nlohmann::ordered_json prov = io::provenance_header();
    prov["scenarios"] = ids;
    prov["scenario_files"] = args.files;
    prov["reference_scenario"] = ids[0];
    prov["seed"] = *options.seed;
    prov["overrides"] = args.common.overrides;
    prov["first_replication"] = range.first;
    prov["replications"] = range.count;
    prov["replication_method"] = sequential ? "sequential" : "fixed";
    if (sequential) {
      std::vector<std::string> kpis = options.precision_kpis;
      if (kpis.empty()) kpis.push_back("intake_wait_days_mean:all");
      prov["sequential_rule"] = "paired differences with the reference and each scenario's mean";
      prov["precision_kpis"] = kpis;
      prov["target_relative_half_width"] = options.target_precision;
      prov["min_replications"] = options.min_replications;
      prov["max_replications"] = options.max_replications;
      prov["achieved_relative_half_width"] = achieved;
      prov["stopped"] = converged ? "converged" : "at the maximum";
    }
    prov["warmup_days"] = warmup;
    prov["common_random_numbers"] = true;
    if (!sized.empty()) {
      prov["equal_service_targets"] = args.equal.targets;
      prov["equal_service_teams"] = args.equal.size_teams.empty() ? nlohmann::json("every team with intake")
                                                                  : nlohmann::json(args.equal.size_teams);
    }
    io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  }
  io::write_comparison_workbook(folder.path(), options.lang);
  folder.commit();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (!sized.empty()) print_equal_service_lead(sized, args.equal.targets);
  std::printf("compared %zu scenarios, %u replications each on common random numbers (seed %llu), warm-up %.0f days; "
              "%.3g million events in %.1f s\n",
              ids.size(), range.count, static_cast<unsigned long long>(*options.seed), warmup,
              static_cast<double>(events) / 1e6, wall);
  if (sequential) std::printf("%s\n", stopping_note.c_str());
  std::printf("%s", headline_table(ids, summaries).c_str());
  if (ids.size() > 1) {
    std::printf("\ndifference with %s (paired, 95%% CI):\n", ids[0].c_str());
    std::printf("%s", difference_table(ids, rows).c_str());
  }
  // One plain line per scenario on its waiting lists; at equal service the lead already gave them.
  for (std::size_t s = 0; s < ids.size() && sized.empty(); ++s) {
    const std::string queues = experiment::describe_queue_stability(
        ids[s], experiment::queue_trends(results[s]), scenarios[s].parameters.simulation.horizon_days);
    if (!queues.empty()) std::printf("%s\n", queues.c_str());
  }
  std::fflush(stdout);
  for (std::size_t s = 0; s < ids.size(); ++s)
    std::fputs(experiment::format_warnings(ids[s], experiment::result_plausibility(results[s], scenarios[s].parameters.simulation.horizon_days,
                                                                                experiment::crisis_provider_group(scenarios[s].parameters))).c_str(), stderr);
  std::printf("results: %s (comparison.csv%s and comparison.xlsx, one folder per scenario)\n",
              folder.target().string().c_str(), sized.empty() ? "" : ", equal-service.csv, plans/");
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "compare", "Run scenarios on common random numbers and compare them with the first (paired differences)");
  auto args = std::make_shared<CompareArgs>();
  cmd->add_option("files", args->files, "Scenario files (TOML); the first is the reference")->required()->expected(2, -1);
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/compare-TIME)");
  add_equal_service_options(*cmd, args->equal);
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = compare(*args); });
}

}  // namespace jeugdsim::cli
