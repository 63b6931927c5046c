#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/EqualServiceCompare.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/HeadlineTable.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/Comparison.hpp"
#include "experiment/Plausibility.hpp"
#include "experiment/QueueTrend.hpp"
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
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "compare needs a fixed number of replications (auto is for run)");
  // Every scenario runs on the first scenario's seed (or --seed): common random numbers.
  std::vector<scenario::LoadedScenario> scenarios;
  std::vector<std::string> ids;
  ScenarioOptions options = args.common;
  for (const auto& file : args.files) {
    auto loaded = load_with_overrides(file, options);
    if (!loaded) return kExitBadInput;
    if (!options.seed) options.seed = loaded->parameters.simulation.seed;
    std::string id = scenario_id_of(file);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id += "'";
    ids.push_back(id);
    scenarios.push_back(std::move(*loaded));
  }
  const auto range = parse_replications(options.replications, scenarios[0].parameters.simulation.replications);
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
  std::vector<experiment::SizedDesign> sized;  // with --equal-service: the staffing and runs compared
  if (args.equal.on()) {
    int code = kExitOk;
    auto designs = size_designs(args.equal, args.files, scenarios, ids, options, range, warmup, code);
    if (!designs) return code;
    sized = std::move(*designs);
  }
  std::vector<std::vector<care::ReplicationResult>> results;
  std::vector<std::vector<experiment::SummaryRow>> summaries;
  std::uint64_t events = 0;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const auto ts = std::chrono::steady_clock::now();
    experiment::ExperimentSettings settings = make_settings(options, scenarios[s].parameters, ids[s]);
    settings.range = range;
    // At equal service the planner's runs at the answer are the results (nothing runs twice).
    experiment::ExperimentResult result =
        sized.empty() ? experiment::run_experiment(scenarios[s].parameters, settings, warmup) : sized[s].plan.answer;
    result.warmup_method = "longest of the compared scenarios";
    ExperimentContext context = make_context(options, ids[s], "jeugdsim compare");
    context.wall_seconds = sized.empty() ? std::chrono::duration<double>(std::chrono::steady_clock::now() - ts).count()
                                         : sized[s].wall_seconds;
    std::filesystem::create_directory(folder.path() / ids[s]);
    ScenarioOptions as_run = options;  // at equal service: the sized staffing as overrides after the --set ones
    if (!sized.empty()) as_run.overrides = sized[s].plan.answer_overrides;
    write_experiment_folder(folder.path() / ids[s], sized.empty() ? scenarios[s] : *sized[s].plan.answer_scenario,
                            as_run, settings, result, context);
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
    prov["first_replication"] = range.first;
    prov["replications"] = range.count;
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
  std::printf("%s", headline_table(ids, summaries).c_str());
  if (ids.size() > 1) {
    std::printf("\ndifference with %s (paired, 95%% CI):\n", ids[0].c_str());
    std::printf("%s", difference_table(ids, rows).c_str());
  }
  std::fflush(stdout);
  for (std::size_t s = 0; s < ids.size(); ++s)
    std::fputs(experiment::describe_growing_queues(ids[s], experiment::growing_queues(results[s])).c_str(), stderr);
  for (std::size_t s = 0; s < ids.size(); ++s)
    std::fputs(experiment::format_warnings(ids[s], experiment::result_plausibility(results[s], scenarios[s].parameters.simulation.horizon_days)).c_str(), stderr);
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
