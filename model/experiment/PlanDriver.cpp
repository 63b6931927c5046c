#include "experiment/PlanDriver.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "care/GroupNames.hpp"
#include "experiment/KpiRegistry.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "experiment/SweepDefinition.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::experiment {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Targets that no staffing can meet: KPIs are counts, durations, shares, costs: never negative,
// and shares never above 1.
void check_can_hold(const PlanTarget& t, const std::string& text, const std::string& option) {
  const KpiInfo* info = find_kpi(t.kpi);
  const bool is_share = info != nullptr && info->kind == KpiKind::share;
  if ((t.direction == TargetDirection::at_most && t.value < 0) ||
      (is_share && t.direction == TargetDirection::at_least && t.value > 1))
    throw PlanInputError(fmt::format("{} \"{}\" can never hold ({} is {}); nothing was run", option, text, t.kpi,
                                     is_share ? "a share between 0 and 1" : "never negative"));
}

}  // namespace

PlanDriver::PlanDriver(const scenario::LoadedScenario& base, PlanRequest request)
    : base_(base), request_(std::move(request)) {
  const care::CareParameters& P = base_.parameters;
  for (const auto& name : request_.teams) {
    auto it = std::find_if(P.teams.begin(), P.teams.end(), [&](const care::Team& t) { return t.name == name; });
    if (it == P.teams.end()) {
      std::vector<std::string> known;
      for (const auto& t : P.teams) known.push_back(t.name);
      throw PlanInputError(fmt::format("--team {}: no such team in {} (teams: {})", name, request_.scenario_file,
                                       joined(known)));
    }
    if (std::find(team_names_.begin(), team_names_.end(), name) != team_names_.end())
      throw PlanInputError(fmt::format("--team {} given twice", name));
    PlanTeam t;
    t.name = name;
    t.scenario_index = static_cast<int>(it - P.teams.begin());
    t.usual_fte_per_worker = it->fte_per_worker;
    t.current = Staffing{it->workers, it->fte_per_worker};
    teams_.push_back(t);
    team_names_.push_back(name);
  }
  // Targets are parsed now; their groups are resolved on the pilot run.
  for (const auto& text : request_.targets) {
    try {
      written_.push_back(parse_plan_target(text));
    } catch (const std::invalid_argument& e) {
      throw PlanInputError(request_.target_option + ": " + e.what());
    }
    check_can_hold(written_.back(), text, request_.target_option);
  }
  settings_.whole_workers = request_.whole_workers;
}

std::vector<std::string> PlanDriver::staffing_overrides(const std::vector<Staffing>& staffing) const {
  std::vector<std::string> o;
  for (std::size_t i = 0; i < team_names_.size(); ++i) {
    o.push_back(override_text("teams." + team_names_[i] + ".workers", std::to_string(staffing[i].workers)));
    o.push_back(override_text("teams." + team_names_[i] + ".fte_per_worker", toml_number(staffing[i].fte_per_worker)));
  }
  return o;
}

std::vector<care::ReplicationResult> PlanDriver::evaluate(const std::vector<Staffing>& staffing) {
  scenario::Diagnostics diags;
  auto loaded = scenario_with_overrides(base_.document, staffing_overrides(staffing), diags);
  if (!loaded) throw InvalidStaffingError(diags.format_all());
  auto result = run_experiment(loaded->parameters, experiment_, warmup_);
  std::string line;
  for (std::size_t i = 0; i < staffing.size(); ++i)
    line += fmt::format("{}{} {}", i ? ", " : "", team_names_[i], staffing_text(staffing[i]));
  note_("plan: ran " + line);
  return std::move(result.output.results);
}

std::vector<PlanTarget> PlanDriver::resolve_targets(const std::vector<care::ReplicationResult>& pilot) const {
  std::set<std::pair<std::string, std::string>> present;
  std::set<std::string> kpi_names;
  for (const auto& r : pilot)
    for (const auto& k : r.kpis) {
      present.insert({k.kpi, k.group});
      kpi_names.insert(k.kpi);
    }
  std::vector<PlanTarget> targets;
  for (const auto& w : written_) {
    if (!kpi_names.count(w.kpi))
      throw PlanInputError(fmt::format("{} \"{}\": unknown KPI {} (KPIs: {})", request_.target_option, w.text, w.kpi,
                                       joined({kpi_names.begin(), kpi_names.end()})));
    if (!w.group.empty()) {
      if (!present.count({w.kpi, w.group})) {
        std::vector<std::string> groups;
        for (const auto& [k, g] : present)
          if (k == w.kpi) groups.push_back(g);
        throw PlanInputError(fmt::format("{} \"{}\": {} has no group {} (groups: {})", request_.target_option, w.text, w.kpi, w.group,
                                         joined(groups)));
      }
      PlanTarget t = w;
      for (std::size_t i = 0; i < teams_.size(); ++i)
        if (t.group == care::team_group(teams_[i].name)) t.team = static_cast<int>(i);
      targets.push_back(t);
      continue;
    }
    // Default group: the team's own group when the KPI exists per team, else "all".
    bool per_team = false;
    for (std::size_t i = 0; i < teams_.size(); ++i)
      if (present.count({w.kpi, care::team_group(teams_[i].name)})) {
        PlanTarget t = w;
        t.group = care::team_group(teams_[i].name);
        t.team = static_cast<int>(i);
        targets.push_back(t);
        per_team = true;
      }
    if (!per_team) {
      if (!present.count({w.kpi, std::string(care::kAllGroup)}))
        throw PlanInputError(fmt::format("{} \"{}\": {} has neither a team:NAME group for the planned teams nor "
                                         "\"all\"; name the group as KPI[GROUP]",
                                         request_.target_option, w.text, w.kpi));
      PlanTarget t = w;
      t.group = care::kAllGroup;
      targets.push_back(t);
    }
  }
  return targets;
}

PlanReport PlanDriver::run(const ExperimentSettings& settings, const std::function<void(const std::string&)>& note,
                           std::optional<std::vector<care::ReplicationResult>> given_pilot) {
  const care::CareParameters& P = base_.parameters;
  experiment_ = settings;
  note_ = note;
  // One warm-up for every staffing level (the scenario's own unless given), so each measures the
  // same period.
  warmup_ = request_.warmup_days ? *request_.warmup_days : resolve_warmup(P, experiment_, nullptr);
  const bool whole = request_.whole_workers;
  if (given_pilot && !whole) throw std::logic_error("PlanDriver::run: a given pilot needs whole_workers");
  auto index_of = [&](const PlanTeam& t, double fte) {
    return whole ? static_cast<long>(std::ceil(fte / t.usual_fte_per_worker - 1e-9))
                 : static_cast<long>(std::ceil(fte / settings_.step - 1e-9));
  };

  // Pilot at the current staffing (on the grid): measures the offered load and tells which KPI
  // groups exist.
  Allocation current;
  for (auto& t : teams_) {
    const double max_fte = request_.max_fte > 0 ? request_.max_fte : request_.max_factor * t.current.fte();
    t.max_index = std::max(1L, whole ? static_cast<long>(std::floor(max_fte / t.usual_fte_per_worker + 1e-9))
                                     : static_cast<long>(std::floor(max_fte / settings_.step + 1e-9)));
    current.push_back(std::clamp(whole ? static_cast<long>(t.current.workers)
                                       : static_cast<long>(std::llround(t.current.fte() / settings_.step)),
                                 1L, t.max_index));
  }
  std::vector<Staffing> current_staffing;
  for (std::size_t i = 0; i < teams_.size(); ++i)
    current_staffing.push_back(whole ? Staffing{static_cast<int>(current[i]), teams_[i].usual_fte_per_worker}
                                     : staffing_for_fte(static_cast<double>(current[i]) * settings_.step,
                                                        teams_[i].usual_fte_per_worker));
  // A given pilot ran the scenario as it is: with whole workers that is the grid point `current`
  // unless the clamp to [1, max] moved it.
  bool pilot_fits = given_pilot.has_value();
  for (std::size_t i = 0; i < teams_.size() && pilot_fits; ++i)
    pilot_fits = current[i] == teams_[i].current.workers;
  auto pilot = pilot_fits ? std::move(*given_pilot) : evaluate(current_staffing);
  const std::vector<PlanTarget> targets = resolve_targets(pilot);

  // First guess per team from an M/M/c model of its offered load.
  nlohmann::ordered_json guesses = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < teams_.size(); ++i) {
    auto& t = teams_[i];
    care::Team as_run = P.teams[static_cast<std::size_t>(t.scenario_index)];
    as_run.fte_per_worker = current_staffing[i].fte_per_worker;
    const auto load = measure_offered_load(pilot, as_run, current_staffing[i].fte(), P.simulation.intake_norm_days);
    double guess = 0;
    std::vector<std::string> from;
    for (const auto& target : targets) {
      if (target.team != static_cast<int>(i) && !(target.team < 0 && teams_.size() == 1)) continue;
      if (auto g = queueing_fte_guess(load, target, t.usual_fte_per_worker)) {
        guess = std::max(guess, *g);
        from.push_back(target.kpi);
      }
    }
    if (!(guess > 0)) guess = current_staffing[i].fte();
    t.guess_index = std::clamp(index_of(t, guess), 1L, t.max_index);
    nlohmann::ordered_json g;
    g["team"] = t.name;
    g["arrivals_per_year"] = load.arrivals_per_day * 365;
    g["slot_days"] = load.slot_days;
    g["slots_per_fte"] = load.slots_per_fte;
    g["employed_share"] = load.employed_share;
    g["offered_caseload"] = load.cases_held;
    g["guess_fte"] = guess;
    g["guess_from"] = from;
    guesses.push_back(g);
    note(fmt::format("plan: {} offered load {:.0f} families a year x {:.0f} days per caseload slot, {:.3g} slots per "
                     "FTE: M/M/c first guess {:.1f} FTE{}",
                     t.name, load.arrivals_per_day * 365, load.slot_days, load.slots_per_fte, guess,
                     from.empty() ? " (no queueing guess for these KPIs: the current staffing)" : ""));
  }

  CapacityPlanner planner(teams_, targets, settings_,
                          [this](const std::vector<Staffing>& s) { return evaluate(s); });
  planner.add_evaluation(current, std::move(pilot));  // same seed and replications as every other level
  const auto outcome = planner.run();

  PlanReport report;
  report.feasible = outcome.feasible;
  report.plan_csv = plan_csv(planner);
  PlanJson pj = plan_json(request_.scenario_id, whole, planner, outcome);
  report.plan_json = std::move(pj.text);
  report.messages = std::move(pj.messages);
  report.evaluations = planner.evaluations().size();

  const ReplicationRange& range = experiment_.range;
  nlohmann::ordered_json prov = io::provenance_header();
  prov["command"] = "plan";
  prov["scenario_file"] = request_.scenario_file;
  prov["scenario_files"] = base_.document.files();
  prov["overrides"] = request_.overrides;
  prov["teams"] = team_names_;
  prov["targets"] = request_.targets;
  prov["seed"] = P.simulation.seed;
  prov["first_replication"] = range.first;
  prov["replications"] = range.count;
  prov["warmup_days"] = warmup_;
  prov["horizon_days"] = P.simulation.horizon_days;
  prov["common_random_numbers"] = true;
  prov["fte_mapping"] = whole ? "whole workers: workers vary, fte_per_worker stays at the scenario's value"
                              : "total FTE F in 0.1 steps: workers = ceil(F / usual fte_per_worker), fte_per_worker = F / workers";
  prov["search"] = teams_.size() == 1
                       ? "M/M/c (Erlang C) first guess from the pilot's offered load; bracket; bisection on the grid; "
                         "every staffing level on the same seed and replications, cached"
                       : "coordinate-wise: each team in turn at its least staffing meeting its own (and joint) targets "
                         "with the others fixed, until a round changes no team; M/M/c first guesses; cached";
  prov["first_guesses"] = guesses;
  prov["max_fte_factor"] = request_.max_fte > 0 ? 0.0 : request_.max_factor;
  prov["max_fte"] = request_.max_fte;
  report.provenance_json = prov.dump(2) + "\n";

  // The answer as a run of its own (the usual outputs contract).
  if (outcome.feasible) {
    Allocation answer_alloc;
    for (const auto& a : outcome.answers) answer_alloc.push_back(a.index);
    const Evaluation& e = planner.evaluate(answer_alloc);
    const std::vector<std::string> staffing = staffing_overrides(e.staffing);
    scenario::Diagnostics diags;
    report.answer_scenario = scenario_with_overrides(base_.document, staffing, diags);
    report.answer_overrides = request_.overrides;
    report.answer_overrides.insert(report.answer_overrides.end(), staffing.begin(), staffing.end());
    report.answer.output.results = e.results;
    report.answer.range = range;
    report.answer.warmup_days = warmup_;
    report.answer.warmup_method = P.simulation.warmup_auto ? "MSER-5" : "fixed";
    report.answer.replication_method = "fixed";
    for (const auto& r : e.results) report.answer.events += r.events;
  }
  return report;
}

}  // namespace jeugdsim::experiment
