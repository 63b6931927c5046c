#pragma once
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiment/CapacityPlan.hpp"
#include "experiment/Experiment.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::experiment {

// The driver of `jeugdsim plan`: checks the request against the scenario, runs the pilot at the
// current staffing, resolves the targets' groups, makes the M/M/c first guesses, runs the
// CapacityPlanner with every staffing level on the same seed and replications (cached), and
// assembles plan.csv, plan.json and provenance.json. The command only parses, calls and prints.

// Bad input (exit code 2): a team or target the scenario cannot answer. what() is the message
// after "plan: ".
class PlanInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A staffing level the search reached does not give a valid scenario (a failure while running,
// exit code 1). diagnostics() holds the scenario's errors, one per line.
class InvalidStaffingError : public std::runtime_error {
 public:
  explicit InvalidStaffingError(std::string diagnostics)
      : std::runtime_error("a staffing level does not give a valid scenario"), diagnostics_(std::move(diagnostics)) {}
  const std::string& diagnostics() const { return diagnostics_; }

 private:
  std::string diagnostics_;
};

struct PlanRequest {
  std::string scenario_file;  // as given (provenance)
  std::string scenario_id;
  std::vector<std::string> teams;
  std::vector<std::string> targets;    // as written: "KPI <= VALUE", ...
  bool whole_workers = false;
  double max_fte = 0;                  // 0: max_factor x the current FTE of each team
  double max_factor = 10;
  std::vector<std::string> overrides;  // the --set overrides the scenario was loaded with
  // How the caller spells the targets' option, for messages (compare --equal-service).
  std::string target_option = "--target";
  // The warm-up of every staffing level; nullopt: the scenario's own (fixed or MSER-5). compare
  // --equal-service gives every design the same one.
  std::optional<double> warmup_days;
};

// What the plan found, ready to write and print.
struct PlanReport {
  bool feasible = false;
  std::string plan_csv, plan_json, provenance_json;
  std::vector<std::string> messages;   // one line per team (the answer or why there is none)
  std::size_t evaluations = 0;         // staffing levels run
  // The answer as a usual run (when feasible): the scenario at the answer's staffing, the
  // overrides that give it (--set ones first), and its replications.
  std::optional<scenario::LoadedScenario> answer_scenario;
  std::vector<std::string> answer_overrides;
  ExperimentResult answer;
};

class PlanDriver {
 public:
  // Checks the teams and the targets' syntax and range (a share above 1, a negative bound);
  // throws PlanInputError. `base` must outlive the driver.
  PlanDriver(const scenario::LoadedScenario& base, PlanRequest request);

  // Runs the plan with `settings` (a fixed replication range, at least 2). `note` receives
  // progress lines ("plan: ran ..."). Throws PlanInputError for a target whose KPI or group the
  // pilot does not produce, InvalidStaffingError when a staffing level is no valid scenario.
  // `pilot`: the replications already run at the scenario's own staffing on `settings` (and the
  // same warm-up), used instead of running the pilot again; only with whole_workers, where the
  // pilot's grid point is exactly the scenario's staffing.
  PlanReport run(const ExperimentSettings& settings, const std::function<void(const std::string&)>& note,
                 std::optional<std::vector<care::ReplicationResult>> pilot = std::nullopt);

 private:
  std::vector<care::ReplicationResult> evaluate(const std::vector<Staffing>& staffing);
  std::vector<PlanTarget> resolve_targets(const std::vector<care::ReplicationResult>& pilot) const;
  std::vector<std::string> staffing_overrides(const std::vector<Staffing>& staffing) const;

  const scenario::LoadedScenario& base_;
  PlanRequest request_;
  std::vector<PlanTeam> teams_;
  std::vector<std::string> team_names_;
  std::vector<PlanTarget> written_;
  PlanSettings settings_;
  ExperimentSettings experiment_;
  double warmup_ = 0;
  std::function<void(const std::string&)> note_;
};

// ---- Output assembly (PlanOutput.cpp) ------------------------------------------------------

// plan.csv: the curve of each target KPI against each team's FTE, sorted by team, target, FTE.
std::string plan_csv(const CapacityPlanner& planner);

struct PlanJson {
  std::string text;                   // plan.json
  std::vector<std::string> messages;  // the console lines, one per team
};
PlanJson plan_json(const std::string& scenario_id, bool whole_workers, CapacityPlanner& planner,
                   const PlanOutcome& outcome);

// "21.6 FTE (27 workers at 0.8)"
std::string staffing_text(const Staffing& s);

}  // namespace jeugdsim::experiment
