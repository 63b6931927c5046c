#pragma once
#include <cstdint>
#include <functional>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"

namespace jeugdsim::experiment {

// Capacity planning (`jeugdsim plan`): the least FTE per team for which every service-level
// target holds with 95% confidence. Decisions use the one-sided 95% confidence bound of the KPI
// over replications (the upper bound for "<=" targets, the lower for ">="), so "meets" means
// "meets, and the replications leave at most a 5% chance that the true mean does not".

enum class TargetDirection : std::uint8_t { at_most, at_least };

struct PlanTarget {
  std::string kpi;
  std::string group;  // empty until resolved: "team:NAME" when the KPI exists for the team, else "all"
  TargetDirection direction = TargetDirection::at_most;
  double value = 0;
  std::string text;   // as written on the command line
  int team = -1;      // index of the planned team the target belongs to (-1: a joint target)
};

// Parses "KPI <= VALUE" or "KPI >= VALUE" (spaces optional); the KPI may name its group as
// KPI[GROUP], KPI@GROUP or KPI:GROUP, e.g. "intake_wait_days_p90[team:jeugd] <= 28". Throws
// std::invalid_argument with a message that says what was expected.
PlanTarget parse_plan_target(std::string_view text);

// One target at one staffing level.
struct TargetCheck {
  engine::ConfidenceInterval ci;  // two-sided 95% interval (for plan.csv)
  double bound = 0;               // one-sided 95% bound in the direction of the target
  bool meets = false;             // false when the KPI is undefined in fewer than 2 replications
};
TargetCheck check_target(const std::vector<double>& values, const PlanTarget& target);

// A team's size as the scenario states it.
struct Staffing {
  int workers = 0;
  double fte_per_worker = 1;
  double fte() const { return workers * fte_per_worker; }
};

// Total FTE F as posts of at most the team's usual part-time factor: workers = ceil(F / usual),
// fte_per_worker = F / workers. So 21.6 FTE at a usual 0.8 is 27 workers at 0.8, and 21.5 FTE is
// 27 workers at 0.7963: the number of posts moves in whole steps, the hours per post absorb the
// rest, and total FTE (which drives capacity and cost) moves in exact 0.1 steps.
Staffing staffing_for_fte(double fte, double usual_fte_per_worker);

// ---- Queueing-theory first guess (M/M/c, Erlang C) ----------------------------------------

// Probability that an arrival waits in an M/M/c queue (Erlang C), computed through the stable
// Erlang B recursion; 1 when lambda >= c * mu.
double erlang_c_wait_probability(double lambda, double mu, int c);
// Mean wait in queue; +inf when unstable.
double erlang_c_mean_wait(double lambda, double mu, int c);
// The p-quantile of the wait in queue: P(Wq > t) = C * exp(-(c mu - lambda) t).
double erlang_c_wait_quantile(double lambda, double mu, int c, double p);

// The team's offered load, measured on a pilot run: families joining the intake queue per day,
// the mean time a case holds a caseload slot (Little's law: cases held / intakes per day), and
// how many slots one FTE offers (the caseload cap per FTE, or fewer when the hours rule binds
// first), corrected for vacant posts.
struct OfferedLoad {
  double arrivals_per_day = 0;
  double slot_days = 0;         // mean time a case holds a slot
  double slots_per_fte = 0;     // effective servers per FTE (0: unknown)
  double employed_share = 1;    // employed FTE / nominal FTE (vacancies)
  double cases_held = 0;        // offered caseload: arrivals_per_day * slot_days
  double intake_norm_days = 28;
};
OfferedLoad measure_offered_load(const std::vector<care::ReplicationResult>& pilot, const care::Team& team,
                                 double nominal_fte, double intake_norm_days);

// The least FTE an M/M/c model of the team says meets the target (servers = slots), or nullopt
// for a KPI the approximation does not cover (anything but the intake-wait KPIs and caseload
// per FTE or per worker).
std::optional<double> queueing_fte_guess(const OfferedLoad& load, const PlanTarget& target,
                                         double usual_fte_per_worker);

// ---- The search -------------------------------------------------------------------------------

struct PlanTeam {
  std::string name;
  int scenario_index = -1;      // index in CareParameters::teams
  double usual_fte_per_worker = 1;
  Staffing current;
  long guess_index = 0;         // first guess on the grid (FTE steps or workers)
  long max_index = 0;           // give up above this (default 10x the current)
};

struct PlanSettings {
  bool whole_workers = false;   // vary workers only, at the usual FTE per worker
  double step = 0.1;            // FTE grid otherwise
  int max_rounds = 8;           // coordinate-wise rounds over teams
};

// A staffing of every planned team, in team order, and the replications it produced.
using Allocation = std::vector<long>;
using Evaluate = std::function<std::vector<care::ReplicationResult>(const std::vector<Staffing>&)>;

struct Evaluation {
  Allocation allocation;
  std::vector<Staffing> staffing;
  std::vector<care::ReplicationResult> results;
  std::vector<TargetCheck> checks;  // parallel to the targets
};

struct TeamAnswer {
  bool feasible = false;
  long index = 0;
  Staffing staffing;
  // The binding evidence one grid step below the answer (when there is one): the worst-failing
  // target there, with its bound.
  bool has_below = false;
  Staffing below;
  int below_target = -1;
  double below_bound = 0;
};

struct PlanOutcome {
  bool feasible = false;
  std::vector<TeamAnswer> answers;
  int rounds = 0;
  bool converged = false;
  std::string message;  // why not feasible
};

class CapacityPlanner {
 public:
  CapacityPlanner(std::vector<PlanTeam> teams, std::vector<PlanTarget> targets, PlanSettings settings, Evaluate evaluate);

  // Single team: bracket around the first guess, then bisect on the grid. Several teams:
  // coordinate-wise: each team in turn gets the least staffing that meets its own targets (and
  // the joint ones) with the others fixed, round after round until no team changes.
  PlanOutcome run();

  Staffing staffing_of(std::size_t team, long index) const;
  const std::vector<PlanTarget>& targets() const { return targets_; }
  const std::vector<PlanTeam>& teams() const { return teams_; }
  // Every evaluated allocation (cache), in the order of first evaluation.
  const std::deque<Evaluation>& evaluations() const { return evaluations_; }
  const Evaluation& evaluate(const Allocation& allocation);
  // Adds results already run for `allocation` (a pilot) to the cache.
  const Evaluation& add_evaluation(const Allocation& allocation, std::vector<care::ReplicationResult> results);

 private:
  bool feasible_for(std::size_t team, const Evaluation& e) const;
  // The least index of `team` meeting its targets with the others as in `allocation`; nullopt
  // when even max_index fails.
  std::optional<long> least_index(std::size_t team, Allocation allocation);

  std::vector<PlanTeam> teams_;
  std::vector<PlanTarget> targets_;
  PlanSettings settings_;
  Evaluate evaluate_;
  std::deque<Evaluation> evaluations_;  // stable references
  std::map<Allocation, std::size_t> cache_;
};

}  // namespace jeugdsim::experiment
