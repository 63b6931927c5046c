// `jeugdsim calibrate`: fit free scenario values to public figures (calibration/targets/).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/CalibrationDriver.hpp"
#include "io/AtomicDirectory.hpp"

namespace jeugdsim::cli {

namespace {

struct CalibrateArgs {
  experiment::CalibrationRequest request;
  std::string out;
  ScenarioOptions common;
};

int calibrate(CalibrateArgs args) {
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "calibrate needs a fixed number of replications (common random numbers)");
  auto base = load_with_overrides(args.request.scenario_file, args.common);
  if (!base) return kExitBadInput;
  const auto& P = base->parameters;
  const std::string id = scenario_id_of(args.request.scenario_file);
  args.request.scenario_id = id;
  args.request.overrides = args.common.overrides;
  args.request.seed = args.common.seed;
  args.request.threads = args.common.threads;

  scenario::Diagnostics diags;
  experiment::CalibrationDriver driver(*base, args.request, diags);
  if (!diags.ok()) {
    std::fputs(diags.format_all().c_str(), stderr);
    std::fprintf(stderr, "calibrate: %zu error%s; nothing was run\n", diags.count(), diags.count() == 1 ? "" : "s");
    return kExitBadInput;
  }

  const auto range = parse_replications(args.common.replications, P.simulation.replications);
  const std::filesystem::path out = results_folder(args.out, "outputs/calibration", id);
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = driver.run(fixed_range_settings(args.common, P, id, range), stderr_notes(args.common.quiet),
                                 folder.target(), utc_now());
  io::write_text_file(folder.path() / "fit.csv", report.fit_csv);
  io::write_text_file(folder.path() / "trajectory.csv", report.trajectory_csv);
  io::write_text_file(folder.path() / "calibrated.toml", report.calibrated_toml);
  experiment::check_scenario_loads(folder.path() / "calibrated.toml");
  io::write_text_file(folder.path() / "provenance.json", report.provenance_json);
  folder.commit();

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const bool no_free = driver.free().empty();
  std::printf("calibrated %s: %d evaluations x %u replications on common random numbers (seed %llu) in %.1f s; "
              "objective %.4g -> %.4g%s\n",
              id.c_str(), report.evaluations, range.count, static_cast<unsigned long long>(P.simulation.seed), wall,
              report.objective_start, report.objective_fitted,
              report.converged || no_free ? "" : " (evaluation budget reached)");
  for (const auto& line : report.parameter_lines) std::printf("%s\n", line.c_str());
  std::printf("%zu targets, %d within tolerance:\n%s", driver.targets().size(), report.within, report.table.c_str());
  std::printf("results: %s (fit.csv, calibrated.toml, trajectory.csv)\n", folder.target().string().c_str());
  return kExitOk;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit free scenario values to public figures (Nelder-Mead on common random numbers)");
  auto args = std::make_shared<CalibrateArgs>();
  auto& r = args->request;
  cmd->add_option("file", r.scenario_file, "Scenario file (TOML)")->required();
  cmd->add_option("--targets", r.targets_files,
                  "Targets CSV: kpi,group,value,low,high,year,population_base,source (repeatable)")
      ->required();
  cmd->add_option("--free", r.free,
                  "Free parameter NAME[=LOW:HIGH], a dotted scenario key, e.g. "
                  "channels.gp.rate_per_1000_youth_per_year=10:30 (default bounds 0.5x..2x; repeatable)");
  cmd->add_option("--tolerance", r.tolerance, "Relative tolerance for targets without low/high (default 0.1)")
      ->check(CLI::Range(1e-6, 10.0));
  cmd->add_option("--max-evaluations", r.max_evaluations, "Nelder-Mead evaluation budget (default 100)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--initial-step", r.initial_step,
                  "Initial simplex step on the logistic scale (default 0.6, about 15% of the range at mid-range)")
      ->check(CLI::Range(1e-3, 5.0));
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/calibration/SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() {
    args->common.narrow_overrides_to(scenario_id_of(args->request.scenario_file));
    exit_code = calibrate(*args);
  });
}

}  // namespace jeugdsim::cli
