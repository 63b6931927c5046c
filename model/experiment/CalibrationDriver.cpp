#include "experiment/CalibrationDriver.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/stats/StudentT.hpp"
#include "experiment/NelderMead.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "experiment/TargetCheck.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"
#include "jeugdsim/Version.hpp"

namespace jeugdsim::experiment {

double finite_mean(const std::vector<double>& values) {
  double m = 0;
  int n = 0;
  for (double x : values)
    if (std::isfinite(x)) {
      m += x;
      ++n;
    }
  return n > 0 ? m / n : std::nan("");
}

CalibrationObjective::CalibrationObjective(const scenario::ScenarioDocument& base, std::vector<FreeParameter> free,
                                           std::vector<CalibrationTarget> targets, double tolerance,
                                           ExperimentSettings settings, double warmup_days)
    : base_(base), free_(std::move(free)), targets_(std::move(targets)), tolerance_(tolerance),
      settings_(std::move(settings)), warmup_(warmup_days) {}

const CalibrationObjective::Point& CalibrationObjective::at(const std::vector<std::string>& values) {
  if (auto it = cache_.find(values); it != cache_.end()) return it->second;
  Point point;
  point.values = values;
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i < free_.size(); ++i) overrides.push_back(override_text(free_[i].key, values[i]));
  scenario::Diagnostics diags;
  auto loaded = scenario_with_overrides(base_, overrides, diags);
  if (!loaded) {
    point.objective = kInvalidPointPenalty;  // not a valid scenario there: steer away
  } else {
    point.results = run_experiment(loaded->parameters, settings_, warmup_).output.results;
    point.population = loaded->parameters.population;
    double sum = 0;
    for (const auto& t : targets_)
      if (t.fit) sum += objective_term(t, finite_mean(simulated_values(point.results, t, point.population)), tolerance_);
    point.objective = sum;
  }
  return cache_.emplace(values, std::move(point)).first->second;
}

CalibrationDriver::CalibrationDriver(const scenario::LoadedScenario& base, CalibrationRequest request,
                                     scenario::Diagnostics& diags)
    : base_(base), request_(std::move(request)) {
  for (const auto& f : request_.targets_files) {
    auto t = read_calibration_targets(f, diags);
    targets_.insert(targets_.end(), t.begin(), t.end());
  }
  for (const auto& f : request_.free)
    if (auto p = parse_free_parameter(f, base_.document, diags)) free_.push_back(*p);
  if (diags.ok()) {
    // Which KPIs and groups exist: one short replication is enough.
    care::CareParameters probe = base_.parameters;
    probe.simulation.horizon_days = std::min(base_.parameters.simulation.horizon_days, 30.0);
    RunnerOptions ro;
    ro.range = {0, 1};
    ro.threads = request_.threads;
    ro.warmup_days = 0;
    check_target_names(targets_, run_replications(probe, ro).results, diags);
  }
  if (targets_.empty() && diags.ok())
    diags.error(request_.targets_files.empty() ? "--targets" : request_.targets_files[0], 0, "targets", "no targets");
}

CalibrationReport CalibrationDriver::run(const ExperimentSettings& settings,
                                         const std::function<void(const std::string&)>& note,
                                         const std::filesystem::path& results_folder, const std::string& now_utc) {
  const care::CareParameters& P = base_.parameters;
  const double warmup = resolve_warmup(P, settings, nullptr);
  CalibrationObjective objective(base_.document, free_, targets_, request_.tolerance, settings, warmup);
  CalibrationReport report;

  std::string trajectory = "evaluation,iteration";
  for (const auto& p : free_) trajectory += "," + io::csv_field(p.key);
  trajectory += ",objective\n";
  auto values_of = [&](const Eigen::VectorXd& z) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < free_.size(); ++i)
      v.push_back(parameter_text(bounded_value(z(static_cast<Eigen::Index>(i)), free_[i]), free_[i]));
    return v;
  };
  auto f = [&](const Eigen::VectorXd& z) { return objective.at(values_of(z)).objective; };
  auto on_evaluation = [&](int iteration, const Eigen::VectorXd& z, double value) {
    ++report.evaluations;
    const auto v = values_of(z);
    trajectory += fmt::format("{},{}", report.evaluations, iteration);
    for (const auto& x : v) trajectory += "," + x;
    trajectory += "," + io::format_number(value) + "\n";
    std::string line;
    for (std::size_t i = 0; i < free_.size(); ++i) line += fmt::format("{}{}={}", i ? " " : "", free_[i].key, v[i]);
    note(fmt::format("calibrate: {:3d}  {}  objective {:.4g}", report.evaluations, line, value));
  };
  Eigen::VectorXd z0(static_cast<Eigen::Index>(free_.size()));
  for (std::size_t i = 0; i < free_.size(); ++i) z0(static_cast<Eigen::Index>(i)) = unbounded_value(free_[i].start, free_[i]);
  NelderMeadOptions nm;
  nm.max_evaluations = request_.max_evaluations;
  nm.initial_step = request_.initial_step;
  nm.f_tolerance = 1e-6;
  nm.x_tolerance = 1e-3;
  NelderMeadResult best;
  if (free_.empty()) {
    best.x = z0;
    best.f = f(z0);
    on_evaluation(0, z0, best.f);
  } else {
    best = nelder_mead(f, z0, nm, on_evaluation);
  }
  report.converged = best.converged;
  report.best_values = values_of(best.x);
  report.parameter_lines = parameter_lines(report.best_values);
  const auto& fit = objective.at(report.best_values);
  const auto& start = objective.at(values_of(z0));
  report.objective_fitted = fit.objective;
  report.objective_start = start.objective;
  report.trajectory_csv = std::move(trajectory);

  // fit.csv and the console table.
  report.fit_csv = "target,kpi,group,observed,simulated_mean,simulated_ci_low,simulated_ci_high,within_tolerance,"
                   "tolerance_low,tolerance_high,start_mean,population_base,year,source\n";
  for (const TargetCheckRow& row : check_targets(fit.results, targets_, fit.population, request_.tolerance)) {
    const CalibrationTarget& t = row.target;
    const engine::ConfidenceInterval& ci = row.model;
    const double start_mean = finite_mean(simulated_values(start.results, t, start.population));
    const bool ok = row.inside;
    report.within += ok ? 1 : 0;
    report.fit_csv += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(t.id), io::csv_field(t.kpi), io::csv_field(t.group),
        io::format_number(t.value), io::format_number(ci.mean), io::format_number(ci.low), io::format_number(ci.high),
        ok ? "true" : "false", io::format_number(row.band_low), io::format_number(row.band_high),
        io::format_number(start_mean), io::csv_field(t.population_base), io::csv_field(t.year), io::csv_field(t.source));
    report.table += fmt::format("  {:<44} {:>10.4g}  sim {:>10.4g} ({:.4g} to {:.4g})  {}{}\n", t.kpi + "[" + t.group + "]",
                                t.value, ci.mean, ci.low, ci.high, ok ? "within" : "OUTSIDE",
                                t.fit ? "" : "  (not fitted)");
  }

  report.calibrated_toml = calibrated_toml(
      report.best_values, results_folder,
      fmt::format("# Calibrated by jeugdsim calibrate ({} {}) on {}\n# scenario: {}\n# targets: {}\n"
                  "# fit: fit.csv in this folder; objective {} after {} evaluations ({} of {} targets within tolerance)\n",
                  kVersion, kGitCommit, now_utc, request_.scenario_file, fmt::join(request_.targets_files, ", "),
                  io::format_number(fit.objective), report.evaluations, report.within, targets_.size()));

  nlohmann::ordered_json prov = io::provenance_header();
  prov["command"] = "calibrate";
  prov["scenario_file"] = request_.scenario_file;
  prov["scenario_files"] = base_.document.files();
  prov["overrides"] = request_.overrides;
  prov["targets_files"] = request_.targets_files;
  prov["seed"] = P.simulation.seed;
  prov["first_replication"] = settings.range.first;
  prov["replications"] = settings.range.count;
  prov["warmup_days"] = warmup;
  prov["horizon_days"] = P.simulation.horizon_days;
  prov["common_random_numbers"] = true;
  prov["objective"] = "sum over the targets to fit (column fit) of ((simulated mean - observed) / half-width of the tolerance band)^2";
  prov["tolerance"] = request_.tolerance;
  prov["method"] = "Nelder-Mead on logistic-transformed parameters (bounds are never left, no clamping)";
  prov["max_evaluations"] = request_.max_evaluations;
  prov["evaluations"] = report.evaluations;
  prov["converged"] = best.converged;
  nlohmann::ordered_json fp = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < free_.size(); ++i) {
    nlohmann::ordered_json j;
    j["key"] = free_[i].key;
    j["low"] = free_[i].low;
    j["high"] = free_[i].high;
    j["start"] = parameter_text(free_[i].start, free_[i]);
    j["fitted"] = report.best_values[i];
    fp.push_back(j);
  }
  prov["free_parameters"] = fp;
  prov["objective_start"] = start.objective;
  prov["objective_fitted"] = fit.objective;
  prov["targets_within_tolerance"] = report.within;
  prov["targets"] = targets_.size();
  report.provenance_json = prov.dump(2) + "\n";
  return report;
}

// calibrated.toml: includes the original and sets the fitted values (and the --set overrides
// the calibration ran with).
std::string CalibrationDriver::calibrated_toml(const std::vector<std::string>& best_values,
                                               const std::filesystem::path& results_folder,
                                               const std::string& header) const {
  const std::filesystem::path original = std::filesystem::absolute(request_.scenario_file).lexically_normal();
  const std::filesystem::path from = std::filesystem::absolute(results_folder).lexically_normal();
  std::string toml = header + "include = \"" + original.lexically_relative(from).generic_string() + "\"\n\n";
  // A key inside an array ("channels.gp.route[2].share") cannot be written as a TOML key, and
  // an include replaces arrays whole: such keys are written as their whole array, taken from
  // the document with every fitted value applied.
  scenario::ScenarioDocument fitted = base_.document;
  {
    scenario::Diagnostics ignored;
    for (std::size_t i = 0; i < free_.size(); ++i) fitted.apply_override(free_[i].key, best_values[i], ignored);
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
  for (const auto& o : request_.overrides) {
    const auto eq = o.find('=');
    const std::string key = o.substr(0, eq);
    if (std::none_of(free_.begin(), free_.end(), [&](const auto& p) { return p.key == key; }))
      write_key(key, o.substr(eq + 1), "--set");
  }
  if (request_.seed) toml += fmt::format("simulation.seed = {}   # --seed\n", *request_.seed);
  for (std::size_t i = 0; i < free_.size(); ++i)
    write_key(free_[i].key, best_values[i],
              fmt::format("fitted in [{}, {}], was {}", io::format_number(free_[i].low), io::format_number(free_[i].high),
                          base_.document.root().at_path(free_[i].key).node() ? parameter_text(free_[i].start, free_[i])
                                                                              : "?"));
  return toml;
}

std::vector<std::string> CalibrationDriver::parameter_lines(const std::vector<std::string>& best_values) const {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < free_.size(); ++i)
    lines.push_back(fmt::format("  {} = {} (was {}, bounds {}..{})", free_[i].key, best_values[i],
                                parameter_text(free_[i].start, free_[i]), io::format_number(free_[i].low),
                                io::format_number(free_[i].high)));
  return lines;
}

void check_scenario_loads(const std::filesystem::path& file) {
  scenario::Diagnostics check;
  if (!scenario::load_care_scenario(file, check))
    throw std::runtime_error("the calibrated scenario does not load:\n" + check.format_all());
}

}  // namespace jeugdsim::experiment
