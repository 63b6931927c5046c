#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiment/Comparison.hpp"
#include "experiment/QueueTrend.hpp"
#include "experiment/Summary.hpp"

// The embedding API: run or compare scenarios given as TOML text, for a host that is not the
// command line (the Python module; later the what-if page). It only wires together what the CLI
// uses (scenario loading, experiment::scenario_with_overrides, run_experiment, summarize,
// compare_scenarios, queue_trends, the io:: CSV writers), so a host gets the same numbers as
// `jeugdsim run` and `jeugdsim compare` for the same scenario, seed and replications. Nothing
// is printed and no files are written.
namespace jeugdsim::api {

// One problem with the input, as the CLI would print it: file, line (0 when none applies, e.g.
// an override), full dotted key and message (with what is allowed, when known).
struct Error {
  std::string scenario;  // in compare: the id of the scenario it belongs to; else empty
  std::string file;
  std::size_t line = 0;
  std::string key;
  std::string message;
  std::string allowed;   // what would have been accepted, when known
  std::string format() const;  // "[scenario: ]file:line: key: message (allowed: ...)"
};

// Thrown on invalid input (scenario text, override, replication count); what() holds every
// error formatted, one per line.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Error> errors);
  const std::vector<Error>& errors() const noexcept { return list; }

 private:
  std::vector<Error> list;
};

// A scenario given as text. `name` is what messages and locations call it (and, without a
// .toml ending, the scenario id in the CSV tables); includes are resolved relative to `base_dir`.
struct ScenarioText {
  std::string text;
  std::filesystem::path base_dir = ".";
  std::string name = "scenario";
};

// Reads a scenario file into a ScenarioText (its folder as base_dir, its stem as id). Throws
// ScenarioError when it cannot be read.
ScenarioText scenario_from_file(const std::filesystem::path& file);

struct RunOptions {
  std::vector<std::string> overrides;        // "KEY=VALUE" as for --set; in compare also "ID:KEY=VALUE"
  std::optional<std::uint64_t> seed;         // default: the (first) scenario's [simulation] seed
  std::optional<std::uint32_t> replications; // 0..N-1; default: the (first) scenario's count
  unsigned threads = 0;                      // 0: every core; results do not depend on it
};

// The reproducibility essentials of provenance.json.
struct Provenance {
  std::string version;
  std::string git_commit;
  std::string scenario_id;
  std::string scenario_name;
  std::uint64_t seed = 0;
  std::uint32_t first_replication = 0;
  std::uint32_t replications = 0;
  double warmup_days = 0;
  std::string warmup_method;
  double horizon_days = 0;
  std::vector<std::string> overrides;
  std::uint64_t events = 0;
  std::string resolved_toml;  // the scenario with includes and overrides resolved
};

// One scenario's results: the rows, and the same tables as the CSV files of the outputs
// contract (written by the same functions, so byte-identical to a results folder's files).
struct ScenarioResult {
  std::string id;
  std::vector<experiment::SummaryRow> summary;
  std::vector<experiment::QueueTrend> queue_trends;
  std::string kpis_csv;          // kpis.csv: scenario, replication, kpi, group, value
  std::string summary_csv;       // summary.csv: kpi, group, mean, ci_low, ci_high, n
  std::string queue_trends_csv;  // queue-trends.csv
  Provenance provenance;
};

struct CompareResult {
  std::vector<ScenarioResult> scenarios;  // in the order given; the first is the reference
  std::vector<experiment::ComparisonRow> comparison;
  std::string comparison_csv;  // comparison.csv
};

// Runs one scenario as `jeugdsim run FILE --seed S -r N --set ...` does. Throws ScenarioError.
ScenarioResult run(const ScenarioText& scenario, const RunOptions& options);

// Runs the scenarios on common random numbers (the first scenario's seed unless options.seed)
// and one warm-up (the longest asked for), as `jeugdsim compare` does with a fixed replication
// count, and adds the paired differences with the first. Scenario ids are the names' stems, a
// repeated one primed. Every scenario's errors are collected before throwing ScenarioError.
CompareResult compare(const std::vector<ScenarioText>& scenarios, const RunOptions& options);

// What `jeugdsim plan FILE --team T... --target "KPI <= V"... [--whole-workers] [--max-fte X]` asks.
struct PlanRequest {
  std::vector<std::string> teams;
  std::vector<std::string> targets;  // "KPI <= VALUE" or "KPI >= VALUE", optionally KPI[GROUP]
  bool whole_workers = false;
  double max_fte = 0;                // 0: ten times each team's current FTE
};

struct PlanResult {
  bool feasible = false;
  std::size_t evaluations = 0;        // staffing levels run
  std::vector<std::string> messages;  // one line per team: the answer or why there is none
  std::string plan_csv;               // plan.csv
  std::string plan_json;              // plan.json
  std::vector<std::string> answer_overrides;  // the overrides that give the answer's staffing
  std::optional<ScenarioResult> answer;       // the answer's results (when feasible)
};

// The least FTE per team for which every target holds with 95% confidence, as `jeugdsim plan`
// does (experiment::PlanDriver) with a fixed replication count (at least 2). Throws
// ScenarioError for invalid input (scenario, override, team or target).
PlanResult plan(const ScenarioText& scenario, const PlanRequest& request, const RunOptions& options);

}  // namespace jeugdsim::api
