#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"
#include "experiment/CapacityPlan.hpp"
#include "experiment/Experiment.hpp"
#include "experiment/PlanDriver.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::experiment {

// `compare --equal-service`: designs compared the way a council chooses between them. Each
// design's teams are sized with the capacity planner (PlanDriver, whole posts at the team's FTE
// per worker in the scenario) to the same targets, on the same seed, replications and warm-up
// (common random numbers); the designs are then compared at that staffing. The results at the
// answer are the planner's own (cached) replications: nothing is run twice.

struct EqualServiceDesign {
  std::string id;
  std::string file;                        // as given (provenance)
  const scenario::LoadedScenario* scenario = nullptr;
  std::vector<std::string> overrides;      // the --set overrides it was loaded with
};

struct EqualServiceRequest {
  std::vector<std::string> targets;     // as written: "KPI <= VALUE", ...
  std::vector<std::string> size_teams;  // empty: every team that has intake (queue joins) in the pilot
  double warmup_days = 0;               // the one warm-up of every design and staffing level
};

// Parses the targets and checks that --size-teams names a team of some design and that every
// design has one; nothing runs. Throws PlanInputError (message after "compare: ").
void check_equal_service_request(const std::vector<EqualServiceDesign>& designs, const EqualServiceRequest& request);

// One team of a design: as the scenario states it, and at equal service.
struct TeamStaffing {
  std::string team;
  bool sized = false;
  Staffing in_file;
  Staffing staffing;  // the planner's answer when sized, else as in the file
};

struct SizedDesign {
  std::string id;
  std::vector<TeamStaffing> teams;  // every team of the scenario, in scenario order
  PlanReport plan;                  // plan.csv/json/provenance, messages and the answer's run
  double wall_seconds = 0;
  double fte() const;
  int workers() const;
};

// Sizes one design: runs the pilot at the scenario's staffing (which also tells the teams with
// intake), then the planner from there with whole workers. `settings` must be a fixed range of
// at least 2 replications. Throws PlanInputError (message names the design) and
// InvalidStaffingError.
SizedDesign size_design(const EqualServiceDesign& design, const EqualServiceRequest& request,
                        const ExperimentSettings& settings, const std::function<void(const std::string&)>& note);

// equal-service.csv: per design one row per team and a "total" row: workers, FTE, the paired
// cost per year at equal service and the differences with the first design (see README).
std::string equal_service_csv(const std::vector<SizedDesign>& designs);

// The console's lead: one plain sentence per design after the first ("to reach T the X design
// needs N more FTE than Y (A vs B) and costs EUR M million more a year (95% interval ...)"),
// then one line per design on the staffing; for a single design, its staffing.
std::vector<std::string> equal_service_sentences(const std::vector<SizedDesign>& designs,
                                                 const std::vector<std::string>& targets);

// One line per design on its waiting lists at the sized staffing (describe_queue_stability).
std::vector<std::string> equal_service_queue_lines(const std::vector<SizedDesign>& designs);

}  // namespace jeugdsim::experiment
