// `jeugdsim check-targets`: the model against public figures, target by target.
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/CalibrationDriver.hpp"
#include "experiment/Experiment.hpp"
#include "experiment/TargetCheck.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::cli {

namespace {

struct CheckTargetsArgs {
  std::string file;
  std::vector<std::string> targets_files;
  double tolerance = 0.1;
  std::string out;
  ScenarioOptions common;
};

int check_targets(const CheckTargetsArgs& args) {
  auto base = load_with_overrides(args.file, args.common);
  if (!base) return kExitBadInput;
  const care::CareParameters& P = base->parameters;
  const std::string id = scenario_id_of(args.file);

  // The calibration driver without free parameters reads the targets and checks their KPI and
  // group names against the model, with the same messages as `calibrate`.
  experiment::CalibrationRequest request;
  request.scenario_file = args.file;
  request.targets_files = args.targets_files;
  request.tolerance = args.tolerance;
  request.threads = args.common.threads;
  scenario::Diagnostics diags;
  experiment::CalibrationDriver driver(*base, request, diags);
  if (!diags.ok()) {
    std::fputs(diags.format_all().c_str(), stderr);
    std::fprintf(stderr, "check-targets: %zu error%s; nothing was run\n", diags.count(), diags.count() == 1 ? "" : "s");
    return kExitBadInput;
  }

  const experiment::ExperimentSettings settings = make_settings(args.common, P, id);
  experiment::WarmupEstimate estimate;
  const double warmup = experiment::resolve_warmup(P, settings, &estimate);
  const experiment::ExperimentResult result = experiment::run_experiment(P, settings, warmup);
  const auto rows = experiment::check_targets(result.output.results, driver.targets(), P.population, args.tolerance);
  const std::size_t outside = experiment::evidence_outside_band(rows);
  std::size_t inputs = 0;
  for (const auto& r : rows) inputs += r.target.input ? 1 : 0;

  const std::filesystem::path out = results_folder(args.out, "outputs/validation", id);
  io::AtomicDirectory folder(out);
  io::write_text_file(folder.path() / "targets-check.csv", experiment::target_check_csv(rows));
  nlohmann::ordered_json prov = io::provenance_header();
  prov["command"] = "check-targets";
  prov["scenario_file"] = args.file;
  prov["scenario_files"] = base->document.files();
  prov["overrides"] = args.common.overrides;
  prov["targets_files"] = args.targets_files;
  prov["seed"] = P.simulation.seed;
  prov["first_replication"] = result.range.first;
  prov["replications"] = result.range.count;
  prov["warmup_days"] = result.warmup_days;
  prov["horizon_days"] = P.simulation.horizon_days;
  prov["tolerance"] = args.tolerance;
  prov["targets"] = rows.size();
  prov["targets_that_are_inputs"] = inputs;
  prov["evidence_targets_outside_band"] = outside;
  io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  folder.commit();

  std::printf("%s against %zu targets, %u replications (seed %llu), model mean with its 95%% interval:\n%s", id.c_str(),
              rows.size(), result.range.count, static_cast<unsigned long long>(P.simulation.seed),
              experiment::target_check_table(rows).c_str());
  std::printf("results: %s (targets-check.csv)\n", folder.target().string().c_str());
  if (outside > 0) {
    std::fprintf(stderr, "check-targets: %zu of %zu targets that count as evidence lie outside their band\n", outside,
                 rows.size() - inputs);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void add_check_targets_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check-targets",
                                 "Check a scenario against public figures: every target's band, the model's mean "
                                 "and 95% interval; exit 1 when a target that is evidence (not a model input) "
                                 "lies outside its band");
  auto args = std::make_shared<CheckTargetsArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("targets", args->targets_files,
                  "Targets CSV files (kpi,group,value,low,high,year,population_base,source; optional input, fit), "
                  "e.g. calibration/targets/national-cbs.csv")
      ->required();
  cmd->add_option("--tolerance", args->tolerance, "Relative band for targets without low/high (default 0.1)")
      ->check(CLI::Range(1e-6, 10.0));
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/validation/SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = check_targets(*args); });
}

}  // namespace jeugdsim::cli
