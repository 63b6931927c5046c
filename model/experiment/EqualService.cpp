#include "experiment/EqualService.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "care/GroupNames.hpp"
#include "experiment/Comparison.hpp"
#include "experiment/QueueTrend.hpp"
#include "experiment/Summary.hpp"
#include "io/CsvFormat.hpp"

namespace jeugdsim::experiment {

namespace {

constexpr const char* kOption = "--equal-service";

std::string joined(const std::vector<std::string>& names, const char* sep = ", ") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : sep) + n;
  return out;
}

std::vector<std::string> team_names(const care::CareParameters& P) {
  std::vector<std::string> names;
  for (const auto& t : P.teams) names.push_back(t.name);
  return names;
}

bool has_intake(const std::vector<care::ReplicationResult>& pilot, const std::string& team) {
  for (double v : kpi_values(pilot, "queue_joins_per_year", care::team_group(team)))
    if (std::isfinite(v) && v > 0) return true;
  return false;
}

double rounded(double v) { return std::round(v * 1000) / 1000; }
std::string fte_text(double fte) { return io::format_number(rounded(fte)); }

engine::ConfidenceInterval interval_of(const std::vector<double>& values) {
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty()) {
    engine::ConfidenceInterval ci;
    ci.mean = ci.low = ci.high = ci.half_width = std::nan("");
    ci.n = 0;
    return ci;
  }
  return engine::t_confidence_interval(finite);
}

const std::vector<care::ReplicationResult>& results_of(const SizedDesign& d) { return d.plan.answer.output.results; }

const TeamStaffing* find_team(const SizedDesign& d, const std::string& name) {
  for (const auto& t : d.teams)
    if (t.team == name) return &t;
  return nullptr;
}

std::string signed_millions(double eur) { return fmt::format("{:+.2f}", eur / 1e6); }

}  // namespace

double SizedDesign::fte() const {
  double sum = 0;
  for (const auto& t : teams) sum += t.staffing.fte();
  return sum;
}

int SizedDesign::workers() const {
  int sum = 0;
  for (const auto& t : teams) sum += t.staffing.workers;
  return sum;
}

void check_equal_service_request(const std::vector<EqualServiceDesign>& designs, const EqualServiceRequest& request) {
  if (designs.empty()) throw PlanInputError("--equal-service: no scenarios to compare");
  if (request.targets.empty())
    throw PlanInputError("--equal-service needs a target, e.g. --equal-service \"intake_wait_days_p90 <= 28\"");
  // The planner's own checks of the targets' text and range (no teams: nothing is run).
  PlanRequest r;
  r.scenario_file = designs[0].file;
  r.targets = request.targets;
  r.target_option = kOption;
  PlanDriver check(*designs[0].scenario, r);
  if (request.size_teams.empty()) return;
  std::set<std::string> seen;
  for (const auto& name : request.size_teams) {
    if (!seen.insert(name).second) throw PlanInputError(fmt::format("--size-teams: {} given twice", name));
    bool somewhere = false;
    for (const auto& d : designs) {
      const auto names = team_names(d.scenario->parameters);
      somewhere = somewhere || std::find(names.begin(), names.end(), name) != names.end();
    }
    if (!somewhere) {
      std::set<std::string> all;
      for (const auto& d : designs)
        for (const auto& n : team_names(d.scenario->parameters)) all.insert(n);
      throw PlanInputError(fmt::format("--size-teams: no scenario has a team {} (teams: {})", name,
                                       joined({all.begin(), all.end()})));
    }
  }
  for (const auto& d : designs) {
    const auto names = team_names(d.scenario->parameters);
    const bool any = std::any_of(names.begin(), names.end(), [&](const std::string& n) { return seen.count(n) > 0; });
    if (!any)
      throw PlanInputError(fmt::format("--size-teams: {} has none of the teams {} (its teams: {}); every design "
                                       "needs a team to size",
                                       d.file, joined(request.size_teams), joined(names)));
  }
}

SizedDesign size_design(const EqualServiceDesign& design, const EqualServiceRequest& request,
                        const ExperimentSettings& settings, const std::function<void(const std::string&)>& note) {
  const care::CareParameters& P = design.scenario->parameters;
  const auto t0 = std::chrono::steady_clock::now();
  auto tagged = [&](const std::string& line) { note(design.id + ": " + line); };
  // The pilot at the scenario's own staffing: it tells which teams have intake, and the planner
  // starts from it (its first grid point) instead of running it again.
  ExperimentResult pilot = run_experiment(P, settings, request.warmup_days);
  tagged("ran the scenario's own staffing (the planner's pilot)");

  std::vector<std::string> sized;
  for (const auto& t : P.teams) {
    const bool named = std::find(request.size_teams.begin(), request.size_teams.end(), t.name) != request.size_teams.end();
    if (request.size_teams.empty() ? has_intake(pilot.output.results, t.name) : named) sized.push_back(t.name);
  }
  if (sized.empty())
    throw PlanInputError(fmt::format("{}: no team has intake in the scenario's own run; nothing to size", design.id));

  PlanRequest r;
  r.scenario_file = design.file;
  r.scenario_id = design.id;
  r.teams = sized;
  r.targets = request.targets;
  r.whole_workers = true;
  r.overrides = design.overrides;
  r.target_option = kOption;
  r.warmup_days = request.warmup_days;
  SizedDesign out;
  out.id = design.id;
  try {
    PlanDriver driver(*design.scenario, r);
    out.plan = driver.run(settings, tagged, std::move(pilot.output.results));
  } catch (const PlanInputError& e) {
    throw PlanInputError(design.id + ": " + e.what());
  }
  out.plan.answer.warmup_method = "longest of the compared scenarios";
  for (std::size_t i = 0; i < P.teams.size(); ++i) {
    TeamStaffing t;
    t.team = P.teams[i].name;
    t.sized = std::find(sized.begin(), sized.end(), t.team) != sized.end();
    t.in_file = Staffing{P.teams[i].workers, P.teams[i].fte_per_worker};
    t.staffing = t.in_file;
    if (out.plan.answer_scenario) {
      const care::Team& a = out.plan.answer_scenario->parameters.teams[i];
      t.staffing = Staffing{a.workers, a.fte_per_worker};
    }
    out.teams.push_back(t);
  }
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::string equal_service_csv(const std::vector<SizedDesign>& designs) {
  std::string csv =
      "scenario,team,sized,workers,fte_per_worker,fte,file_workers,file_fte,fte_diff,cost_eur_per_year_mean,"
      "cost_ci_low,cost_ci_high,cost_diff_mean,cost_diff_ci_low,cost_diff_ci_high,n\n";
  if (designs.empty()) return csv;
  const SizedDesign& ref = designs[0];
  auto row = [&](const SizedDesign& d, const std::string& team, const std::string& sized, int workers, double per_worker,
                 double fte, int file_workers, double file_fte, double fte_diff, const std::string& group) {
    const auto values = kpi_values(results_of(d), "cost_eur_per_year", group);
    const auto ci = interval_of(values);
    engine::ConfidenceInterval diff;
    diff.mean = diff.low = diff.high = std::nan("");
    // The first design's own difference stays NaN (as in comparison.csv); a team the first
    // design lacks has no partner to pair with.
    if (&d != &ref) {
      const auto ref_values = kpi_values(results_of(ref), "cost_eur_per_year", group);
      bool any = false;
      for (double v : ref_values) any = any || std::isfinite(v);
      if (any) diff = paired_difference(ref_values, values);
    }
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(d.id), io::csv_field(team),
                       sized, workers, io::format_number(per_worker), fte_text(fte), file_workers, fte_text(file_fte),
                       std::isfinite(fte_diff) ? fte_text(fte_diff) : io::format_number(fte_diff),
                       io::format_number(ci.mean), io::format_number(ci.low), io::format_number(ci.high),
                       io::format_number(diff.mean), io::format_number(diff.low), io::format_number(diff.high), ci.n);
  };
  for (const auto& d : designs) {
    int file_workers = 0;
    double file_fte = 0;
    for (const auto& t : d.teams) {
      const TeamStaffing* partner = &d == &ref ? nullptr : find_team(ref, t.team);
      const double diff = partner ? t.staffing.fte() - partner->staffing.fte() : std::nan("");
      row(d, t.team, t.sized ? "true" : "false", t.staffing.workers, t.staffing.fte_per_worker, t.staffing.fte(),
          t.in_file.workers, t.in_file.fte(), diff, care::team_group(t.team));
      file_workers += t.in_file.workers;
      file_fte += t.in_file.fte();
    }
    const double diff = &d == &ref ? std::nan("") : d.fte() - ref.fte();
    // The total row's cost is the whole yearly cost (teams and providers), the teams' rows
    // their staff cost.
    row(d, "total", "", d.workers(), std::nan(""), d.fte(), file_workers, file_fte, diff, "total");
  }
  return csv;
}

std::vector<std::string> equal_service_sentences(const std::vector<SizedDesign>& designs,
                                                 const std::vector<std::string>& targets) {
  std::vector<std::string> out;
  if (designs.empty()) return out;
  const SizedDesign& ref = designs[0];
  const std::string goal = joined(targets, " and ");
  for (std::size_t s = 1; s < designs.size(); ++s) {
    const SizedDesign& d = designs[s];
    const double dfte = rounded(d.fte() - ref.fte());
    std::string staff;
    if (dfte == 0)
      staff = fmt::format("needs as many FTE as {} ({} FTE)", ref.id, fte_text(d.fte()));
    else
      staff = fmt::format("needs {} {} FTE than {} ({} vs {})", fte_text(std::abs(dfte)), dfte > 0 ? "more" : "fewer",
                          ref.id, fte_text(d.fte()), fte_text(ref.fte()));
    const auto diff = paired_difference(kpi_values(results_of(ref), "cost_eur_per_year", "total"),
                                        kpi_values(results_of(d), "cost_eur_per_year", "total"));
    std::string cost;
    if (!std::isfinite(diff.mean))
      cost = "its cost difference is undefined";
    else
      cost = fmt::format("costs EUR {:.2f} million {} a year (95% interval of the difference {} to {} million{})",
                         std::abs(diff.mean) / 1e6, diff.mean >= 0 ? "more" : "less", signed_millions(diff.low),
                         signed_millions(diff.high), diff.low <= 0 && diff.high >= 0 ? ": not clearly different" : "");
    out.push_back(fmt::format("to reach {} the {} design {} and {}", goal, d.id, staff, cost));
  }
  for (const auto& d : designs) {
    std::vector<std::string> parts;
    for (const auto& t : d.teams)
      parts.push_back(fmt::format("{} {} workers at {} = {} FTE{}", t.team, t.staffing.workers,
                                  io::format_number(rounded(t.staffing.fte_per_worker)), fte_text(t.staffing.fte()),
                                  t.sized ? fmt::format(" (in the file {})", t.in_file.workers) : " (not sized)"));
    out.push_back(fmt::format("  {}: {}; total {} FTE", d.id, joined(parts, ", "), fte_text(d.fte())));
  }
  return out;
}

std::vector<std::string> equal_service_queue_lines(const std::vector<SizedDesign>& designs) {
  std::vector<std::string> out;
  for (const auto& d : designs) {
    // Only feasible designs are compared, and they have the answer's scenario.
    if (!d.plan.answer_scenario) continue;
    std::string line = describe_queue_stability(d.id, queue_trends(results_of(d)),
                                                d.plan.answer_scenario->parameters.simulation.horizon_days);
    if (!line.empty()) out.push_back(std::move(line));
  }
  return out;
}

}  // namespace jeugdsim::experiment
