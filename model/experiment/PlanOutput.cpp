// plan.csv, plan.json and the console lines of `jeugdsim plan`, from the planner's evaluations.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "experiment/PlanDriver.hpp"
#include "io/CsvFormat.hpp"

namespace jeugdsim::experiment {

namespace {

using Json = nlohmann::ordered_json;

std::string op_text(TargetDirection d) { return d == TargetDirection::at_most ? "<=" : ">="; }

std::string target_label(const PlanTarget& t) {
  return fmt::format("{}[{}] {} {}", t.kpi, t.group, op_text(t.direction), io::format_number(t.value));
}

std::string fte_text(double fte) { return io::format_number(std::round(fte * 1000) / 1000); }

std::string number3(double v) {
  if (!std::isfinite(v)) return "undefined";
  return fmt::format("{:.4g}", v);
}

Json targets_json(const CapacityPlanner& planner) {
  Json tj = Json::array();
  for (const auto& t : planner.targets()) {
    Json j;
    j["target"] = t.text;
    j["kpi"] = t.kpi;
    j["group"] = t.group;
    j["op"] = op_text(t.direction);
    j["value"] = t.value;
    j["team"] = t.team >= 0 ? planner.teams()[static_cast<std::size_t>(t.team)].name : std::string("(joint)");
    tj.push_back(j);
  }
  return tj;
}

// The answer of one team and the binding evidence one step below it; adds the console line.
Json answer_json(const PlanTeam& team, const TeamAnswer& a, const std::vector<PlanTarget>& targets,
                 std::vector<std::string>& messages) {
  Json j;
  j["team"] = team.name;
  j["current_fte"] = team.current.fte();
  j["current_workers"] = team.current.workers;
  j["feasible"] = true;
  j["fte"] = std::round(a.staffing.fte() * 1000) / 1000;
  j["workers"] = a.staffing.workers;
  j["fte_per_worker"] = a.staffing.fte_per_worker;
  std::string msg = fmt::format("{} needs {}", team.name, staffing_text(a.staffing));
  if (a.has_below && a.below_target >= 0) {
    const auto& t = targets[static_cast<std::size_t>(a.below_target)];
    const bool at_most = t.direction == TargetDirection::at_most;
    const bool fails = at_most ? !(a.below_bound <= t.value) : !(a.below_bound >= t.value);
    msg += fmt::format("; at {} FTE the {}[{}] {} bound is {} {} {}", fte_text(a.below.fte()), t.kpi, t.group,
                       at_most ? "upper" : "lower", number3(a.below_bound),
                       fails ? (at_most ? ">" : "<") : "(meets; noise) vs", io::format_number(t.value));
    Json m;
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
  return j;
}

// Every target at the answer: mean, interval, bound and margin.
Json at_answer_json(const Evaluation& e, const std::vector<PlanTarget>& targets) {
  Json at = Json::array();
  for (std::size_t k = 0; k < targets.size(); ++k) {
    Json j;
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
  return at;
}

}  // namespace

std::string staffing_text(const Staffing& s) {
  return fmt::format("{} FTE ({} workers at {})", io::format_number(std::round(s.fte() * 1000) / 1000), s.workers,
                     io::format_number(std::round(s.fte_per_worker * 1000) / 1000));
}

std::string plan_csv(const CapacityPlanner& planner) {
  struct Row {
    std::size_t team, target;
    double fte;
    std::string line;
  };
  const auto& teams = planner.teams();
  const auto& targets = planner.targets();
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
  return csv;
}

PlanJson plan_json(const std::string& scenario_id, bool whole_workers, CapacityPlanner& planner,
                   const PlanOutcome& outcome) {
  const auto& teams = planner.teams();
  const auto& targets = planner.targets();
  Json pj;
  pj["scenario"] = scenario_id;
  pj["feasible"] = outcome.feasible;
  pj["confidence"] = "one-sided 95% bound of the mean over replications (Student t)";
  pj["grid"] = whole_workers ? "whole workers" : "0.1 FTE";
  pj["targets"] = targets_json(planner);
  PlanJson out;
  Json aj = Json::array();
  if (outcome.feasible) {
    Allocation answer_alloc;
    for (std::size_t i = 0; i < teams.size(); ++i) {
      answer_alloc.push_back(outcome.answers[i].index);
      aj.push_back(answer_json(teams[i], outcome.answers[i], targets, out.messages));
    }
    pj["answers"] = aj;
    pj["at_answer"] = at_answer_json(planner.evaluate(answer_alloc), targets);
  } else {
    // Infeasible: name the team and the target that still fails at the maximum.
    for (std::size_t i = 0; i < teams.size(); ++i) {
      const auto& a = outcome.answers[i];
      if (a.feasible || a.below_target < 0) continue;
      const auto& t = targets[static_cast<std::size_t>(a.below_target)];
      out.messages.push_back(fmt::format("{}: even at {} (the maximum searched) {} fails: its {} bound is {}; "
                                         "the target cannot be met by adding staff to this team",
                                         teams[i].name, staffing_text(a.staffing), target_label(t),
                                         t.direction == TargetDirection::at_most ? "upper" : "lower",
                                         number3(a.below_bound)));
      Json j;
      j["team"] = teams[i].name;
      j["max_fte"] = a.staffing.fte();
      j["failing_target"] = t.text;
      j["bound"] = a.below_bound;
      aj.push_back(j);
    }
    pj["infeasible"] = aj;
    pj["message"] = outcome.message;
  }
  pj["messages"] = out.messages;
  pj["evaluations"] = planner.evaluations().size();
  pj["rounds"] = outcome.rounds;
  pj["converged"] = outcome.converged;
  out.text = pj.dump(2) + "\n";
  return out;
}

}  // namespace jeugdsim::experiment
