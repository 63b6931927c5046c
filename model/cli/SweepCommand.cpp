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
#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"
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

struct VariantRun {
  std::vector<care::ReplicationResult> results;
  std::vector<experiment::SummaryRow> summary;
};

std::string ci_columns(const engine::ConfidenceInterval& ci) {
  return fmt::format("{},{},{}", io::format_number(ci.mean), io::format_number(ci.low), io::format_number(ci.high));
}

int sweep(const SweepArgs& args) {
  if (args.one_way == args.grid) throw CLI::ValidationError("sweep", "choose exactly one of --one-way and --grid");
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "a sweep needs a fixed number of replications (auto is for run)");
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
    scenario::Diagnostics diags;
    scenario::ScenarioDocument doc = base->document;
    for (const auto& [key, value] : v.overrides) doc.apply_override(key, value, diags);
    std::optional<care::CareParameters> params;
    if (diags.ok()) params = scenario::read_care_parameters(doc, diags);
    if (!params) {
      std::fputs(diags.format_all().c_str(), stderr);
      std::fprintf(stderr, "%s: sweep point %s is not a valid scenario; nothing was run\n", args.file.c_str(),
                   v.name.c_str());
      return kExitBadInput;
    }
    scenarios.push_back({std::move(doc), std::move(*params)});
  }

  const auto range = parse_replications(args.common.replications, base->parameters.simulation.replications);
  const std::filesystem::path out = results_folder(args.out, "outputs/runs", "sweep-" + id);
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();
  // One warm-up for every variant (the base scenario's), so all measure the same period, and
  // one seed: variants differ by their parameters only (common random numbers).
  experiment::ExperimentSettings base_settings = make_settings(args.common, base->parameters, id);
  const double warmup = experiment::resolve_warmup(base->parameters, base_settings, nullptr);
  std::vector<VariantRun> runs;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    experiment::ExperimentSettings settings =
        make_settings(args.common, scenarios[i].parameters, fmt::format("{} [{}/{}]", variants[i].name, i + 1, variants.size()));
    settings.range = range;
    const auto ts = std::chrono::steady_clock::now();
    experiment::ExperimentResult result = experiment::run_experiment(scenarios[i].parameters, settings, warmup);
    ExperimentContext context;
    context.scenario_id = variants[i].name;
    context.command_line = "jeugdsim sweep " + args.file;
    context.started_utc = utc_now();
    context.threads = args.common.threads == 0 ? experiment::default_thread_count() : args.common.threads;
    context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ts).count();
    std::filesystem::create_directory(folder.path() / variants[i].name);
    write_experiment_folder(folder.path() / variants[i].name, scenarios[i], args.common, settings, result, context);
    runs.push_back({result.output.results, experiment::summarize(result.output.results)});
  }

  if (args.one_way) {
    // Tornado data: every KPI at each assumption's low and high value, with the paired
    // difference from the base run.
    std::string csv =
        "kpi,group,assumption,key,param_low,param_base,param_high,base_mean,base_ci_low,base_ci_high,"
        "low_mean,low_ci_low,low_ci_high,high_mean,high_ci_low,high_ci_high,"
        "low_diff_mean,low_diff_ci_low,low_diff_ci_high,high_diff_mean,high_diff_ci_low,high_diff_ci_high,n\n";
    for (const auto& row : runs[0].summary) {
      const auto base_values = experiment::kpi_values(runs[0].results, row.kpi, row.group);
      for (std::size_t a = 0; a < assumptions.size(); ++a) {
        const auto& low = runs[1 + 2 * a];
        const auto& high = runs[2 + 2 * a];
        auto ci_of = [&](const VariantRun& v) {
          for (const auto& r : v.summary)
            if (r.kpi == row.kpi && r.group == row.group) return r.ci;
          engine::ConfidenceInterval none;
          none.mean = none.low = none.high = std::nan("");
          return none;
        };
        const auto low_diff =
            experiment::paired_difference(base_values, experiment::kpi_values(low.results, row.kpi, row.group));
        const auto high_diff =
            experiment::paired_difference(base_values, experiment::kpi_values(high.results, row.kpi, row.group));
        const auto& as = assumptions[a];
        csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(row.kpi), io::csv_field(row.group),
                           io::csv_field(as.name), io::csv_field(as.key), io::format_number(as.low),
                           io::format_number(as.base), io::format_number(as.high), ci_columns(row.ci),
                           ci_columns(ci_of(low)), ci_columns(ci_of(high)), ci_columns(low_diff), ci_columns(high_diff),
                           row.ci.n);
      }
    }
    io::write_text_file(folder.path() / "sensitivity.csv", csv);
  } else {
    std::string csv = "point";
    for (const auto& a : axes) csv += "," + io::csv_field(a.key);
    csv += ",kpi,group,mean,ci_low,ci_high,n\n";
    for (std::size_t i = 0; i < points.size(); ++i)
      for (const auto& row : runs[i].summary) {
        csv += io::csv_field(points[i].name);
        for (const auto& v : points[i].values) {
          std::string plain = v;
          plain.erase(std::remove(plain.begin(), plain.end(), '"'), plain.end());
          csv += "," + io::csv_field(plain);
        }
        csv += fmt::format(",{},{},{},{}\n", io::csv_field(row.kpi), io::csv_field(row.group), ci_columns(row.ci),
                           row.ci.n);
      }
    io::write_text_file(folder.path() / "sweep.csv", csv);
  }
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
  cmd->callback([args, &exit_code]() { exit_code = sweep(*args); });
}

}  // namespace jeugdsim::cli
