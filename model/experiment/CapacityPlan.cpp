#include "experiment/CapacityPlan.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "care/GroupNames.hpp"
#include "care/WorkActivity.hpp"
#include "experiment/Summary.hpp"
#include "experiment/Trim.hpp"

namespace jeugdsim::experiment {

namespace {

double mean_of(const std::vector<care::ReplicationResult>& results, const std::string& kpi, const std::string& group) {
  double sum = 0;
  int n = 0;
  for (double v : kpi_values(results, kpi, group))
    if (std::isfinite(v)) {
      sum += v;
      ++n;
    }
  return n > 0 ? sum / n : std::nan("");
}

}  // namespace

PlanTarget parse_plan_target(std::string_view text) {
  const std::string usage = "expected \"KPI <= VALUE\" or \"KPI >= VALUE\" (KPI[GROUP], KPI@GROUP or KPI:GROUP to name the group), "
                            "e.g. \"intake_wait_days_p90 <= 28\"; got \"" + std::string(text) + "\"";
  PlanTarget t;
  t.text = trim(text);
  std::size_t op = text.find("<=");
  t.direction = TargetDirection::at_most;
  if (op == std::string_view::npos) {
    op = text.find(">=");
    t.direction = TargetDirection::at_least;
  }
  if (op == std::string_view::npos) throw std::invalid_argument(usage);
  std::string lhs = trim(text.substr(0, op));
  const std::string rhs = trim(text.substr(op + 2));
  if (lhs.empty() || rhs.empty()) throw std::invalid_argument(usage);
  if (const auto at = lhs.find('@'); at != std::string::npos) {
    t.kpi = trim(lhs.substr(0, at));
    t.group = trim(lhs.substr(at + 1));
    if (t.group.empty()) throw std::invalid_argument(usage);
  } else if (const auto br = lhs.find('['); br != std::string::npos) {
    if (lhs.back() != ']') throw std::invalid_argument(usage);
    t.kpi = trim(lhs.substr(0, br));
    t.group = trim(lhs.substr(br + 1, lhs.size() - br - 2));
    if (t.group.empty()) throw std::invalid_argument(usage);
  } else if (const auto colon = lhs.find(':'); colon != std::string::npos) {
    // KPI:GROUP, as --precision-kpi spells it; a KPI name has no colon, a group may ("team:x").
    t.kpi = trim(lhs.substr(0, colon));
    t.group = trim(lhs.substr(colon + 1));
    if (t.group.empty()) throw std::invalid_argument(usage);
  } else {
    t.kpi = lhs;
  }
  if (t.kpi.empty()) throw std::invalid_argument(usage);
  for (char c : t.kpi)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) throw std::invalid_argument(usage);
  std::size_t used = 0;
  try {
    t.value = std::stod(rhs, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != rhs.size() || !std::isfinite(t.value))
    throw std::invalid_argument("the value of target \"" + std::string(text) + "\" is not a number");
  return t;
}

TargetCheck check_target(const std::vector<double>& values, const PlanTarget& target) {
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  TargetCheck c;
  if (finite.size() < 2) {
    c.ci.mean = finite.empty() ? std::nan("") : finite[0];
    c.ci.low = c.ci.high = c.bound = std::nan("");
    c.ci.n = finite.size();
    c.meets = false;
    return c;
  }
  c.ci = engine::t_confidence_interval(finite, 0.95);
  // The one-sided 95% bound is the matching end of the two-sided 90% interval.
  const auto ci90 = engine::t_confidence_interval(finite, 0.90);
  const double half = std::isfinite(ci90.half_width) ? ci90.half_width : 0.0;
  if (target.direction == TargetDirection::at_most) {
    c.bound = ci90.mean + half;
    c.meets = c.bound <= target.value;
  } else {
    c.bound = ci90.mean - half;
    c.meets = c.bound >= target.value;
  }
  return c;
}

Staffing staffing_for_fte(double fte, double usual_fte_per_worker) {
  Staffing s;
  s.workers = std::max(1, static_cast<int>(std::ceil(fte / usual_fte_per_worker - 1e-9)));
  s.fte_per_worker = fte / s.workers;
  return s;
}

double erlang_c_wait_probability(double lambda, double mu, int c) {
  const double a = lambda / mu;
  if (c <= 0 || a >= c) return 1.0;
  double b = 1.0;  // Erlang B with 0 servers
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1.0 - b));
}

double erlang_c_mean_wait(double lambda, double mu, int c) {
  if (lambda / mu >= c) return std::numeric_limits<double>::infinity();
  return erlang_c_wait_probability(lambda, mu, c) / (c * mu - lambda);
}

double erlang_c_wait_quantile(double lambda, double mu, int c, double p) {
  if (lambda / mu >= c) return std::numeric_limits<double>::infinity();
  const double pw = erlang_c_wait_probability(lambda, mu, c);
  if (pw <= 1.0 - p) return 0.0;
  return std::log(pw / (1.0 - p)) / (c * mu - lambda);
}

OfferedLoad measure_offered_load(const std::vector<care::ReplicationResult>& pilot, const care::Team& team,
                                 double nominal_fte, double intake_norm_days) {
  const std::string g = care::team_group(team.name);
  OfferedLoad load;
  load.intake_norm_days = intake_norm_days;
  load.arrivals_per_day = mean_of(pilot, "queue_joins_per_year", g) / 365.0;
  const double intakes_per_day = mean_of(pilot, "intakes_per_year", g) / 365.0;
  const double employed_fte = mean_of(pilot, "fte_employed_mean", g);
  load.employed_share = nominal_fte > 0 && std::isfinite(employed_fte) ? std::clamp(employed_fte / nominal_fte, 0.05, 1.0) : 1.0;
  const double per_worker = mean_of(pilot, "caseload_per_worker_mean", g);
  const double workers_present = employed_fte / team.fte_per_worker;
  const double held = std::isfinite(per_worker) && std::isfinite(workers_present) ? per_worker * workers_present : 0.0;
  load.slot_days = intakes_per_day > 0 ? held / intakes_per_day : 0.0;
  load.cases_held = load.arrivals_per_day * load.slot_days;
  // Servers per FTE: whole slots per post under the cap rule, fewer if the hours rule binds.
  const double cap_slots = std::floor(team.caseload_cap_per_fte * team.fte_per_worker + 1e-9) / team.fte_per_worker;
  double hours_per_case = 0;
  for (const char* a : care::kWorkActivityNames) {
    const double h = mean_of(pilot, std::string("hours_per_week_") + a, g);
    if (std::isfinite(h)) hours_per_case += h;
  }
  hours_per_case = held > 0 ? hours_per_case / held : 0.0;
  const double hour_slots =
      hours_per_case > 0 ? team.available_hours_per_week(1.0) / hours_per_case : 0.0;
  switch (team.accept_rule) {
    case care::AcceptRule::cap: load.slots_per_fte = cap_slots; break;
    case care::AcceptRule::hours: load.slots_per_fte = hour_slots; break;
    case care::AcceptRule::cap_and_hours:
      load.slots_per_fte = hour_slots > 0 ? std::min(cap_slots, hour_slots) : cap_slots;
      break;
    case care::AcceptRule::none: load.slots_per_fte = 0; break;
  }
  return load;
}

std::optional<double> queueing_fte_guess(const OfferedLoad& load, const PlanTarget& target,
                                         double usual_fte_per_worker) {
  if (!(load.arrivals_per_day > 0) || !(load.slot_days > 0)) return std::nullopt;
  const double lambda = load.arrivals_per_day, mu = 1.0 / load.slot_days;
  const bool at_most = target.direction == TargetDirection::at_most;
  if (target.kpi == "caseload_per_fte_mean" && at_most && target.value > 0)
    return load.cases_held / (target.value * load.employed_share);
  if (target.kpi == "caseload_per_worker_mean" && at_most && target.value > 0)
    return std::ceil(load.cases_held / (target.value * load.employed_share)) * usual_fte_per_worker;
  if (!(load.slots_per_fte > 0)) return std::nullopt;
  std::function<bool(int)> ok;
  if (target.kpi == "intake_wait_days_mean" && at_most)
    ok = [&](int c) { return erlang_c_mean_wait(lambda, mu, c) <= target.value; };
  else if (target.kpi == "intake_wait_days_p50" && at_most)
    ok = [&](int c) { return erlang_c_wait_quantile(lambda, mu, c, 0.5) <= target.value; };
  else if (target.kpi == "intake_wait_days_p90" && at_most)
    ok = [&](int c) { return erlang_c_wait_quantile(lambda, mu, c, 0.9) <= target.value; };
  else if (target.kpi == "intake_wait_within_norm_share" && !at_most && target.value < 1)
    ok = [&](int c) { return erlang_c_wait_quantile(lambda, mu, c, target.value) <= load.intake_norm_days; };
  else
    return std::nullopt;
  int c = std::max(1, static_cast<int>(std::floor(lambda / mu)) + 1);
  while (!ok(c)) {
    if (c > 10'000'000) return std::nullopt;
    c += std::max(1, c / 200);
  }
  return c / (load.slots_per_fte * load.employed_share);
}

CapacityPlanner::CapacityPlanner(std::vector<PlanTeam> teams, std::vector<PlanTarget> targets, PlanSettings settings,
                                 Evaluate evaluate)
    : teams_(std::move(teams)), targets_(std::move(targets)), settings_(settings), evaluate_(std::move(evaluate)) {}

Staffing CapacityPlanner::staffing_of(std::size_t team, long index) const {
  const PlanTeam& t = teams_[team];
  if (settings_.whole_workers) return Staffing{static_cast<int>(index), t.usual_fte_per_worker};
  return staffing_for_fte(static_cast<double>(index) * settings_.step, t.usual_fte_per_worker);
}

const Evaluation& CapacityPlanner::evaluate(const Allocation& allocation) {
  if (const auto it = cache_.find(allocation); it != cache_.end()) return evaluations_[it->second];
  std::vector<Staffing> staffing;
  for (std::size_t i = 0; i < teams_.size(); ++i) staffing.push_back(staffing_of(i, allocation[i]));
  return add_evaluation(allocation, evaluate_(staffing));
}

const Evaluation& CapacityPlanner::add_evaluation(const Allocation& allocation,
                                                  std::vector<care::ReplicationResult> results) {
  if (const auto it = cache_.find(allocation); it != cache_.end()) return evaluations_[it->second];
  Evaluation e;
  e.allocation = allocation;
  for (std::size_t i = 0; i < teams_.size(); ++i) e.staffing.push_back(staffing_of(i, allocation[i]));
  e.results = std::move(results);
  for (const auto& t : targets_) e.checks.push_back(check_target(kpi_values(e.results, t.kpi, t.group), t));
  cache_.emplace(allocation, evaluations_.size());
  evaluations_.push_back(std::move(e));
  return evaluations_.back();
}

bool CapacityPlanner::feasible_for(std::size_t team, const Evaluation& e) const {
  for (std::size_t k = 0; k < targets_.size(); ++k)
    if ((targets_[k].team == static_cast<int>(team) || targets_[k].team < 0) && !e.checks[k].meets) return false;
  return true;
}

std::optional<long> CapacityPlanner::least_index(std::size_t team, Allocation allocation) {
  const long max = teams_[team].max_index;
  auto feasible = [&](long k) {
    allocation[team] = k;
    return feasible_for(team, evaluate(allocation));
  };
  const long guess = std::clamp(allocation[team], 1L, max);
  long lo = 0, hi = -1;  // lo: infeasible (0 = no staff, never evaluated); hi: feasible
  if (feasible(guess))
    hi = guess;
  else
    lo = guess;
  long step = std::max(1L, guess / 8);
  while (hi < 0) {  // up until feasible
    if (lo >= max) return std::nullopt;
    const long k = std::min(max, lo + step);
    if (feasible(k))
      hi = k;
    else {
      lo = k;
      step *= 2;
    }
  }
  while (lo == 0 && hi > 1) {  // down until infeasible
    const long k = std::max(1L, hi - step);
    if (feasible(k)) {
      hi = k;
      step *= 2;
    } else {
      lo = k;
    }
  }
  while (hi - lo > 1) {  // bisection on the grid
    const long mid = lo + (hi - lo) / 2;
    if (feasible(mid))
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

PlanOutcome CapacityPlanner::run() {
  PlanOutcome out;
  Allocation allocation;
  for (const auto& t : teams_) allocation.push_back(std::clamp(t.guess_index, 1L, t.max_index));
  out.answers.resize(teams_.size());
  for (int round = 1; round <= settings_.max_rounds; ++round) {
    bool changed = false;
    for (std::size_t i = 0; i < teams_.size(); ++i) {
      const auto k = least_index(i, allocation);
      if (!k) {
        // Evidence at the maximum: the worst-failing target there.
        Allocation at_max = allocation;
        at_max[i] = teams_[i].max_index;
        const Evaluation& e = evaluate(at_max);
        TeamAnswer& a = out.answers[i];
        a.feasible = false;
        a.index = teams_[i].max_index;
        a.staffing = e.staffing[i];
        double worst = -std::numeric_limits<double>::infinity();
        for (std::size_t t = 0; t < targets_.size(); ++t) {
          if (!(targets_[t].team == static_cast<int>(i) || targets_[t].team < 0) || e.checks[t].meets) continue;
          const double v = std::isfinite(e.checks[t].bound) ? std::abs(e.checks[t].bound - targets_[t].value)
                                                            : std::numeric_limits<double>::infinity();
          if (v > worst) {
            worst = v;
            a.below_target = static_cast<int>(t);
            a.below_bound = e.checks[t].bound;
          }
        }
        out.feasible = false;
        out.rounds = round;
        out.message = "team " + teams_[i].name + ": no staffing up to the maximum meets every target";
        return out;
      }
      if (*k != allocation[i]) changed = true;
      allocation[i] = *k;
    }
    out.rounds = round;
    if (!changed || teams_.size() == 1) {
      out.converged = true;
      break;
    }
  }
  out.feasible = true;
  for (std::size_t i = 0; i < teams_.size(); ++i) {
    TeamAnswer& a = out.answers[i];
    a.feasible = true;
    a.index = allocation[i];
    a.staffing = staffing_of(i, allocation[i]);
    if (allocation[i] > 1) {
      Allocation below = allocation;
      --below[i];
      const Evaluation& e = evaluate(below);
      a.has_below = true;
      a.below = e.staffing[i];
      double worst = -std::numeric_limits<double>::infinity();
      for (std::size_t t = 0; t < targets_.size(); ++t) {
        if (!(targets_[t].team == static_cast<int>(i) || targets_[t].team < 0)) continue;
        const auto& c = e.checks[t];
        double excess;
        if (!std::isfinite(c.bound))
          excess = std::numeric_limits<double>::infinity();
        else
          excess = (targets_[t].direction == TargetDirection::at_most ? c.bound - targets_[t].value
                                                                      : targets_[t].value - c.bound) /
                   std::max(1e-12, std::abs(targets_[t].value));
        if (excess > worst) {
          worst = excess;
          a.below_target = static_cast<int>(t);
          a.below_bound = c.bound;
        }
      }
    }
  }
  // The answer itself must have been evaluated (it was, during the search); make sure.
  evaluate(allocation);
  return out;
}

}  // namespace jeugdsim::experiment
