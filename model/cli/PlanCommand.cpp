// `jeugdsim plan`: the least FTE per team that meets service-level targets with 95% confidence.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/ExperimentOutput.hpp"
#include "cli/ScenarioOptions.hpp"
#include "experiment/CapacityPlan.hpp"
#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::cli {

namespace {

using experiment::PlanTarget;
using experiment::Staffing;
using experiment::TargetDirection;

struct PlanArgs {
  std::string file;
  std::vector<std::string> teams;
  std::vector<std::string> targets;
  bool whole_workers = false;
  double max_fte = 0;       // 0: 10x the current FTE of each team
  double max_factor = 10;
  std::string out;
  ScenarioOptions common;
};

std::string op_text(TargetDirection d) { return d == TargetDirection::at_most ? "<=" : ">="; }

std::string target_label(const PlanTarget& t) { return fmt::format("{}[{}] {} {}", t.kpi, t.group, op_text(t.direction), io::format_number(t.value)); }

std::string staffing_text(const Staffing& s) {
  return fmt::format("{} FTE ({} workers at {})", io::format_number(std::round(s.fte() * 1000) / 1000), s.workers,
                     io::format_number(std::round(s.fte_per_worker * 1000) / 1000));
}

std::string fte_text(double fte) { return io::format_number(std::round(fte * 1000) / 1000); }

std::string number3(double v) {
  if (!std::isfinite(v)) return "undefined";
  return fmt::format("{:.4g}", v);
}

// Overrides that give each planned team its staffing.
std::vector<std::pair<std::string, std::string>> staffing_overrides(const std::vector<std::string>& teams,
                                                                    const std::vector<Staffing>& staffing) {
  std::vector<std::pair<std::string, std::string>> o;
  for (std::size_t i = 0; i < teams.size(); ++i) {
    o.emplace_back("teams." + teams[i] + ".workers", std::to_string(staffing[i].workers));
    o.emplace_back("teams." + teams[i] + ".fte_per_worker", experiment::toml_number(staffing[i].fte_per_worker));
  }
  return o;
}

std::optional<scenario::LoadedScenario> with_staffing(const scenario::LoadedScenario& base,
                                                      const std::vector<std::string>& teams,
                                                      const std::vector<Staffing>& staffing) {
  scenario::Diagnostics diags;
  scenario::ScenarioDocument doc = base.document;
  for (const auto& [key, value] : staffing_overrides(teams, staffing)) doc.apply_override(key, value, diags);
  std::optional<care::CareParameters> params;
  if (diags.ok()) params = scenario::read_care_parameters(doc, diags);
  if (!params) {
    std::fputs(diags.format_all().c_str(), stderr);
    return std::nullopt;
  }
  return scenario::LoadedScenario{std::move(doc), std::move(*params)};
}

int plan(const PlanArgs& args) {
  if (args.common.replications == "auto")
    throw CLI::ValidationError("--replications", "plan needs a fixed number of replications (the same at every FTE)");
  auto base = load_with_overrides(args.file, args.common);
  if (!base) return kExitBadInput;
  const auto& P = base->parameters;
  const std::string id = scenario_id_of(args.file);
  const auto range = parse_replications(args.common.replications, P.simulation.replications);
  if (range.count < 2) {
    std::fprintf(stderr, "plan: needs at least 2 replications for a confidence bound (got %u)\n", range.count);
    return kExitBadInput;
  }

  // Teams.
  std::vector<experiment::PlanTeam> teams;
  for (const auto& name : args.teams) {
    auto it = std::find_if(P.teams.begin(), P.teams.end(), [&](const care::Team& t) { return t.name == name; });
    if (it == P.teams.end()) {
      std::string known;
      for (const auto& t : P.teams) known += (known.empty() ? "" : ", ") + t.name;
      std::fprintf(stderr, "plan: --team %s: no such team in %s (teams: %s)\n", name.c_str(), args.file.c_str(),
                   known.c_str());
      return kExitBadInput;
    }
    if (std::any_of(teams.begin(), teams.end(), [&](const auto& t) { return t.name == name; })) {
      std::fprintf(stderr, "plan: --team %s given twice\n", name.c_str());
      return kExitBadInput;
    }
    experiment::PlanTeam t;
    t.name = name;
    t.scenario_index = static_cast<int>(it - P.teams.begin());
    t.usual_fte_per_worker = it->fte_per_worker;
    t.current = Staffing{it->workers, it->fte_per_worker};
    teams.push_back(t);
  }
  std::vector<std::string> team_names;
  for (const auto& t : teams) team_names.push_back(t.name);

  // Targets (parsed now; groups resolved on the pilot run).
  std::vector<PlanTarget> written;
  for (const auto& text : args.targets) {
    try {
      written.push_back(experiment::parse_plan_target(text));
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "plan: --target: %s\n", e.what());
      return kExitBadInput;
    }
    const auto& t = written.back();
    // KPIs are counts, durations, shares: never negative, shares never above 1.
    const bool is_share = t.kpi.find("share") != std::string::npos;
    if ((t.direction == TargetDirection::at_most && t.value < 0) ||
        (is_share && t.direction == TargetDirection::at_least && t.value > 1)) {
      std::fprintf(stderr, "plan: --target \"%s\" can never hold (%s is %s); nothing was run\n", text.c_str(),
                   t.kpi.c_str(), is_share ? "a share between 0 and 1" : "never negative");
      return kExitBadInput;
    }
  }

  experiment::PlanSettings settings;
  settings.whole_workers = args.whole_workers;
  const std::filesystem::path out = results_folder(args.out, "outputs/runs", "plan-" + id);
  io::AtomicDirectory folder(out);
  const auto t0 = std::chrono::steady_clock::now();

  experiment::ExperimentSettings xs = make_settings(args.common, P, id);
  xs.range = range;
  xs.on_progress = nullptr;
  // One warm-up for every staffing level (the scenario's own), so each measures the same period.
  const double warmup = experiment::resolve_warmup(P, xs, nullptr);
  std::uint64_t events = 0;
  auto evaluate = [&](const std::vector<Staffing>& staffing) {
    auto loaded = with_staffing(*base, team_names, staffing);
    if (!loaded) throw std::runtime_error("a staffing level does not give a valid scenario");
    auto result = experiment::run_experiment(loaded->parameters, xs, warmup);
    events += result.events;
    if (!args.common.quiet) {
      std::string line;
      for (std::size_t i = 0; i < staffing.size(); ++i)
        line += fmt::format("{}{} {}", i ? ", " : "", team_names[i], staffing_text(staffing[i]));
      std::fprintf(stderr, "plan: ran %s\n", line.c_str());
    }
    return std::move(result.output.results);
  };
  auto index_of = [&](const experiment::PlanTeam& t, double fte) {
    return args.whole_workers ? static_cast<long>(std::ceil(fte / t.usual_fte_per_worker - 1e-9))
                              : static_cast<long>(std::ceil(fte / settings.step - 1e-9));
  };

  // Pilot at the current staffing (on the grid): measures the offered load and tells which KPI
  // groups exist.
  experiment::Allocation current;
  for (auto& t : teams) {
    const double max_fte = args.max_fte > 0 ? args.max_fte : args.max_factor * t.current.fte();
    t.max_index = std::max(1L, args.whole_workers ? static_cast<long>(std::floor(max_fte / t.usual_fte_per_worker + 1e-9))
                                                  : static_cast<long>(std::floor(max_fte / settings.step + 1e-9)));
    current.push_back(std::clamp(args.whole_workers ? static_cast<long>(t.current.workers)
                                                    : static_cast<long>(std::llround(t.current.fte() / settings.step)),
                                 1L, t.max_index));
  }
  std::vector<Staffing> current_staffing;
  for (std::size_t i = 0; i < teams.size(); ++i)
    current_staffing.push_back(args.whole_workers ? Staffing{static_cast<int>(current[i]), teams[i].usual_fte_per_worker}
                                                  : experiment::staffing_for_fte(static_cast<double>(current[i]) * settings.step,
                                                                                 teams[i].usual_fte_per_worker));
  auto pilot = evaluate(current_staffing);

  std::set<std::pair<std::string, std::string>> present;
  std::set<std::string> kpi_names;
  for (const auto& r : pilot)
    for (const auto& k : r.kpis) {
      present.insert({k.kpi, k.group});
      kpi_names.insert(k.kpi);
    }
  std::vector<PlanTarget> targets;
  for (const auto& w : written) {
    if (!kpi_names.count(w.kpi)) {
      std::string known;
      for (const auto& k : kpi_names) known += (known.empty() ? "" : ", ") + k;
      std::fprintf(stderr, "plan: --target \"%s\": unknown KPI %s (KPIs: %s)\n", w.text.c_str(), w.kpi.c_str(), known.c_str());
      return kExitBadInput;
    }
    if (!w.group.empty()) {
      if (!present.count({w.kpi, w.group})) {
        std::string groups;
        for (const auto& [k, g] : present)
          if (k == w.kpi) groups += (groups.empty() ? "" : ", ") + g;
        std::fprintf(stderr, "plan: --target \"%s\": %s has no group %s (groups: %s)\n", w.text.c_str(), w.kpi.c_str(),
                     w.group.c_str(), groups.c_str());
        return kExitBadInput;
      }
      PlanTarget t = w;
      for (std::size_t i = 0; i < teams.size(); ++i)
        if (t.group == "team:" + teams[i].name) t.team = static_cast<int>(i);
      targets.push_back(t);
      continue;
    }
    // Default group: the team's own group when the KPI exists per team, else "all".
    bool per_team = false;
    for (std::size_t i = 0; i < teams.size(); ++i)
      if (present.count({w.kpi, "team:" + teams[i].name})) {
        PlanTarget t = w;
        t.group = "team:" + teams[i].name;
        t.team = static_cast<int>(i);
        targets.push_back(t);
        per_team = true;
      }
    if (!per_team) {
      if (!present.count({w.kpi, "all"})) {
        std::fprintf(stderr, "plan: --target \"%s\": %s has neither a team:NAME group for the planned teams nor \"all\"; "
                             "name the group as KPI[GROUP]\n", w.text.c_str(), w.kpi.c_str());
        return kExitBadInput;
      }
      PlanTarget t = w;
      t.group = "all";
      targets.push_back(t);
    }
  }

  // First guess per team from an M/M/c model of its offered load.
  nlohmann::ordered_json guesses = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < teams.size(); ++i) {
    auto& t = teams[i];
    const care::Team& team = P.teams[static_cast<std::size_t>(t.scenario_index)];
    care::Team as_run = team;
    as_run.fte_per_worker = current_staffing[i].fte_per_worker;
    const auto load = experiment::measure_offered_load(pilot, as_run, current_staffing[i].fte(), P.simulation.intake_norm_days);
    double guess = 0;
    std::vector<std::string> from;
    for (const auto& target : targets) {
      if (target.team != static_cast<int>(i) && !(target.team < 0 && teams.size() == 1)) continue;
      if (auto g = experiment::queueing_fte_guess(load, target, t.usual_fte_per_worker)) {
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
    if (!args.common.quiet)
      std::fprintf(stderr,
                   "plan: %s offered load %.0f families a year x %.0f days per caseload slot, %.3g slots per FTE: "
                   "M/M/c first guess %.1f FTE%s\n",
                   t.name.c_str(), load.arrivals_per_day * 365, load.slot_days, load.slots_per_fte, guess,
                   from.empty() ? " (no queueing guess for these KPIs: the current staffing)" : "");
  }

  experiment::CapacityPlanner planner(teams, targets, settings, evaluate);
  planner.add_evaluation(current, std::move(pilot));  // same seed and replications as every other level
  const auto outcome = planner.run();

  // plan.csv: the curve of each target KPI against each team's FTE.
  struct Row {
    std::size_t team, target;
    double fte;
    std::string line;
  };
  std::vector<Row> rows;
  for (const auto& e : planner.evaluations()) {
    std::string alloc;
    for (std::size_t i = 0; i < teams.size(); ++i)
      alloc += fmt::format("{}{}={}", i ? ";" : "", teams[i].name, fte_text(e.staffing[i].fte()));
    for (std::size_t k = 0; k < targets.size(); ++k) {
      const auto& t = targets[k];
      const auto& c = e.checks[k];
      for (std::size_t i = 0; i < teams.size(); ++i) {
        if (t.team >= 0 && t.team != static_cast<int>(i)) continue;
        rows.push_back({i, k, e.staffing[i].fte(),
                        fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(teams[i].name),
                                    fte_text(e.staffing[i].fte()), e.staffing[i].workers, io::csv_field(t.kpi),
                                    io::csv_field(t.group), io::format_number(c.ci.mean), io::format_number(c.ci.low),
                                    io::format_number(c.ci.high), io::format_number(c.bound), io::format_number(t.value),
                                    c.meets ? "true" : "false", op_text(t.direction),
                                    io::format_number(e.staffing[i].fte_per_worker), io::csv_field(alloc), c.ci.n)});
      }
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.team != b.team) return a.team < b.team;
    if (a.target != b.target) return a.target < b.target;
    if (a.fte != b.fte) return a.fte < b.fte;
    return a.line < b.line;
  });
  std::string csv = "team,fte,workers,kpi,group,mean,ci_low,ci_high,bound,target,meets,op,fte_per_worker,allocation,n\n";
  for (const auto& r : rows) csv += r.line;
  io::write_text_file(folder.path() / "plan.csv", csv);

  // Console and plan.json.
  nlohmann::ordered_json pj;
  pj["scenario"] = id;
  pj["feasible"] = outcome.feasible;
  pj["confidence"] = "one-sided 95% bound of the mean over replications (Student t)";
  pj["grid"] = args.whole_workers ? "whole workers" : "0.1 FTE";
  nlohmann::ordered_json tj = nlohmann::ordered_json::array();
  for (const auto& t : targets) {
    nlohmann::ordered_json j;
    j["target"] = t.text;
    j["kpi"] = t.kpi;
    j["group"] = t.group;
    j["op"] = op_text(t.direction);
    j["value"] = t.value;
    j["team"] = t.team >= 0 ? teams[static_cast<std::size_t>(t.team)].name : std::string("(joint)");
    tj.push_back(j);
  }
  pj["targets"] = tj;
  std::vector<std::string> messages;
  nlohmann::ordered_json aj = nlohmann::ordered_json::array();
  experiment::Allocation answer_alloc;
  for (std::size_t i = 0; i < teams.size(); ++i) {
    const auto& a = outcome.answers[i];
    answer_alloc.push_back(a.index);
    nlohmann::ordered_json j;
    j["team"] = teams[i].name;
    j["current_fte"] = teams[i].current.fte();
    j["current_workers"] = teams[i].current.workers;
    if (!outcome.feasible) {
      if (a.below_target >= 0 || a.index > 0) {
        j["feasible"] = a.feasible;
      }
      continue;
    }
    j["feasible"] = true;
    j["fte"] = std::round(a.staffing.fte() * 1000) / 1000;
    j["workers"] = a.staffing.workers;
    j["fte_per_worker"] = a.staffing.fte_per_worker;
    std::string msg = fmt::format("{} needs {}", teams[i].name, staffing_text(a.staffing));
    if (a.has_below && a.below_target >= 0) {
      const auto& t = targets[static_cast<std::size_t>(a.below_target)];
      const bool fails = t.direction == TargetDirection::at_most ? !(a.below_bound <= t.value) : !(a.below_bound >= t.value);
      msg += fmt::format("; at {} FTE the {}[{}] {} bound is {} {} {}", fte_text(a.below.fte()), t.kpi, t.group,
                         t.direction == TargetDirection::at_most ? "upper" : "lower", number3(a.below_bound),
                         fails ? (t.direction == TargetDirection::at_most ? ">" : "<") : "(meets; noise) vs",
                         io::format_number(t.value));
      nlohmann::ordered_json m;
      m["fte"] = a.below.fte();
      m["workers"] = a.below.workers;
      m["binding_target"] = t.text;
      m["kpi"] = t.kpi;
      m["group"] = t.group;
      m["bound"] = a.below_bound;
      m["target"] = t.value;
      j["one_step_below"] = m;
    } else {
      msg += "; the smallest step already meets every target";
    }
    messages.push_back(msg);
    aj.push_back(j);
  }
  if (outcome.feasible) {
    pj["answers"] = aj;
    const auto& e = planner.evaluate(answer_alloc);
    nlohmann::ordered_json at = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < targets.size(); ++k) {
      nlohmann::ordered_json j;
      j["target"] = targets[k].text;
      j["group"] = targets[k].group;
      j["mean"] = e.checks[k].ci.mean;
      j["ci_low"] = e.checks[k].ci.low;
      j["ci_high"] = e.checks[k].ci.high;
      j["bound"] = e.checks[k].bound;
      j["meets"] = e.checks[k].meets;
      j["margin"] = targets[k].direction == TargetDirection::at_most ? targets[k].value - e.checks[k].bound
                                                                      : e.checks[k].bound - targets[k].value;
      at.push_back(j);
    }
    pj["at_answer"] = at;
  } else {
    // Infeasible: name the team and the target that still fails at the maximum.
    for (std::size_t i = 0; i < teams.size(); ++i) {
      const auto& a = outcome.answers[i];
      if (a.feasible || a.below_target < 0) continue;
      const auto& t = targets[static_cast<std::size_t>(a.below_target)];
      messages.push_back(fmt::format("{}: even at {} (the maximum searched) {} fails: its {} bound is {}; "
                                     "the target cannot be met by adding staff to this team",
                                     teams[i].name, staffing_text(a.staffing), target_label(t),
                                     t.direction == TargetDirection::at_most ? "upper" : "lower", number3(a.below_bound)));
      nlohmann::ordered_json j;
      j["team"] = teams[i].name;
      j["max_fte"] = a.staffing.fte();
      j["failing_target"] = t.text;
      j["bound"] = a.below_bound;
      aj.push_back(j);
    }
    pj["infeasible"] = aj;
    pj["message"] = outcome.message;
  }
  pj["messages"] = messages;
  pj["evaluations"] = planner.evaluations().size();
  pj["rounds"] = outcome.rounds;
  pj["converged"] = outcome.converged;
  io::write_text_file(folder.path() / "plan.json", pj.dump(2) + "\n");

  nlohmann::ordered_json prov = io::provenance_header();
  prov["command"] = "plan";
  prov["scenario_file"] = args.file;
  prov["scenario_files"] = base->document.files();
  prov["overrides"] = args.common.overrides;
  prov["teams"] = team_names;
  prov["targets"] = args.targets;
  prov["seed"] = P.simulation.seed;
  prov["first_replication"] = range.first;
  prov["replications"] = range.count;
  prov["warmup_days"] = warmup;
  prov["horizon_days"] = P.simulation.horizon_days;
  prov["common_random_numbers"] = true;
  prov["fte_mapping"] = args.whole_workers
                            ? "whole workers: workers vary, fte_per_worker stays at the scenario's value"
                            : "total FTE F in 0.1 steps: workers = ceil(F / usual fte_per_worker), fte_per_worker = F / workers";
  prov["search"] = teams.size() == 1
                       ? "M/M/c (Erlang C) first guess from the pilot's offered load; bracket; bisection on the grid; "
                         "every staffing level on the same seed and replications, cached"
                       : "coordinate-wise: each team in turn at its least staffing meeting its own (and joint) targets "
                         "with the others fixed, until a round changes no team; M/M/c first guesses; cached";
  prov["first_guesses"] = guesses;
  prov["max_fte_factor"] = args.max_fte > 0 ? 0.0 : args.max_factor;
  prov["max_fte"] = args.max_fte;
  io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");

  // The answer's own results folder (the usual outputs contract).
  if (outcome.feasible) {
    const auto& e = planner.evaluate(answer_alloc);
    auto loaded = with_staffing(*base, team_names, e.staffing);
    if (loaded) {
      ScenarioOptions options = args.common;
      for (const auto& [k, v] : staffing_overrides(team_names, e.staffing)) options.overrides.push_back(k + "=" + v);
      experiment::ExperimentResult result;
      result.output.results = e.results;
      result.range = range;
      result.warmup_days = warmup;
      result.warmup_method = P.simulation.warmup_auto ? "MSER-5" : "fixed";
      result.replication_method = "fixed";
      for (const auto& r : e.results) result.events += r.events;
      ExperimentContext context;
      context.scenario_id = id;
      context.command_line = "jeugdsim plan " + args.file;
      context.started_utc = utc_now();
      context.threads = args.common.threads == 0 ? experiment::default_thread_count() : args.common.threads;
      std::filesystem::create_directory(folder.path() / "answer");
      write_experiment_folder(folder.path() / "answer", *loaded, options, xs, result, context);
    }
  }
  folder.commit();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("plan for %s: %zu staffing levels x %u replications on common random numbers (seed %llu) in %.1f s\n",
              id.c_str(), planner.evaluations().size(), range.count,
              static_cast<unsigned long long>(P.simulation.seed), wall);
  for (const auto& m : messages) std::printf("%s\n", m.c_str());
  std::printf("results: %s (plan.csv, plan.json)\n", folder.target().string().c_str());
  return outcome.feasible ? kExitOk : kExitFailure;
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "plan", "Capacity planning: the least FTE per team for which every target holds with 95% confidence");
  auto args = std::make_shared<PlanArgs>();
  cmd->add_option("file", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("--team", args->teams, "Team to size (repeatable; several teams are sized jointly)")->required();
  cmd->add_option("--target", args->targets,
                  "\"KPI <= VALUE\" or \"KPI >= VALUE\" (repeatable). Group: KPI[GROUP] or KPI@GROUP; default the "
                  "team's group team:NAME when the KPI exists per team, else all")
      ->required();
  cmd->add_flag("--whole-workers", args->whole_workers,
                "Vary whole workers at the scenario's FTE per worker (default: total FTE in 0.1 steps)");
  cmd->add_option("--max-fte", args->max_fte, "Give up above this FTE per team (default: 10x the current)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out,-o", args->out, "Results folder to create (default: outputs/runs/plan-SCENARIO-TIME)");
  args->common.add_to(*cmd);
  cmd->callback([args, &exit_code]() { exit_code = plan(*args); });
}

}  // namespace jeugdsim::cli
