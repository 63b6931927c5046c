#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "cli/SweepTable.hpp"
#include "experiment/Comparison.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"
#include "experiment/SweepTables.hpp"
#include "experiment/SweepVariants.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::cli {

namespace {

struct SweepArgs {
  std::vector<std::string> files;
  std::string out;
  bool one_way = false;
  bool grid = false;
  ScenarioOptions common;
};

int sweep(const SweepArgs& args) {
  if (args.one_way == args.grid) throw CLI::ValidationError("sweep", "choose exactly one of --one-way and --grid");
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "a sweep needs a fixed number of replications (auto is for run and compare)");
  if (args.grid && args.files.size() > 1)
    throw CLI::ValidationError("sweep", "--grid takes one scenario file (its [sweep] table); --one-way takes several");
  // Several scenarios run on the first one's seed (or --seed), like compare: common random numbers.
  ScenarioOptions options = args.common;
  std::vector<scenario::LoadedScenario> bases;
  const std::vector<std::string> ids = scenario_ids_of(args.files);
  const bool several_files = args.files.size() > 1;
  // --set ID:KEY=VALUE changes the scenario with that id only, as in compare.
  if (const auto unknown = experiment::unknown_override_ids(args.common.overrides, ids); !unknown.empty()) {
    std::string message;
    for (const auto& m : unknown) message += (message.empty() ? "" : "\n") + m;
    throw CLI::ValidationError(message);
  }
  for (std::size_t s = 0; s < args.files.size(); ++s) {
    ScenarioOptions own = options;
    own.overrides = experiment::overrides_for_scenario(args.common.overrides, ids[s]);
    auto loaded = load_with_overrides(args.files[s], own, several_files ? ids[s] : std::string());
    if (!loaded) return kExitBadInput;
    if (!options.seed) options.seed = loaded->parameters.simulation.seed;
    bases.push_back(std::move(*loaded));
  }
  const bool several = bases.size() > 1;
  const auto& base = bases[0];

  std::vector<experiment::SweepVariant> variants;
  std::vector<experiment::SweepAxis> axes;
  std::vector<experiment::SweepPoint> points;
  const auto assumptions = base.parameters.assumptions;
  if (args.one_way) {
    if (assumptions.empty()) {
      std::fprintf(stderr, "%s: declares no [assumptions.NAME] with key, low and high; nothing to sweep\n",
                   args.files[0].c_str());
      return kExitBadInput;
    }
    bool missing = false;
    for (std::size_t s = 1; s < bases.size(); ++s)
      for (const auto& m : experiment::missing_assumption_keys(assumptions, bases[s], args.files[s], args.files[0])) {
        std::fprintf(stderr, "%s\n", m.c_str());
        missing = true;
      }
    if (missing) return kExitBadInput;
    variants = experiment::one_way_variants(assumptions);
  } else {
    scenario::Diagnostics diags;
    auto read = experiment::read_sweep_axes(base.document, diags);
    if (!read) {
      std::fputs(diags.format_all().c_str(), stderr);
      return kExitBadInput;
    }
    axes = *read;
    points = experiment::grid_points(axes);
    variants = experiment::grid_variants(axes, points);
  }
  // Build and validate every variant of every scenario before running anything.
  std::vector<std::vector<scenario::LoadedScenario>> scenarios;
  for (std::size_t s = 0; s < bases.size(); ++s) {
    scenario::Diagnostics diags;
    std::string failed;
    auto built = experiment::build_sweep_variants(bases[s], variants, diags, failed);
    if (!built) {
      std::fputs(diags.format_all().c_str(), stderr);
      std::fprintf(stderr, "%s: sweep point %s is not a valid scenario; nothing was run\n", args.files[s].c_str(),
                   failed.c_str());
      return kExitBadInput;
    }
    scenarios.push_back(std::move(*built));
  }

  const auto range = parse_replications(options.replications, base.parameters.simulation.replications);
  const std::filesystem::path out =
      results_folder(args.out, "outputs/runs", "sweep-" + (several ? ids[0] + "-and-more" : ids[0]));
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();
  // One warm-up for every variant (the longest of the base scenarios'), so all measure the same
  // period, and one seed: variants differ by their parameters only (common random numbers).
  double warmup = 0;
  for (std::size_t s = 0; s < bases.size(); ++s)
    warmup = std::max(warmup, experiment::resolve_warmup(bases[s].parameters,
                                                         make_settings(options, bases[s].parameters, ids[s]), nullptr));
  const std::string command = "jeugdsim sweep " + fmt::format("{}", fmt::join(args.files, " "));
  std::vector<std::vector<experiment::VariantRun>> runs(bases.size());
  std::uint64_t events = 0;
  const std::size_t total = bases.size() * variants.size();
  for (std::size_t s = 0; s < bases.size(); ++s) {
    const std::filesystem::path dir = several ? folder.path() / ids[s] : folder.path();
    if (several) std::filesystem::create_directory(dir);
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const std::size_t step = s * variants.size() + i + 1;
      const std::string label =
          several ? fmt::format("{} {} [{}/{}]", ids[s], variants[i].name, step, total)
                  : fmt::format("{} [{}/{}]", variants[i].name, step, total);
      experiment::ExperimentSettings settings = make_settings(options, scenarios[s][i].parameters, label);
      settings.range = range;
      const auto ts = std::chrono::steady_clock::now();
      experiment::ExperimentResult result = experiment::run_experiment(scenarios[s][i].parameters, settings, warmup);
      ScenarioOptions own = options;  // provenance.json lists the overrides applied to this scenario
      own.overrides = experiment::overrides_for_scenario(args.common.overrides, ids[s]);
      ExperimentContext context = make_context(own, variants[i].name, command);
      context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ts).count();
      std::filesystem::create_directory(dir / variants[i].name);
      write_experiment_folder(dir / variants[i].name, scenarios[s][i], own, settings, result, context);
      events += result.events;
      runs[s].push_back({result.output.results, experiment::summarize(result.output.results)});
    }
  }

  experiment::SweepRecord record;
  record.one_way = args.one_way;
  record.files = args.files;
  record.ids = ids;
  record.seed = *options.seed;
  record.first_replication = range.first;
  record.replications = range.count;
  record.warmup_days = warmup;
  record.assumptions = assumptions;
  record.axes = axes;
  record.points = points;
  record.variants = variants;
  for (const auto& [path, text] : experiment::sweep_output_files(record, runs))
    io::write_text_file(folder.path() / path, text);
  folder.commit();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::printf("%s sweep of %s: %zu variants x %u replications on common random numbers (seed %llu), warm-up %.0f "
              "days; %.3g million events in %.1f s\n",
              args.one_way ? "one-way" : "grid", fmt::format("{}", fmt::join(ids, ", ")).c_str(), total, range.count,
              static_cast<unsigned long long>(*options.seed), warmup, static_cast<double>(events) / 1e6, wall);
  if (args.grid) {
    std::printf("\nheadline KPIs at each grid point (means over replications; CIs in sweep.csv):\n%s",
                grid_table(axes, points, runs[0]).c_str());
  } else if (!several) {
    std::printf("\nheadline KPIs at each assumption's low and high (means; paired CIs in sensitivity.csv):\n%s",
                tornado_table(assumptions, runs[0]).c_str());
  } else {
    for (std::size_t s = 1; s < bases.size(); ++s)
      std::printf("\ndifference %s minus %s (paired means; CIs in sweep-differences.csv):\n%s",
                  ids[s].c_str(), ids[0].c_str(), tornado_difference_table(assumptions, runs, s).c_str());
  }
  std::printf("results: %s (%s)\n", folder.target().string().c_str(),
              args.grid ? "sweep.csv" : several ? "sweep-differences.csv; per scenario a folder with sensitivity.csv"
                                                : "sensitivity.csv");
  return kExitOk;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "sweep", "Sensitivity: each declared assumption at low and high (--one-way; of one scenario or of the difference "
      "between several), or a declared [sweep] grid (--grid)");
  auto args = std::make_shared<SweepArgs>();
  cmd->add_option("files", args->files,
                  "Scenario file (TOML); --one-way takes several, run on common random numbers with the first "
                  "one's assumptions, and writes their paired differences with the first")
      ->required()
      ->expected(1, -1);
  cmd->add_flag("--one-way", args->one_way, "Each [assumptions.NAME] at its low and high value, the rest at base");
  cmd->add_flag("--grid", args->grid, "Every combination of the [sweep] parameters");
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/sweep-SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = sweep(*args); });
}

}  // namespace jeugdsim::cli
