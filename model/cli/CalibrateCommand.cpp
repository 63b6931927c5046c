// `jeugdsim calibrate`: fit free scenario values to public figures (calibration/targets/).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "engine/stats/StudentT.hpp"
#include "experiment/Calibration.hpp"
#include "experiment/NelderMead.hpp"
#include "experiment/SweepDefinition.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"
#include "jeugdsim/Version.hpp"

namespace jeugdsim::cli {

namespace {

struct CalibrateArgs {
  std::string file;
  std::vector<std::string> targets;
  std::vector<std::string> free;
  double tolerance = 0.1;
  int max_evaluations = 100;
  double initial_step = 0.6;
  std::string out;
  ScenarioOptions common;
};

struct Point {
  std::vector<std::string> values;  // TOML text per free parameter
  std::vector<care::ReplicationResult> results;
  care::PopulationSettings population;
  double objective = 0;
};

int calibrate(const CalibrateArgs& args) {
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "calibrate needs a fixed number of replications (common random numbers)");
  auto base = load_with_overrides(args.file, args.common);
  if (!base) return kExitBadInput;
  const auto& P = base->parameters;
  const std::string id = scenario_id_of(args.file);

  scenario::Diagnostics diags;
  std::vector<experiment::CalibrationTarget> targets;
  for (const auto& f : args.targets) {
    auto t = experiment::read_calibration_targets(f, diags);
    targets.insert(targets.end(), t.begin(), t.end());
  }
  std::vector<experiment::FreeParameter> free;
  for (const auto& f : args.free)
    if (auto p = experiment::parse_free_parameter(f, base->document, diags)) free.push_back(*p);
  if (diags.ok()) {
    // Which KPIs and groups exist: one short replication is enough.
    care::CareParameters probe = P;
    probe.simulation.horizon_days = std::min(P.simulation.horizon_days, 30.0);
    experiment::RunnerOptions ro;
    ro.range = {0, 1};
    ro.threads = args.common.threads;
    ro.warmup_days = 0;
    experiment::check_target_names(targets, experiment::run_replications(probe, ro).results, diags);
  }
  if (targets.empty() && diags.ok()) diags.error(args.targets.empty() ? "--targets" : args.targets[0], 0, "targets", "no targets");
  if (!diags.ok()) {
    std::fputs(diags.format_all().c_str(), stderr);
    std::fprintf(stderr, "calibrate: %zu error%s; nothing was run\n", diags.count(), diags.count() == 1 ? "" : "s");
    return kExitBadInput;
  }

  const auto range = parse_replications(args.common.replications, P.simulation.replications);
  const std::filesystem::path out = results_folder(args.out, "outputs/calibration", id);
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();
  experiment::ExperimentSettings xs = make_settings(args.common, P, id);
  xs.range = range;
  xs.on_progress = nullptr;
  const double warmup = experiment::resolve_warmup(P, xs, nullptr);

  // Every evaluation runs on the same seed and replications (common random numbers), so the
  // objective is a deterministic function of the parameters; identical points are cached.
  std::map<std::vector<std::string>, Point> cache;
  std::string trajectory = "evaluation,iteration";
  for (const auto& p : free) trajectory += "," + io::csv_field(p.key);
  trajectory += ",objective\n";
  int evaluation = 0;
  auto run_point = [&](const std::vector<std::string>& values) -> Point& {
    if (auto it = cache.find(values); it != cache.end()) return it->second;
    Point point;
    point.values = values;
    scenario::Diagnostics d;
    scenario::ScenarioDocument doc = base->document;
    for (std::size_t i = 0; i < free.size(); ++i) doc.apply_override(free[i].key, values[i], d);
    std::optional<care::CareParameters> params;
    if (d.ok()) params = scenario::read_care_parameters(doc, d);
    if (!params) {
      point.objective = 1e12;  // not a valid scenario there: steer away
    } else {
      point.results = experiment::run_experiment(*params, xs, warmup).output.results;
      point.population = params->population;
      double sum = 0;
      for (const auto& t : targets) {
        const auto v = experiment::simulated_values(point.results, t, point.population);
        double m = 0;
        int n = 0;
        for (double x : v)
          if (std::isfinite(x)) {
            m += x;
            ++n;
          }
        sum += experiment::objective_term(t, n > 0 ? m / n : std::nan(""), args.tolerance);
      }
      point.objective = sum;
    }
    return cache.emplace(values, std::move(point)).first->second;
  };
  auto values_of = [&](const Eigen::VectorXd& z) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < free.size(); ++i)
      v.push_back(experiment::parameter_text(experiment::bounded_value(z(static_cast<Eigen::Index>(i)), free[i]), free[i]));
    return v;
  };
  auto objective = [&](const Eigen::VectorXd& z) { return run_point(values_of(z)).objective; };
  auto on_evaluation = [&](int iteration, const Eigen::VectorXd& z, double f) {
    ++evaluation;
    const auto v = values_of(z);
    trajectory += fmt::format("{},{}", evaluation, iteration);
    for (const auto& x : v) trajectory += "," + x;
    trajectory += "," + io::format_number(f) + "\n";
    if (!args.common.quiet) {
      std::string line;
      for (std::size_t i = 0; i < free.size(); ++i) line += fmt::format("{}{}={}", i ? " " : "", free[i].key, v[i]);
      std::fprintf(stderr, "calibrate: %3d  %s  objective %.4g\n", evaluation, line.c_str(), f);
    }
  };
  Eigen::VectorXd z0(static_cast<Eigen::Index>(free.size()));
  for (std::size_t i = 0; i < free.size(); ++i) z0(static_cast<Eigen::Index>(i)) = experiment::unbounded_value(free[i].start, free[i]);
  experiment::NelderMeadOptions nm;
  nm.max_evaluations = args.max_evaluations;
  nm.initial_step = args.initial_step;
  nm.f_tolerance = 1e-6;
  nm.x_tolerance = 1e-3;
  experiment::NelderMeadResult best;
  if (free.empty()) {
    best.x = z0;
    best.f = objective(z0);
    on_evaluation(0, z0, best.f);
  } else {
    best = experiment::nelder_mead(objective, z0, nm, on_evaluation);
  }
  const auto best_values = values_of(best.x);
  const Point& fit = run_point(best_values);
  const Point& start = run_point(values_of(z0));

  // fit.csv
  std::string csv = "target,kpi,group,observed,simulated_mean,simulated_ci_low,simulated_ci_high,within_tolerance,"
                    "tolerance_low,tolerance_high,start_mean,population_base,year,source\n";
  int within = 0;
  std::string table;
  for (const auto& t : targets) {
    std::vector<double> v;
    for (double x : experiment::simulated_values(fit.results, t, fit.population))
      if (std::isfinite(x)) v.push_back(x);
    engine::ConfidenceInterval ci;
    ci.mean = ci.low = ci.high = std::nan("");
    if (v.size() >= 2)
      ci = engine::t_confidence_interval(v);
    else if (v.size() == 1)
      ci.mean = ci.low = ci.high = v[0];
    double start_mean = 0;
    int n = 0;
    for (double x : experiment::simulated_values(start.results, t, start.population))
      if (std::isfinite(x)) {
        start_mean += x;
        ++n;
      }
    start_mean = n > 0 ? start_mean / n : std::nan("");
    const auto [lo, hi] = experiment::tolerance_band(t, args.tolerance);
    const bool ok = std::isfinite(ci.mean) && ci.mean >= lo && ci.mean <= hi;
    within += ok ? 1 : 0;
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(t.id), io::csv_field(t.kpi),
                       io::csv_field(t.group), io::format_number(t.value), io::format_number(ci.mean),
                       io::format_number(ci.low), io::format_number(ci.high), ok ? "true" : "false", io::format_number(lo),
                       io::format_number(hi), io::format_number(start_mean), io::csv_field(t.population_base),
                       io::csv_field(t.year), io::csv_field(t.source));
    table += fmt::format("  {:<44} {:>10.4g}  sim {:>10.4g} ({:.4g} to {:.4g})  {}\n", t.kpi + "[" + t.group + "]", t.value,
                         ci.mean, ci.low, ci.high, ok ? "within" : "OUTSIDE");
  }
  io::write_text_file(folder.path() / "fit.csv", csv);
  io::write_text_file(folder.path() / "trajectory.csv", trajectory);

  // calibrated.toml: includes the original and sets the fitted values (and the --set overrides
  // the calibration ran with).
  {
    const std::filesystem::path original = std::filesystem::absolute(args.file).lexically_normal();
    const std::filesystem::path from = std::filesystem::absolute(folder.target()).lexically_normal();
    const std::string include = original.lexically_relative(from).generic_string();
    std::string toml = fmt::format(
        "# Calibrated by jeugdsim calibrate ({} {}) on {}\n# scenario: {}\n# targets: {}\n"
        "# fit: fit.csv in this folder; objective {} after {} evaluations ({} of {} targets within tolerance)\n"
        "include = \"{}\"\n\n",
        kVersion, kGitCommit, utc_now(), args.file, fmt::join(args.targets, ", "), io::format_number(fit.objective),
        evaluation, within, targets.size(), include);
    // A key inside an array ("channels.gp.route[2].share") cannot be written as a TOML key, and
    // an include replaces arrays whole: such keys are written as their whole array, taken from
    // the document with every fitted value applied.
    scenario::ScenarioDocument fitted = base->document;
    {
      scenario::Diagnostics ignored;
      for (std::size_t i = 0; i < free.size(); ++i)
        fitted.apply_override(free[i].key, best_values[i], ignored);
    }
    std::vector<std::string> arrays_written;
    auto write_key = [&](const std::string& key, const std::string& value, const std::string& note) {
      const auto bracket = key.find('[');
      if (bracket == std::string::npos) {
        toml += key + " = " + value + "   # " + note + "\n";
        return;
      }
      const std::string array_key = key.substr(0, bracket);
      if (std::find(arrays_written.begin(), arrays_written.end(), array_key) != arrays_written.end()) return;
      arrays_written.push_back(array_key);
      std::ostringstream text;
      if (const toml::node* node = fitted.root().at_path(array_key).node()) {
        if (const toml::array* arr = node->as_array()) text << *arr;
      }
      toml += array_key + " = " + text.str() + "   # " + note + " (the whole array: " + key + ")\n";
    };
    for (const auto& o : args.common.overrides) {
      const auto eq = o.find('=');
      const std::string key = o.substr(0, eq);
      if (std::none_of(free.begin(), free.end(), [&](const auto& p) { return p.key == key; }))
        write_key(key, o.substr(eq + 1), "--set");
    }
    if (args.common.seed) toml += fmt::format("simulation.seed = {}   # --seed\n", *args.common.seed);
    for (std::size_t i = 0; i < free.size(); ++i)
      write_key(free[i].key, fmt::format("{}", best_values[i]),
                fmt::format("fitted in [{}, {}], was {}", io::format_number(free[i].low), io::format_number(free[i].high),
                            base->document.root().at_path(free[i].key).node()
                                ? experiment::parameter_text(free[i].start, free[i])
                                : "?"));
    io::write_text_file(folder.path() / "calibrated.toml", toml);
    scenario::Diagnostics check;
    if (!scenario::load_care_scenario(folder.path() / "calibrated.toml", check))
      throw std::runtime_error("the calibrated scenario does not load:\n" + check.format_all());
  }

  nlohmann::ordered_json prov = io::provenance_header();
  prov["command"] = "calibrate";
  prov["scenario_file"] = args.file;
  prov["scenario_files"] = base->document.files();
  prov["overrides"] = args.common.overrides;
  prov["targets_files"] = args.targets;
  prov["seed"] = P.simulation.seed;
  prov["first_replication"] = range.first;
  prov["replications"] = range.count;
  prov["warmup_days"] = warmup;
  prov["horizon_days"] = P.simulation.horizon_days;
  prov["common_random_numbers"] = true;
  prov["objective"] = "sum over targets of ((simulated mean - observed) / half-width of the tolerance band)^2";
  prov["tolerance"] = args.tolerance;
  prov["method"] = "Nelder-Mead on logistic-transformed parameters (bounds are never left, no clamping)";
  prov["max_evaluations"] = args.max_evaluations;
  prov["evaluations"] = evaluation;
  prov["converged"] = best.converged;
  nlohmann::ordered_json fp = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < free.size(); ++i) {
    nlohmann::ordered_json j;
    j["key"] = free[i].key;
    j["low"] = free[i].low;
    j["high"] = free[i].high;
    j["start"] = experiment::parameter_text(free[i].start, free[i]);
    j["fitted"] = best_values[i];
    fp.push_back(j);
  }
  prov["free_parameters"] = fp;
  prov["objective_start"] = start.objective;
  prov["objective_fitted"] = fit.objective;
  prov["targets_within_tolerance"] = within;
  prov["targets"] = targets.size();
  io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");
  folder.commit();

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("calibrated %s: %d evaluations x %u replications on common random numbers (seed %llu) in %.1f s; "
              "objective %.4g -> %.4g%s\n",
              id.c_str(), evaluation, range.count, static_cast<unsigned long long>(P.simulation.seed), wall,
              start.objective, fit.objective, best.converged || free.empty() ? "" : " (evaluation budget reached)");
  for (std::size_t i = 0; i < free.size(); ++i)
    std::printf("  %s = %s (was %s, bounds %s..%s)\n", free[i].key.c_str(), best_values[i].c_str(),
                experiment::parameter_text(free[i].start, free[i]).c_str(), io::format_number(free[i].low).c_str(),
                io::format_number(free[i].high).c_str());
  std::printf("%zu targets, %d within tolerance:\n%s", targets.size(), within, table.c_str());
  std::printf("results: %s (fit.csv, calibrated.toml, trajectory.csv)\n", folder.target().string().c_str());
  return kExitOk;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit free scenario values to public figures (Nelder-Mead on common random numbers)");
  auto args = std::make_shared<CalibrateArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("--targets", args->targets,
                  "Targets CSV: kpi,group,value,low,high,year,population_base,source (repeatable)")
      ->required();
  cmd->add_option("--free", args->free,
                  "Free parameter NAME[=LOW:HIGH], a dotted scenario key, e.g. "
                  "channels.gp.rate_per_1000_youth_per_year=10:30 (default bounds 0.5x..2x; repeatable)");
  cmd->add_option("--tolerance", args->tolerance,
                  "Relative tolerance for targets without low/high (default 0.1)")
      ->check(CLI::Range(1e-6, 10.0));
  cmd->add_option("--max-evaluations", args->max_evaluations, "Nelder-Mead evaluation budget (default 100)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--initial-step", args->initial_step,
                  "Initial simplex step on the logistic scale (default 0.6, about 15% of the range at mid-range)")
      ->check(CLI::Range(1e-3, 5.0));
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/calibration/SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = calibrate(*args); });
}

}  // namespace jeugdsim::cli
