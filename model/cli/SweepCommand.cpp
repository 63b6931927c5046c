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

// One scenario variant of a sweep: the base document with some keys overridden.
struct Variant {
  std::string name;
  std::vector<std::pair<std::string, std::string>> overrides;  // key, TOML value text
};

// Every variant of `base` built and validated; nullopt (with the errors on stderr) when one is
// not a valid scenario.
std::optional<std::vector<scenario::LoadedScenario>> build_variants(const scenario::LoadedScenario& base,
                                                                    const std::string& file,
                                                                    const std::vector<Variant>& variants) {
  std::vector<scenario::LoadedScenario> scenarios;
  for (const auto& v : variants) {
    std::vector<std::string> overrides;
    for (const auto& [key, value] : v.overrides) overrides.push_back(experiment::override_text(key, value));
    scenario::Diagnostics diags;
    auto variant = experiment::scenario_with_overrides(base.document, overrides, diags);
    if (!variant) {
      std::fputs(diags.format_all().c_str(), stderr);
      std::fprintf(stderr, "%s: sweep point %s is not a valid scenario; nothing was run\n", file.c_str(),
                   v.name.c_str());
      return std::nullopt;
    }
    scenarios.push_back(std::move(*variant));
  }
  return scenarios;
}

nlohmann::ordered_json points_json(const std::vector<Variant>& variants) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& v : variants) {
    nlohmann::ordered_json entry;
    entry["name"] = v.name;
    for (const auto& [key, value] : v.overrides) entry["overrides"][key] = value;
    list.push_back(entry);
  }
  return list;
}

int sweep(const SweepArgs& args) {
  if (args.one_way == args.grid) throw CLI::ValidationError("sweep", "choose exactly one of --one-way and --grid");
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "a sweep needs a fixed number of replications (auto is for run and compare)");
  if (args.grid && args.files.size() > 1)
    throw CLI::ValidationError("sweep", "--grid takes one scenario file (its [sweep] table); --one-way takes several");
  // Several scenarios run on the first one's seed (or --seed), like compare: common random numbers.
  ScenarioOptions options = args.common;
  std::vector<scenario::LoadedScenario> bases;
  std::vector<std::string> ids;
  const bool several_files = args.files.size() > 1;
  for (const auto& file : args.files) {
    std::string id = scenario_id_of(file);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id += "'";
    ids.push_back(id);
  }
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

  std::vector<Variant> variants{{"base", {}}};
  std::vector<experiment::SweepAxis> axes;
  std::vector<experiment::SweepPoint> points;
  const auto assumptions = base.parameters.assumptions;
  if (args.one_way) {
    if (assumptions.empty()) {
      std::fprintf(stderr, "%s: declares no [assumptions.NAME] with key, low and high; nothing to sweep\n",
                   args.files[0].c_str());
      return kExitBadInput;
    }
    // The first scenario's assumptions are applied to every scenario: each must set a key that
    // the other scenario has, or the "same assumption" would mean nothing there.
    bool missing = false;
    for (std::size_t s = 1; s < bases.size(); ++s)
      for (const auto& a : assumptions)
        if (bases[s].document.root().at_path(a.key).node() == nullptr) {
          std::fprintf(stderr,
                       "%s: has no key %s, which [assumptions.%s] of %s varies; a sweep of several scenarios "
                       "applies the first scenario's assumptions to all of them: put first a scenario whose "
                       "assumptions every other scenario has\n",
                       args.files[s].c_str(), a.key.c_str(), a.name.c_str(), args.files[0].c_str());
          missing = true;
        }
    if (missing) return kExitBadInput;
    for (const auto& a : assumptions) {
      variants.push_back({a.name + "-low", {{a.key, experiment::toml_number(a.low)}}});
      variants.push_back({a.name + "-high", {{a.key, experiment::toml_number(a.high)}}});
    }
  } else {
    scenario::Diagnostics diags;
    auto read = experiment::read_sweep_axes(base.document, diags);
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
  // Build and validate every variant of every scenario before running anything.
  std::vector<std::vector<scenario::LoadedScenario>> scenarios;
  for (std::size_t s = 0; s < bases.size(); ++s) {
    auto built = build_variants(bases[s], args.files[s], variants);
    if (!built) return kExitBadInput;
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

  auto provenance = [&](const std::string& file) {
    nlohmann::ordered_json prov = io::provenance_header();
    prov["scenario_file"] = file;
    prov["kind"] = args.one_way ? "one-way" : "grid";
    prov["seed"] = *options.seed;
    prov["first_replication"] = range.first;
    prov["replications"] = range.count;
    prov["warmup_days"] = warmup;
    return prov;
  };
  if (!several) {
    if (args.one_way)
      io::write_text_file(folder.path() / "sensitivity.csv", experiment::sensitivity_csv(assumptions, runs[0]));
    else
      io::write_text_file(folder.path() / "sweep.csv", experiment::grid_csv(axes, points, runs[0]));
    auto prov = provenance(args.files[0]);
    prov["points"] = points_json(variants);
    io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  } else {
    // Per scenario a folder like a single-scenario sweep's; at the top the paired differences.
    for (std::size_t s = 0; s < bases.size(); ++s) {
      io::write_text_file(folder.path() / ids[s] / "sensitivity.csv", experiment::sensitivity_csv(assumptions, runs[s]));
      auto prov = provenance(args.files[s]);
      prov["assumptions_from"] = args.files[0];
      prov["points"] = points_json(variants);
      io::write_text_file(folder.path() / ids[s] / "provenance.json", prov.dump(2) + "\n");
    }
    io::write_text_file(folder.path() / "sweep-differences.csv",
                        experiment::sweep_differences_csv(ids, assumptions, runs));
    auto prov = provenance(args.files[0]);
    prov["scenarios"] = ids;
    prov["scenario_files"] = args.files;
    prov["reference_scenario"] = ids[0];
    prov["common_random_numbers"] = true;
    prov["points"] = points_json(variants);
    io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  }
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
