#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/Comparison.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"
#include "experiment/SweepTables.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::cli {

namespace {

struct SweepArgs {
  std::string file;
  std::string out;
  bool one_way = false;
  bool grid = false;
  ScenarioOptions common;
};

// One scenario variant of a sweep: the base document with some keys overridden.
struct Variant {
  std::string name;
  std::vector<std::pair<std::string, std::string>> overrides;  // key, TOML value text
};

int sweep(const SweepArgs& args) {
  if (args.one_way == args.grid) throw CLI::ValidationError("sweep", "choose exactly one of --one-way and --grid");
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "a sweep needs a fixed number of replications (auto is for run and compare)");
  auto base = load_with_overrides(args.file, args.common);
  if (!base) return kExitBadInput;
  const std::string id = scenario_id_of(args.file);

  std::vector<Variant> variants{{"base", {}}};
  std::vector<experiment::SweepAxis> axes;
  std::vector<experiment::SweepPoint> points;
  const auto& assumptions = base->parameters.assumptions;
  if (args.one_way) {
    if (assumptions.empty()) {
      std::fprintf(stderr, "%s: declares no [assumptions.NAME] with key, low and high; nothing to sweep\n",
                   args.file.c_str());
      return kExitBadInput;
    }
    for (const auto& a : assumptions) {
      variants.push_back({a.name + "-low", {{a.key, experiment::toml_number(a.low)}}});
      variants.push_back({a.name + "-high", {{a.key, experiment::toml_number(a.high)}}});
    }
  } else {
    scenario::Diagnostics diags;
    auto read = experiment::read_sweep_axes(base->document, diags);
    if (!read) {
      std::fputs(diags.format_all().c_str(), stderr);
      return kExitBadInput;
    }
    axes = *read;
    points = experiment::grid_points(axes);
    variants.clear();
    for (const auto& p : points) {
      Variant v{p.name, {}};
      for (std::size_t a = 0; a < axes.size(); ++a) v.overrides.emplace_back(axes[a].key, p.values[a]);
      variants.push_back(std::move(v));
    }
  }
  // Build and validate every variant before running anything.
  std::vector<scenario::LoadedScenario> scenarios;
  for (const auto& v : variants) {
    std::vector<std::string> overrides;
    for (const auto& [key, value] : v.overrides) overrides.push_back(experiment::override_text(key, value));
    scenario::Diagnostics diags;
    auto variant = experiment::scenario_with_overrides(base->document, overrides, diags);
    if (!variant) {
      std::fputs(diags.format_all().c_str(), stderr);
      std::fprintf(stderr, "%s: sweep point %s is not a valid scenario; nothing was run\n", args.file.c_str(),
                   v.name.c_str());
      return kExitBadInput;
    }
    scenarios.push_back(std::move(*variant));
  }

  const auto range = parse_replications(args.common.replications, base->parameters.simulation.replications);
  const std::filesystem::path out = results_folder(args.out, "outputs/runs", "sweep-" + id);
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();
  // One warm-up for every variant (the base scenario's), so all measure the same period, and
  // one seed: variants differ by their parameters only (common random numbers).
  experiment::ExperimentSettings base_settings = make_settings(args.common, base->parameters, id);
  const double warmup = experiment::resolve_warmup(base->parameters, base_settings, nullptr);
  std::vector<experiment::VariantRun> runs;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    experiment::ExperimentSettings settings =
        make_settings(args.common, scenarios[i].parameters, fmt::format("{} [{}/{}]", variants[i].name, i + 1, variants.size()));
    settings.range = range;
    const auto ts = std::chrono::steady_clock::now();
    experiment::ExperimentResult result = experiment::run_experiment(scenarios[i].parameters, settings, warmup);
    ExperimentContext context = make_context(args.common, variants[i].name, "jeugdsim sweep " + args.file);
    context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ts).count();
    std::filesystem::create_directory(folder.path() / variants[i].name);
    write_experiment_folder(folder.path() / variants[i].name, scenarios[i], args.common, settings, result, context);
    runs.push_back({result.output.results, experiment::summarize(result.output.results)});
  }

  if (args.one_way)
    io::write_text_file(folder.path() / "sensitivity.csv", experiment::sensitivity_csv(assumptions, runs));
  else
    io::write_text_file(folder.path() / "sweep.csv", experiment::grid_csv(axes, points, runs));
  nlohmann::ordered_json prov = io::provenance_header();
  prov["scenario_file"] = args.file;
  prov["kind"] = args.one_way ? "one-way" : "grid";
  prov["seed"] = base->parameters.simulation.seed;
  prov["first_replication"] = range.first;
  prov["replications"] = range.count;
  prov["warmup_days"] = warmup;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& v : variants) {
    nlohmann::ordered_json entry;
    entry["name"] = v.name;
    for (const auto& [key, value] : v.overrides) entry["overrides"][key] = value;
    list.push_back(entry);
  }
  prov["points"] = list;
  io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  folder.commit();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s sweep of %s: %zu scenario variants x %u replications in %.1f s\nresults: %s (%s)\n",
              args.one_way ? "one-way" : "grid", id.c_str(), variants.size(), range.count, wall,
              folder.target().string().c_str(), args.one_way ? "sensitivity.csv" : "sweep.csv");
  return kExitOk;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "sweep", "Sensitivity: each declared assumption at low and high (--one-way), or a declared [sweep] grid (--grid)");
  auto args = std::make_shared<SweepArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_flag("--one-way", args->one_way, "Each [assumptions.NAME] at its low and high value, the rest at base");
  cmd->add_flag("--grid", args->grid, "Every combination of the [sweep] parameters");
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/sweep-SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() {
    args->common.narrow_overrides_to(scenario_id_of(args->file));
    exit_code = sweep(*args);
  });
}

}  // namespace jeugdsim::cli
